"""Planning each month's payments, and periods moving along by date: nothing planned twice,
nothing outside the period, and the regisseur warned once before the end."""

import datetime
import threading
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.utils import IntegrityError

from ontzorging import selectors, services
from ontzorging.constants import BetalingStatus, PeriodeStatus
from ontzorging.models import Batchregel, Betaling, Ontzorgperiode
from statushouders.models import Persoon
from termijnen.models import Melding
from tests.accounts.factories import UserFactory
from tests.statushouders.factories import HuishoudenFactory

from .factories import (
    BetaalinstellingFactory,
    BetalingFactory,
    OntzorgperiodeFactory,
    VasteLastFactory,
    batch_naar_de_bank,
    doelgroeppersoon,
    instelling,
    last,
    periode,
)

D = datetime.date
AUGUSTUS = D(2026, 8, 1)


@pytest.fixture(autouse=True)
def juli():
    with time_machine.travel(datetime.datetime(2026, 7, 20, 9, 0), tick=False):
        yield


@pytest.fixture
def lopende_periode(weert, regisseur):
    instelling(weert)
    return periode(doelgroeppersoon(gemeente=weert, regisseur=regisseur), regisseur)


def _geplande_maanden(last_) -> list[datetime.date]:
    return list(Betaling.objects.filter(vaste_last=last_).values_list("maand", flat=True))


# --- Idempotent -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_plannen_is_idempotent(lopende_periode, regisseur):
    huur = last(lopende_periode, regisseur)
    energie = last(
        lopende_periode,
        regisseur,
        soort="energie",
        crediteur="Energie BV",
        maandbedrag=Decimal("95.40"),
    )
    september = D(2026, 9, 1)
    assert services.betalingen_plannen(maand=september) == 2
    voor = list(Betaling.objects.order_by("id").values())
    assert services.betalingen_plannen(maand=september) == 0
    assert services.betalingen_plannen(maand=D(2026, 9, 17)) == 0  # any day of the month
    assert services.betalingen_plannen(maand=AUGUSTUS) == 0  # planned when the lasten came
    assert services.betalingen_bijplannen()["gepland"] == 0
    assert list(Betaling.objects.order_by("id").values()) == voor
    assert {(b["vaste_last_id"], b["maand"], b["bedrag"]) for b in voor} == {
        (last_.pk, maand, bedrag)
        for last_, bedrag in ((huur, Decimal("612.50")), (energie, Decimal("95.40")))
        for maand in (AUGUSTUS, september)
    }
    assert {b["status"] for b in voor} == {BetalingStatus.GEPLAND}


@pytest.mark.django_db
def test_plannen_per_gemeente(lopende_periode, regisseur, cranendonck, regisseur_cranendonck):
    # Lasten written past the services, so nothing is planned before the run.
    VasteLastFactory(periode=lopende_periode)
    instelling(cranendonck)
    elders = periode(
        doelgroeppersoon(gemeente=cranendonck, regisseur=regisseur_cranendonck),
        regisseur_cranendonck,
    )
    VasteLastFactory(periode=elders)
    assert services.betalingen_plannen(maand=AUGUSTUS, gemeente=cranendonck) == 1
    assert Betaling.objects.get().vaste_last.periode == elders
    assert services.betalingen_plannen(maand=AUGUSTUS) == 1


@pytest.mark.django_db(transaction=True)
def test_twee_gelijktijdige_planningen_plannen_alles_een_keer():
    lasten = [VasteLastFactory(periode=OntzorgperiodeFactory()) for _ in range(5)]
    lasten += [
        VasteLastFactory(periode=lasten[0].periode, soort="water", maandbedrag=Decimal("20"))
    ]
    start = threading.Barrier(2)
    gepland, fouten = [], []

    def plannen():
        try:
            start.wait()
            gepland.append(services.betalingen_plannen(maand=AUGUSTUS))
        except Exception as fout:  # noqa: BLE001 - reported below
            fouten.append(fout)
        finally:
            connection.close()

    draden = [threading.Thread(target=plannen) for _ in range(2)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join()
    assert not fouten
    assert sorted(gepland) in ([0, 6], [1, 5], [2, 4], [3, 3])
    assert sum(gepland) == 6
    for vaste_last in lasten:
        assert _geplande_maanden(vaste_last) == [AUGUSTUS]


@pytest.mark.django_db(transaction=True)
def test_twee_gelijktijdige_batches_nemen_elke_betaling_een_keer(weert):
    BetaalinstellingFactory(gemeente=weert)
    for _ in range(4):
        VasteLastFactory(periode__persoon__gemeente=weert)
    assert services.betalingen_plannen(maand=AUGUSTUS) == 4
    regisseurs = [UserFactory(gemeenten=[weert]) for _ in range(2)]
    start = threading.Barrier(2)
    batches, fouten = [], []

    def samenstellen(door):
        try:
            start.wait()
            batches.append(
                services.batch_samenstellen(
                    gemeente=weert, door=door, uitvoerdatum=D(2026, 7, 24), tot_maand=AUGUSTUS
                )
            )
        except ValidationError as fout:
            fouten.append(fout)
        finally:
            connection.close()

    draden = [threading.Thread(target=samenstellen, args=(r,)) for r in regisseurs]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join()
    assert len(batches) == 1
    assert [f.messages for f in fouten] == [
        ["Er zijn geen geplande betalingen tot en met 08-2026."]
    ]
    assert batches[0].aantal == 4
    assert Batchregel.objects.count() == 4
    assert set(Betaling.objects.values_list("status", flat=True)) == {BetalingStatus.IN_BATCH}


@pytest.mark.django_db
def test_database_weigert_tweede_betaling_naast_planning(lopende_periode, regisseur):
    huur = last(lopende_periode, regisseur)
    services.betalingen_plannen(maand=AUGUSTUS)
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO ontzorging_betaling (vaste_last_id, maand, bedrag, status, pogingen,"
            " reden_mislukt, created_at) VALUES (%s, %s, 612.50, 'gepland', 1, '', now())",
            [huur.pk, AUGUSTUS],
        )
    assert _geplande_maanden(huur) == [AUGUSTUS]


# --- Only months inside the period ------------------------------------------------------------


@pytest.mark.django_db
def test_geen_maand_voor_de_start_van_de_periode():
    huur = VasteLastFactory(eerste_maand=D(2026, 5, 1))  # period starts 01-07-2026
    assert services.betalingen_plannen(maand=D(2026, 6, 1)) == 0
    assert services.betalingen_plannen(maand=D(2026, 7, 1)) == 1
    assert _geplande_maanden(huur) == [D(2026, 7, 1)]


@pytest.mark.django_db
def test_alleen_maanden_van_de_last():
    huur = VasteLastFactory(eerste_maand=D(2026, 8, 1), laatste_maand=D(2026, 9, 1))
    for maand in (D(2026, 7, 1), D(2026, 8, 1), D(2026, 9, 1), D(2026, 10, 1)):
        services.betalingen_plannen(maand=maand)
    assert _geplande_maanden(huur) == [D(2026, 8, 1), D(2026, 9, 1)]


@pytest.mark.django_db
def test_geen_maand_na_het_einde_uit_de_termijn():
    # Bijstand from 01-07-2026: six months, the first day counted, end on 31-12-2026.
    huur = VasteLastFactory(laatste_maand=D(2027, 6, 1))
    assert selectors.einde_van(huur.periode) == D(2026, 12, 31)
    for maand in (D(2026, 12, 1), D(2027, 1, 1), D(2027, 2, 1), D(2027, 3, 1)):
        services.betalingen_plannen(maand=maand)
    assert _geplande_maanden(huur) == [D(2026, 12, 1)]


@pytest.mark.django_db
def test_verlenging_schuift_het_einde_en_de_planning(lopende_periode, regisseur):
    huur = last(lopende_periode, regisseur, laatste_maand=D(2027, 6, 1))
    assert services.betalingen_plannen(maand=D(2027, 2, 1)) == 0
    services.periode_verlengen(
        periode=lopende_periode,
        door=regisseur,
        tot=D(2027, 3, 31),
        besluit_op=D(2026, 7, 15),
        reden="Overdracht energie nog niet geregeld",
    )
    assert selectors.einde_van(lopende_periode) == D(2027, 3, 31)
    for maand in (D(2027, 2, 1), D(2027, 3, 1), D(2027, 4, 1)):
        services.betalingen_plannen(maand=maand)
    assert _geplande_maanden(huur) == [AUGUSTUS, D(2027, 2, 1), D(2027, 3, 1)]


@pytest.mark.django_db
def test_verlenging_moet_later_eindigen(lopende_periode, regisseur):
    with pytest.raises(ValidationError) as fout:
        services.periode_verlengen(
            periode=lopende_periode,
            door=regisseur,
            tot=D(2026, 12, 1),
            besluit_op=D(2026, 7, 15),
            reden="Te vroeg",
        )
    assert fout.value.message_dict == {
        "tot": ["De nieuwe einddatum moet na het huidige einde (31-12-2026) liggen."]
    }


@pytest.mark.django_db
def test_geen_maand_na_beeindiging(lopende_periode, regisseur):
    huur = last(lopende_periode, regisseur)
    for maand in (D(2026, 8, 1), D(2026, 9, 1), D(2026, 10, 1)):
        services.betalingen_plannen(maand=maand)
    services.periode_beeindigen(
        periode=lopende_periode, door=regisseur, op=D(2026, 9, 15), reden="Bijstand gestopt"
    )
    # What was planned after the end is gone; what came before stays.
    assert _geplande_maanden(huur) == [AUGUSTUS, D(2026, 9, 1)]
    assert services.betalingen_plannen(maand=D(2026, 10, 1)) == 0
    assert services.betalingen_plannen(maand=D(2026, 11, 1)) == 0
    assert _geplande_maanden(huur) == [AUGUSTUS, D(2026, 9, 1)]


@pytest.mark.django_db
def test_geen_maand_vanaf_de_overname(lopende_periode, regisseur):
    huur = last(lopende_periode, regisseur)
    services.betalingen_plannen(maand=D(2026, 10, 1))
    huur = services.overname_vastleggen(
        last=huur,
        door=regisseur,
        overname_maand=D(2026, 10, 1),
        overname_geregeld_op=D(2026, 7, 20),
    )
    assert huur.laatste_maand == D(2026, 9, 1)
    # October was planned, not yet sent: removed.
    assert _geplande_maanden(huur) == [AUGUSTUS]
    for maand in (D(2026, 9, 1), D(2026, 10, 1), D(2026, 11, 1)):
        services.betalingen_plannen(maand=maand)
    assert _geplande_maanden(huur) == [AUGUSTUS, D(2026, 9, 1)]


@pytest.mark.django_db
def test_overname_zonder_laatste_maand_aanpassing_telt_ook():
    """The database keeps a last whose overname month lies inside its months (written
    before the checklist); planning still stops at the overname."""
    huur = VasteLastFactory(overname_maand=D(2026, 10, 1))
    for maand in (D(2026, 9, 1), D(2026, 10, 1), D(2026, 11, 1)):
        services.betalingen_plannen(maand=maand)
    assert _geplande_maanden(huur) == [D(2026, 9, 1)]


@pytest.mark.django_db
def test_zonder_machtiging_niets_gepland():
    huur = VasteLastFactory(periode=OntzorgperiodeFactory(zonder_machtiging=True))
    assert services.betalingen_plannen(maand=AUGUSTUS) == 0
    assert _geplande_maanden(huur) == []


@pytest.mark.django_db
def test_beeindigde_periode_plant_niets():
    huur = VasteLastFactory(periode=OntzorgperiodeFactory(beeindigd=True))
    assert services.betalingen_plannen(maand=AUGUSTUS) == 0
    assert _geplande_maanden(huur) == []


# --- A failed payment -------------------------------------------------------------------------


@pytest.mark.django_db
def test_mislukte_betaling_eenmaal_opnieuw_en_in_de_volgende_batch(weert, regisseur):
    instelling(weert)
    p = periode(doelgroeppersoon(gemeente=weert, regisseur=regisseur), regisseur)
    last(p, regisseur)
    eerste = batch_naar_de_bank(weert, regisseur)
    betaling = Betaling.objects.get()
    # The bank returns it (as a statement would).
    Betaling.objects.filter(pk=betaling.pk).update(
        status=BetalingStatus.MISLUKT, reden_mislukt="Teruggeboekt door de bank: AC04"
    )
    betaling = services.betaling_opnieuw_plannen(betaling=betaling, door=regisseur)
    assert (betaling.status, betaling.pogingen, betaling.reden_mislukt) == ("gepland", 2, "")
    with pytest.raises(ValidationError) as fout:
        services.betaling_opnieuw_plannen(betaling=betaling, door=regisseur)
    assert fout.value.messages == ["Alleen een mislukte betaling kan opnieuw worden gepland."]
    betaling.refresh_from_db()
    assert betaling.pogingen == 2

    # Planning the month again adds nothing; the next batch takes it exactly once.
    assert services.betalingen_plannen(maand=AUGUSTUS) == 0
    tweede = services.batch_samenstellen(
        gemeente=weert, door=regisseur, uitvoerdatum=D(2026, 7, 27), tot_maand=AUGUSTUS
    )
    assert tweede.aantal == 1
    assert tweede.totaal == Decimal("612.50")
    assert list(tweede.regels.values_list("betaling_id", flat=True)) == [betaling.pk]
    assert eerste.regels.get().end_to_end_id != tweede.regels.get().end_to_end_id
    assert Betaling.objects.count() == 1
    with pytest.raises(ValidationError):  # nothing left to put in a third batch
        services.batch_samenstellen(
            gemeente=weert, door=regisseur, uitvoerdatum=D(2026, 7, 27), tot_maand=AUGUSTUS
        )


@pytest.mark.django_db
def test_betaalde_betaling_niet_opnieuw_gepland(regisseur, weert):
    betaald = BetalingFactory(
        betaald=True,
        vaste_last__periode__persoon__gemeente=weert,
        vaste_last__periode__persoon__regisseur=regisseur,
    )
    with pytest.raises(ValidationError):
        services.betaling_opnieuw_plannen(betaling=betaald, door=regisseur)
    betaald.refresh_from_db()
    assert betaald.status == BetalingStatus.BETAALD


# --- Periods along by date --------------------------------------------------------------------


@pytest.mark.django_db
def test_status_volgt_de_datum_met_een_melding_voor_de_overdracht(weert, regisseur):
    instelling(weert)
    persoon = doelgroeppersoon(gemeente=weert, regisseur=regisseur, bijstand_sinds=D(2026, 8, 1))
    p = periode(persoon, regisseur)
    assert p.status == PeriodeStatus.GEPLAND
    assert selectors.einde_van(p) == D(2027, 1, 31)

    def stand(vandaag):
        with time_machine.travel(vandaag, tick=False):
            services.periodes_bijwerken(vandaag=vandaag)
        p.refresh_from_db()
        return p.status

    def meldingen():
        return Melding.objects.filter(gebruiker=regisseur, tekst__contains="begin de overdracht")

    assert stand(D(2026, 7, 31)) == PeriodeStatus.GEPLAND
    assert stand(D(2026, 8, 1)) == PeriodeStatus.ACTIEF
    assert stand(D(2027, 1, 2)) == PeriodeStatus.ACTIEF
    assert not meldingen().exists()
    assert stand(D(2027, 1, 3)) == PeriodeStatus.AFBOUW  # four weeks before the end
    assert meldingen().count() == 1
    assert "eindigt op 31-01-2027" in meldingen().get().tekst
    assert meldingen().get().persoon == persoon
    assert stand(D(2027, 1, 3)) == PeriodeStatus.AFBOUW
    assert stand(D(2027, 1, 20)) == PeriodeStatus.AFBOUW
    assert meldingen().count() == 1
    assert stand(D(2027, 1, 31)) == PeriodeStatus.AFBOUW  # the last day still counts
    assert stand(D(2027, 2, 1)) == PeriodeStatus.BEEINDIGD
    assert p.beeindigd_op == D(2027, 1, 31)
    assert meldingen().count() == 1


@pytest.mark.django_db
def test_periodes_bijwerken_tweemaal_verandert_niets_meer(weert, regisseur):
    instelling(weert)
    periode(doelgroeppersoon(gemeente=weert, regisseur=regisseur), regisseur)
    assert services.periodes_bijwerken(vandaag=D(2026, 12, 10)) == 1
    assert services.periodes_bijwerken(vandaag=D(2026, 12, 10)) == 0
    assert services.periodes_bijwerken(vandaag=D(2026, 12, 11)) == 0
    assert Melding.objects.filter(tekst__contains="begin de overdracht").count() == 1


@pytest.mark.django_db
def test_verlenging_na_melding_geeft_later_een_nieuwe_melding(lopende_periode, regisseur):
    services.periodes_bijwerken(vandaag=D(2026, 12, 10))
    lopende_periode.refresh_from_db()
    assert lopende_periode.status == PeriodeStatus.AFBOUW
    services.periode_verlengen(
        periode=lopende_periode,
        door=regisseur,
        tot=D(2027, 4, 1),
        besluit_op=D(2026, 7, 15),
        reden="Budgetcoaching loopt nog",
    )
    lopende_periode.refresh_from_db()
    assert lopende_periode.status == PeriodeStatus.ACTIEF
    services.periodes_bijwerken(vandaag=D(2027, 3, 4))
    lopende_periode.refresh_from_db()
    assert lopende_periode.status == PeriodeStatus.AFBOUW
    assert Melding.objects.filter(tekst__contains="begin de overdracht").count() == 2


# --- Household --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_periode_van_het_huishouden_geldt_voor_elk_lid(weert, regisseur):
    instelling(weert)
    gezin = HuishoudenFactory(gemeente=weert)
    ouder = doelgroeppersoon(gemeente=weert, regisseur=regisseur, huishouden=gezin)
    partner = doelgroeppersoon(gemeente=weert, regisseur=regisseur, huishouden=gezin)
    buur = doelgroeppersoon(
        gemeente=weert, regisseur=regisseur, huishouden=HuishoudenFactory(gemeente=weert)
    )
    p = periode(ouder, regisseur, voor_huishouden=True)
    assert list(selectors.periodes_van(persoon=partner)) == [p]
    assert selectors.lopende_periode(persoon=partner) == p
    assert list(selectors.periodes_van(persoon=buur)) == []
    with pytest.raises(ValidationError) as fout:
        periode(partner, regisseur)
    assert "huishouden" in fout.value.message_dict["persoon"][0]
    assert Ontzorgperiode.objects.count() == 1


@pytest.mark.django_db
def test_eigen_periode_geldt_niet_voor_het_huishouden(weert, regisseur):
    instelling(weert)
    gezin = HuishoudenFactory(gemeente=weert)
    ouder = doelgroeppersoon(gemeente=weert, regisseur=regisseur, huishouden=gezin)
    partner = doelgroeppersoon(gemeente=weert, regisseur=regisseur, huishouden=gezin)
    periode(ouder, regisseur)
    assert list(selectors.periodes_van(persoon=partner)) == []
    assert periode(partner, regisseur).persoon == partner


@pytest.mark.django_db
def test_huishouden_zonder_huishouden_geweigerd(lopende_periode, regisseur):
    los = doelgroeppersoon(gemeente=lopende_periode.persoon.gemeente, regisseur=regisseur)
    assert Persoon.objects.get(pk=los.pk).huishouden_id is None
    with pytest.raises(ValidationError) as fout:
        periode(los, regisseur, voor_huishouden=True)
    assert fout.value.message_dict == {
        "voor_huishouden": ["Deze persoon hoort niet bij een huishouden."]
    }


@pytest.mark.django_db
def test_periode_in_afbouw_plant_nog():
    huur = VasteLastFactory(periode=OntzorgperiodeFactory(afbouw=True))
    assert services.betalingen_plannen(maand=D(2026, 12, 1)) == 1
    assert _geplande_maanden(huur) == [D(2026, 12, 1)]
