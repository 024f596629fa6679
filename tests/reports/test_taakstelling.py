"""The taakstelling against the persons housed, per half year, with the backlog carried over;
and the beheer page where functioneel beheer enters it."""

import datetime
import re

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from pghistory.models import Events

from reports.models import Taakstelling
from reports.selectors import DEFINITIE_TAAKSTELLING, taakstelling_tabel
from reports.selectors.taakstelling import taakstelling_tabellen
from reports.services import taakstelling_opslaan, taakstelling_verwijderen
from statushouders.constants import Doelgroep
from tests.accounts.factories import UserFactory
from tests.reports.factories import TaakstellingFactory
from tests.statushouders.factories import HuishoudenFactory, PersoonFactory

pytestmark = pytest.mark.django_db
D = datetime.date
VANDAAG = D(2026, 11, 16)


@pytest.fixture(autouse=True)
def vaste_dag():
    with time_machine.travel(datetime.datetime(2026, 11, 16, 10, tzinfo=datetime.UTC)):
        yield


@pytest.fixture
def beheerder(weert):
    return UserFactory(beheerder=True, username="koen", gemeenten=[weert])


@pytest.fixture
def beheer_client(client, beheerder):
    client.force_login(beheerder)
    return client


def _gehuisvest(gemeente, datum, aantal=1, **velden):
    return PersoonFactory.create_batch(
        aantal, gemeente=gemeente, koppeling_datum=D(2024, 12, 2), huisvesting_datum=datum, **velden
    )


def _tekst(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture
def vier_halfjaren(weert, cranendonck):
    """Targets and housed persons of Weert over 2025 and 2026, with what must not count."""
    for (jaar, halfjaar), aantal in {(2025, 1): 10, (2025, 2): 12, (2026, 1): 8}.items():
        TaakstellingFactory(gemeente=weert, jaar=jaar, halfjaar=halfjaar, aantal=aantal)
    TaakstellingFactory(gemeente=weert, jaar=2027, halfjaar=1, aantal=15)  # after today
    # 2025, first half: a household of four housed together, two singles on the edges.
    gezin = HuishoudenFactory(gemeente=weert)
    _gehuisvest(weert, D(2025, 3, 10), 4, huishouden=gezin)
    _gehuisvest(weert, D(2025, 1, 1))
    _gehuisvest(weert, D(2025, 6, 30))
    _gehuisvest(weert, D(2025, 4, 1), doelgroep=Doelgroep.NAREIZIGER)
    # 2025, second half: two.
    _gehuisvest(weert, D(2025, 7, 1))
    _gehuisvest(weert, D(2025, 12, 31))
    # 2026, first half: another household of four and five singles; two nareizigers.
    _gehuisvest(weert, D(2026, 2, 2), 4, huishouden=HuishoudenFactory(gemeente=weert))
    _gehuisvest(weert, D(2026, 5, 18), 5, doelgroep=Doelgroep.GEZINSMIGRANT)
    _gehuisvest(weert, D(2026, 3, 3), 2, doelgroep=Doelgroep.NAREIZIGER)
    # 2026, second half: no target, three housed.
    _gehuisvest(weert, D(2026, 9, 1), 3)
    # Not housed yet; and Cranendonck's target and persons.
    PersoonFactory(gemeente=weert, huisvesting_datum=None)
    TaakstellingFactory(gemeente=cranendonck, jaar=2026, halfjaar=1, aantal=50)
    _gehuisvest(cranendonck, D(2026, 4, 1), 5)


def test_acceptatie_taakstelling_over_vier_halfjaren(vier_halfjaren, weert):
    tabel = taakstelling_tabel(gemeente_ids=[weert.pk], tot=VANDAAG)
    assert [(r.label, r.taakstelling, r.gerealiseerd, r.verschil, r.cumulatief) for r in tabel] == [
        ("2025 (1e halfjaar)", 10, 6, -4, -4),
        ("2025 (2e halfjaar)", 12, 2, -10, -14),
        ("2026 (1e halfjaar)", 8, 9, 1, -13),
        ("2026 (2e halfjaar)", 0, 3, 3, -10),
    ]
    assert (tabel[0].jaar, tabel[0].halfjaar) == (2025, 1)


def test_twee_gemeenten_samen_en_een_eerdere_peildatum(vier_halfjaren, weert, cranendonck):
    tabel = taakstelling_tabel(gemeente_ids=[weert.pk, cranendonck.pk], tot=D(2026, 6, 30))
    assert [(r.taakstelling, r.gerealiseerd, r.verschil, r.cumulatief) for r in tabel] == [
        (10, 6, -4, -4),
        (12, 2, -10, -14),
        (58, 14, -44, -58),
    ]


def test_de_tabel_per_gemeente_is_die_van_elke_gemeente_apart(vier_halfjaren, weert, cranendonck):
    """The beheer page reads every gemeente's table in one query: each is the table of that
    gemeente alone, with its own first half year and its own running backlog."""
    ids = [weert.pk, cranendonck.pk]
    tabellen = taakstelling_tabellen(gemeente_ids=ids, tot=VANDAAG)
    assert tabellen == {pk: taakstelling_tabel(gemeente_ids=[pk], tot=VANDAAG) for pk in ids}
    assert [r.cumulatief for r in tabellen[cranendonck.pk]] == [-45, -45]
    assert taakstelling_tabellen(gemeente_ids=[], tot=VANDAAG) == {}


def test_een_voorsprong_is_positief_en_loopt_mee(weert):
    TaakstellingFactory(gemeente=weert, jaar=2026, halfjaar=1, aantal=2)
    _gehuisvest(weert, D(2025, 11, 3), 3)
    _gehuisvest(weert, D(2026, 1, 5), 1)
    tabel = taakstelling_tabel(gemeente_ids=[weert.pk], tot=VANDAAG)
    assert [(r.taakstelling, r.gerealiseerd, r.verschil, r.cumulatief) for r in tabel] == [
        (0, 3, 3, 3),
        (2, 1, -1, 2),
        (0, 0, 0, 2),
    ]


def test_tabel_is_een_query(vier_halfjaren, weert, django_assert_num_queries):
    with django_assert_num_queries(1):
        taakstelling_tabel(gemeente_ids=[weert.pk], tot=VANDAAG)
    assert taakstelling_tabel(gemeente_ids=[], tot=VANDAAG) == []


def test_definitie_staat_klaar_voor_de_rapportage():
    assert "nareizigers" in DEFINITIE_TAAKSTELLING
    assert "halfjaar" in DEFINITIE_TAAKSTELLING


# --- Service ----------------------------------------------------------------------------------


def test_opslaan_voegt_toe_en_wijzigt_met_historie(weert, beheerder):
    taakstelling_opslaan(gemeente=weert, jaar=2026, halfjaar=2, aantal=20, door=beheerder)
    taakstelling = taakstelling_opslaan(
        gemeente=weert, jaar=2026, halfjaar=2, aantal=24, door=beheerder
    )
    assert Taakstelling.objects.get().aantal == 24
    assert taakstelling.gewijzigd_door == beheerder
    assert Events.objects.tracks(taakstelling).count() == 2
    taakstelling_verwijderen(taakstelling=taakstelling, door=beheerder)
    assert not Taakstelling.objects.exists()


@pytest.mark.parametrize(
    "velden, veld",
    [
        ({"aantal": 20000}, "aantal"),
        ({"aantal": -1}, "aantal"),
        ({"aantal": "abc"}, "aantal"),
        ({"jaar": 1999}, "jaar"),
        ({"jaar": 2101}, "jaar"),
        ({"halfjaar": 3}, "halfjaar"),
    ],
)
def test_opslaan_weigert_buiten_de_grenzen(weert, beheerder, velden, veld):
    with pytest.raises(ValidationError) as fout:
        taakstelling_opslaan(
            gemeente=weert, door=beheerder, **{"jaar": 2026, "halfjaar": 1, "aantal": 5, **velden}
        )
    assert veld in fout.value.message_dict
    assert not Taakstelling.objects.exists()


def test_alleen_beheer_van_de_gemeente_stelt_de_taakstelling_in(weert, cranendonck, regisseur):
    elders = UserFactory(beheerder=True, gemeenten=[cranendonck])
    teamleider = UserFactory(teamleider=True, gemeenten=[weert])
    for door in (regisseur, elders, teamleider):
        with pytest.raises(ValidationError, match="Alleen functioneel beheer"):
            taakstelling_opslaan(gemeente=weert, jaar=2026, halfjaar=1, aantal=5, door=door)
    bestaand = TaakstellingFactory(gemeente=weert)
    with pytest.raises(ValidationError):
        taakstelling_verwijderen(taakstelling=bestaand, door=elders)
    assert Taakstelling.objects.filter(pk=bestaand.pk).exists()


# --- Beheer page ------------------------------------------------------------------------------


def test_beheerpagina_toont_de_tabel_per_gemeente(beheer_client, vier_halfjaren):
    response = beheer_client.get(reverse("reports:taakstelling-lijst"))
    assert response.status_code == 200
    tekst = _tekst(response.content.decode())
    assert "2025 (2e halfjaar) 12 2 -10 -14" in tekst
    assert "2026 (2e halfjaar) 0 3 3 -10" in tekst
    assert "Cranendonck" not in tekst


def test_invoeren_en_wijzigen_via_de_pagina(beheer_client, weert):
    url = reverse("reports:taakstelling-bewerken", args=[weert.pk])
    response = beheer_client.post(url, {"jaar": "2026", "halfjaar": "2", "aantal": "20"})
    assert response.status_code == 302
    pagina = beheer_client.get(response["Location"]).content.decode()
    assert "is opgeslagen" in pagina
    assert "2026 (2e halfjaar) 20 0 -20 -20" in _tekst(pagina)
    formulier = beheer_client.get(url, {"jaar": "2026", "halfjaar": "2"}).content.decode()
    assert 'value="20"' in formulier
    beheer_client.post(url, {"jaar": "2026", "halfjaar": "2", "aantal": "18"})
    assert list(Taakstelling.objects.values_list("aantal", flat=True)) == [18]


@pytest.mark.parametrize("waarde", ["20000", "-1", "abc", "\x00", ""])
def test_ongeldig_aantal_geeft_een_nederlandse_melding_bij_het_veld(beheer_client, weert, waarde):
    url = reverse("reports:taakstelling-bewerken", args=[weert.pk])
    response = beheer_client.post(url, {"jaar": "2026", "halfjaar": "1", "aantal": waarde})
    assert response.status_code == 422
    html = response.content.decode()
    assert "Vul een aantal personen in van 0 tot en met 10000." in html
    assert 'value="2026"' in html
    if waarde.isprintable():
        assert f'value="{waarde}"' in html or waarde == ""
    assert not Taakstelling.objects.exists()


def test_ongeldig_jaar_en_halfjaar(beheer_client, weert):
    url = reverse("reports:taakstelling-bewerken", args=[weert.pk])
    response = beheer_client.post(url, {"jaar": "1999", "halfjaar": "3", "aantal": "5"})
    assert response.status_code == 422
    html = response.content.decode()
    assert "Vul een jaar in van 2000 tot en met 2100." in html
    assert "Kies een waarde uit de lijst." in html
    assert 'value="1999"' in html and 'value="5"' in html


def test_verwijderen_via_de_pagina(beheer_client, weert):
    TaakstellingFactory(gemeente=weert, jaar=2026, halfjaar=1)
    TaakstellingFactory(gemeente=weert, jaar=2026, halfjaar=2)
    url = reverse("reports:taakstelling-verwijderen", args=[weert.pk])
    assert beheer_client.get(url).status_code == 302
    assert Taakstelling.objects.count() == 2
    response = beheer_client.post(url, {"jaar": "2026", "halfjaar": "1"})
    assert response.status_code == 302
    assert "is verwijderd" in beheer_client.get(response["Location"]).content.decode()
    assert list(Taakstelling.objects.values_list("halfjaar", flat=True)) == [2]
    for onzin in ({"jaar": "abc", "halfjaar": "2"}, {"jaar": "2025", "halfjaar": "2"}, {}):
        response = beheer_client.post(url, onzin)
        assert response.status_code == 302
        assert "niet gevonden" in beheer_client.get(response["Location"]).content.decode()
    assert Taakstelling.objects.count() == 1


def test_gemeente_van_een_ander_antwoordt_404(beheer_client, cranendonck):
    TaakstellingFactory(gemeente=cranendonck, jaar=2026, halfjaar=1)
    url = reverse("reports:taakstelling-bewerken", args=[cranendonck.pk])
    assert beheer_client.get(url).status_code == 404
    assert (
        beheer_client.post(url, {"jaar": "2026", "halfjaar": "1", "aantal": "5"}).status_code == 404
    )
    verwijderen = reverse("reports:taakstelling-verwijderen", args=[cranendonck.pk])
    assert beheer_client.get(verwijderen).status_code == 404
    assert beheer_client.post(verwijderen, {"jaar": "2026", "halfjaar": "1"}).status_code == 404
    assert Taakstelling.objects.get().aantal == 20


def test_ongeldige_gemeente_in_de_filter(beheer_client, weert, cranendonck):
    url = reverse("reports:taakstelling-lijst")
    for waarde in ("abc", str(cranendonck.pk), "\x00"):
        response = beheer_client.get(url, {"gemeente": waarde})
        assert response.status_code == 200
        html = response.content.decode()
        assert "Een filter was ongeldig en is niet toegepast." in html
        assert "Weert" in html and "Cranendonck" not in html
    assert beheer_client.get(url, {"gemeente": weert.pk}).status_code == 200


def test_regisseur_en_teamleider_komen_er_niet_in(client, weert, regisseur):
    for gebruiker in (regisseur, UserFactory(teamleider=True, gemeenten=[weert])):
        client.force_login(gebruiker)
        assert client.get(reverse("reports:taakstelling-lijst")).status_code == 403
        bewerken = reverse("reports:taakstelling-bewerken", args=[weert.pk])
        assert (
            client.post(bewerken, {"jaar": "2026", "halfjaar": "1", "aantal": "5"}).status_code
            == 403
        )
    assert not Taakstelling.objects.exists()
    client.logout()
    assert client.get(reverse("reports:taakstelling-lijst")).status_code == 302
