"""The SEPA credit transfer Koers gives the bank: valid pain.001.001.03, every payment once,
sums exact to the cent, names in the SEPA character set."""

import datetime
import pathlib
from decimal import Decimal

import pytest
import sepaxml
import time_machine
import xmlschema
from lxml import etree

from ontzorging import services
from ontzorging.geld import sepa_tekst
from ontzorging.models import Betaalbatch

from .factories import (
    IBAN_ENERGIE,
    IBAN_WATER,
    IBAN_WOONCORPORATIE,
    batch_naar_de_bank,
    doelgroeppersoon,
    instelling,
    last,
    periode,
)

XSD = pathlib.Path(sepaxml.__file__).parent / "schemas" / "pain.001.001.03.xsd"
NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"}


@pytest.fixture(autouse=True)
def juli():
    with time_machine.travel(datetime.datetime(2026, 7, 20, 9, 0), tick=False):
        yield


@pytest.fixture(scope="module")
def schema():
    return xmlschema.XMLSchema(str(XSD))


@pytest.fixture
def lopende_periode(weert, regisseur):
    instelling(weert)
    return periode(doelgroeppersoon(gemeente=weert, regisseur=regisseur), regisseur)


def _boom(batch: Betaalbatch):
    return etree.fromstring(batch.sepa_xml.encode("utf-8"))


def _alle(boom, pad: str) -> list[str]:
    return [e.text for e in boom.findall(pad, NS)]


@pytest.fixture
def drie_crediteuren(weert, regisseur, lopende_periode):
    last(lopende_periode, regisseur)
    last(
        lopende_periode,
        regisseur,
        soort="energie",
        crediteur="Şahin & Zoon",
        iban=IBAN_ENERGIE,
        kenmerk_soort="betalingskenmerk",
        kenmerk="1234567890123456",
        maandbedrag=Decimal("95.40"),
    )
    last(
        lopende_periode,
        regisseur,
        soort="water",
        crediteur="Ærø Café",
        iban=IBAN_WATER,
        kenmerk="Klant 778899 – waterlevering",
        maandbedrag=Decimal("21.09"),
    )
    return batch_naar_de_bank(weert, regisseur)


@pytest.mark.django_db
def test_bestand_is_geldig_volgens_de_xsd(drie_crediteuren, schema):
    assert XSD.exists()
    schema.validate(drie_crediteuren.sepa_xml)  # raises when invalid
    assert schema.is_valid(drie_crediteuren.sepa_xml)


@pytest.mark.django_db
def test_controletotaal_en_aantal_kloppen(drie_crediteuren):
    boom = _boom(drie_crediteuren)
    assert boom.findtext("p:CstmrCdtTrfInitn/p:GrpHdr/p:NbOfTxs", namespaces=NS) == "3"
    assert boom.findtext("p:CstmrCdtTrfInitn/p:GrpHdr/p:CtrlSum", namespaces=NS) == "728.99"
    bedragen = [Decimal(b) for b in _alle(boom, ".//p:CdtTrfTxInf/p:Amt/p:InstdAmt")]
    assert sum(bedragen) == Decimal("728.99") == drie_crediteuren.totaal
    assert sorted(bedragen) == [Decimal("21.09"), Decimal("95.40"), Decimal("612.50")]
    assert boom.findtext(".//p:PmtInf/p:CtrlSum", namespaces=NS) == "728.99"


@pytest.mark.django_db
def test_elke_iban_kenmerk_en_bedrag_een_keer(drie_crediteuren):
    boom = _boom(drie_crediteuren)
    ibans = _alle(boom, ".//p:CdtTrfTxInf/p:CdtrAcct/p:Id/p:IBAN")
    assert sorted(ibans) == sorted([IBAN_WOONCORPORATIE, IBAN_ENERGIE, IBAN_WATER])
    kenmerken = _alle(boom, ".//p:CdtTrfTxInf/p:RmtInf/p:Ustrd")
    assert sorted(kenmerken) == [
        "1234567890123456",
        "Huurcontract 12345 08-2026",
        "Klant 778899 - waterlevering 08-2026",
    ]
    for iban in ibans:
        assert drie_crediteuren.sepa_xml.count(iban) == 1
    for kenmerk in kenmerken:
        assert drie_crediteuren.sepa_xml.count(f">{kenmerk}<") == 1
    for bedrag in ("612.50", "95.40", "21.09"):
        assert drie_crediteuren.sepa_xml.count(f">{bedrag}<") == 1
    e2e = _alle(boom, ".//p:CdtTrfTxInf/p:PmtId/p:EndToEndId")
    assert sorted(e2e) == sorted(drie_crediteuren.regels.values_list("end_to_end_id", flat=True))


@pytest.mark.django_db
def test_namen_in_de_sepa_tekenset(drie_crediteuren):
    namen = _alle(_boom(drie_crediteuren), ".//p:CdtTrfTxInf/p:Cdtr/p:Nm")
    assert sorted(namen) == ["AEro Cafe", "Sahin + Zoon", "Woonstichting De Kempen"]
    assert "Ş" not in drie_crediteuren.sepa_xml
    assert "&amp;" not in drie_crediteuren.sepa_xml


@pytest.mark.django_db
def test_betaler_uit_de_betaalinstelling(drie_crediteuren):
    boom = _boom(drie_crediteuren)
    betaling = boom.find(".//p:PmtInf", NS)
    assert betaling.findtext("p:Dbtr/p:Nm", namespaces=NS) == "Gemeente Weert"
    assert betaling.findtext("p:DbtrAcct/p:Id/p:IBAN", namespaces=NS) == "NL91ABNA0417164300"
    assert betaling.findtext("p:DbtrAgt/p:FinInstnId/p:BIC", namespaces=NS) == "ABNANL2A"
    assert betaling.findtext("p:ReqdExctnDt", namespaces=NS) == "2026-07-24"
    assert drie_crediteuren.bericht_id
    assert boom.findtext(".//p:GrpHdr/p:MsgId", namespaces=NS) == drie_crediteuren.bericht_id


@pytest.mark.django_db
def test_drie_maal_tien_cent_is_precies_dertig_cent(weert, regisseur, lopende_periode, schema):
    for iban in (IBAN_WOONCORPORATIE, IBAN_ENERGIE, IBAN_WATER):
        last(lopende_periode, regisseur, iban=iban, maandbedrag=Decimal("0.10"))
    batch = batch_naar_de_bank(weert, regisseur)
    assert batch.totaal == Decimal("0.30")
    boom = _boom(batch)
    assert boom.findtext(".//p:GrpHdr/p:CtrlSum", namespaces=NS) == "0.30"
    assert _alle(boom, ".//p:CdtTrfTxInf/p:Amt/p:InstdAmt") == ["0.10", "0.10", "0.10"]
    schema.validate(batch.sepa_xml)


@pytest.mark.django_db
def test_tweede_export_verandert_het_bestand_niet(drie_crediteuren):
    opnieuw = services.batch_exporteren(batch=drie_crediteuren)
    assert opnieuw.sepa_xml == drie_crediteuren.sepa_xml
    assert opnieuw.geexporteerd_op == drie_crediteuren.geexporteerd_op


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("Şahin & Zoon", "Sahin + Zoon"),
        ("Ærø Café", "AEro Cafe"),
        ("Stichting Wonen “Noord” – Zuid", "Stichting Wonen Noord - Zuid"),
        ("Ğüneş  Energie\tB.V.", "Gunes Energie B.V."),
        ('€ 12 <test> ; "x"', "EUR 12 test x"),
    ],
)
def test_sepa_tekst_translitereert(tekst, verwacht):
    assert sepa_tekst(tekst, 70) == verwacht


def test_sepa_tekst_kort_af_op_de_lengte():
    assert sepa_tekst("a" * 80, 70) == "a" * 70
