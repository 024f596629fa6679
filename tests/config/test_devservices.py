import pytest

from config.devservices import PG_MAJOR, EmbeddedPostgres, OudeDatabase, Services


@pytest.fixture
def postgres(tmp_path):
    server = EmbeddedPostgres()
    server.datadir = tmp_path / "pgdata"
    server.datadir.mkdir()
    return server


def test_data_van_een_oudere_postgresql_wordt_niet_geopend_en_uitgelegd(postgres):
    (postgres.datadir / "PG_VERSION").write_text("16\n")
    with pytest.raises(OudeDatabase, match="make pg-verhuizen"):
        postgres.versie_controleren()
    assert (postgres.datadir / "PG_VERSION").exists()  # nothing is thrown away


def test_data_van_de_huidige_versie_en_een_lege_map_zijn_in_orde(postgres):
    postgres.versie_controleren()
    (postgres.datadir / "PG_VERSION").write_text(f"{PG_MAJOR}\n")
    postgres.versie_controleren()


@pytest.mark.parametrize(
    "database, redis",
    [
        ("KOERS_DATABASE_URL", "KOERS_REDIS_URL"),
        ("DATABASE_URL", "REDIS_URL"),  # the old names, for one more release
    ],
)
def test_gezette_database_en_redis_worden_gebruikt_onder_de_nieuwe_naam(
    monkeypatch, database, redis
):
    for naam in ("KOERS_DATABASE_URL", "KOERS_REDIS_URL", "DATABASE_URL", "REDIS_URL"):
        monkeypatch.delenv(naam, raising=False)
    monkeypatch.setenv(database, "postgres://koers@db.example/koers")
    monkeypatch.setenv(redis, "redis://redis.example:6379/0")

    services = Services()
    with services as env:
        assert services.embedded == []  # nothing embedded is started
        assert env["KOERS_DATABASE_URL"] == "postgres://koers@db.example/koers"
        assert env["KOERS_REDIS_URL"] == "redis://redis.example:6379/0"
