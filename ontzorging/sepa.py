"""The files exchanged with the bank: the SEPA credit transfer Koers sends (pain.001.001.03,
written by sepaxml and validated against its XSD) and the statement the bank sends back
(camt.053, read by pycamt)."""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from sepaxml import SepaTransfer

from .constants import SEPA_NAAM, SEPA_OMSCHRIJVING
from .geld import sepa_tekst

SCHEMA = "pain.001.001.03"


def _centen(bedrag: Decimal) -> int:
    centen = bedrag * 100
    if centen != centen.to_integral_value():
        raise ValueError("bedrag met meer dan twee decimalen")
    return int(centen)


def pain001_maken(*, batch, instelling, regels, voortgang=None) -> tuple[str, str]:
    """(message id, XML) for the batch. `voortgang(procent)` is called along the way."""
    config = {
        "name": sepa_tekst(instelling.rekeninghouder, SEPA_NAAM),
        "IBAN": instelling.iban,
        "batch": True,
        "currency": "EUR",
    }
    if instelling.bic:
        config["BIC"] = instelling.bic
    overboeking = SepaTransfer(config, schema=SCHEMA, clean=False)
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
        overboeking.add_payment(betaling)
        if voortgang and nummer % stap == 0:
            voortgang(int(90 * nummer / len(regels)))
    xml = overboeking.export(validate=True).decode("utf-8")
    return overboeking.msg_id, xml


# --- camt.053 ---------------------------------------------------------------------------------


class AfschriftOngeldig(ValueError):
    """The file is not a statement Koers can read; the message says why, in Dutch."""


@dataclass
class Afschriftregel:
    end_to_end_id: str
    bedrag: Decimal | None
    bij: bool  # credit (money in: a return) rather than debit (money out)
    geboekt: bool
    datum: datetime.date | None
    naam: str
    omschrijving: str
    reden: str
    rekening: str = ""  # the account the statement is of


_VERBODEN = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
# ISO 20022 return reasons a creditor's bank gives most; others are shown as their code.
REDENEN = {
    "AC01": "rekeningnummer onjuist",
    "AC04": "rekening opgeheven",
    "AC06": "rekening geblokkeerd",
    "AG01": "transactie niet toegestaan op deze rekening",
    "AM05": "dubbele betaling",
    "BE04": "adres van de crediteur ontbreekt",
    "MD07": "rekeninghouder overleden",
    "MS02": "door de crediteur geweigerd",
    "MS03": "reden niet opgegeven",
    "RC01": "BIC onjuist",
    "RR01": "gegevens van de rekeninghouder ontbreken",
}


def afschrift_lezen(inhoud: bytes) -> tuple[str, list[Afschriftregel]]:
    """(statement id, lines) of a camt.053 file, every transaction with its end-to-end id."""
    from pycamt.parser import Camt053Parser

    if _VERBODEN.search(inhoud):
        raise AfschriftOngeldig(
            _("Dit bestand bevat een DOCTYPE; een bankafschrift heeft dat niet.")
        )
    try:
        lezer = Camt053Parser(inhoud)
        transacties = lezer.get_transactions()
        kop = lezer.get_group_header()
    except Exception:  # noqa: BLE001 — any parse failure is the same answer to the user
        raise AfschriftOngeldig(
            _(
                "Dit is geen leesbaar camt.053-afschrift. Download het afschrift opnieuw bij "
                "de bank."
            )
        ) from None
    if lezer.version == "unknown":
        raise AfschriftOngeldig(_("Dit is geen camt.053-afschrift."))
    redenen = _retourredenen(lezer)
    regels = []
    for transactie in transacties:
        e2e = (transactie.get("EndToEndId") or "").strip()
        try:
            bedrag = Decimal(transactie.get("Amount") or "")
        except InvalidOperation:
            bedrag = None
        code = redenen.get(e2e, "")
        regels.append(
            Afschriftregel(
                end_to_end_id=e2e if e2e != "NOTPROVIDED" else "",
                bedrag=bedrag,
                bij=transactie.get("CreditDebitIndicator") == "CRDT",
                geboekt=(transactie.get("Status") or "BOOK") == "BOOK",
                datum=_datum(transactie.get("BookingDate")),
                naam=(transactie.get("CreditorName") or transactie.get("DebtorName") or "")[:70],
                omschrijving=(
                    transactie.get("RemittanceInformationFull")
                    or transactie.get("AdditionalEntryInformation")
                    or ""
                )[:140],
                reden=f"{code} {REDENEN.get(code, '')}".strip() if code else "",
                rekening=(transactie.get("AccountIBAN") or "").replace(" ", "").upper()[:34],
            )
        )
    afschrift_id = str(kop.get("MessageID") or kop.get("MsgId") or "")[:35]
    return afschrift_id, regels


def _retourredenen(lezer) -> dict[str, str]:
    """End-to-end id → return reason code, from the entries that carry return information."""
    redenen = {}
    ns = lezer.namespaces
    for detail in lezer.tree.findall(".//TxDtls", ns):
        e2e = detail.find(".//Refs//EndToEndId", ns)
        code = detail.find(".//RtrInf//Rsn//Cd", ns)
        if e2e is not None and e2e.text and code is not None and code.text:
            redenen[e2e.text.strip()] = code.text.strip()[:4]
    return redenen


def _datum(tekst: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat((tekst or "")[:10])
    except ValueError:
        return None
