import pytest
from django.core.management import CommandError, call_command
from django.db import connection


@pytest.mark.django_db
def test_database_van_de_huidige_migraties_wordt_gewoon_gebruikt():
    call_command("koers_migratiestand")  # no error


@pytest.mark.django_db
def test_database_van_de_oude_migraties_wordt_uitgelegd_en_niet_gewist():
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO django_migrations (app, name, applied) "
            "VALUES ('statushouders', '0013_persoon_lijst_uit_de_index', '2026-11-30 12:00+00')"
        )
    with pytest.raises(CommandError) as fout:
        call_command("koers_migratiestand")
    assert "statushouders.0013_persoon_lijst_uit_de_index" in str(fout.value)
    assert "make clean-run" in str(fout.value)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM django_migrations WHERE app = 'statushouders'")
        assert cursor.fetchone()[0] > 1  # nothing was deleted
