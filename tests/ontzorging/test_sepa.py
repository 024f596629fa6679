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
from ontzorging.models import Betaalbatch, Betaalinstelling

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
# A betalingskenmerk whose check digit is right (see test_betalingskenmerk).
KENMERK_ENERGIE = "8234567890123456"


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
        kenmerk=KENMERK_ENERGIE,
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
    kenmerken = _alle(boom, ".//p:CdtTrfTxInf/p:RmtInf/p:Ustrd") + _alle(
        boom, ".//p:CdtTrfTxInf/p:RmtInf/p:Strd/p:CdtrRefInf/p:Ref"
    )
    assert sorted(kenmerken) == [
        KENMERK_ENERGIE,
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


def test_sepa_tekst_eindigt_niet_op_een_spatie():
    # 71 characters with a space at the 70th: cut to 70 it would end in that space.
    naam = "a" * 69 + " b"
    assert len(naam) == 71
    assert sepa_tekst(naam, 70) == "a" * 69


# --- What the Dutch guidelines ask beyond the XSD ---------------------------------------------


def _transacties(boom, iban: str) -> list:
    transacties = [
        t
        for t in boom.iterfind(".//p:CdtTrfTxInf", NS)
        if t.findtext("p:CdtrAcct/p:Id/p:IBAN", namespaces=NS) == iban
    ]
    assert transacties
    return transacties


@pytest.mark.django_db
def test_betalingskenmerk_gaat_gestructureerd_met_scor_en_cur(drie_crediteuren, schema):
    for energie in _transacties(_boom(drie_crediteuren), IBAN_ENERGIE):
        referentie = energie.find("p:RmtInf/p:Strd/p:CdtrRefInf", NS)
        assert referentie.findtext("p:Tp/p:CdOrPrtry/p:Cd", namespaces=NS) == "SCOR"
        assert referentie.findtext("p:Tp/p:Issr", namespaces=NS) == "CUR"
        assert referentie.findtext("p:Ref", namespaces=NS) == KENMERK_ENERGIE
        # Structured or unstructured, never both; the structured part within 140 characters.
        assert energie.find("p:RmtInf/p:Ustrd", NS) is None
        strd = energie.find("p:RmtInf/p:Strd", NS)
        inhoud = b"".join(etree.tostring(kind) for kind in strd)
        inhoud = inhoud.replace(f' xmlns="{NS["p"]}"'.encode(), b"")
        assert len(inhoud) <= 140
    schema.validate(drie_crediteuren.sepa_xml)


@pytest.mark.django_db
def test_omschrijving_gaat_als_vrije_tekst(drie_crediteuren):
    boom = _boom(drie_crediteuren)
    for iban in (IBAN_WOONCORPORATIE, IBAN_WATER):
        for transactie in _transacties(boom, iban):
            assert transactie.find("p:RmtInf/p:Strd", NS) is None
            omschrijving = transactie.findtext("p:RmtInf/p:Ustrd", namespaces=NS)
            assert omschrijving.endswith("-2026") and omschrijving[:5] in ("Huurc", "Klant")


@pytest.mark.django_db
def test_zonder_bic_van_de_gemeente_staat_er_notprovided(weert, regisseur, lopende_periode, schema):
    Betaalinstelling.objects.filter(gemeente=weert).update(bic="")
    last(lopende_periode, regisseur)
    boom = _boom(batch_naar_de_bank(weert, regisseur))
    agent = boom.find(".//p:PmtInf/p:DbtrAgt/p:FinInstnId", NS)
    assert agent.find("p:BIC", NS) is None
    assert agent.findtext("p:Othr/p:Id", namespaces=NS) == "NOTPROVIDED"
    schema.validate(etree.tostring(boom).decode())


@pytest.mark.django_db
def test_met_bic_van_de_gemeente_geen_notprovided(drie_crediteuren):
    agent = _boom(drie_crediteuren).find(".//p:PmtInf/p:DbtrAgt/p:FinInstnId", NS)
    assert agent.findtext("p:BIC", namespaces=NS) == "ABNANL2A"
    assert agent.find("p:Othr", NS) is None


@pytest.mark.django_db
@pytest.mark.parametrize(("batchboeking", "verwacht"), [(False, "false"), (True, "true")])
def test_batchboeking_volgens_de_betaalinstelling(
    weert, regisseur, lopende_periode, schema, batchboeking, verwacht
):
    Betaalinstelling.objects.filter(gemeente=weert).update(batchboeking=batchboeking)
    last(lopende_periode, regisseur)
    batch = batch_naar_de_bank(weert, regisseur)
    assert _alle(_boom(batch), ".//p:PmtInf/p:BtchBookg") == [verwacht]
    schema.validate(batch.sepa_xml)


@pytest.mark.django_db
def test_naam_die_door_translitereren_te_lang_wordt_eindigt_niet_op_een_spatie(
    weert, regisseur, lopende_periode, schema
):
    # 70 characters typed; "Æ" becomes "AE", so 71 with the space at the 70th.
    naam = "Æ" + "b" * 67 + " C"
    assert len(naam) == 70
    last(lopende_periode, regisseur, crediteur=naam)
    batch = batch_naar_de_bank(weert, regisseur)
    assert set(_alle(_boom(batch), ".//p:CdtTrfTxInf/p:Cdtr/p:Nm")) == {"AE" + "b" * 67}
    schema.validate(batch.sepa_xml)
