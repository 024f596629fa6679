"""The payments page: it opens on the user's own gemeente and lists every payment per person
(planned, in a batch, paid, failed) with filters and totals."""

import datetime
import re
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from ontzorging import services
from ontzorging.constants import BetalingStatus
from ontzorging.models import Betaling
from tests.accounts.factories import UserFactory

from .factories import IBAN_ENERGIE, doelgroeppersoon, instelling, last, periode

pytestmark = pytest.mark.django_db

AUGUSTUS = datetime.date(2026, 8, 1)
SEPTEMBER = datetime.date(2026, 9, 1)


@pytest.fixture(autouse=True)
def juli():
    with time_machine.travel(datetime.datetime(2026, 7, 20, 9, 0), tick=False):
        yield


def _tekst(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def betalingen(weert, regisseur):
    """Bakker: rent € 612,50 and energy € 98,25 for August and September; August went into a
    batch, the rent was paid and the energy came back. Yilmaz: rent € 700,00, planned."""
    instelling(weert)
    bakker = doelgroeppersoon(
        gemeente=weert, regisseur=regisseur, voornamen="Sanne", achternaam="Bakker"
    )
    p = periode(bakker, regisseur)
    huur = last(p, regisseur, laatste_maand=SEPTEMBER)
    energie = last(
        p,
        regisseur,
        soort="energie",
        crediteur="Energie Brabant",
        iban=IBAN_ENERGIE,
        kenmerk="Klant 88121",
        maandbedrag=Decimal("98.25"),
        laatste_maand=SEPTEMBER,
    )
    yilmaz = doelgroeppersoon(
        gemeente=weert, regisseur=regisseur, voornamen="Emre", achternaam="Yilmaz"
    )
    last(
        periode(yilmaz, regisseur),
        regisseur,
        maandbedrag=Decimal("700.00"),
        kenmerk="Huurcontract 777",
        eerste_maand=SEPTEMBER,
        laatste_maand=SEPTEMBER,
    )
    services.betalingen_plannen(maand=SEPTEMBER)
    services.batch_samenstellen(
        gemeente=weert, door=regisseur, uitvoerdatum=datetime.date(2026, 7, 24), tot_maand=AUGUSTUS
    )
    Betaling.objects.filter(vaste_last=huur, maand=AUGUSTUS).update(
        status=BetalingStatus.BETAALD, betaald_op=datetime.date(2026, 7, 24)
    )
    Betaling.objects.filter(vaste_last=energie, maand=AUGUSTUS).update(
        status=BetalingStatus.MISLUKT, reden_mislukt="Teruggeboekt door de bank: AC04"
    )
    return bakker, yilmaz


def _rijen(response) -> list[tuple[str, str, str, str]]:
    return [
        (
            b.vaste_last.periode.persoon.achternaam,
            b.vaste_last.get_soort_display(),
            f"{b.maand:%m-%Y}",
            b.status,
        )
        for b in response.context["pagina"].object_list
    ]


def test_per_persoon_met_status_en_totalen(client, regisseur, betalingen):
    client.force_login(regisseur)
    antwoord = client.get(reverse("ontzorging:betalingen"))
    assert _rijen(antwoord) == [
        ("Bakker", "Energie", "08-2026", "mislukt"),
        ("Bakker", "Huur", "08-2026", "betaald"),
        ("Bakker", "Energie", "09-2026", "gepland"),
        ("Bakker", "Huur", "09-2026", "gepland"),
        ("Yilmaz", "Huur", "09-2026", "gepland"),
    ]
    tekst = _tekst(antwoord)
    # 612,50 + 98,25 + 612,50 + 98,25 + 700,00 = 2.121,50
    assert (
        "5 betalingen, samen € 2.121,50: gepland 3 (€ 1.410,75), in een batch 0 (€ 0,00), "
        "betaald 1 (€ 612,50), mislukt 1 (€ 98,25)." in tekst
    )
    assert "Mislukt: Teruggeboekt door de bank: AC04" in tekst


@pytest.mark.parametrize(
    ("filters", "verwacht", "totaal"),
    [
        ({"status": "gepland"}, ["Bakker", "Bakker", "Yilmaz"], "3 betalingen, samen € 1.410,75"),
        ({"maand": "08-2026"}, ["Bakker", "Bakker"], "2 betalingen, samen € 710,75"),
        ({"zoek": "yilm"}, ["Yilmaz"], "1 betaling, samen € 700,00"),
        ({"status": "mislukt", "zoek": "bakker"}, ["Bakker"], "1 betaling, samen € 98,25"),
    ],
)
def test_filters(client, regisseur, weert, betalingen, filters, verwacht, totaal):
    client.force_login(regisseur)
    antwoord = client.get(reverse("ontzorging:betalingen"), {"gemeente": weert.pk, **filters})
    assert [rij[0] for rij in _rijen(antwoord)] == verwacht
    assert totaal in _tekst(antwoord)


@pytest.mark.parametrize(
    ("filters", "veld", "fout"),
    [
        ({"maand": "13-2026"}, "maand", "Vul een maand in als mm-jjjj"),
        ({"status": "weg"}, "status", "Kies een status uit de lijst."),
        ({"zoek": "bak\x00ker"}, "zoek", ""),
        ({"pagina": "9" * 40}, None, ""),
    ],
)
def test_ongeldig_filter_staat_naast_het_veld_en_de_lijst_blijft(
    client, regisseur, betalingen, filters, veld, fout
):
    client.force_login(regisseur)
    antwoord = client.get(reverse("ontzorging:betalingen"), filters)
    assert antwoord.status_code == 200
    if veld:
        fouten = antwoord.context["filter_form"].errors[veld]
        assert fouten and fout in fouten[0]
    assert len(_rijen(antwoord)) == 5


def test_opent_op_de_eigen_gemeente(client, weert, cranendonck, betalingen):
    # A regional regisseur: Cranendonck comes first by name, their dossiers are in Weert.
    regionaal = UserFactory(gemeenten=[cranendonck, weert])
    bakker, yilmaz = betalingen
    bakker.regisseur = regionaal
    bakker.save(update_fields=["regisseur"])
    client.force_login(regionaal)
    antwoord = client.get(reverse("ontzorging:betalingen"))
    assert antwoord.context["gemeente"] == weert
    assert antwoord.context["keuze"]["gemeente"].value() == weert.pk


def test_teamleider_opent_op_de_gemeente_met_lopende_periodes(
    client, weert, cranendonck, betalingen
):
    teamleider = UserFactory(teamleider=True, gemeenten=[cranendonck, weert])
    client.force_login(teamleider)
    assert client.get(reverse("ontzorging:betalingen")).context["gemeente"] == weert
    # A gemeente chosen on purpose stays chosen.
    gekozen = client.get(reverse("ontzorging:betalingen"), {"gemeente": cranendonck.pk})
    assert gekozen.context["gemeente"] == cranendonck
    assert _rijen(gekozen) == []


def test_lijst_in_een_vast_aantal_queries(
    client, regisseur, weert, betalingen, django_assert_max_num_queries
):
    client.force_login(regisseur)
    url = reverse("ontzorging:betalingen")
    with django_assert_max_num_queries(40) as eerst:
        client.get(url)
    for _ in range(8):
        anders = doelgroeppersoon(gemeente=weert, regisseur=regisseur)
        last(periode(anders, regisseur), regisseur)
    services.betalingen_plannen(maand=SEPTEMBER)
    with django_assert_max_num_queries(len(eerst.captured_queries)):
        antwoord = client.get(url)
    assert len(_rijen(antwoord)) == 5 + 8 * 2
