import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from pghistory.models import Events

from accounts.models import User
from core.models import Termijn, TermijnConfig
from core.services import termijn_datum, termijn_verlengen, termijnconfig, termijnconfig_wijzigen
from partners import services as partner_services
from pip_plans import services as pip_services
from statushouders.services import persoon_bijwerken
from tests.accounts.factories import UserFactory
from tests.partners.factories import PartnerFactory, PartnerMedewerkerFactory
from tests.pip_plans.factories import PlanFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def _termijn(persoon, code, sleutel=""):
    return Termijn.objects.get(persoon=persoon, config__code=code, sleutel=sleutel)


def test_elke_rij_uit_de_tabel_staat_in_de_configuratie():
    assert set(TermijnConfig.objects.values_list("code", flat=True)) == {
        "woning_aanbieden",
        "verhuizing",
        "pip_vaststellen",
        "bezwaar_pip",
        "inburgeringstermijn",
        "leerroute_wissel",
        "ontzorgperiode",
        "voortgangsgesprek",
        "maatschappelijke_begeleiding",
        "verwijzing_reactie",
        "cbs_levering",
    }


@pytest.mark.parametrize(
    ("code", "vanaf", "verwacht"),
    [
        ("woning_aanbieden", D(2026, 3, 2), D(2026, 5, 11)),
        ("verhuizing", D(2026, 3, 2), D(2026, 5, 25)),
        ("pip_vaststellen", D(2026, 3, 2), D(2026, 5, 11)),
        ("bezwaar_pip", D(2026, 4, 16), D(2026, 5, 28)),
        ("inburgeringstermijn", D(2026, 4, 16), D(2029, 4, 16)),
        ("leerroute_wissel", D(2026, 4, 15), D(2027, 10, 15)),
        ("ontzorgperiode", D(2026, 8, 31), D(2027, 2, 28)),
        ("voortgangsgesprek", D(2026, 4, 15), D(2026, 7, 15)),
        ("maatschappelijke_begeleiding", D(2026, 5, 1), D(2027, 11, 1)),
        ("verwijzing_reactie", D(2026, 4, 24), D(2026, 5, 12)),  # over Koningsdag and 5 mei
        ("cbs_levering", D(2026, 3, 31), D(2026, 4, 28)),
    ],
)
def test_berekening_per_termijn(code, vanaf, verwacht):
    assert termijn_datum(termijnconfig(code), vanaf) == verwacht


@time_machine.travel(D(2026, 3, 10))
def test_woning_en_verhuizing_tellen_vanaf_de_koppeling_en_worden_gehaald(persoon, regisseur):
    persoon_bijwerken(persoon=persoon, door=regisseur, gegevens={"koppeling_datum": D(2026, 3, 2)})
    assert _termijn(persoon, "woning_aanbieden").vervalt_op == D(2026, 5, 11)
    assert _termijn(persoon, "verhuizing").vervalt_op == D(2026, 5, 25)
    persoon_bijwerken(
        persoon=persoon, door=regisseur, gegevens={"woning_aangeboden_op": D(2026, 4, 1)}
    )
    assert _termijn(persoon, "woning_aanbieden").status == "gehaald"
    assert _termijn(persoon, "verhuizing").status == "open"
    persoon_bijwerken(
        persoon=persoon, door=regisseur, gegevens={"huisvesting_datum": D(2026, 5, 1)}
    )
    assert _termijn(persoon, "verhuizing").gehaald_op == D(2026, 5, 1)


@time_machine.travel(D(2026, 4, 1))
def test_pip_termijn_telt_vanaf_de_latere_van_duo_en_brp_en_verlengt_eenmalig(persoon, regisseur):
    persoon_bijwerken(
        persoon=persoon,
        door=regisseur,
        gegevens={"duo_kennisgeving_op": D(2026, 3, 20), "brp_inschrijving_op": D(2026, 3, 5)},
    )
    termijn = _termijn(persoon, "pip_vaststellen")
    assert termijn.vervalt_op == D(2026, 5, 29)  # 20 maart + 10 weken
    with pytest.raises(ValidationError):
        termijn_verlengen(termijn=termijn, dagen=15, reden="Wachten op GGD", door=regisseur)
    with pytest.raises(ValidationError):
        termijn_verlengen(termijn=termijn, dagen=10, reden="", door=regisseur)
    termijn = termijn_verlengen(termijn=termijn, dagen=14, reden="Wachten op GGD", door=regisseur)
    assert termijn.vervalt_op == D(2026, 6, 12)
    with pytest.raises(ValidationError, match="maar één keer"):
        termijn_verlengen(termijn=termijn, dagen=1, reden="Nog steeds", door=regisseur)
    # A later BRP date moves the term; the extension stays.
    persoon_bijwerken(
        persoon=persoon, door=regisseur, gegevens={"brp_inschrijving_op": D(2026, 3, 27)}
    )
    assert _termijn(persoon, "pip_vaststellen").vervalt_op == D(2026, 6, 19)


def test_pip_termijnen_bij_vaststellen_en_de_inburgeringstermijn_schuift_niet(persoon, regisseur):
    plan = PlanFactory(intake__persoon=persoon)
    persoon_bijwerken(
        persoon=persoon,
        door=regisseur,
        gegevens={"duo_kennisgeving_op": D(2026, 3, 20), "brp_inschrijving_op": D(2026, 3, 5)},
    )
    with time_machine.travel(D(2026, 4, 15)):
        pip_services.plan_vaststellen(plan=plan, door=regisseur, bekendmaking_op=D(2026, 4, 16))
    assert _termijn(persoon, "pip_vaststellen").gehaald_op == D(2026, 4, 15)
    assert _termijn(persoon, "bezwaar_pip", "versie:1").vervalt_op == D(2026, 5, 28)
    assert _termijn(persoon, "inburgeringstermijn").vervalt_op == D(2029, 4, 16)
    assert _termijn(persoon, "leerroute_wissel").vervalt_op == D(2027, 10, 15)
    assert _termijn(persoon, "voortgangsgesprek").vervalt_op == D(2026, 7, 15)
    with time_machine.travel(D(2026, 9, 1)):
        pip_services.plan_wijzigen(plan=plan, door=regisseur)
        pip_services.plan_vaststellen(plan=plan, door=regisseur, bekendmaking_op=D(2026, 9, 1))
        pip_services.voortgangsgesprek_vastleggen(plan=plan, door=regisseur, datum=D(2026, 9, 1))
    assert _termijn(persoon, "inburgeringstermijn").vervalt_op == D(2029, 4, 16)
    assert _termijn(persoon, "bezwaar_pip", "versie:2").vervalt_op == D(2026, 10, 13)
    assert _termijn(persoon, "voortgangsgesprek").vervalt_op == D(2026, 12, 1)
    pip_services.duo_verlenging_vastleggen(
        plan=plan,
        door=regisseur,
        besluit_op=D(2029, 1, 1),
        nieuwe_einddatum=D(2029, 12, 1),
        reden="Ziekte",
    )
    assert _termijn(persoon, "inburgeringstermijn").vervalt_op == D(2029, 12, 1)


def test_verwijzing_reactie_en_maatschappelijke_begeleiding(persoon, regisseur):
    partner = PartnerFactory(soort="maatschappelijke_begeleiding")
    medewerker = PartnerMedewerkerFactory(partner=partner)
    with time_machine.travel(datetime.datetime(2026, 4, 24, 10, tzinfo=datetime.UTC)):
        verwijzing = partner_services.verwijzing_versturen(
            persoon=persoon,
            door=regisseur,
            partner=partner,
            leefgebied="wonen",
            doel="Begeleiding",
            toestemming_op=D(2026, 4, 24),
            toestemming_wijze="mondeling",
        )
    sleutel = f"verwijzing:{verwijzing.uuid}"
    assert _termijn(persoon, "verwijzing_reactie", sleutel).vervalt_op == D(2026, 5, 12)
    with time_machine.travel(datetime.datetime(2026, 5, 1, 10, tzinfo=datetime.UTC)):
        partner_services.verwijzing_accepteren(verwijzing=verwijzing, door=medewerker)
    assert _termijn(persoon, "verwijzing_reactie", sleutel).status == "gehaald"
    assert _termijn(persoon, "maatschappelijke_begeleiding", sleutel).vervalt_op == D(2027, 11, 1)


def test_lengte_wijzigen_wordt_vastgelegd_en_berekent_open_termijnen_opnieuw(persoon, regisseur):
    persoon_bijwerken(persoon=persoon, door=regisseur, gegevens={"koppeling_datum": D(2026, 3, 2)})
    beheer = UserFactory(beheerder=True)
    config = termijnconfig("woning_aanbieden")
    assert termijnconfig_wijzigen(config=config, lengte=8, eenheid="weken", door=beheer) == 1
    assert _termijn(persoon, "woning_aanbieden").vervalt_op == D(2026, 4, 27)
    wijziging = Events.objects.tracks(config).filter(pgh_label="update").get()
    assert wijziging.pgh_diff["lengte"] == [10, 8]
    assert wijziging.pgh_context["user"] == beheer.pk


def test_functioneel_beheer_wijzigt_een_lengte_in_het_beheerscherm(client, persoon, regisseur):
    from statushouders import demo

    demo.gemeenten_en_gebruikers()
    beheer = User.objects.get(username="beheer")
    persoon_bijwerken(persoon=persoon, door=regisseur, gegevens={"koppeling_datum": D(2026, 3, 2)})
    client.force_login(beheer)
    config = termijnconfig("verhuizing")
    url = f"/beheer/admin/core/termijnconfig/{config.pk}/change/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "label": config.label,
            "wettelijke_basis": config.wettelijke_basis,
            "berekening": config.berekening,
            "lengte": "14",
            "eenheid": "weken",
            "geverifieerd": "",
            "herinneren": "on",
        },
    )
    assert response.status_code == 302
    assert _termijn(persoon, "verhuizing").vervalt_op == D(2026, 6, 8)
    assert (
        Events.objects.tracks(config).filter(pgh_label="update").first().pgh_context["user"]
        == beheer.pk
    )
