"""camt.053 statements as a bank writes them, for the tests: booked debits of Koers's
payments, a return with its reason, and lines Koers does not know."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape


@dataclass
class Regel:
    end_to_end_id: str
    bedrag: Decimal
    bij: bool = False  # a credit: money returned
    reden: str = ""  # ISO return reason, e.g. AC04
    naam: str = "Woonstichting De Kempen"
    datum: datetime.date = datetime.date(2026, 11, 18)


def camt053(regels: list[Regel], *, bericht_id: str = "STMT-20261118-1", iban: str) -> bytes:
    posten = []
    for regel in regels:
        retour = (
            f"<RtrInf><Rsn><Cd>{escape(regel.reden)}</Cd></Rsn></RtrInf>" if regel.reden else ""
        )
        familie = "RCDT" if regel.bij else "ICDT"
        sub = "RRTN" if regel.bij else "ESCT"
        posten.append(
            f"""
      <Ntry>
        <Amt Ccy="EUR">{regel.bedrag:.2f}</Amt>
        <CdtDbtInd>{"CRDT" if regel.bij else "DBIT"}</CdtDbtInd>
        <Sts>BOOK</Sts>
        <BookgDt><Dt>{regel.datum.isoformat()}</Dt></BookgDt>
        <ValDt><Dt>{regel.datum.isoformat()}</Dt></ValDt>
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>{familie}</Cd><SubFmlyCd>{sub}</SubFmlyCd></Fmly></Domn></BkTxCd>
        <NtryDtls><TxDtls>
          <Refs><EndToEndId>{escape(regel.end_to_end_id)}</EndToEndId></Refs>
          <AmtDtls><TxAmt><Amt Ccy="EUR">{regel.bedrag:.2f}</Amt></TxAmt></AmtDtls>
          <RltdPties><Cdtr><Nm>{escape(regel.naam)}</Nm></Cdtr></RltdPties>
          {retour}
        </TxDtls></NtryDtls>
      </Ntry>"""
        )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>{escape(bericht_id)}</MsgId><CreDtTm>2026-11-18T06:00:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>{escape(bericht_id)}</Id>
      <CreDtTm>2026-11-18T06:00:00</CreDtTm>
      <Acct><Id><IBAN>{iban}</IBAN></Id><Ccy>EUR</Ccy></Acct>
      {"".join(posten)}
    </Stmt>
  </BkToCstmrStmt>
</Document>
""".encode()
