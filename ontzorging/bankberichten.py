"""Reading what the bank sends back: the day statement (camt.053.001.02 up to .13) and the
payment status report (pain.002.001.03 up to .14), and Koers's own pain.001 to match a batch
booking to. Elements are found by the namespace of the root, whatever prefix the bank's software
chose. Nothing here touches the database: the services decide what a line means."""

import datetime
import hashlib
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from lxml import etree

from core.validators import LAATSTE_DATUM, VROEGSTE_DATUM

CAMT053_VERSIES = range(2, 14)  # camt.053.001.02 … .13
PAIN002_VERSIES = range(3, 15)  # pain.002.001.03 … .14

_NAAMRUIMTE = re.compile(
    r"^urn:iso:std:iso:20022:tech:xsd:(?P<bericht>[a-z]{4}\.\d{3})\.\d{3}\.(?P<versie>\d{2})$"
)
# A statement never has a DTD; refusing one before parsing rules out entity expansion and
# external entities whatever the parser's defaults.
_VERBODEN = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
_PARSER_INSTELLINGEN = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
}

# ISO 20022 return and reject reasons (NVB guide, annex D), as the gemeente's staff reads them.
REDENEN = {
    "AC01": "rekeningnummer onjuist",
    "AC03": "rekeningnummer van de ontvanger ongeldig",
    "AC04": "rekening opgeheven",
    "AC06": "rekening geblokkeerd",
    "AC13": "soort rekening van de ontvanger ongeldig",
    "AG01": "transactie niet toegestaan op deze rekening",
    "AG02": "ongeldige bewerkingscode",
    "AM04": "onvoldoende saldo",
    "AM05": "dubbele betaling",
    "AM09": "ander bedrag dan afgesproken",
    "BE01": "naam past niet bij het rekeningnummer",
    "BE04": "adres van de crediteur ontbreekt",
    "BE05": "opdrachtgever onbekend bij de ontvanger",
    "BE06": "ontvanger onbekend bij de bank",
    "CNOR": "bank van de ontvanger niet bereikbaar",
    "CURR": "valuta onjuist",
    "CUST": "geannuleerd op verzoek van de gemeente",
    "DNOR": "bank van de gemeente niet bereikbaar",
    "DT01": "datum ongeldig",
    "DUPL": "dubbele betaling",
    "ED05": "verrekening mislukt",
    "FF01": "bestandsformaat ongeldig",
    "FOCR": "teruggeboekt na een verzoek tot annuleren",
    "MD07": "rekeninghouder overleden",
    "MS02": "door de crediteur geweigerd",
    "MS03": "reden niet opgegeven",
    "NARR": "zie de toelichting van de bank",
    "RC01": "BIC onjuist",
    "RR01": "gegevens van de rekeninghouder ontbreken",
    "RR02": "naam of adres van de gemeente ontbreekt",
    "RR03": "naam of adres van de crediteur ontbreekt",
    "RR04": "wettelijke reden",
    "SL01": "geblokkeerd door een dienst van de bank",
    "TM01": "te laat aangeleverd",
}


class BerichtOngeldig(ValueError):
    """The file is not a message Koers can read; the message says why, in Dutch."""


def reden_tekst(code: str, toelichting: str = "") -> str:
    """'AC04 rekening opgeheven'; an unknown code with the bank's own words, if any."""
    tekst = REDENEN.get(code) or toelichting or ""
    return f"{code} {tekst}".strip()


# --- What the messages say --------------------------------------------------------------------


@dataclass(frozen=True)
class Batchgegevens:
    """A batch booked as one entry (NtryDtls/Btch): what Koers sent as one payment information."""

    bericht_id: str
    betaalinformatie_id: str
    aantal: int | None
    totaal: Decimal | None


@dataclass(frozen=True)
class Transactie:
    """One TxDtls of an entry."""

    end_to_end_id: str
    bedrag: Decimal | None  # its own amount; None when the bank gives only the entry's
    kosten: Decimal | None  # charges the bank names for this transaction
    reden_code: str
    reden_toelichting: str
    naam: str
    omschrijving: str


@dataclass(frozen=True)
class Boeking:
    """One entry (Ntry) of a statement."""

    referentie: str  # AcctSvcrRef
    ntry_ref: str
    bedrag: Decimal | None
    bij: bool  # credit (money in) rather than debit
    terugdraaiing: bool  # RvslInd: this entry undoes an earlier one
    geboekt: bool
    datum: datetime.date | None
    batch: Batchgegevens | None
    transacties: tuple[Transactie, ...]
    kosten: Decimal | None
    omschrijving: str

    @property
    def sleutel(self) -> str:
        """The entry's identity across statements of the same account: the bank's reference,
        or (when it gives none) what the entry is: day, direction, amount and references."""
        if self.referentie:
            return f"ref:{self.referentie}"
        if self.ntry_ref:
            # Some banks number entries per statement: the day keeps two statements apart.
            return f"ntry:{self.datum or ''}:{self.ntry_ref}"
        kenmerken = [t.end_to_end_id for t in self.transacties if t.end_to_end_id]
        if not kenmerken and self.batch:
            kenmerken = [self.batch.betaalinformatie_id]
        if not kenmerken:
            kenmerken = [self.omschrijving] + [t.omschrijving for t in self.transacties]
        delen = [
            str(self.datum or ""),
            "C" if self.bij else "D",
            f"{self.bedrag:.2f}" if self.bedrag is not None else "",
            *kenmerken,
        ]
        return "boeking:" + hashlib.sha256("|".join(delen).encode()).hexdigest()[:40]


@dataclass(frozen=True)
class Rekeningafschrift:
    """One Stmt: the entries of one account."""

    rekening: str  # IBAN, or the bank's other account id, without spaces
    boekingen: tuple[Boeking, ...]


@dataclass(frozen=True)
class Dagafschrift:
    berichttype: str  # e.g. camt.053.001.02
    bericht_id: str
    afschriften: tuple[Rekeningafschrift, ...]


@dataclass(frozen=True)
class Status:
    """A status with its reason, at group, payment information or transaction level."""

    status: str  # ACCP, ACSC, RJCT, PART, …
    reden_code: str = ""
    reden_toelichting: str = ""
    kenmerk: str = ""  # the original payment information id or end-to-end id

    @property
    def afgewezen(self) -> bool:
        return self.status == "RJCT"


@dataclass(frozen=True)
class Statusrapport:
    berichttype: str  # e.g. pain.002.001.03
    bericht_id: str
    oorspronkelijk_bericht_id: str  # the MsgId of Koers's pain.001
    groep: Status
    betaalinformatie: tuple[Status, ...]
    transacties: tuple[tuple[str, Status], ...]  # (original payment information id, status)


@dataclass(frozen=True)
class Betaalopdracht:
    """A payment information block of Koers's own pain.001."""

    betaalinformatie_id: str
    end_to_end_ids: tuple[str, ...]
    totaal: Decimal


# --- Reading ----------------------------------------------------------------------------------


def bericht_lezen(inhoud: bytes) -> Dagafschrift | Statusrapport:
    """The statement or status report in the file; BerichtOngeldig says in Dutch why not."""
    root, naamruimte = _ontleden(inhoud)
    gevonden = _NAAMRUIMTE.match(naamruimte or "")
    if not gevonden:
        raise BerichtOngeldig(_geen_bankbericht(naamruimte))
    bericht, versie = gevonden["bericht"], int(gevonden["versie"])
    berichttype = naamruimte.rsplit(":", 1)[-1]
    if bericht == "camt.053":
        if versie not in CAMT053_VERSIES:
            raise BerichtOngeldig(
                _(
                    "Dit afschrift is %(type)s; Koers leest camt.053.001.02 tot en met "
                    "camt.053.001.13. Vraag de bank om een van die versies."
                )
                % {"type": berichttype}
            )
        return _dagafschrift(root, _Lezer(naamruimte), berichttype)
    if bericht == "pain.002":
        if versie not in PAIN002_VERSIES:
            raise BerichtOngeldig(
                _(
                    "Dit statusrapport is %(type)s; Koers leest pain.002.001.03 tot en met "
                    "pain.002.001.14."
                )
                % {"type": berichttype}
            )
        return _statusrapport(root, _Lezer(naamruimte), berichttype)
    raise BerichtOngeldig(_geen_bankbericht(naamruimte))


def betaalopdrachten(pain001: str) -> list[Betaalopdracht]:
    """The payment information blocks of a pain.001 Koers wrote; none if it cannot be read."""
    try:
        root, naamruimte = _ontleden(pain001.encode("utf-8"))
    except BerichtOngeldig:
        return []
    x = _Lezer(naamruimte)
    opdrachten = []
    for blok in x.alle(root, "CstmrCdtTrfInitn/PmtInf"):
        transacties = x.alle(blok, "CdtTrfTxInf")
        opdrachten.append(
            Betaalopdracht(
                betaalinformatie_id=x.tekst(blok, "PmtInfId"),
                end_to_end_ids=tuple(x.tekst(t, "PmtId/EndToEndId") for t in transacties),
                totaal=sum(
                    (_bedrag(x.tekst(t, "Amt/InstdAmt")) or Decimal(0) for t in transacties),
                    Decimal("0.00"),
                ),
            )
        )
    return opdrachten


def _ontleden(inhoud: bytes):
    if _VERBODEN.search(inhoud):
        raise BerichtOngeldig(
            _("Dit bestand bevat een DOCTYPE; een bericht van de bank heeft dat niet.")
        )
    parser = etree.XMLParser(**_PARSER_INSTELLINGEN)
    try:
        root = etree.fromstring(inhoud, parser)
    except (etree.XMLSyntaxError, ValueError):
        raise BerichtOngeldig(
            _(
                "Dit is geen leesbaar camt.053-afschrift of pain.002-statusrapport: het bestand "
                "is onvolledig of beschadigd. Download het opnieuw bij de bank."
            )
        ) from None
    return root, etree.QName(root).namespace or ""


def _geen_bankbericht(naamruimte: str) -> str:
    soort = naamruimte.rsplit(":", 1)[-1] if naamruimte.startswith("urn:iso:std:iso:20022") else ""
    if soort:
        return _(
            "Dit is geen camt.053-afschrift of pain.002-statusrapport, maar een %(soort)s-bericht."
        ) % {"soort": soort}
    return _("Dit is geen camt.053-afschrift of pain.002-statusrapport van de bank.")


class _Lezer:
    """Paths written without prefixes ("Refs/EndToEndId"), resolved in the root's namespace."""

    def __init__(self, naamruimte: str):
        self._ns = {"x": naamruimte} if naamruimte else {}

    def _pad(self, pad: str) -> str:
        if not self._ns:
            return pad
        return "/".join(d if d in ("", ".", "*") else f"x:{d}" for d in pad.split("/"))

    def alle(self, element, pad: str) -> list:
        return element.findall(self._pad(pad), self._ns)

    def een(self, element, pad: str):
        return element.find(self._pad(pad), self._ns)

    def tekst(self, element, pad: str) -> str:
        gevonden = self.een(element, pad)
        return (gevonden.text or "").strip() if gevonden is not None else ""


def _bedrag(tekst: str) -> Decimal | None:
    try:
        bedrag = Decimal(tekst)
    except InvalidOperation:
        return None
    return bedrag if bedrag.is_finite() and bedrag >= 0 else None


def _datum(tekst: str) -> datetime.date | None:
    try:
        datum = datetime.date.fromisoformat(tekst[:10])
    except ValueError:
        return None
    return datum if VROEGSTE_DATUM <= datum <= LAATSTE_DATUM else None


def rekening_normaal(tekst: str) -> str:
    return re.sub(r"\s+", "", tekst or "").upper()[:34]


def _dagafschrift(root, x: _Lezer, berichttype: str) -> Dagafschrift:
    bericht = x.een(root, "BkToCstmrStmt")
    if bericht is None:
        raise BerichtOngeldig(_geen_bankbericht(""))
    afschriften = []
    for stmt in x.alle(bericht, "Stmt"):
        rekening = x.tekst(stmt, "Acct/Id/IBAN") or x.tekst(stmt, "Acct/Id/Othr/Id")
        afschriften.append(
            Rekeningafschrift(
                rekening=rekening_normaal(rekening),
                boekingen=tuple(_boeking(ntry, x) for ntry in x.alle(stmt, "Ntry")),
            )
        )
    return Dagafschrift(
        berichttype=berichttype,
        bericht_id=x.tekst(bericht, "GrpHdr/MsgId")[:35],
        afschriften=tuple(afschriften),
    )


def _boeking(ntry, x: _Lezer) -> Boeking:
    # Up to .06 the status is a code; from .07 on a choice of code or proprietary text.
    status = x.tekst(ntry, "Sts") or x.tekst(ntry, "Sts/Cd") or x.tekst(ntry, "Sts/Prtry")
    btch = x.een(ntry, "NtryDtls/Btch")
    batch = None
    if btch is not None:
        aantal = x.tekst(btch, "NbOfTxs")
        batch = Batchgegevens(
            bericht_id=x.tekst(btch, "MsgId"),
            betaalinformatie_id=x.tekst(btch, "PmtInfId"),
            aantal=int(aantal) if aantal.isdigit() else None,
            totaal=_bedrag(x.tekst(btch, "TtlAmt")),
        )
    return Boeking(
        referentie=x.tekst(ntry, "AcctSvcrRef")[:35],
        ntry_ref=x.tekst(ntry, "NtryRef")[:35],
        bedrag=_bedrag(x.tekst(ntry, "Amt")),
        bij=x.tekst(ntry, "CdtDbtInd") == "CRDT",
        terugdraaiing=x.tekst(ntry, "RvslInd").lower() in ("true", "1"),
        geboekt=(status or "BOOK") == "BOOK",
        datum=_datum(x.tekst(ntry, "BookgDt/Dt") or x.tekst(ntry, "BookgDt/DtTm")),
        batch=batch,
        transacties=tuple(_transactie(tx, x) for tx in x.alle(ntry, "NtryDtls/TxDtls")),
        kosten=_kosten(ntry, x),
        omschrijving=x.tekst(ntry, "AddtlNtryInf")[:140],
    )


def _transactie(tx, x: _Lezer) -> Transactie:
    e2e = x.tekst(tx, "Refs/EndToEndId")
    rtr = x.een(tx, "RtrInf")
    naam = ""
    for partij in ("Cdtr", "Dbtr"):
        # Up to .06 the name is Cdtr/Nm; from .07 on Cdtr/Pty/Nm.
        naam = x.tekst(tx, f"RltdPties/{partij}/Nm") or x.tekst(tx, f"RltdPties/{partij}/Pty/Nm")
        if naam:
            break
    omschrijving = " ".join(
        e.text.strip() for e in x.alle(tx, "RmtInf/Ustrd") if e.text and e.text.strip()
    ) or x.tekst(tx, "RmtInf/Strd/CdtrRefInf/Ref")
    return Transactie(
        end_to_end_id="" if e2e == "NOTPROVIDED" else e2e[:35],
        # From .03 on a transaction may carry its own Amt; before, only AmtDtls.
        bedrag=_bedrag(x.tekst(tx, "Amt") or x.tekst(tx, "AmtDtls/TxAmt/Amt")),
        kosten=_kosten(tx, x),
        reden_code=(
            (x.tekst(rtr, "Rsn/Cd") or x.tekst(rtr, "Rsn/Prtry"))[:4] if rtr is not None else ""
        ),
        reden_toelichting=(
            " ".join(e.text.strip() for e in x.alle(rtr, "AddtlInf") if e.text)[:140]
            if rtr is not None
            else ""
        ),
        naam=naam[:70],
        omschrijving=omschrijving[:140],
    )


def _kosten(element, x: _Lezer) -> Decimal | None:
    """Charges the bank took: .02 lists Chrgs/Amt; from .03 on Chrgs holds a total and
    records (Chrgs/TtlChrgsAndTaxAmt, Chrgs/Rcrd/Amt)."""
    bedragen = []
    for chrgs in x.alle(element, "Chrgs"):
        totaal = _bedrag(x.tekst(chrgs, "TtlChrgsAndTaxAmt"))
        if totaal is not None:
            bedragen.append(totaal)
            continue
        records = [_bedrag(x.tekst(r, "Amt")) for r in x.alle(chrgs, "Rcrd")]
        records.append(_bedrag(x.tekst(chrgs, "Amt")))
        bedragen.extend(b for b in records if b is not None)
    return sum(bedragen, Decimal("0.00")) if bedragen else None


def _status(element, x: _Lezer, pad: str, kenmerk: str = "") -> Status:
    return Status(
        status=x.tekst(element, pad),
        reden_code=(
            x.tekst(element, "StsRsnInf/Rsn/Cd") or x.tekst(element, "StsRsnInf/Rsn/Prtry")
        )[:4],
        reden_toelichting=" ".join(
            e.text.strip() for e in x.alle(element, "StsRsnInf/AddtlInf") if e.text
        )[:140],
        kenmerk=kenmerk,
    )


def _statusrapport(root, x: _Lezer, berichttype: str) -> Statusrapport:
    rapport = x.een(root, "CstmrPmtStsRpt")
    if rapport is None:
        raise BerichtOngeldig(_geen_bankbericht(""))
    groep = x.een(rapport, "OrgnlGrpInfAndSts")
    if groep is None:
        raise BerichtOngeldig(
            _("Dit statusrapport noemt niet op welk betaalbestand het antwoordt.")
        )
    blokken, transacties = [], []
    for blok in x.alle(rapport, "OrgnlPmtInfAndSts"):
        pmtinf_id = x.tekst(blok, "OrgnlPmtInfId")
        blokken.append(_status(blok, x, "PmtInfSts", pmtinf_id))
        for tx in x.alle(blok, "TxInfAndSts"):
            transacties.append(
                (pmtinf_id, _status(tx, x, "TxSts", x.tekst(tx, "OrgnlEndToEndId")[:35]))
            )
    return Statusrapport(
        berichttype=berichttype,
        bericht_id=x.tekst(rapport, "GrpHdr/MsgId")[:35],
        oorspronkelijk_bericht_id=x.tekst(groep, "OrgnlMsgId")[:35],
        groep=_status(groep, x, "GrpSts"),
        betaalinformatie=tuple(blokken),
        transacties=tuple(transacties),
    )
