"""The application's database role (`koers_databaserol`) can do its work and nothing that
would let it rewrite the past: each refusal is proven by a raw write as that role."""

import os

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from core.management.commands.koers_databaserol import alleen_toevoegen, tabellen
from core.models import Toegangslog
from core.services import toegang_vastleggen
from statushouders.models import Persoon
from tests.statushouders.factories import PersoonFactory

# Roles belong to the whole server; each test process makes its own (and rolls it back).
ROL = "koers_app_test" + os.environ.get("PYTEST_XDIST_WORKER", "")
EVENTTABEL = "statushouders_persoonevent"


@pytest.fixture
def als_app(db, persoon, regisseur):
    """A cursor that runs as the application role, inside the test's transaction. Creating the
    role is transactional too: it is gone again after the test."""
    call_command("koers_databaserol", rol=ROL, stdout=open(os.devnull, "w"))  # noqa: SIM115
    toegang_vastleggen(gebruiker=regisseur, persoon=persoon, pad="/personen/")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL ROLE {ROL}")
        yield cursor


def _geweigerd(cursor, query: str) -> str:
    with pytest.raises(DatabaseError) as fout, transaction.atomic():
        cursor.execute(query)
    return str(fout.value)


def test_applicatierol_is_geen_superuser_en_geen_eigenaar(als_app):
    als_app.execute(
        "SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls, rolreplication "
        "FROM pg_roles WHERE rolname = current_user"
    )
    assert als_app.fetchone() == (False, False, False, False, False)
    als_app.execute(
        "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() "
        "AND tableowner = current_user"
    )
    assert als_app.fetchone() == (0,)


def test_applicatierol_kan_geen_triggers_uitzetten(als_app):
    assert "must be owner" in _geweigerd(als_app, f"ALTER TABLE {EVENTTABEL} DISABLE TRIGGER ALL")
    assert "must be owner" in _geweigerd(
        als_app, "ALTER TABLE core_toegangslog DISABLE TRIGGER ALL"
    )
    assert "permission denied" in _geweigerd(als_app, "SET session_replication_role = replica")


def test_applicatierol_kan_niet_legen(als_app):
    for tabel in (EVENTTABEL, "core_toegangslog", "statushouders_persoon"):
        assert "permission denied" in _geweigerd(als_app, f"TRUNCATE {tabel} CASCADE")


def test_applicatierol_kan_historie_niet_wijzigen_of_verwijderen(als_app):
    als_app.execute(f"SELECT count(*) FROM {EVENTTABEL}")
    assert als_app.fetchone()[0] >= 1
    assert "permission denied" in _geweigerd(
        als_app, f"UPDATE {EVENTTABEL} SET achternaam = 'Anders'"
    )
    assert "permission denied" in _geweigerd(als_app, f"DELETE FROM {EVENTTABEL}")


def test_applicatierol_kan_toegangslog_niet_wijzigen_of_verwijderen(als_app):
    als_app.execute("SELECT count(*) FROM core_toegangslog")
    assert als_app.fetchone() == (1,)
    assert "permission denied" in _geweigerd(
        als_app, "UPDATE core_toegangslog SET pad = '/elders/'"
    )
    assert "permission denied" in _geweigerd(als_app, "DELETE FROM core_toegangslog")


def test_applicatierol_doet_het_dossierwerk(als_app, persoon, regisseur):
    """Reading, adding and changing dossier rows works, and so do the history triggers and the
    access log that come with them."""
    nieuw = PersoonFactory(gemeente=persoon.gemeente, regisseur=regisseur)
    Persoon.objects.filter(pk=nieuw.pk).update(achternaam="Haddad-Verbeek")
    toegang_vastleggen(gebruiker=regisseur, persoon=nieuw, pad="/personen/")
    als_app.execute(f"SELECT count(*) FROM {EVENTTABEL} WHERE pgh_obj_id = %s", [nieuw.pk])
    assert als_app.fetchone() == (2,)  # insert and update, written as the application role
    assert Toegangslog.objects.filter(persoon=nieuw).count() == 1


def test_toegangslog_is_ook_voor_de_eigenaar_alleen_toevoegen(db, persoon, regisseur):
    """The database itself refuses to change or delete an access-log row, whoever asks."""
    regel = toegang_vastleggen(gebruiker=regisseur, persoon=persoon, pad="/personen/")
    with pytest.raises(DatabaseError, match="Cannot delete"), transaction.atomic():
        Toegangslog.objects.all().delete()
    with pytest.raises(DatabaseError, match="Cannot update"), transaction.atomic():
        Toegangslog.objects.filter(pk=regel.pk).update(pad="/elders/")
    with pytest.raises(DatabaseError, match="Cannot update"), transaction.atomic():
        Toegangslog.objects.filter(pk=regel.pk).update(persoon=PersoonFactory())
    assert Toegangslog.objects.get().pad == "/personen/"


def test_toegangslog_verliest_alleen_de_koppeling_aan_een_verwijderde_persoon(als_app, persoon):
    als_app.execute("UPDATE core_toegangslog SET persoon_id = NULL")
    regel = Toegangslog.objects.get()
    assert regel.persoon is None
    assert regel.persoon_uuid == persoon.uuid


def test_opnieuw_uitvoeren_verandert_niets(db):
    call_command("koers_databaserol", rol=ROL, stdout=open(os.devnull, "w"))  # noqa: SIM115
    call_command("koers_databaserol", rol=ROL, stdout=open(os.devnull, "w"))  # noqa: SIM115
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = %s", [ROL])
        assert cursor.fetchone() == (False,)


def test_elke_historietabel_en_het_toegangslog_alleen_lezen_en_toevoegen(als_app):
    """Found through the models, so a history table added later is covered without a list."""
    alleen_lezen = [m._meta.db_table for m in tabellen() if alleen_toevoegen(m)]
    assert EVENTTABEL in alleen_lezen and "core_toegangslog" in alleen_lezen
    assert len(alleen_lezen) > 10
    for tabel in alleen_lezen:
        als_app.execute(
            "SELECT has_table_privilege(%s, 'SELECT'), has_table_privilege(%s, 'INSERT'), "
            "has_table_privilege(%s, 'UPDATE'), has_table_privilege(%s, 'DELETE'), "
            "has_table_privilege(%s, 'TRUNCATE')",
            [tabel] * 5,
        )
        assert als_app.fetchone() == (True, True, False, False, False), tabel
