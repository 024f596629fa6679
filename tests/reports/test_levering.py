"""The quarterly statistics delivery to CBS: its due date from the term's configuration,
overdue when not marked delivered, shown on the team's worklist and marked in beheer."""

import datetime
import re

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from reports.models import CbsLevering
from reports.selectors import cbs_leveringen
from reports.selectors.levering import levering_uiterlijk
from reports.services import levering_gemeld, levering_ongedaan
from termijnen.services import termijnconfig
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def _moment(dag: datetime.date):
    return time_machine.travel(
        datetime.datetime(dag.year, dag.month, dag.day, 10, tzinfo=datetime.UTC)
    )


def _tekst(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture(autouse=True)
def cbs_termijn(db):
    """The configured term, as the data migration makes it (a flushed test database lacks it)."""
    return termijnconfig("cbs_levering")


@pytest.fixture
def beheerder(weert):
    return UserFactory(beheerder=True, username="koen", gemeenten=[weert])


@pytest.fixture
def beheer_client(client, beheerder):
    client.force_login(beheerder)
    return client


def _regels(gemeente, vandaag):
    return [
        (r.label, r.uiterlijk, r.geleverd_op, r.te_laat)
        for r in cbs_leveringen(gemeenten=[gemeente], vandaag=vandaag)
    ]


def test_uiterste_datum_is_einde_kwartaal_plus_vier_weken():
    assert levering_uiterlijk(jaar=2026, kwartaal=3) == D(2026, 10, 28)  # 30-09 + 4 weken
    assert levering_uiterlijk(jaar=2026, kwartaal=1) == D(2026, 4, 28)  # 31-03 + 4 weken
    assert levering_uiterlijk(jaar=2025, kwartaal=4) == D(2026, 1, 28)


def test_een_gewijzigde_termijn_telt_mee():
    from termijnen.models import TermijnConfig

    TermijnConfig.objects.filter(code="cbs_levering").update(lengte=6)
    assert levering_uiterlijk(jaar=2026, kwartaal=3) == D(2026, 11, 11)


def test_de_leveringspagina_noemt_de_geconfigureerde_termijn(beheer_client):
    pagina = _tekst(beheer_client.get(reverse("reports:leveringen")).content.decode())
    assert "Lever uiterlijk 4 weken na het einde van het kwartaal." in pagina

    from termijnen.models import TermijnConfig

    TermijnConfig.objects.filter(code="cbs_levering").update(lengte=6)
    pagina = _tekst(beheer_client.get(reverse("reports:leveringen")).content.decode())
    assert "Lever uiterlijk 6 weken na het einde van het kwartaal." in pagina


def test_laatste_kwartaal_en_het_open_kwartaal_ervoor(weert):
    assert _regels(weert, D(2026, 10, 15)) == [
        ("2e kwartaal 2026", D(2026, 7, 28), None, True),
        ("3e kwartaal 2026", D(2026, 10, 28), None, False),
    ]


def test_over_tijd_na_de_uiterste_datum(weert):
    assert _regels(weert, D(2026, 10, 28))[-1][3] is False
    assert _regels(weert, D(2026, 10, 29))[-1][3] is True


def test_geleverd_gemeld(weert, beheerder):
    with _moment(D(2026, 10, 29)):
        levering_gemeld(
            gemeente=weert, jaar=2026, kwartaal=2, geleverd_op=D(2026, 7, 20), door=beheerder
        )
        levering_gemeld(
            gemeente=weert, jaar=2026, kwartaal=3, geleverd_op=D(2026, 10, 29), door=beheerder
        )
    # The delivered earlier quarter drops off; the last one shows as delivered, not overdue.
    assert _regels(weert, D(2026, 10, 30)) == [
        ("3e kwartaal 2026", D(2026, 10, 28), D(2026, 10, 29), False),
    ]
    regel = cbs_leveringen(gemeenten=[weert], vandaag=D(2026, 10, 30))[0]
    assert regel.status == "geleverd op 29-10-2026"
    levering_ongedaan(gemeente=weert, jaar=2026, kwartaal=3, door=beheerder)
    assert _regels(weert, D(2026, 10, 30))[-1][2:] == (None, True)


@pytest.mark.parametrize(
    "velden, fout",
    [
        ({"geleverd_op": D(2026, 11, 1)}, "toekomst"),
        ({"geleverd_op": D(2026, 9, 29)}, "eindigt op 30-09-2026"),
        ({"kwartaal": 5}, "een kwartaal"),
        ({"jaar": 1999}, "een jaar"),
    ],
)
def test_melden_weigert(weert, beheerder, velden, fout):
    with _moment(D(2026, 10, 29)), pytest.raises(ValidationError, match=fout):
        levering_gemeld(
            gemeente=weert,
            door=beheerder,
            **{"jaar": 2026, "kwartaal": 3, "geleverd_op": D(2026, 10, 20), **velden},
        )
    assert not CbsLevering.objects.exists()


def test_alleen_beheer_van_de_gemeente_meldt(weert, cranendonck, regisseur):
    anderen = (
        regisseur,
        UserFactory(teamleider=True, gemeenten=[weert]),
        UserFactory(beheerder=True, gemeenten=[cranendonck]),
    )
    with _moment(D(2026, 10, 29)):
        for door in anderen:
            with pytest.raises(ValidationError, match="Alleen functioneel beheer"):
                levering_gemeld(
                    gemeente=weert, jaar=2026, kwartaal=3, geleverd_op=D(2026, 10, 20), door=door
                )
    assert not CbsLevering.objects.exists()


def test_teamleider_ziet_de_levering_op_de_werkvoorraad(client, weert, cranendonck, regisseur):
    teamleider = UserFactory(teamleider=True, gemeenten=[weert])
    client.force_login(teamleider)
    with _moment(D(2026, 10, 29)):
        tekst = _tekst(client.get(reverse("termijnen:werkvoorraad-team")).content.decode())
    assert (
        "Levering statistiek aan CBS — Weert 3e kwartaal 2026: uiterlijk 28-10-2026 (over tijd)"
        in tekst
    )
    assert "Weert 2e kwartaal 2026: uiterlijk 28-07-2026 (over tijd)" in tekst
    assert "Cranendonck" not in tekst
    client.force_login(regisseur)
    with _moment(D(2026, 10, 29)):
        eigen = client.get(reverse("termijnen:werkvoorraad")).content.decode()
    assert "Leveringen aan CBS" not in eigen and "uiterlijk 28-10-2026" not in eigen


def test_beheer_meldt_geleverd_via_de_pagina(beheer_client, weert):
    url = reverse("reports:cbs-levering-melden", args=[weert.pk])
    with _moment(D(2026, 10, 29)):
        pagina = _tekst(beheer_client.get(reverse("reports:cbs-levering")).content.decode())
        assert "Uiterlijk 28-10-2026: over tijd." in pagina
        response = beheer_client.post(
            url, {"jaar": "2026", "kwartaal": "3", "geleverd_op": "31-12-2026"}
        )
        assert response.status_code == 422
        html = response.content.decode()
        assert "in de toekomst" in html and 'value="31-12-2026"' in html
        response = beheer_client.post(
            url, {"jaar": "2026", "kwartaal": "3", "geleverd_op": "27-10-2026"}
        )
        assert response.status_code == 302
        pagina = _tekst(beheer_client.get(response["Location"]).content.decode())
    assert "Uiterlijk 28-10-2026: geleverd op 27-10-2026." in pagina
    levering = CbsLevering.objects.get()
    assert (levering.jaar, levering.kwartaal, levering.geleverd_op) == (2026, 3, D(2026, 10, 27))
    with _moment(D(2026, 10, 29)):
        beheer_client.post(
            reverse("reports:cbs-levering-ongedaan", args=[weert.pk]),
            {"jaar": "2026", "kwartaal": "3"},
        )
    assert not CbsLevering.objects.exists()


@pytest.mark.parametrize("waarde", ["", "abc", "\x00", "31-02-2026", "01-01-9999"])
def test_ongeldige_datum_geeft_een_melding(beheer_client, weert, waarde):
    url = reverse("reports:cbs-levering-melden", args=[weert.pk])
    with _moment(D(2026, 10, 29)):
        response = beheer_client.post(url, {"jaar": "2026", "kwartaal": "3", "geleverd_op": waarde})
    assert response.status_code == 422
    assert "datum" in response.content.decode()
    assert not CbsLevering.objects.exists()


def test_andere_gemeente_antwoordt_404_en_regisseur_403(
    client, beheer_client, cranendonck, weert, regisseur
):
    gegevens = {"jaar": "2026", "kwartaal": "3", "geleverd_op": "27-10-2026"}
    with _moment(D(2026, 10, 29)):
        assert (
            beheer_client.post(
                reverse("reports:cbs-levering-melden", args=[cranendonck.pk]), gegevens
            ).status_code
            == 404
        )
        assert (
            beheer_client.post(
                reverse("reports:cbs-levering-ongedaan", args=[cranendonck.pk]), gegevens
            ).status_code
            == 404
        )
        client.force_login(regisseur)
        assert client.get(reverse("reports:cbs-levering")).status_code == 403
        assert (
            client.post(
                reverse("reports:cbs-levering-melden", args=[weert.pk]), gegevens
            ).status_code
            == 403
        )
    assert not CbsLevering.objects.exists()


def test_vast_aantal_queries_voor_de_leveringen(weert, cranendonck, django_assert_num_queries):
    from tests.statushouders.factories import GemeenteFactory

    gemeenten = [weert, cranendonck, *GemeenteFactory.create_batch(5)]
    with django_assert_num_queries(3):
        regels = cbs_leveringen(gemeenten=gemeenten, vandaag=D(2026, 10, 15))
    assert len(regels) == 14


def test_de_levering_per_persoon_geeft_het_einde_van_de_ontzorgperiode_niet_de_bezwaartermijn(
    weert,
):
    """The period's objection window carries the same key as its end term; the delivery must
    show the end of the period itself."""
    from ontzorging.constants import TERMIJN_BEZWAAR, TERMIJN_EINDE
    from reports.selectors.extract import KOLOMMEN, kwartaallevering
    from termijnen.models import Termijn
    from tests.ontzorging.factories import OntzorgperiodeFactory

    periode = OntzorgperiodeFactory(
        persoon__gemeente=weert,
        persoon__koppeling_datum=D(2026, 5, 1),
        start_bijstand=D(2026, 4, 1),
        beschikking_op=D(2026, 4, 1),
    )
    einde = Termijn.objects.get(persoon=periode.persoon, config__code=TERMIJN_EINDE).vervalt_op
    bezwaar = Termijn.objects.get(persoon=periode.persoon, config__code=TERMIJN_BEZWAAR).vervalt_op
    assert einde != bezwaar

    (rij,) = kwartaallevering(gemeente_ids=[weert.pk], van=D(2026, 10, 1), tot=D(2026, 12, 31))
    kolom = [str(k.titel) for k in KOLOMMEN].index("Ontzorgperiode einde")
    assert rij[kolom] == einde
