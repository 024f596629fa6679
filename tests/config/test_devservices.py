import pytest

from config.devservices import PG_MAJOR, EmbeddedPostgres, OudeDatabase


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
