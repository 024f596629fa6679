import datetime

import pytest
import time_machine
from django.urls import reverse

from core.models import Melding
from core.services import termijn_bijwerken
from tests.accounts.factories import UserFactory
from tests.statushouders.factories import PersoonFactory

pytestmark = pytest.mark.django_db
D = datetime.date
VANDAAG = D(2026, 5, 4)


def _persoon(regisseur, gemeente, koppeling, achternaam):
    persoon = PersoonFactory(gemeente=gemeente, regisseur=regisseur, achternaam=achternaam)
    termijn_bijwerken(persoon=persoon, code="verhuizing", basisdatum=koppeling)
    return persoon


@time_machine.travel(VANDAAG)
def test_werkvoorraad_in_drie_groepen(regisseur_client, regisseur, weert):
    _persoon(regisseur, weert, D(2026, 2, 1), "Overtijd")  # due 26-04: verlopen
    _persoon(regisseur, weert, D(2026, 2, 14), "Dezeweek")  # due 09-05
    _persoon(regisseur, weert, D(2026, 3, 7), "Straks")  # due 30-05
    _persoon(UserFactory(gemeenten=[weert]), weert, D(2026, 2, 14), "Vancollega")
    url = reverse("core:werkvoorraad")

    def namen(groep):
        response = regisseur_client.get(url, {"groep": groep})
        return [t.persoon.achternaam for t in response.context["pagina"].object_list]

    assert namen("verlopen") == ["Overtijd"]
    assert namen("deze-week") == ["Dezeweek"]
    assert namen("vier-weken") == ["Straks"]


@time_machine.travel(VANDAAG)
def test_teamoverzicht_alleen_voor_teamleider_over_regisseurs_heen(
    client, regisseur, weert, cranendonck
):
    collega = UserFactory(gemeenten=[cranendonck])
    _persoon(regisseur, weert, D(2026, 2, 14), "Weertenaar")
    _persoon(collega, cranendonck, D(2026, 2, 14), "Budelaar")
    client.force_login(regisseur)
    assert client.get(reverse("core:werkvoorraad-team")).status_code == 404
    client.force_login(UserFactory(teamleider=True, gemeenten=[weert, cranendonck]))
    response = client.get(reverse("core:werkvoorraad-team"), {"groep": "deze-week"})
    assert {t.persoon.achternaam for t in response.context["pagina"].object_list} == {
        "Weertenaar",
        "Budelaar",
    }
    response = client.get(
        reverse("core:werkvoorraad-team"), {"groep": "deze-week", "regisseur": collega.pk}
    )
    assert [t.persoon.achternaam for t in response.context["pagina"].object_list] == ["Budelaar"]


@time_machine.travel(VANDAAG)
def test_werkvoorraad_vast_aantal_queries(
    regisseur_client, regisseur, weert, django_assert_max_num_queries
):
    for n in range(40):
        _persoon(regisseur, weert, D(2026, 2, 1), f"Persoon{n}")
    with django_assert_max_num_queries(10):
        response = regisseur_client.get(reverse("core:werkvoorraad"))
    assert len(response.context["pagina"].object_list) == 25


@time_machine.travel(VANDAAG)
def test_dossier_toont_termijnen_met_dagen_en_basis(regisseur_client, regisseur, weert):
    persoon = _persoon(regisseur, weert, D(2026, 2, 14), "Haddad")
    html = regisseur_client.get(persoon.get_absolute_url()).content.decode()
    assert "Verhuisd naar de gemeente" in html and "nog 5 dagen" in html
    assert "12 weken — COA/VNG-afspraken" in html
    assert "koers-termijn--bijna" in html


@time_machine.travel(VANDAAG)
def test_pip_termijn_eenmalig_verlengen_vanuit_het_dossier(regisseur_client, regisseur, weert):
    persoon = PersoonFactory(gemeente=weert, regisseur=regisseur)
    termijn_bijwerken(persoon=persoon, code="pip_vaststellen", basisdatum=D(2026, 4, 1))
    url = reverse("statushouders:termijn-verlengen", kwargs={"uuid": persoon.uuid})
    response = regisseur_client.post(url, {"dagen": "20", "reden": "GGD"}, follow=True)
    assert "1 tot en met 14 dagen" in response.content.decode()
    regisseur_client.post(url, {"dagen": "7", "reden": "Wachten op GGD-advies"})
    termijn = persoon.termijnen.get()
    assert termijn.vervalt_op == D(2026, 6, 17) and termijn.verlenging_reden


def test_bel_telt_ongelezen_meldingen_en_lezen_zet_ze_op_nul(regisseur_client, regisseur):
    Melding.objects.create(gebruiker=regisseur, tekst="Verhuizing: vandaag", link="/personen/")
    html = regisseur_client.get("/personen/").content.decode()
    assert 'koers-bel__aantal">1<' in html
    regisseur_client.post(reverse("core:meldingen"))
    assert "koers-bel__aantal" not in regisseur_client.get("/personen/").content.decode()
