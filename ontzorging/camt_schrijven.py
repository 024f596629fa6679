"""A bank's day statement (camt.053.001.02) as the NVB guide lays it out, for whoever plays the
bank: the demo, and tests that need a statement of a batch they have just made. Reading is
tested on statements written by hand, never on this writer's own output."""

import datetime
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils import timezone


@dataclass(frozen=True)
class Boeking:
    """One transfer booked as an entry of its own: money out, or (bij) money back."""

    end_to_end_id: str  # "" for a line without Koers's reference
    bedrag: Decimal
    bij: bool = False
    reden: str = ""  # ISO return reason, e.g. AC04: the entry is a return
    naam: str = ""
    datum: datetime.date | None = None  # the statement's day when not given
    omschrijving: str = ""
    iban: str = ""  # the other party's account
    kosten: Decimal = Decimal("0.00")  # a return: the charges kept back from `bedrag`


@dataclass(frozen=True)
class Batchboeking:
    """A batch booked as one entry of its total (BatchBooking true in the pain.001)."""

    betaalinformatie_id: str
    boekingen: tuple[Boeking, ...]
    bericht_id: str = ""
    datum: datetime.date | None = None
    # The transfers listed under the entry by end-to-end id, without amounts of their own;
    # off, the entry names only the batch (the NVB guide's example).
    details: bool = True
    totaal: Decimal = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "totaal", sum((b.bedrag for b in self.boekingen), Decimal("0.00")))


def camt053(
    boekingen: list[Boeking | Batchboeking],
    *,
    iban: str,
    bericht_id: str = "",
    aangemaakt: datetime.datetime | None = None,
) -> bytes:
    """The statement of account `iban` with these entries, each with a reference of the
    bank's (the same entry gets the same reference in every statement that shows it)."""
    aangemaakt = aangemaakt or timezone.localtime()
    dag = aangemaakt.date()
    posten = "".join(
        _batch(b, dag) if isinstance(b, Batchboeking) else _enkel(b, dag) for b in boekingen
    )
    bericht_id = bericht_id or f"STMT-{aangemaakt:%Y%m%d%H%M%S}-{_referentie(iban, posten)}"
    moment = f"{aangemaakt:%Y-%m-%dT%H:%M:%S}"
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>{escape(bericht_id)}</MsgId><CreDtTm>{moment}</CreDtTm></GrpHdr>
    <Stmt>
      <Id>{escape(bericht_id)}</Id>
      <CreDtTm>{moment}</CreDtTm>
      <Acct><Id><IBAN>{escape(iban)}</IBAN></Id><Ccy>EUR</Ccy></Acct>
{posten}    </Stmt>
  </BkToCstmrStmt>
</Document>
""".encode()


def _referentie(*delen) -> str:
    return hashlib.sha256("|".join(str(d) for d in delen).encode()).hexdigest()[:16].upper()


def _kop(bedrag, bij, datum, referentie, familie, sub) -> str:
    return f"""      <Ntry>
        <Amt Ccy="EUR">{bedrag:.2f}</Amt>
        <CdtDbtInd>{"CRDT" if bij else "DBIT"}</CdtDbtInd>
        <Sts>BOOK</Sts>
        <BookgDt><Dt>{datum:%Y-%m-%d}</Dt></BookgDt>
        <ValDt><Dt>{datum:%Y-%m-%d}</Dt></ValDt>
        <AcctSvcrRef>{referentie}</AcctSvcrRef>
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>{familie}</Cd><SubFmlyCd>{sub}</SubFmlyCd></Fmly></Domn></BkTxCd>
"""


def _enkel(boeking: Boeking, dag: datetime.date) -> str:
    datum = boeking.datum or dag
    retour = bool(boeking.reden)
    geboekt = boeking.bedrag - boeking.kosten if retour else boeking.bedrag
    referentie = _referentie(
        datum, boeking.bij, boeking.bedrag, boeking.end_to_end_id, boeking.omschrijving
    )
    partij = "Dbtr" if boeking.bij else "Cdtr"
    rekening = (
        f"<{partij}Acct><Id><IBAN>{escape(boeking.iban)}</IBAN></Id></{partij}Acct>"
        if boeking.iban
        else ""
    )
    bedragen = f'<TxAmt><Amt Ccy="EUR">{geboekt:.2f}</Amt></TxAmt>'
    kosten = ""
    if retour and boeking.kosten:
        # NVB usage rules, returns: the original amount under AmountDetails, the charges
        # deducted under Charges.
        bedragen = f'<InstdAmt><Amt Ccy="EUR">{boeking.bedrag:.2f}</Amt></InstdAmt>' + bedragen
        kosten = f'<Chrgs><Amt Ccy="EUR">{boeking.kosten:.2f}</Amt></Chrgs>'
    omschrijving = (
        f"<RmtInf><Ustrd>{escape(boeking.omschrijving)}</Ustrd></RmtInf>"
        if boeking.omschrijving
        else ""
    )
    rtr = f"<RtrInf><Rsn><Cd>{escape(boeking.reden)}</Cd></Rsn></RtrInf>" if retour else ""
    return (
        _kop(
            geboekt,
            boeking.bij,
            datum,
            referentie,
            "ICDT",
            "RRTN" if retour else ("RCDT" if boeking.bij else "ESCT"),
        )
        + f"""        <NtryDtls><TxDtls>
          <Refs><EndToEndId>{escape(boeking.end_to_end_id or "NOTPROVIDED")}</EndToEndId></Refs>
          <AmtDtls>{bedragen}</AmtDtls>{kosten}
          <RltdPties><{partij}><Nm>{escape(boeking.naam)}</Nm></{partij}>{rekening}</RltdPties>
          {omschrijving}{rtr}
        </TxDtls></NtryDtls>
      </Ntry>
"""
    )


def _batch(batch: Batchboeking, dag: datetime.date) -> str:
    datum = batch.datum or dag
    referentie = _referentie(datum, batch.betaalinformatie_id, batch.totaal)
    bericht = f"<MsgId>{escape(batch.bericht_id)}</MsgId>" if batch.bericht_id else ""
    details = ""
    if batch.details:
        details = "".join(
            f"""
          <TxDtls><Refs><EndToEndId>{escape(b.end_to_end_id)}</EndToEndId></Refs>"""
            f"""<RltdPties><Cdtr><Nm>{escape(b.naam)}</Nm></Cdtr></RltdPties></TxDtls>"""
            for b in batch.boekingen
        )
    return (
        _kop(batch.totaal, False, datum, referentie, "ICDT", "ESCT")
        + f"""        <NtryDtls>
          <Btch>{bericht}
            <PmtInfId>{escape(batch.betaalinformatie_id)}</PmtInfId>
            <NbOfTxs>{len(batch.boekingen)}</NbOfTxs>
            <TtlAmt Ccy="EUR">{batch.totaal:.2f}</TtlAmt>
            <CdtDbtInd>DBIT</CdtDbtInd>
          </Btch>{details}
        </NtryDtls>
      </Ntry>
"""
    )
