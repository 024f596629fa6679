"""What a user types and uploads that could pay the wrong amount, twice, from or to the wrong
account, or on a day the bank does not work: refused with a Dutch reason."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ontzorging import services
from ontzorging.camt_schrijven import Boeking, camt053
from ontzorging.constants import PeriodeStatus, VerwerkingStatus
from ontzorging.forms import BedragVeld, VasteLastForm
from ontzorging.geld import eerstvolgende_bankdag, is_bankdag
from ontzorging.models import Betaling
from ontzorging.selectors import dossier_overzicht

from .factories import (
    IBAN_GEMEENTE,
    IBAN_WOONCORPORATIE,
    batch_naar_de_bank,
    doelgroeppersoon,
    instelling,
    last,
    periode,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def juli():
    with time_machine.travel(datetime.datetime(2026, 7, 20, 9, 0), tick=False):
        yield


@pytest.mark.parametrize(
    ("getypt", "bedrag"),
    [
        ("612,50", Decimal("612.50")),
        ("1.234,56", Decimal("1234.56")),
        ("€ 98,25", Decimal("98.25")),
        ("12.5", Decimal("12.5")),
        ("1.23", Decimal("1.23")),
        ("700", Decimal("700")),
    ],
)
def test_bedrag_zoals_het_getypt_wordt(getypt, bedrag):
    assert BedragVeld().clean(getypt) == bedrag


@pytest.mark.parametrize("getypt", ["1.234", "12.345", "1.234.567"])
def test_bedrag_met_punt_dat_duizend_of_een_kan_zijn_wordt_niet_geraden(getypt):
    with pytest.raises(ValidationError, match="niet eenduidig"):
        BedragVeld().clean(getypt)


@pytest.fixture
def opgezet(weert, regisseur):
    instelling(weert)
    return periode(doelgroeppersoon(gemeente=weert, regisseur=regisseur), regisseur)


def test_bic_van_een_andere_bank_dan_het_iban_geweigerd(opgezet, regisseur):
    with pytest.raises(ValidationError) as fout:
        last(opgezet, regisseur, iban=IBAN_WOONCORPORATIE, bic="ABNANL2A")
    assert fout.value.message_dict["bic"] == [
        "Deze BIC hoort niet bij de bank van het IBAN; die heeft BIC INGBNL2A."
    ]


def test_zelfde_last_twee_keer_geweigerd(opgezet, regisseur):
    last(opgezet, regisseur)
    with pytest.raises(ValidationError) as fout:
        last(
            opgezet,
            regisseur,
            kenmerk="Huurcontract 12345",
            eerste_maand=datetime.date(2026, 10, 1),
        )
    assert "Deze last staat er al" in fout.value.message_dict["kenmerk"][0]
    # Another reference at the same creditor (a second contract) is a last of its own.
    last(opgezet, regisseur, kenmerk="Huurcontract 99999")
    # Changing a last does not count itself as its twin.
    eerste = opgezet.lasten.order_by("id").first()
    services.vaste_last_wijzigen(
        last=eerste,
        door=regisseur,
        soort=eerste.soort,
        crediteur=eerste.crediteur,
        iban=eerste.iban,
        bic="",
        kenmerk_soort=eerste.kenmerk_soort,
        kenmerk=eerste.kenmerk,
        maandbedrag=Decimal("650.00"),
        eerste_maand=eerste.eerste_maand,
        laatste_maand=eerste.laatste_maand,
    )


def test_bankdagen():
    assert not is_bankdag(datetime.date(2026, 7, 25))  # Saturday
    assert not is_bankdag(datetime.date(2026, 12, 25))
    assert not is_bankdag(datetime.date(2027, 3, 26))  # Good Friday 2027
    assert is_bankdag(datetime.date(2026, 7, 27))
    assert eerstvolgende_bankdag(datetime.date(2026, 12, 25)) == datetime.date(2026, 12, 28)


def test_uitvoerdatum_in_het_weekend_geweigerd(opgezet, regisseur, weert):
    last(opgezet, regisseur)
    services.betalingen_plannen(maand=datetime.date(2026, 8, 1))
    with pytest.raises(ValidationError) as fout:
        services.batch_samenstellen(
            gemeente=weert, door=regisseur, uitvoerdatum=datetime.date(2026, 7, 25)
        )
    assert "kies bijvoorbeeld 27-07-2026" in fout.value.message_dict["uitvoerdatum"][0]


def _inlezen(gemeente, door, inhoud, capture):
    with capture(execute=True):
        afschrift = services.afschrift_inlezen(
            gemeente=gemeente, door=door, bestand=SimpleUploadedFile("a.xml", inhoud)
        )
    afschrift.refresh_from_db()
    return afschrift


def test_afschrift_van_een_andere_rekening_geweigerd(
    opgezet, regisseur, weert, django_capture_on_commit_callbacks
):
    last(opgezet, regisseur)
    batch = batch_naar_de_bank(weert, regisseur, uitvoerdatum=datetime.date(2026, 7, 22))
    regel = batch.regels.get()
    inhoud = camt053([Boeking(regel.end_to_end_id, regel.bedrag)], iban="NL20INGB0001234567")
    afschrift = _inlezen(weert, regisseur, inhoud, django_capture_on_commit_callbacks)
    assert afschrift.status == VerwerkingStatus.MISLUKT
    assert "hoort bij rekening NL20INGB0001234567" in afschrift.foutmelding
    assert regel.betaling.status == "in_batch"


def test_tweede_afschrift_telt_wat_al_verwerkt_was(
    opgezet, regisseur, weert, django_capture_on_commit_callbacks
):
    last(opgezet, regisseur)
    batch = batch_naar_de_bank(weert, regisseur, uitvoerdatum=datetime.date(2026, 7, 22))
    regel = batch.regels.get()
    iban = weert.betaalinstelling.iban
    _inlezen(
        weert,
        regisseur,
        camt053([Boeking(regel.end_to_end_id, regel.bedrag)], iban=iban),
        django_capture_on_commit_callbacks,
    )
    tweede = _inlezen(
        weert,
        regisseur,
        camt053([Boeking(regel.end_to_end_id, regel.bedrag)], iban=iban, bericht_id="STMT-2"),
        django_capture_on_commit_callbacks,
    )
    assert (tweede.betaald, tweede.mislukt, tweede.al_verwerkt) == (0, 0, 1)


def test_per_maand_van_een_periode_die_nog_moet_beginnen(weert, regisseur):
    instelling(weert)
    persoon = doelgroeppersoon(
        gemeente=weert, regisseur=regisseur, bijstand_sinds=datetime.date(2026, 7, 1)
    )
    p = periode(persoon, regisseur, start_bijstand=datetime.date(2026, 9, 1))
    last(
        p,
        regisseur,
        maandbedrag=Decimal("612.50"),
        eerste_maand=datetime.date(2026, 9, 1),
        laatste_maand=datetime.date(2027, 2, 1),
    )
    assert dossier_overzicht(periode=p).per_maand == Decimal("612.50")


def test_kenmerk_in_andere_hoofdletters_is_dezelfde_last(opgezet, regisseur):
    last(opgezet, regisseur, kenmerk="Huurcontract 616045")
    with pytest.raises(ValidationError) as fout:
        last(opgezet, regisseur, kenmerk="huurcontract  616045 ")
    assert "Deze last staat er al" in fout.value.message_dict["kenmerk"][0]


def test_einde_in_de_toekomst_laat_de_periode_lopen_tot_die_dag(opgezet, regisseur):
    last(opgezet, regisseur)
    services.betalingen_plannen(maand=datetime.date(2026, 8, 1))
    services.betalingen_plannen(maand=datetime.date(2026, 9, 1))
    services.periode_beeindigen(
        periode=opgezet, door=regisseur, op=datetime.date(2026, 8, 31), reden="Werk gevonden"
    )
    opgezet.refresh_from_db()
    assert opgezet.status == PeriodeStatus.ACTIEF
    assert list(Betaling.objects.values_list("maand", flat=True)) == [datetime.date(2026, 8, 1)]
    assert services.betalingen_plannen(maand=datetime.date(2026, 9, 1)) == 0
    with time_machine.travel(datetime.datetime(2026, 9, 1, 6, 0), tick=False):
        services.periodes_bijwerken()
    opgezet.refresh_from_db()
    assert opgezet.status == PeriodeStatus.BEEINDIGD


def test_einde_na_het_geplande_einde_vraagt_om_verlenging(opgezet, regisseur):
    with pytest.raises(ValidationError) as fout:
        services.periode_beeindigen(
            periode=opgezet, door=regisseur, op=datetime.date(2030, 1, 1), reden="Typfout"
        )
    assert "verlenging" in fout.value.message_dict["op"][0]


def test_nieuwe_periode_begint_na_de_laatste_maand_van_de_vorige(opgezet, regisseur):
    last(opgezet, regisseur)
    services.periode_beeindigen(
        periode=opgezet, door=regisseur, op=datetime.date(2026, 7, 15), reden="Verhuisd"
    )
    with pytest.raises(ValidationError) as fout:
        periode(opgezet.persoon, regisseur, start_bijstand=datetime.date(2026, 7, 16))
    assert "op zijn vroegst in de maand daarna" in fout.value.message_dict["start_bijstand"][0]
    nieuw = periode(opgezet.persoon, regisseur, start_bijstand=datetime.date(2026, 8, 1))
    # The same rent again in the new period: the old one pays no month after July.
    last(nieuw, regisseur, eerste_maand=datetime.date(2026, 8, 1))
    services.betalingen_plannen(maand=datetime.date(2026, 8, 1))
    assert Betaling.objects.filter(maand=datetime.date(2026, 8, 1)).count() == 1


def test_overdracht_van_een_beeindigde_periode_geweigerd(opgezet, regisseur):
    huur = last(opgezet, regisseur)
    services.periode_beeindigen(
        periode=opgezet, door=regisseur, op=datetime.date(2026, 7, 15), reden="Verhuisd"
    )
    with pytest.raises(ValidationError) as fout:
        services.overname_vastleggen(
            last=huur, door=regisseur, overname_maand=datetime.date(2026, 10, 1)
        )
    assert fout.value.messages == ["Deze ontzorgperiode is beëindigd."]


# --- The creditor's account and reference, as typed in the form ------------------------------

EIGEN_REKENING = (
    "Dit is de betaalrekening van de gemeente zelf, niet die van de crediteur. Vul het IBAN in "
    "dat op de factuur of acceptgiro van de crediteur staat."
)
CONTROLEGETAL = (
    "Dit betalingskenmerk klopt niet: het controlegetal wijkt af. Neem het kenmerk precies "
    "over van de acceptgiro of factuur."
)


def _invoer(**kwargs) -> dict:
    return {
        "soort": "huur",
        "crediteur": "Woonstichting De Kempen",
        "iban": "NL20 INGB 0001 2345 67",
        "kenmerk_soort": "omschrijving",
        "kenmerk": "Huurcontract 12345",
        "maandbedrag": "612,50",
        "eerste_maand": "08-2026",
        "laatste_maand": "12-2026",
    } | kwargs


def _nieuw(periode_) -> str:
    return reverse("ontzorging:last-nieuw", args=[periode_.persoon.uuid, periode_.uuid])


def test_formulier_weigert_een_betalingskenmerk_met_verkeerd_controlegetal():
    form = VasteLastForm(
        data=_invoer(kenmerk_soort="betalingskenmerk", kenmerk="1234 5678 9012 3456")
    )
    assert not form.is_valid()
    assert form.errors["kenmerk"] == [CONTROLEGETAL]
    assert VasteLastForm(
        data=_invoer(kenmerk_soort="betalingskenmerk", kenmerk="8234 5678 9012 3456")
    ).is_valid()


def test_verkeerd_betalingskenmerk_in_de_pagina_bij_het_veld(client, regisseur, opgezet):
    client.force_login(regisseur)
    response = client.post(
        _nieuw(opgezet), _invoer(kenmerk_soort="betalingskenmerk", kenmerk="1234567890123456")
    )
    assert response.status_code == 422
    assert response.context["form"].errors["kenmerk"] == [CONTROLEGETAL]
    assert "het controlegetal wijkt af" in response.content.decode()
    assert not opgezet.lasten.exists()


def test_eigen_rekening_van_de_gemeente_in_de_pagina_bij_het_veld(client, regisseur, opgezet):
    client.force_login(regisseur)
    response = client.post(_nieuw(opgezet), _invoer(iban="NL91 ABNA 0417 1643 00"))
    assert response.status_code == 422
    assert response.context["form"].errors["iban"] == [EIGEN_REKENING]
    assert "betaalrekening van de gemeente zelf" in response.content.decode()
    assert 'value="NL91 ABNA 0417 1643 00"' in response.content.decode()
    assert not opgezet.lasten.exists()


def test_ibanveld_toont_alleen_de_vorm_van_een_iban(client, regisseur, opgezet):
    client.force_login(regisseur)
    pagina = client.get(_nieuw(opgezet)).content.decode()
    assert 'placeholder="NL00 BANK 0123 4567 89"' in pagina
    # Not the gemeente's account, nor any other IBAN that could be paid.
    assert IBAN_GEMEENTE not in pagina.replace(" ", "") and "NL91" not in pagina


def test_waarschuwingen_na_opslaan_en_op_het_formulier_van_de_last(client, regisseur, opgezet):
    client.force_login(regisseur)
    response = client.post(_nieuw(opgezet), _invoer(), follow=True)
    assert response.status_code == 200
    meldingen = [str(m) for m in response.context["messages"]]
    assert "De vaste last is toegevoegd." in meldingen
    eerste_betaling = (
        "De gemeente heeft nog nooit naar NL20 INGB 0001 2345 67 betaald: dit wordt de eerste "
        "betaling aan dit rekeningnummer. Controleer het IBAN op de factuur of acceptgiro."
    )
    assert eerste_betaling in meldingen
    huur = opgezet.lasten.get()
    formulier = client.get(
        reverse("ontzorging:last-bewerken", args=[opgezet.persoon.uuid, huur.uuid])
    )
    assert formulier.context["waarschuwingen"] == [eerste_betaling]
    assert "Kijk nog eens naar de crediteur" in formulier.content.decode()
