"""Lists that count no further than they need and find a deep page through the ids."""

import pytest

from core import selectors
from core.selectors import GroteLijstPaginator, pagina_kiezen
from statushouders.models import Persoon
from tests.statushouders.factories import PersoonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def twaalf(weert):
    for nummer in range(12):
        PersoonFactory(gemeente=weert, achternaam=f"Achternaam {nummer:02d}", voornamen="A")
    return Persoon.objects.order_by("achternaam", "id")


def test_tot_de_grens_telt_de_lijst_precies(twaalf, monkeypatch):
    monkeypatch.setattr(selectors, "TEL_TOT", 20)
    paginator = GroteLijstPaginator(twaalf, 5)
    assert paginator.count == 12 and not paginator.geschat
    assert paginator.num_pages == 3
    assert paginator.aantal_tekst == "12"


def test_boven_de_grens_zegt_de_lijst_meer_dan_tot_het_einde_in_zicht_is(twaalf, monkeypatch):
    monkeypatch.setattr(selectors, "TEL_TOT", 10)
    eerste = pagina_kiezen(twaalf, nummer=1, per_pagina=5)
    assert eerste.paginator.geschat
    assert eerste.paginator.aantal_tekst == "Meer dan 10"
    # Only pages known to hold rows are offered: this one and the next.
    assert eerste.has_next() and eerste.paginator.num_pages == 2
    # The estimate never cuts a page short, and the last page makes the count exact.
    laatste = pagina_kiezen(twaalf, nummer=3, per_pagina=5)
    assert [p.achternaam for p in laatste.object_list] == ["Achternaam 10", "Achternaam 11"]
    assert laatste.paginator.aantal_tekst == "12" and not laatste.has_next()
    # Past the end: an empty page with the way back, no error.
    voorbij = pagina_kiezen(twaalf, nummer=9, per_pagina=5, via_ids=True)
    assert list(voorbij.object_list) == [] and voorbij.has_previous()


def test_via_de_ids_geeft_dezelfde_rijen_in_dezelfde_volgorde(twaalf, django_assert_num_queries):
    verwacht = list(twaalf)
    for nummer in (1, 2, 3):
        gewoon = pagina_kiezen(twaalf, nummer=nummer, per_pagina=5)
        via_ids = pagina_kiezen(twaalf, nummer=nummer, per_pagina=5, via_ids=True)
        assert list(via_ids.object_list) == list(gewoon.object_list)
        assert list(via_ids.object_list) == verwacht[(nummer - 1) * 5 : nummer * 5]
    # The estimate and the count, the ids of the page, the rows: four queries, not more.
    with django_assert_num_queries(4):
        list(pagina_kiezen(twaalf, nummer=2, per_pagina=5, via_ids=True).object_list)


def test_personenlijst_boven_de_grens(regisseur_client, twaalf, monkeypatch):
    from statushouders import views

    monkeypatch.setattr(selectors, "TEL_TOT", 10)
    monkeypatch.setattr(views, "PER_PAGINA", 5)
    html = regisseur_client.get("/personen/").content.decode()
    assert "Meer dan 10 personen gevonden." in html
    assert "Achternaam 00" in html and "Achternaam 05" not in html
    laatste = regisseur_client.get("/personen/", {"pagina": "3"}).content.decode()
    assert "12 personen gevonden." in laatste
    assert "Achternaam 11" in laatste and "Achternaam 09" not in laatste
    voorbij = regisseur_client.get("/personen/", {"pagina": "40"}).content.decode()
    assert "Op deze pagina staan geen personen meer" in voorbij
