"""The SEPA credit transfer Koers sends the bank (pain.001.001.03, written by sepaxml and
validated against its XSD). What the bank sends back is read in bankberichten.py."""

import xml.etree.ElementTree as ET
from decimal import Decimal

from sepaxml import SepaTransfer
from sepaxml.validation import try_valid_xml

from . import betalingskenmerk
from .constants import SEPA_NAAM, SEPA_OMSCHRIJVING, KenmerkSoort
from .geld import sepa_tekst

SCHEMA = "pain.001.001.03"
_NS = f"urn:iso:std:iso:20022:tech:xsd:{SCHEMA}"


def _centen(bedrag: Decimal) -> int:
    centen = bedrag * 100
    if centen != centen.to_integral_value():
        raise ValueError("bedrag met meer dan twee decimalen")
    return int(centen)


def pain001_maken(*, batch, instelling, regels, voortgang=None) -> tuple[str, str]:
    """(message id, XML) for the batch. `voortgang(procent)` is called along the way."""
    # Betaalvereniging IG SCT 6.0, 1.8 and 2.79: a name is at most 70 characters; sepa_tekst
    # cuts it there without leaving a space at the end.
    config = {
        "name": sepa_tekst(instelling.rekeninghouder, SEPA_NAAM),
        "IBAN": instelling.iban,
        # sepaxml's "batch" puts all payments in one PmtInf; the booking indicator it writes
        # with it is set from the Betaalinstelling below.
        "batch": True,
        "currency": "EUR",
    }
    if instelling.bic:
        config["BIC"] = instelling.bic
    overboeking = SepaTransfer(config, schema=SCHEMA, clean=False)
    kenmerken: dict[str, str] = {}
    stap = max(1, len(regels) // 20)
    for nummer, regel in enumerate(regels, start=1):
        betaling = {
            "name": sepa_tekst(regel.crediteur, SEPA_NAAM) or "Onbekend",
            "IBAN": regel.iban,
            "amount": _centen(regel.bedrag),
            "execution_date": batch.uitvoerdatum,
            "description": sepa_tekst(regel.kenmerk, SEPA_OMSCHRIJVING) or "Ontzorging",
            "endtoend_id": regel.end_to_end_id,
        }
        if regel.bic:
            betaling["BIC"] = regel.bic
        if regel.kenmerk_soort == KenmerkSoort.BETALINGSKENMERK and betalingskenmerk.is_geldig(
            regel.kenmerk
        ):
            kenmerken[regel.end_to_end_id] = regel.kenmerk
        overboeking.add_payment(betaling)
        if voortgang and nummer % stap == 0:
            voortgang(int(90 * nummer / len(regels)))
    xml = _naar_de_richtlijn(
        overboeking.export(validate=False),
        batchboeking=instelling.batchboeking,
        debiteur_bic=bool(instelling.bic),
        kenmerken=kenmerken,
    )
    try_valid_xml(xml, SCHEMA)  # raises when the file is not valid against the XSD
    return overboeking.msg_id, xml.decode("utf-8")


def _q(*namen: str) -> str:
    return "/".join(f"{{{_NS}}}{naam}" for naam in namen)


def _element(ouder: ET.Element, naam: str, tekst: str | None = None) -> ET.Element:
    element = ET.SubElement(ouder, _q(naam))
    element.text = tekst
    return element


def _naar_de_richtlijn(
    xml: bytes, *, batchboeking: bool, debiteur_bic: bool, kenmerken: dict[str, str]
) -> bytes:
    """What sepaxml writes otherwise than the Dutch guidelines ask. `kenmerken` maps an
    end-to-end id to its betalingskenmerk."""
    document = ET.fromstring(xml)  # sepaxml's own output, nothing from outside
    for groep in document.iter(_q("PmtInf")):
        # Betaalvereniging IG SCT 6.0, 2.3 BatchBooking: true asks for one booking of the
        # total, false for one per payment; without the element the contract with the bank
        # decides. So the choice is always written, false included. (The ABN AMRO addendum,
        # 2.3: its contract overrules the indicator; the setting's help text says so.)
        groep.find(_q("BtchBookg")).text = "true" if batchboeking else "false"
        if not debiteur_bic:
            # Betaalvereniging IG SCT 6.0, 2.21 DebtorAgent: mandatory, and EPC usage allows
            # only the BIC there (the ABN AMRO addendum: still mandatory, optional later).
            # Without a known BIC the agent says so explicitly, as the later guidelines for
            # IBAN-only payments prescribe, rather than an empty FinInstnId.
            anders = _element(groep.find(_q("DbtrAgt", "FinInstnId")), "Othr")
            _element(anders, "Id", "NOTPROVIDED")
    for transactie in document.iter(_q("CdtTrfTxInf")):
        kenmerk = kenmerken.get(transactie.findtext(_q("PmtId", "EndToEndId")))
        if kenmerk is None:
            continue
        # Betaalvereniging IG SCT 6.0, 2.98 RemittanceInformation: Structured or Unstructured,
        # never both, so the text goes. 2.100 Structured: once, tags and data together within
        # 140 characters (this is 113). 2.123 Code: only SCOR. 2.125 Issuer: CUR for the
        # Dutch betalingskenmerk, which 2.126 Reference then must be (check digit and all).
        informatie = transactie.find(_q("RmtInf"))
        for kind in list(informatie):
            informatie.remove(kind)
        referentie = _element(_element(informatie, "Strd"), "CdtrRefInf")
        soort = _element(referentie, "Tp")
        _element(_element(soort, "CdOrPrtry"), "Cd", "SCOR")
        _element(soort, "Issr", "CUR")
        _element(referentie, "Ref", kenmerk)
    # The pain namespace as the default one, as sepaxml writes it (its registration is
    # global; made here too so this does not depend on it).
    ET.register_namespace("", _NS)
    return b'<?xml version="1.0" encoding="UTF-8"?>' + ET.tostring(document, encoding="utf-8")
