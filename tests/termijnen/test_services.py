import datetime
import importlib

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from pghistory.models import Events

from partners import services as partner_services
from pip_plans import services as pip_services
from statushouders.services import persoon_bijwerken
from termijnen.models import Feestdag, Termijn, TermijnConfig
from termijnen.services import (
    feestdag_opslaan,
    feestdag_verwijderen,
    termijn_bijwerken,
    termijn_verlengen,
    termijnconfig,
    termijnconfig_wijzigen,
)
from tests.accounts.factories import UserFactory
from tests.partners.factories import PartnerFactory, PartnerMedewerkerFactory
from tests.pip_plans.factories import PlanFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def _termijn(persoon, code, sleutel=""):
    return Termijn.objects.get(persoon=persoon, config__code=code, sleutel=sleutel)


@pytest.fixture
def beheer(db):
    return UserFactory(beheerder=True)


def test_elke_rij_uit_de_tabel_staat_in_de_configuratie():
    assert set(TermijnConfig.objects.values_list("code", flat=True)) == {
        "woning_aanbieden",
        "verhuizing",
        "pip_vaststellen",
        "bezwaar_pip",
        "inburgeringstermijn",
        "leerroute_wissel",
        "ontzorgperiode",
        "bezwaar_ontzorging",
        "voortgangsgesprek",
        "maatschappelijke_begeleiding",
        "verwijzing_reactie",
        "cbs_levering",
    }
    assert set(TermijnConfig.objects.filter(atw=True).values_list("code", flat=True)) == {
        "pip_vaststellen",
        "bezwaar_pip",
        "bezwaar_ontzorging",
    }
    # Spans that begin on their date count that day; every other term starts the day after.
    assert set(
        TermijnConfig.objects.filter(eerste_dag_telt=True).values_list("code", flat=True)
    ) == {"ontzorgperiode", "maatschappelijke_begeleiding"}


def test_gelijkgestelde_dagen_zijn_gevuld():
    assert set(Feestdag.objects.values_list("datum", flat=True)) >= {
        D(2026, 1, 2),
        D(2026, 5, 15),
        D(2027, 5, 7),
        D(2028, 4, 28),
        D(2028, 5, 26),
    }


@time_machine.travel(D(2026, 5, 5))
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
    assert termijn.vervalt_op == D(2026, 5, 29)  # 20 maart + 10 weken, a Friday
    with pytest.raises(ValidationError):
        termijn_verlengen(termijn=termijn, dagen=15, reden="Wachten op GGD", door=regisseur)
    with pytest.raises(ValidationError):
        termijn_verlengen(termijn=termijn, dagen=10, reden="  ", door=regisseur)
    termijn = termijn_verlengen(termijn=termijn, dagen=14, reden="Wachten op GGD", door=regisseur)
    assert termijn.vervalt_op == D(2026, 6, 12)
    assert termijn.verlengd_door == regisseur and termijn.verlengd_op is not None
    with pytest.raises(ValidationError, match="maar één keer"):
        termijn_verlengen(termijn=termijn, dagen=1, reden="Nog steeds", door=regisseur)
    # A later BRP date moves the term; the extension stays.
    persoon_bijwerken(
        persoon=persoon, door=regisseur, gegevens={"brp_inschrijving_op": D(2026, 3, 27)}
    )
    assert _termijn(persoon, "pip_vaststellen").vervalt_op == D(2026, 6, 19)


@time_machine.travel(D(2026, 3, 10))
def test_pip_termijn_schuift_volgens_de_atw_en_zegt_waarom(persoon, regisseur):
    persoon_bijwerken(
        persoon=persoon,
        door=regisseur,
        gegevens={"duo_kennisgeving_op": D(2026, 3, 5), "brp_inschrijving_op": D(2026, 3, 5)},
    )
    termijn = _termijn(persoon, "pip_vaststellen")
    assert termijn.vervalt_op == D(2026, 5, 18)
    assert termijn.verschoven_van == D(2026, 5, 14)
    assert termijn.verschuiving_reden == "Hemelvaartsdag"


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
    bezwaar = _termijn(persoon, "bezwaar_pip", "versie:1")
    assert bezwaar.vervalt_op == D(2026, 5, 28) and bezwaar.onderwerp == "PIP-versie 1"
    # Counted from the decision date itself: 15-04-2026 + 3 years.
    assert _termijn(persoon, "inburgeringstermijn").vervalt_op == D(2029, 4, 15)
    assert _termijn(persoon, "leerroute_wissel").vervalt_op == D(2027, 10, 15)
    assert _termijn(persoon, "voortgangsgesprek").vervalt_op == D(2026, 7, 15)
    with time_machine.travel(D(2026, 9, 1)):
        pip_services.plan_wijzigen(plan=plan, door=regisseur)
        pip_services.plan_vaststellen(plan=plan, door=regisseur, bekendmaking_op=D(2026, 9, 1))
        pip_services.voortgangsgesprek_vastleggen(plan=plan, door=regisseur, datum=D(2026, 9, 1))
    assert _termijn(persoon, "inburgeringstermijn").vervalt_op == D(2029, 4, 15)
    assert _termijn(persoon, "bezwaar_pip", "versie:2").vervalt_op == D(2026, 10, 13)
    assert _termijn(persoon, "voortgangsgesprek").vervalt_op == D(2026, 12, 1)
    with time_machine.travel(D(2029, 3, 1)):
        pip_services.duo_verlenging_vastleggen(
            plan=plan,
            door=regisseur,
            besluit_op=D(2029, 1, 1),
            nieuwe_einddatum=D(2029, 12, 1),
            reden="Ziekte",
        )
        assert _termijn(persoon, "inburgeringstermijn").vervalt_op == D(2029, 12, 1)
        with pytest.raises(ValidationError, match="01-12-2029"):
            pip_services.duo_verlenging_vastleggen(
                plan=plan,
                door=regisseur,
                besluit_op=D(2029, 2, 1),
                nieuwe_einddatum=D(2029, 11, 1),
                reden="Eerder",
            )


@pytest.fixture
def vastgesteld_plan(persoon, regisseur):
    plan = PlanFactory(intake__persoon=persoon)
    with time_machine.travel(D(2026, 4, 15)):
        pip_services.plan_vaststellen(plan=plan, door=regisseur, bekendmaking_op=D(2026, 4, 15))
    return plan


def test_voortgangsgesprek_volgt_de_afspraak_uit_het_laatste_gesprek(
    vastgesteld_plan, persoon, regisseur
):
    plan = vastgesteld_plan
    with time_machine.travel(D(2026, 6, 1)):
        pip_services.voortgangsgesprek_vastleggen(
            plan=plan, door=regisseur, datum=D(2026, 6, 1), volgend_gesprek_op=D(2026, 6, 22)
        )
    assert _termijn(persoon, "voortgangsgesprek").vervalt_op == D(2026, 6, 22)
    with time_machine.travel(D(2026, 6, 22)):
        pip_services.voortgangsgesprek_vastleggen(plan=plan, door=regisseur, datum=D(2026, 6, 22))
    # Nothing agreed: the latest conversation + 13 weeks.
    assert _termijn(persoon, "voortgangsgesprek").vervalt_op == D(2026, 9, 21)
    with time_machine.travel(D(2026, 6, 25)):
        # An older conversation entered afterwards never moves the deadline back.
        pip_services.voortgangsgesprek_vastleggen(
            plan=plan, door=regisseur, datum=D(2026, 5, 1), volgend_gesprek_op=D(2026, 5, 20)
        )
    assert _termijn(persoon, "voortgangsgesprek").vervalt_op == D(2026, 9, 21)


def test_leerroute_wisselen_volgt_de_termijnrij(vastgesteld_plan, persoon, beheer):
    plan = vastgesteld_plan
    with time_machine.travel(D(2027, 11, 1)):
        pip_services.plan_wijzigen(plan=plan, door=beheer)
        with pytest.raises(ValidationError, match="15-10-2027"):
            pip_services.plan_bijwerken(plan=plan, door=beheer, gegevens={"leerroute": "z"})
        # Functioneel beheer makes the term 24 months: switching is allowed again.
        termijnconfig_wijzigen(config=termijnconfig("leerroute_wissel"), lengte=24, door=beheer)
        assert _termijn(persoon, "leerroute_wissel").vervalt_op == D(2028, 4, 15)
        pip_services.plan_bijwerken(plan=plan, door=beheer, gegevens={"leerroute": "z"})


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
            toestemming_bevestigd=True,
        )
    sleutel = f"verwijzing:{verwijzing.uuid}"
    reactie = _termijn(persoon, "verwijzing_reactie", sleutel)
    assert reactie.vervalt_op == D(2026, 5, 12) and reactie.onderwerp == str(partner)
    with time_machine.travel(datetime.datetime(2026, 5, 1, 10, tzinfo=datetime.UTC)):
        partner_services.verwijzing_accepteren(verwijzing=verwijzing, door=medewerker)
    assert _termijn(persoon, "verwijzing_reactie", sleutel).status == "gehaald"
    # Begeleiding from 01-05-2026 for 18 months: its last day is 31-10-2027.
    assert _termijn(persoon, "maatschappelijke_begeleiding", sleutel).vervalt_op == D(2027, 10, 31)


@time_machine.travel(D(2026, 3, 10))
def test_lengte_wijzigen_wordt_vastgelegd_en_berekent_open_termijnen_opnieuw(
    persoon, regisseur, beheer
):
    persoon_bijwerken(persoon=persoon, door=regisseur, gegevens={"koppeling_datum": D(2026, 3, 2)})
    config = termijnconfig("woning_aanbieden")
    assert termijnconfig_wijzigen(config=config, lengte=8, eenheid="weken", door=beheer) == 1
    assert _termijn(persoon, "woning_aanbieden").vervalt_op == D(2026, 4, 27)
    wijziging = Events.objects.tracks(config).filter(pgh_label="update").get()
    assert wijziging.pgh_diff["lengte"] == [10, 8]
    assert wijziging.pgh_context["user"] == beheer.pk


@pytest.mark.parametrize(("lengte", "eenheid"), [(0, "weken"), (-3, "dagen"), (121, "maanden")])
def test_lengte_buiten_de_grenzen_wordt_geweigerd(lengte, eenheid, beheer):
    config = termijnconfig("verhuizing")
    with pytest.raises(ValidationError) as fout:
        termijnconfig_wijzigen(config=config, lengte=lengte, eenheid=eenheid, door=beheer)
    assert "lengte" in fout.value.message_dict
    config.refresh_from_db()
    assert config.lengte == 12


def test_database_weigert_een_lengte_van_nul():
    with pytest.raises(IntegrityError), transaction.atomic():
        TermijnConfig.objects.filter(code="verhuizing").update(lengte=0)


@time_machine.travel(D(2026, 5, 1))
def test_nieuwe_gelijkgestelde_dag_verschuift_lopende_termijnen(persoon, regisseur, beheer):
    termijn_bijwerken(persoon=persoon, code="verwijzing_reactie", basisdatum=D(2026, 5, 11))
    assert _termijn(persoon, "verwijzing_reactie").vervalt_op == D(2026, 5, 28)
    dag = feestdag_opslaan(door=beheer, datum=D(2026, 5, 20), naam="Voorbeeldbesluit")
    assert _termijn(persoon, "verwijzing_reactie").vervalt_op == D(2026, 5, 29)
    with pytest.raises(ValidationError, match="al in de lijst"):
        feestdag_opslaan(door=beheer, datum=D(2026, 5, 20), naam="Dubbel")
    with pytest.raises(ValidationError, match="Hemelvaartsdag"):
        feestdag_opslaan(door=beheer, datum=D(2026, 5, 14), naam="Al een feestdag")
    feestdag_verwijderen(feestdag=dag, door=beheer)
    assert _termijn(persoon, "verwijzing_reactie").vervalt_op == D(2026, 5, 28)
    assert Events.objects.across("termijnen.FeestdagEvent").filter(pgh_label="delete").count() == 1


def test_duo_besluit_in_de_toekomst_of_voor_het_pip_wordt_geweigerd(vastgesteld_plan, regisseur):
    plan = vastgesteld_plan
    with time_machine.travel(D(2026, 11, 29)):
        for besluit in (D(2026, 12, 29), D(2015, 1, 1)):
            with pytest.raises(ValidationError) as fout:
                pip_services.duo_verlenging_vastleggen(
                    plan=plan,
                    door=regisseur,
                    besluit_op=besluit,
                    nieuwe_einddatum=D(2030, 5, 29),
                    reden="Ziekte",
                )
            assert "besluit_op" in fout.value.message_dict
        with pytest.raises(ValidationError) as fout:
            pip_services.duo_verlenging_vastleggen(
                plan=plan,
                door=regisseur,
                besluit_op=D(2026, 11, 27),
                nieuwe_einddatum=D(2030, 5, 29),
                reden="Ziekte \u202e",
            )
        assert "reden" in fout.value.message_dict
        # The extension recorded last counts, also when an earlier one had a later decision.
        pip_services.duo_verlenging_vastleggen(
            plan=plan,
            door=regisseur,
            besluit_op=D(2026, 11, 27),
            nieuwe_einddatum=D(2030, 5, 29),
            reden="Ziekte",
        )
        pip_services.duo_verlenging_vastleggen(
            plan=plan,
            door=regisseur,
            besluit_op=D(2026, 11, 20),
            nieuwe_einddatum=D(2031, 5, 31),
            reden="Zorg voor een kind",
        )
    termijn = _termijn(plan.persoon, "inburgeringstermijn")
    assert termijn.vervalt_op == D(2031, 5, 31)
    assert "Zorg voor een kind" in termijn.verlenging_reden


@time_machine.travel(D(2026, 11, 29))
def test_ontzorgperiode_is_de_termijn_van_de_periode_zelf(weert, regisseur):
    from ontzorging.services import periode_aanmaken
    from tests.ontzorging.factories import doelgroeppersoon

    persoon = doelgroeppersoon(gemeente=weert, regisseur=regisseur, bijstand_sinds=D(2026, 8, 31))
    # Bijstand alone makes no deadline: the ontzorgperiode does, from its own start.
    assert not Termijn.objects.filter(persoon=persoon, config__code="ontzorgperiode").exists()
    periode = periode_aanmaken(persoon=persoon, door=regisseur)
    termijn = Termijn.objects.get(persoon=persoon, config__code="ontzorgperiode")
    assert termijn.sleutel == str(periode.uuid)
    assert termijn.vervalt_op == D(2027, 2, 28)  # 31-08 + 6 months: the last day of February


@pytest.mark.parametrize("teken", ["\u200b", "\u200f", "\ufeff", "\u2028", "\t", "\x1b"])
def test_onzichtbare_tekens_worden_geweigerd(persoon, regisseur, beheer, teken):
    termijn = termijn_bijwerken(persoon=persoon, code="pip_vaststellen", basisdatum=D(2026, 4, 1))
    with pytest.raises(ValidationError):
        termijn_verlengen(termijn=termijn, dagen=3, reden=f"Wachten{teken}op", door=regisseur)
    with pytest.raises(ValidationError):
        feestdag_opslaan(door=beheer, datum=D(2029, 5, 4), naam=f"Besluit{teken}2029")
    with pytest.raises(ValidationError):
        termijnconfig_wijzigen(
            config=termijnconfig("verhuizing"), label=f"Verhuis{teken}termijn", door=beheer
        )


WETTELIJK = (
    "pip_vaststellen",
    "bezwaar_pip",
    "inburgeringstermijn",
    "leerroute_wissel",
    "ontzorgperiode",
    "bezwaar_ontzorging",
)


@pytest.mark.parametrize("code", WETTELIJK)
def test_elke_wettelijke_termijn_noemt_artikel_en_lid(code):
    config = termijnconfig(code)
    assert "art." in config.wettelijke_basis and "lid" in config.wettelijke_basis


def test_controle_van_de_basis_past_alleen_wat_nog_standaard_was():
    """The migration that records the checked bases leaves a basis beheer changed alone."""
    from django.apps import apps as django_apps

    migratie = importlib.import_module("termijnen.migrations.0003_wettelijke_basis_gecontroleerd")
    TermijnConfig.objects.filter(code="leerroute_wissel").delete()
    TermijnConfig.objects.filter(code="cbs_levering").delete()
    oud = termijnconfig("leerroute_wissel")
    TermijnConfig.objects.filter(pk=oud.pk).update(
        wettelijke_basis="Wet/Besluit inburgering 2021", geverifieerd=False
    )
    eigen = termijnconfig("cbs_levering")
    TermijnConfig.objects.filter(pk=eigen.pk).update(wettelijke_basis="Afspraak met CBS")
    migratie.controleren(django_apps, None)
    oud.refresh_from_db()
    eigen.refresh_from_db()
    assert oud.wettelijke_basis.startswith("Besluit inburgering 2021 art. 5.4 lid 1")
    assert oud.geverifieerd
    assert eigen.wettelijke_basis == "Afspraak met CBS"
