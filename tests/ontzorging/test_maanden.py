"""Which months are paid: every calendar month that overlaps the period (01-03 → March up to
and including August), planned at once when a last or machtiging is recorded, the rest by the
nightly run, which also catches up a month that was missed and tells the regisseur once. The
regisseur sees per last what became of each month. Dates written out by hand."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.urls import reverse
from django.utils import timezone
from pghistory.models import Events

from ontzorging import selectors, services
from ontzorging.constants import BetalingStatus, MachtigingVorm, PeriodeStatus
from ontzorging.models import Betaling, Betalingsplanning
from ontzorging.tasks import betalingen_plannen_task
from termijnen.models import Melding

from .factories import (
    BetalingFactory,
    OntzorgperiodeFactory,
    VasteLastFactory,
    doelgroeppersoon,
    instelling,
    last,
    periode,
)

pytestmark = pytest.mark.django_db
D = datetime.date


def _op(dag: datetime.date):
    return time_machine.travel(datetime.datetime(dag.year, dag.month, dag.day, 3, 0), tick=False)


def _maanden(last_) -> list[datetime.date]:
    return list(Betaling.objects.filter(vaste_last=last_).values_list("maand", flat=True))


def _periode_vanaf(weert, regisseur, start: datetime.date, **kwargs):
    instelling(weert)
    persoon = doelgroeppersoon(gemeente=weert, regisseur=regisseur, bijstand_sinds=start)
    return periode(
        persoon,
        regisseur,
        machtiging_op=min(start, timezone.localdate()),
        machtiging_vorm=MachtigingVorm.SCHRIFTELIJK,
        **kwargs,
    )


def _catch_up_meldingen(regisseur):
    return Melding.objects.filter(gebruiker=regisseur, tekst__contains="alsnog gepland")


# --- Six months are six payments ----------------------------------------------------------------


def test_bijstand_vanaf_1_maart_betaalt_maart_tot_en_met_augustus(weert, regisseur):
    with _op(D(2026, 2, 20)):
        p = _periode_vanaf(weert, regisseur, D(2026, 3, 1))
        huur = last(p, regisseur, eerste_maand=D(2026, 3, 1), laatste_maand=D(2026, 12, 1))
    assert selectors.einde_van(p) == D(2026, 8, 31)
    assert _maanden(huur) == [D(2026, 3, 1)]  # planned at once: next month
    # The nightly run on the first of every month up to October.
    for maand in range(3, 11):
        with _op(D(2026, maand, 1)):
            betalingen_plannen_task()
    assert _maanden(huur) == [D(2026, maand, 1) for maand in range(3, 9)]  # six, no September
    assert not _catch_up_meldingen(regisseur).exists()


def test_verlenging_met_een_maand_plant_september(weert, regisseur):
    with _op(D(2026, 2, 20)):
        p = _periode_vanaf(weert, regisseur, D(2026, 3, 1))
        huur = last(p, regisseur, eerste_maand=D(2026, 3, 1), laatste_maand=D(2026, 12, 1))
    for maand in range(3, 9):
        with _op(D(2026, maand, 1)):
            betalingen_plannen_task()
    assert len(_maanden(huur)) == 6
    with _op(D(2026, 8, 10)):
        services.periode_verlengen(
            periode=p,
            door=regisseur,
            tot=D(2026, 9, 30),
            besluit_op=D(2026, 8, 10),
            reden="Budgetcoaching loopt nog een maand",
        )
    # September is next month: planned with the decision, not a night later.
    assert _maanden(huur)[-1] == D(2026, 9, 1)
    for dag in (D(2026, 9, 1), D(2026, 10, 1), D(2026, 11, 1)):
        with _op(dag):
            betalingen_plannen_task()
    assert _maanden(huur) == [D(2026, maand, 1) for maand in range(3, 10)]


def test_start_op_15_januari_eindigt_op_14_juli_en_betaalt_zeven_maanden(weert, regisseur):
    with _op(D(2026, 7, 10)):
        p = _periode_vanaf(weert, regisseur, D(2026, 1, 15))
        huur = last(p, regisseur, eerste_maand=D(2026, 1, 1), laatste_maand=D(2026, 12, 1))
    assert selectors.einde_van(p) == D(2026, 7, 14)
    # January and July each overlap the period for a part: both are paid.
    assert _maanden(huur) == [D(2026, maand, 1) for maand in range(1, 8)]


def test_nieuwe_periode_kan_de_maand_na_het_einde_beginnen(weert, regisseur):
    with _op(D(2026, 2, 20)):
        eerste = _periode_vanaf(weert, regisseur, D(2026, 3, 1))
    with _op(D(2026, 9, 1)):
        services.periodes_bijwerken()
        eerste.refresh_from_db()
        assert (eerste.status, eerste.beeindigd_op) == (PeriodeStatus.BEEINDIGD, D(2026, 8, 31))
        # Counted as a term after 01-03 it would end on 01-09 and refuse September.
        tweede = periode(
            eerste.persoon,
            regisseur,
            start_bijstand=D(2026, 9, 1),
            machtiging_op=D(2026, 9, 1),
            machtiging_vorm=MachtigingVorm.SCHRIFTELIJK,
        )
    assert selectors.einde_van(tweede) == D(2027, 2, 28)


# --- The month that has begun is not missed -----------------------------------------------------


def test_periode_en_lasten_in_december_plannen_december_en_januari_meteen(weert, regisseur):
    with _op(D(2026, 12, 10)):
        p = _periode_vanaf(weert, regisseur, D(2026, 12, 1))
        huur = last(p, regisseur, eerste_maand=D(2026, 12, 1), laatste_maand=D(2027, 5, 1))
        energie = last(
            p,
            regisseur,
            soort="energie",
            crediteur="Energie BV",
            iban="NL44RABO0123456789",
            kenmerk="Klant 991",
            maandbedrag=Decimal("95.40"),
            eerste_maand=D(2026, 12, 1),
            laatste_maand=D(2027, 5, 1),
        )
        # No night has passed: the first rent is there to go in a batch today.
        assert _maanden(huur) == [D(2026, 12, 1), D(2027, 1, 1)]
        assert _maanden(energie) == [D(2026, 12, 1), D(2027, 1, 1)]
        assert selectors.te_betalen(gemeente=weert, tot_maand=D(2026, 12, 1)).count() == 2
        assert betalingen_plannen_task() == {
            "gepland": 0,
            "ingehaald": 0,
            "meldingen": 0,
            "onbevestigd_gemeld": 0,
        }


def test_machtiging_achteraf_plant_de_maanden_tot_en_met_volgende_maand(weert, regisseur):
    with _op(D(2026, 12, 10)):
        instelling(weert)
        persoon = doelgroeppersoon(
            gemeente=weert, regisseur=regisseur, bijstand_sinds=D(2026, 11, 1)
        )
        p = periode(persoon, regisseur, machtiging=False)
        huur = last(p, regisseur, eerste_maand=D(2026, 11, 1), laatste_maand=D(2027, 4, 1))
        assert _maanden(huur) == []
        services.periode_bijwerken(
            periode=p,
            door=regisseur,
            machtiging_op=D(2026, 12, 9),
            machtiging_vorm=MachtigingVorm.DIGITAAL,
            beschikking_op=None,
        )
    assert _maanden(huur) == [D(2026, 11, 1), D(2026, 12, 1), D(2027, 1, 1)]


# --- The night catches up, and says so once -----------------------------------------------------


@pytest.fixture
def gemist(regisseur):
    """A period from 01-11-2026 whose lasten were written past the services: November and
    December were never planned."""
    p = OntzorgperiodeFactory(
        persoon__bijstand_sinds=D(2026, 11, 1),
        persoon__regisseur=regisseur,
        machtiging_op=D(2026, 11, 1),
    )
    huur = VasteLastFactory(periode=p, eerste_maand=D(2026, 11, 1), laatste_maand=D(2027, 4, 1))
    water = VasteLastFactory(
        periode=p,
        soort="water",
        kenmerk="Water 12",
        maandbedrag=Decimal("23.85"),
        eerste_maand=D(2026, 11, 1),
        laatste_maand=D(2027, 4, 1),
    )
    return p, huur, water


def test_nachtelijke_run_haalt_gemiste_maanden_in_met_een_melding(gemist, regisseur):
    p, huur, water = gemist
    # Another person's period (July up to and including December) with nothing missed.
    op_tijd = VasteLastFactory()
    for maand in range(7, 13):
        BetalingFactory(vaste_last=op_tijd, maand=D(2026, maand, 1))
    with _op(D(2026, 12, 10)):
        uitkomst = betalingen_plannen_task()
    assert uitkomst == {"gepland": 6, "ingehaald": 4, "meldingen": 1, "onbevestigd_gemeld": 0}
    for vaste_last in (huur, water):
        assert _maanden(vaste_last) == [D(2026, 11, 1), D(2026, 12, 1), D(2027, 1, 1)]
    melding = _catch_up_meldingen(regisseur).get()
    assert melding.persoon == p.persoon
    assert "11-2026 en 12-2026" in melding.tekst
    assert p.persoon.naam in melding.tekst
    assert melding.link == reverse("ontzorging:periode-detail", args=[p.persoon.uuid])
    # The other person's regisseur hears of no month caught up.
    assert Melding.objects.filter(tekst__contains="alsnog gepland").count() == 1


def test_tweede_nachtelijke_run_plant_niets_en_meldt_niets(gemist, regisseur):
    with _op(D(2026, 12, 10)):
        betalingen_plannen_task()
        voor = list(Betaling.objects.order_by("id").values_list("id", "maand", "status"))
        assert betalingen_plannen_task() == {
            "gepland": 0,
            "ingehaald": 0,
            "meldingen": 0,
            "onbevestigd_gemeld": 0,
        }
    assert list(Betaling.objects.order_by("id").values_list("id", "maand", "status")) == voor
    assert _catch_up_meldingen(regisseur).count() == 1


def test_volgende_maand_op_tijd_is_geen_inhaalslag(gemist, regisseur):
    with _op(D(2026, 12, 10)):
        betalingen_plannen_task()
    with _op(D(2027, 1, 1)):
        assert betalingen_plannen_task() == {
            "gepland": 2,
            "ingehaald": 0,
            "meldingen": 0,
            "onbevestigd_gemeld": 0,
        }
    assert _catch_up_meldingen(regisseur).count() == 1


# --- Never twice, the end moves the last month --------------------------------------------------


def test_zelfde_crediteur_niet_tweemaal_in_een_maand_over_twee_periodes(regisseur):
    """Periods of one person never share a month (periode_aanmaken refuses it); written past
    the services they would, and planning still pays the month once."""
    oud = OntzorgperiodeFactory(
        persoon__regisseur=regisseur,
        beeindigd=True,  # ended 15-10-2026
    )
    oude_huur = VasteLastFactory(periode=oud, kenmerk="HUURCONTRACT 12345")
    BetalingFactory(vaste_last=oude_huur, maand=D(2026, 10, 1), betaald=True)
    nieuw = OntzorgperiodeFactory(persoon=oud.persoon, start_bijstand=D(2026, 10, 1))
    huur = VasteLastFactory(
        periode=nieuw, kenmerk="Huurcontract 12345", eerste_maand=D(2026, 10, 1)
    )
    anders = VasteLastFactory(
        periode=nieuw, kenmerk="Huurcontract 99999", eerste_maand=D(2026, 10, 1)
    )
    with _op(D(2026, 10, 20)):
        betalingen_plannen_task()
    assert _maanden(huur) == [D(2026, 11, 1)]
    assert _maanden(anders) == [D(2026, 10, 1), D(2026, 11, 1)]


def test_vroeg_einde_haalt_latere_maanden_weg_met_historie(weert, regisseur):
    with _op(D(2026, 4, 20)):
        p = _periode_vanaf(weert, regisseur, D(2026, 3, 1))
        huur = last(p, regisseur, eerste_maand=D(2026, 3, 1), laatste_maand=D(2026, 8, 1))
        assert _maanden(huur) == [D(2026, 3, 1), D(2026, 4, 1), D(2026, 5, 1)]
        services.periode_beeindigen(
            periode=p, door=regisseur, op=D(2026, 4, 15), reden="Werk gevonden"
        )
    assert _maanden(huur) == [D(2026, 3, 1), D(2026, 4, 1)]
    weg = Events.objects.filter(pgh_obj_model="ontzorging.Betaling", pgh_label="delete").get()
    assert weg.pgh_data["maand"] == "2026-05-01"
    assert weg.pgh_context["user"] == regisseur.pk
    with _op(D(2026, 5, 1)):
        betalingen_plannen_task()
    assert _maanden(huur) == [D(2026, 3, 1), D(2026, 4, 1)]


# --- Audited per run ----------------------------------------------------------------------------


def test_planning_wordt_per_run_vastgelegd_en_elke_latere_wijziging_per_betaling(gemist, regisseur):
    _p, huur, _water = gemist
    with _op(D(2026, 12, 10)):
        betalingen_plannen_task()
        betalingen_plannen_task()
    eerste, tweede = Betalingsplanning.objects.order_by("id")
    assert (eerste.aanleiding, eerste.door, eerste.aantal, eerste.ingehaald) == (
        "nacht",
        None,
        6,
        4,
    )
    assert eerste.tot_maand == D(2027, 1, 1)
    assert (tweede.aantal, tweede.ingehaald) == (0, 0)  # the night ran, and planned nothing
    assert set(Betaling.objects.values_list("planning", flat=True)) == {eerste.pk}
    # One row for the run, none per payment …
    betalingen = Events.objects.filter(pgh_obj_model="ontzorging.Betaling")
    assert not betalingen.exists()
    # … and every change after planning is kept per payment.
    Betaling.objects.filter(vaste_last=huur, maand=D(2026, 11, 1)).update(
        status=BetalingStatus.MISLUKT, reden_mislukt="Teruggeboekt: AC04"
    )
    assert betalingen.filter(pgh_label="update").count() == 1


def test_planning_door_een_dossierwijziging_noemt_wie(weert, regisseur):
    with _op(D(2026, 12, 10)):
        p = _periode_vanaf(weert, regisseur, D(2026, 12, 1))
        last(p, regisseur, eerste_maand=D(2026, 12, 1), laatste_maand=D(2027, 5, 1))
    planning = Betalingsplanning.objects.get()
    assert (planning.aanleiding, planning.door, planning.aantal) == ("dossier", regisseur, 2)


def test_database_weigert_wijzigen_en_verwijderen_van_een_planning(gemist):
    with _op(D(2026, 12, 10)):
        betalingen_plannen_task()
    planning = Betalingsplanning.objects.first()
    for sql in (
        "UPDATE ontzorging_betalingsplanning SET aantal = 0 WHERE id = %s",
        "DELETE FROM ontzorging_betalingsplanning WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [planning.pk])
    planning.refresh_from_db()
    assert planning.aantal == 6


# --- What the regisseur sees --------------------------------------------------------------------


@pytest.fixture
def met_lasten(weert, regisseur):
    """Period from 01-07-2026, today 20-07-2026: rent July–December, energy from August with
    the person paying it themselves from November."""
    with _op(D(2026, 7, 20)):
        p = _periode_vanaf(weert, regisseur, D(2026, 7, 1))
        huur = last(p, regisseur, eerste_maand=D(2026, 7, 1))
        energie = last(
            p,
            regisseur,
            soort="energie",
            crediteur="Energie BV",
            iban="NL44RABO0123456789",
            kenmerk="Klant 991",
            maandbedrag=Decimal("95.40"),
            eerste_maand=D(2026, 8, 1),
        )
        services.overname_vastleggen(last=energie, door=regisseur, overname_maand=D(2026, 11, 1))
    Betaling.objects.filter(vaste_last=huur, maand=D(2026, 7, 1)).update(
        status=BetalingStatus.BETAALD, betaald_op=D(2026, 7, 3)
    )
    Betaling.objects.filter(vaste_last=energie).update(status=BetalingStatus.IN_BATCH)
    return p, huur, energie


def test_per_last_elke_maand_van_de_periode_met_zijn_stand(met_lasten):
    p, huur, energie = met_lasten
    with _op(D(2026, 7, 20)):
        regels = selectors.last_maanden(periode=p)
    per_last = {r.last: [(s.maand, s.label) for s in r.maanden] for r in regels}
    assert per_last[huur] == [
        (D(2026, 7, 1), "Betaald"),
        (D(2026, 8, 1), "Gepland"),
        (D(2026, 9, 1), "nog niet gepland"),
        (D(2026, 10, 1), "nog niet gepland"),
        (D(2026, 11, 1), "nog niet gepland"),
        (D(2026, 12, 1), "nog niet gepland"),
    ]
    assert per_last[energie] == [
        (D(2026, 7, 1), "geen betaling in deze maand"),
        (D(2026, 8, 1), "In batch"),
        (D(2026, 9, 1), "nog niet gepland"),
        (D(2026, 10, 1), "nog niet gepland"),
        (D(2026, 11, 1), "betaalt zelf"),
        (D(2026, 12, 1), "betaalt zelf"),
    ]


def test_maand_die_gepland_had_moeten_zijn_en_mislukte_betaling(met_lasten):
    p, huur, _energie = met_lasten
    Betaling.objects.filter(vaste_last=huur, maand=D(2026, 8, 1)).delete()
    Betaling.objects.filter(vaste_last=huur, maand=D(2026, 7, 1)).update(
        status=BetalingStatus.MISLUKT, reden_mislukt="Teruggeboekt: AC04"
    )
    with _op(D(2026, 7, 20)):
        regels = selectors.last_maanden(periode=p)
    standen = {s.maand: s.status for s in next(r for r in regels if r.last == huur).maanden}
    assert standen[D(2026, 7, 1)] == BetalingStatus.MISLUKT
    assert standen[D(2026, 8, 1)] == selectors.MAAND_ONTBREEKT


def test_last_maanden_in_een_vast_aantal_queries(met_lasten, regisseur, django_assert_num_queries):
    p, _huur, _energie = met_lasten
    with django_assert_num_queries(3):
        selectors.last_maanden(periode=p)
    with _op(D(2026, 7, 20)):
        for nummer in range(4):
            last(p, regisseur, kenmerk=f"Garage {nummer}", maandbedrag=Decimal("40.00"))
    with django_assert_num_queries(3):
        assert len(selectors.last_maanden(periode=p)) == 6


def test_periodepagina_toont_de_maanden_per_last_in_vaste_queries(
    client, met_lasten, regisseur, django_assert_max_num_queries
):
    p, _huur, _energie = met_lasten
    client.force_login(regisseur)
    url = reverse("ontzorging:periode-detail", args=[p.persoon.uuid])
    with _op(D(2026, 7, 20)), django_assert_max_num_queries(60) as eerst:
        response = client.get(url)
    tekst = response.content.decode()
    assert "Betalingen per last en maand" in tekst
    assert "nog niet gepland" in tekst and "In batch" in tekst and "Betaald" in tekst
    with _op(D(2026, 7, 20)):
        for nummer in range(4):
            last(p, regisseur, kenmerk=f"Garage {nummer}", maandbedrag=Decimal("40.00"))
    with _op(D(2026, 7, 20)), django_assert_max_num_queries(len(eerst.captured_queries)):
        assert client.get(url).status_code == 200
