"""What the database itself refuses, whatever code writes to it: each rule proven with a raw
write past the services."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.db import connection, transaction

# A trigger that raises comes back as a DatabaseError (psycopg: RaiseException); a CHECK or
# UNIQUE violation as an IntegrityError.
from django.db.utils import DatabaseError, IntegrityError

from ontzorging.constants import BatchStatus, BetalingStatus
from ontzorging.models import Batchregel, Betaalbatch, Betaling
from tests.accounts.factories import UserFactory

from .factories import (
    BetaalbatchFactory,
    BetalingFactory,
    batch_naar_de_bank,
    doelgroeppersoon,
    instelling,
    last,
    periode,
)

pytestmark = pytest.mark.django_db

AUGUSTUS = datetime.date(2026, 8, 1)


@pytest.fixture(autouse=True)
def juli():
    with time_machine.travel(datetime.datetime(2026, 7, 20, 9, 0), tick=False):
        yield


def _sql(sql: str, *parameters) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, parameters)


# --- Four eyes --------------------------------------------------------------------------------


def test_database_weigert_goedkeuring_door_samensteller(weert):
    teamleider = UserFactory(teamleider=True, gemeenten=[weert])
    batch = BetaalbatchFactory(gemeente=weert, samengesteld_door=teamleider)
    with pytest.raises(IntegrityError, match="betaalbatch_vier_ogen"):
        _sql(
            "UPDATE ontzorging_betaalbatch SET goedgekeurd_door_id = %s, goedgekeurd_op = now(),"
            " status = 'goedgekeurd' WHERE id = %s",
            teamleider.pk,
            batch.pk,
        )
    batch.refresh_from_db()
    assert batch.goedgekeurd_door is None


def test_database_weigert_goedkeuring_door_regisseur(weert):
    batch = BetaalbatchFactory(gemeente=weert)
    regisseur = UserFactory(gemeenten=[weert])
    with pytest.raises(DatabaseError, match="Alleen een teamleider"):
        _sql(
            "UPDATE ontzorging_betaalbatch SET goedgekeurd_door_id = %s, goedgekeurd_op = now(),"
            " status = 'goedgekeurd' WHERE id = %s",
            regisseur.pk,
            batch.pk,
        )
    batch.refresh_from_db()
    assert batch.status == BatchStatus.SAMENGESTELD


def test_database_weigert_goedkeuring_door_inactieve_teamleider(weert):
    batch = BetaalbatchFactory(gemeente=weert)
    oud = UserFactory(teamleider=True, is_active=False, gemeenten=[weert])
    with pytest.raises(DatabaseError, match="Alleen een teamleider"):
        _sql(
            "UPDATE ontzorging_betaalbatch SET goedgekeurd_door_id = %s WHERE id = %s",
            oud.pk,
            batch.pk,
        )


def test_database_weigert_goedgekeurd_zonder_goedkeurder(weert):
    batch = BetaalbatchFactory(gemeente=weert)
    with pytest.raises(IntegrityError, match="betaalbatch_goedgekeurd_door_iemand"):
        _sql("UPDATE ontzorging_betaalbatch SET status = 'goedgekeurd' WHERE id = %s", batch.pk)


def test_database_aanvaardt_een_andere_teamleider(weert):
    batch = BetaalbatchFactory(gemeente=weert, goedgekeurd=True)
    assert batch.goedgekeurd_door.is_teamleider
    assert batch.goedgekeurd_door != batch.samengesteld_door


# --- One payment per last per month -----------------------------------------------------------


def test_database_weigert_tweede_betaling_voor_dezelfde_maand():
    betaling = BetalingFactory()
    with pytest.raises(IntegrityError, match="betaling_een_per_last_per_maand"):
        _sql(
            "INSERT INTO ontzorging_betaling (vaste_last_id, maand, bedrag, status, pogingen,"
            " reden_mislukt, created_at) VALUES (%s, %s, %s, 'gepland', 1, '', now())",
            betaling.vaste_last_id,
            betaling.maand,
            Decimal("1.00"),
        )
    assert Betaling.objects.count() == 1


@pytest.mark.parametrize(
    ("kolom", "waarde", "regel"),
    [
        ("bedrag", Decimal("0.00"), "betaling_bedrag_positief"),
        ("bedrag", Decimal("-1.00"), "betaling_bedrag_positief"),
        ("maand", datetime.date(2026, 8, 15), "maand_eerste_dag"),
        ("status", "mislukt", "betaling_mislukt_met_reden"),
    ],
)
def test_database_weigert_onmogelijke_betaling(kolom, waarde, regel):
    betaling = BetalingFactory()
    with pytest.raises(IntegrityError, match=regel):
        _sql(f"UPDATE ontzorging_betaling SET {kolom} = %s WHERE id = %s", waarde, betaling.pk)


# --- An exported batch is what the bank received ----------------------------------------------


@pytest.fixture
def geexporteerd(weert, regisseur):
    instelling(weert)
    p = periode(doelgroeppersoon(gemeente=weert, regisseur=regisseur), regisseur)
    last(p, regisseur)
    last(p, regisseur, soort="energie", crediteur="Energie BV", maandbedrag=Decimal("95.00"))
    return batch_naar_de_bank(weert, regisseur)


def test_geexporteerde_batch_heeft_zijn_bestand(geexporteerd):
    assert geexporteerd.status == BatchStatus.GEEXPORTEERD
    assert geexporteerd.geexporteerd_op is not None
    assert geexporteerd.regels.count() == 2
    assert geexporteerd.totaal == Decimal("707.50")


# Every write past the services that would change what the bank received.
WIJZIGINGEN = [
    "UPDATE ontzorging_betaalbatch SET totaal = 1 WHERE id = %s",
    "UPDATE ontzorging_betaalbatch SET sepa_xml = '<Document/>' WHERE id = %s",
    "UPDATE ontzorging_betaalbatch SET status = 'ingetrokken' WHERE id = %s",
    "UPDATE ontzorging_betaalbatch SET geexporteerd_op = NULL WHERE id = %s",
    "DELETE FROM ontzorging_betaalbatch WHERE id = %s",
    "UPDATE ontzorging_batchregel SET bedrag = 1 WHERE batch_id = %s",
    "UPDATE ontzorging_batchregel SET iban = 'NL44RABO0123456789' WHERE batch_id = %s",
    "UPDATE ontzorging_batchregel SET end_to_end_id = end_to_end_id || 'X' WHERE batch_id = %s",
    "DELETE FROM ontzorging_batchregel WHERE batch_id = %s",
]


def test_database_weigert_wijziging_van_geexporteerde_batch(geexporteerd):
    xml = geexporteerd.sepa_xml
    # One exported batch for every statement (each in its own savepoint): exporting is slow.
    for sql in WIJZIGINGEN:
        with pytest.raises(DatabaseError, match="geëxporteerde betaalbatch"):
            _sql(sql, geexporteerd.pk)
    geexporteerd.refresh_from_db()
    assert geexporteerd.sepa_xml == xml
    assert geexporteerd.status == BatchStatus.GEEXPORTEERD
    assert geexporteerd.totaal == Decimal("707.50")
    assert sorted(geexporteerd.regels.values_list("bedrag", flat=True)) == [
        Decimal("95.00"),
        Decimal("612.50"),
    ]


def test_database_weigert_nieuwe_regel_in_geexporteerde_batch(geexporteerd):
    andere = BetalingFactory(maand=datetime.date(2026, 9, 1))
    with pytest.raises(DatabaseError, match="geëxporteerde betaalbatch"):
        _sql(
            "INSERT INTO ontzorging_batchregel (batch_id, betaling_id, bedrag, crediteur, iban,"
            " bic, kenmerk, end_to_end_id) VALUES (%s, %s, 1, 'X', 'NL20INGB0001234567', '', 'x',"
            " 'KOERS-X')",
            geexporteerd.pk,
            andere.pk,
        )
    assert geexporteerd.regels.count() == 2


def test_orm_kan_geexporteerde_batch_niet_opslaan(geexporteerd):
    geexporteerd.uitvoerdatum = datetime.date(2026, 7, 28)
    with pytest.raises(DatabaseError), transaction.atomic():
        geexporteerd.save()
    assert Betaalbatch.objects.get(pk=geexporteerd.pk).uitvoerdatum == datetime.date(2026, 7, 24)


def test_betaling_eenmaal_per_batch(weert, regisseur):
    instelling(weert)
    p = periode(doelgroeppersoon(gemeente=weert, regisseur=regisseur), regisseur)
    last(p, regisseur)
    batch = batch_naar_de_bank(weert, regisseur, exporteren=False)
    regel = batch.regels.get()
    with pytest.raises(IntegrityError, match="batchregel_betaling_eenmaal_per_batch"):
        _sql(
            "INSERT INTO ontzorging_batchregel (batch_id, betaling_id, bedrag, crediteur, iban,"
            " bic, kenmerk, kenmerk_soort, end_to_end_id)"
            " VALUES (%s, %s, %s, %s, %s, '', %s, %s, 'KOERS-TWEEDE')",
            batch.pk,
            regel.betaling_id,
            regel.bedrag,
            regel.crediteur,
            regel.iban,
            regel.kenmerk,
            regel.kenmerk_soort,
        )
    assert Batchregel.objects.filter(betaling=regel.betaling).count() == 1
    assert Betaling.objects.get().status == BetalingStatus.IN_BATCH


def test_database_weigert_wijziging_van_geexporteerde_batch_uit_de_factory(weert):
    batch = BetaalbatchFactory(gemeente=weert, geexporteerd=True)
    assert batch.status == BatchStatus.GEEXPORTEERD
    with pytest.raises(DatabaseError, match="geëxporteerde betaalbatch"):
        _sql("UPDATE ontzorging_betaalbatch SET sepa_xml = '' WHERE id = %s", batch.pk)
