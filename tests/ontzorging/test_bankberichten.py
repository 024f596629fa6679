"""What real banks send back, read as a gemeente would upload it: statements and status reports
written by hand after the NVB guide's layout (tests/ontzorging/bestanden/), never by Koers's own
writer. The ids Koers gave the batch are filled in; everything else is as the bank writes it."""

import datetime
import pathlib
from decimal import Decimal
from string import Template

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from lxml import etree

from ontzorging import services
from ontzorging.constants import BetalingStatus, Terugboekingsoort, VerwerkingStatus
from ontzorging.models import Afschrift, Betaling, Terugboeking

from .factories import (
    drie_crediteuren_naar_de_bank,
)

pytestmark = pytest.mark.django_db

BESTANDEN = pathlib.Path(__file__).parent / "bestanden"


@pytest.fixture(autouse=True)
def juli():
    with time_machine.travel(datetime.datetime(2026, 7, 28, 9, 0), tick=False):
        yield


@pytest.fixture
def batch(weert, regisseur):
    return drie_crediteuren_naar_de_bank(weert, regisseur)


def _kenmerken(batch) -> dict[str, str]:
    """The ids Koers sent the bank: end-to-end ids per creditor, the message and the payment
    information id, read from the pain.001 itself."""
    pain001 = etree.fromstring(batch.sepa_xml.encode())
    ns = {"p": etree.QName(pain001).namespace}
    e2e = {r.crediteur: r.end_to_end_id for r in batch.regels.all()}
    return {
        "bericht_id": batch.bericht_id,
        "pmtinf_id": pain001.findtext("p:CstmrCdtTrfInitn/p:PmtInf/p:PmtInfId", namespaces=ns),
        "e2e_huur": e2e["Woonstichting De Kempen"],
        "e2e_energie": e2e["Energie BV"],
        "e2e_water": e2e["Waterbedrijf Limburg"],
    }


def _bestand(naam: str, batch, **velden) -> bytes:
    sjabloon = Template((BESTANDEN / naam).read_text("utf-8"))
    return sjabloon.substitute(_kenmerken(batch) | velden).encode("utf-8")


@pytest.fixture
def inlezen(weert, regisseur, django_capture_on_commit_callbacks):
    def inlezen(inhoud: bytes, naam="afschrift.xml") -> Afschrift:
        with django_capture_on_commit_callbacks(execute=True):
            afschrift = services.afschrift_inlezen(
                gemeente=weert,
                door=regisseur,
                bestand=SimpleUploadedFile(naam, inhoud, content_type="application/xml"),
            )
        afschrift.refresh_from_db()
        return afschrift

    return inlezen


def _status(batch) -> dict[str, str]:
    return {r.crediteur: Betaling.objects.get(pk=r.betaling_id).status for r in batch.regels.all()}


BETAALD = {
    "Woonstichting De Kempen": BetalingStatus.BETAALD,
    "Energie BV": BetalingStatus.BETAALD,
    "Waterbedrijf Limburg": BetalingStatus.BETAALD,
}


def test_batch_als_een_boeking_met_alleen_btch_zet_alles_op_betaald(batch, inlezen):
    afschrift = inlezen(
        _bestand("camt053_batchboeking.xml", batch, msg_id="A1", aantal=3, totaal="728.99")
    )
    assert afschrift.status == VerwerkingStatus.KLAAR
    assert (afschrift.regels, afschrift.betaald, afschrift.niet_gevonden) == (1, 3, [])
    assert _status(batch) == BETAALD
    assert set(Betaling.objects.values_list("betaald_op", flat=True)) == {
        datetime.date(2026, 7, 29)
    }


@pytest.mark.parametrize(("aantal", "totaal"), [(2, "728.99"), (3, "707.90")])
def test_batchboeking_met_ander_aantal_of_totaal_zet_niets_op_betaald(
    batch, inlezen, aantal, totaal
):
    afschrift = inlezen(
        _bestand("camt053_batchboeking.xml", batch, msg_id="A1", aantal=aantal, totaal=totaal)
    )
    assert afschrift.betaald == 0
    assert set(_status(batch).values()) == {BetalingStatus.IN_BATCH}
    [rij] = afschrift.niet_gevonden
    assert rij["kenmerk"] == _kenmerken(batch)["pmtinf_id"]
    assert rij["waarom"] == "aantal of bedrag wijkt af (verwacht 3 betalingen, € 728,99)"


def test_details_zonder_eigen_bedrag_worden_tegen_het_totaal_gelegd(batch, inlezen):
    afschrift = inlezen(_bestand("camt053_details_zonder_bedrag.xml", batch))
    assert (afschrift.betaald, afschrift.niet_gevonden) == (3, [])
    assert _status(batch) == BETAALD


def test_details_zonder_bedrag_die_het_totaal_niet_halen_blijven_staan(batch, inlezen):
    inhoud = _bestand("camt053_details_zonder_bedrag.xml", batch).replace(
        b'<Amt Ccy="EUR">728.99</Amt>', b'<Amt Ccy="EUR">707.90</Amt>'
    )
    afschrift = inlezen(inhoud)
    assert afschrift.betaald == 0
    assert {r["waarom"] for r in afschrift.niet_gevonden} == {
        "de boeking van € 707,90 is niet de som van haar betalingen (€ 728,99)"
    }


def test_terugboeking_min_kosten_zet_de_betaling_op_mislukt_met_reden_en_kosten(batch, inlezen):
    afschrift = inlezen(_bestand("camt053v08_retour_met_kosten.xml", batch, msg_id="B1"))
    assert afschrift.berichttype == "camt.053.001.08"
    assert (afschrift.regels, afschrift.betaald, afschrift.mislukt) == (4, 3, 1)
    status = _status(batch)
    assert status["Waterbedrijf Limburg"] == BetalingStatus.MISLUKT
    assert status["Woonstichting De Kempen"] == BetalingStatus.BETAALD

    water = Betaling.objects.get(status=BetalingStatus.MISLUKT)
    assert water.betaald_op is None
    assert water.reden_mislukt == (
        "Teruggeboekt door de bank: MD07 rekeninghouder overleden; € 2,50 kosten ingehouden"
    )
    terug = Terugboeking.objects.get()
    assert terug.batchregel.betaling == water
    assert (terug.soort, terug.reden_code) == (Terugboekingsoort.RETOUR, "MD07")
    assert (terug.bedrag_terug, terug.kosten) == (Decimal("18.59"), Decimal("2.50"))
    assert terug.boekdatum == datetime.date(2026, 7, 29)


def test_kosten_zonder_chrgs_zijn_het_verschil_met_wat_betaald_werd(batch, inlezen):
    inhoud = _bestand("camt053v08_retour_met_kosten.xml", batch, msg_id="B1")
    begin, _, rest = inhoud.partition(b"<Chrgs>")
    inhoud = begin + rest.partition(b"</Chrgs>")[2]
    inlezen(inhoud)
    assert Terugboeking.objects.get().kosten == Decimal("2.50")


def test_dezelfde_boekingen_in_een_overlappend_afschrift_veranderen_niets_meer(
    batch, inlezen, regisseur
):
    inlezen(_bestand("camt053v08_retour_met_kosten.xml", batch, msg_id="B1"))
    water = Betaling.objects.get(status=BetalingStatus.MISLUKT)
    services.betaling_opnieuw_plannen(betaling=water, door=regisseur)
    voor = list(Betaling.objects.order_by("id").values())

    # Downloaded again the next day: another message id, the same four entries.
    tweede = inlezen(_bestand("camt053v08_retour_met_kosten.xml", batch, msg_id="B2"))
    assert tweede.status == VerwerkingStatus.KLAAR
    assert (tweede.regels, tweede.betaald, tweede.mislukt) == (4, 0, 0)
    assert tweede.al_verwerkt == 4
    assert list(Betaling.objects.order_by("id").values()) == voor
    water.refresh_from_db()
    assert (water.status, water.pogingen) == (BetalingStatus.GEPLAND, 2)
    assert Terugboeking.objects.count() == 1


def test_bestand_met_twee_rekeningen_verwerkt_alleen_die_van_de_gemeente(batch, inlezen):
    """The second account is named by its domestic number (Othr/Id), not its IBAN."""
    afschrift = inlezen(_bestand("camt053_twee_rekeningen.xml", batch, rekeningnummer="0417164300"))
    assert afschrift.status == VerwerkingStatus.KLAAR
    assert (afschrift.regels, afschrift.betaald, afschrift.mislukt) == (1, 1, 0)
    assert afschrift.meldingen == [
        "Afschrift van rekening NL02ABNA0123456789 overgeslagen: niet de betaalrekening van "
        "de gemeente."
    ]
    assert _status(batch) == {
        "Woonstichting De Kempen": BetalingStatus.BETAALD,
        "Energie BV": BetalingStatus.IN_BATCH,
        "Waterbedrijf Limburg": BetalingStatus.IN_BATCH,
    }
    assert not Terugboeking.objects.exists()


def test_rekening_onder_othr_als_iban(batch, inlezen):
    afschrift = inlezen(
        _bestand("camt053_twee_rekeningen.xml", batch, rekeningnummer="NL91ABNA0417164300")
    )
    assert afschrift.betaald == 1


def test_alleen_een_andere_rekening_verwerkt_niets(batch, inlezen):
    afschrift = inlezen(_bestand("camt053_twee_rekeningen.xml", batch, rekeningnummer="0123456789"))
    assert afschrift.status == VerwerkingStatus.MISLUKT
    assert afschrift.foutmelding == (
        "Dit afschrift hoort bij rekening 0123456789, NL02ABNA0123456789, niet bij de "
        "betaalrekening van Weert (NL91ABNA0417164300); er is niets verwerkt."
    )
    assert set(_status(batch).values()) == {BetalingStatus.IN_BATCH}


def test_bestand_met_naamruimtevoorvoegsel_wordt_gelezen(batch, inlezen):
    afschrift = inlezen(_bestand("camt053_voorvoegsel.xml", batch))
    assert afschrift.status == VerwerkingStatus.KLAAR
    assert (afschrift.afschrift_id, afschrift.betaald) == ("BUNQ-7781-20260728", 1)
    assert _status(batch)["Energie BV"] == BetalingStatus.BETAALD


@pytest.mark.parametrize(
    ("naam", "berichttype", "geboekt"),
    [
        ("camt053_details_zonder_bedrag.xml", "camt.053.001.02", datetime.date(2026, 7, 29)),
        ("camt053v08_retour_met_kosten.xml", "camt.053.001.08", datetime.date(2026, 7, 28)),
        ("camt053v13_afschrijving.xml", "camt.053.001.13", datetime.date(2026, 7, 28)),
    ],
)
def test_versies_02_tot_en_met_13_worden_gelezen(batch, inlezen, naam, berichttype, geboekt):
    afschrift = inlezen(_bestand(naam, batch, msg_id="C1"))
    assert (afschrift.status, afschrift.berichttype) == (VerwerkingStatus.KLAAR, berichttype)
    huur = Betaling.objects.get(vaste_last__crediteur="Woonstichting De Kempen")
    assert (huur.status, huur.betaald_op) == (BetalingStatus.BETAALD, geboekt)


@pytest.mark.parametrize("versie", ["camt.053.001.14", "camt.053.001.01"])
def test_onbekende_versie_geweigerd_met_de_gevonden_versie(batch, inlezen, versie):
    inhoud = _bestand("camt053v13_afschrijving.xml", batch, msg_id="C1").replace(
        b"camt.053.001.13", versie.encode()
    )
    afschrift = inlezen(inhoud)
    assert afschrift.status == VerwerkingStatus.MISLUKT
    assert afschrift.foutmelding == (
        f"Dit afschrift is {versie}; Koers leest camt.053.001.02 tot en met camt.053.001.13. "
        "Vraag de bank om een van die versies."
    )
    assert set(_status(batch).values()) == {BetalingStatus.IN_BATCH}


def test_afschrift_zonder_boekingen_zegt_dat(batch, inlezen):
    afschrift = inlezen((BESTANDEN / "camt053_leeg.xml").read_bytes())
    assert afschrift.status == VerwerkingStatus.KLAAR
    assert (afschrift.regels, afschrift.betaald, afschrift.niet_gevonden) == (0, 0, [])
    assert afschrift.meldingen == [
        "Het afschrift van rekening NL91ABNA0417164300 bevat geen boekingen; er is niets veranderd."
    ]


def test_statusrapport_met_een_afgewezen_betaling(batch, inlezen):
    afschrift = inlezen(_bestand("pain002_afgewezen.xml", batch), naam="pain002.xml")
    assert afschrift.status == VerwerkingStatus.KLAAR
    assert afschrift.berichttype == "pain.002.001.03"
    assert (afschrift.regels, afschrift.mislukt, afschrift.niet_gevonden) == (2, 1, [])
    assert _status(batch) == {
        "Woonstichting De Kempen": BetalingStatus.IN_BATCH,
        "Energie BV": BetalingStatus.IN_BATCH,
        "Waterbedrijf Limburg": BetalingStatus.MISLUKT,
    }
    water = Betaling.objects.get(status=BetalingStatus.MISLUKT)
    assert (
        water.reden_mislukt == "Afgewezen door de bank vóór uitvoering: AC01 rekeningnummer onjuist"
    )
    terug = Terugboeking.objects.get()
    assert (terug.soort, terug.reden_code, terug.kosten) == (
        Terugboekingsoort.AFGEWEZEN,
        "AC01",
        Decimal("0.00"),
    )


def test_na_afwijzing_past_de_batchboeking_van_de_rest(batch, inlezen):
    """The 'netto' way (NVB guide, chapter 7): the bank books the batch less what it rejected
    in the status report."""
    inlezen(_bestand("pain002_afgewezen.xml", batch), naam="pain002.xml")
    afschrift = inlezen(
        _bestand("camt053_batchboeking.xml", batch, msg_id="A1", aantal=2, totaal="707.90")
    )
    assert afschrift.betaald == 2
    assert _status(batch) == {
        "Woonstichting De Kempen": BetalingStatus.BETAALD,
        "Energie BV": BetalingStatus.BETAALD,
        "Waterbedrijf Limburg": BetalingStatus.MISLUKT,
    }


def test_statusrapport_dat_het_hele_bestand_afwijst(batch, inlezen):
    inhoud = (
        _bestand("pain002_afgewezen.xml", batch)
        .replace(b"<GrpSts>PART</GrpSts>", b"<GrpSts>RJCT</GrpSts>")
        .replace(b"<PmtInfSts>PART</PmtInfSts>", b"<PmtInfSts>RJCT</PmtInfSts>")
    )
    afschrift = inlezen(inhoud)
    assert afschrift.mislukt == 3
    assert set(_status(batch).values()) == {BetalingStatus.MISLUKT}


def test_statusrapport_over_een_onbekend_betaalbestand(batch, inlezen):
    afschrift = inlezen(_bestand("pain002_afgewezen.xml", batch, bericht_id="ANDERS-1"))
    assert afschrift.status == VerwerkingStatus.MISLUKT
    assert "betaalbestand ANDERS-1" in afschrift.foutmelding
    assert set(_status(batch).values()) == {BetalingStatus.IN_BATCH}


def test_elke_statuswijziging_staat_in_de_geschiedenis(batch, inlezen, regisseur):
    inlezen(_bestand("camt053v08_retour_met_kosten.xml", batch, msg_id="B1"))
    water = Betaling.objects.get(status=BetalingStatus.MISLUKT)
    gebeurtenissen = Betaling.pgh_event_models["update"].objects.filter(pgh_obj=water)
    assert list(gebeurtenissen.order_by("pgh_id").values_list("status", flat=True))[-2:] == [
        BetalingStatus.BETAALD,
        BetalingStatus.MISLUKT,
    ]
    assert gebeurtenissen.last().pgh_context.metadata["user"] == regisseur.pk


def test_de_pagina_noemt_de_overgeslagen_rekening_en_het_statusrapport(
    batch, weert, regisseur_client, django_capture_on_commit_callbacks
):
    def uploaden(naam: str, inhoud: bytes) -> str:
        with django_capture_on_commit_callbacks(execute=True):
            antwoord = regisseur_client.post(
                reverse("ontzorging:afschrift-inlezen"),
                {"gemeente": weert.pk, "bestand": SimpleUploadedFile(naam, inhoud)},
            )
        # The statement is processed in the background; its page is opened after.
        return regisseur_client.get(antwoord.url).content.decode()

    html = uploaden(
        "ing-20260728.xml",
        _bestand("camt053_twee_rekeningen.xml", batch, rekeningnummer="0417164300"),
    )
    assert "Verwerkt: 1 regel; 1 betaling op betaald gezet, 0 op mislukt, 0 niet gevonden." in html
    assert (
        "Afschrift van rekening NL02ABNA0123456789 overgeslagen: niet de betaalrekening van de "
        "gemeente." in html
    )

    html = uploaden("pain002.xml", _bestand("pain002_afgewezen.xml", batch))
    assert (
        "Statusrapport van de bank verwerkt: 2 betalingen gemeld; 1 afgewezen en op mislukt "
        "gezet, 0 niet gevonden." in html
    )
