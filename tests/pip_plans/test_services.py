import datetime

import pgtrigger
import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from intake.models import ZrmMeting
from pip_plans import services
from pip_plans.constants import PlanStatus, hoort_bij_route
from pip_plans.models import PlanVersie
from pip_plans.selectors import plan_termijnen, route_normen, versie_verschillen
from tests.intake.factories import BredeIntakeFactory
from tests.pip_plans.factories import PlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(persoon):
    return PlanFactory(intake__persoon=persoon)


def test_plan_begint_bij_een_afgeronde_intake_met_het_advies(persoon, regisseur):
    open_intake = BredeIntakeFactory(persoon=persoon, compleet=True, taal_spreken="A1")
    with pytest.raises(ValidationError, match="afgeronde brede intake"):
        services.plan_aanmaken(intake=open_intake, door=regisseur)
    open_intake.status, open_intake.afgerond_op = "afgerond", datetime.date(2026, 3, 20)
    open_intake.save()
    plan = services.plan_aanmaken(intake=open_intake, door=regisseur)
    assert plan.status == PlanStatus.CONCEPT
    assert plan.leerroute == "b1" and plan.leerroute_motivatie.startswith("Heeft middelbare")
    assert plan.taal_spreken_huidig == "A1"


def test_route_normen_b1(plan):
    assert route_normen(plan) == []
    plan.pvt_uren, plan.map_uren = 8, 20
    assert route_normen(plan) == [
        "PVT: minimaal 12 uur, gepland 8.",
        "MAP: minimaal 40 uur praktijk, gepland 20.",
    ]


def test_route_normen_z_route_participatie_alleen_voor_asielstatushouders(plan):
    plan.leerroute, plan.z_taal_uren, plan.z_participatie_uren = "z", 800, 100
    assert route_normen(plan) == [
        "Z-route: minimaal 800 uur participatie voor asielstatushouders, gepland 100."
    ]
    plan.persoon.doelgroep = "gezinsmigrant"
    assert route_normen(plan) == []
    plan.z_taal_uren = 500
    assert route_normen(plan) == ["Z-route: minimaal 800 uur Nederlands, gepland 500."]


def test_route_normen_onderwijsroute_zonder_map_en_tot_28(plan):
    plan.leerroute = "onderwijs"
    plan.persoon.geboortedatum = datetime.date(1990, 1, 1)
    waarschuwingen = route_normen(plan, op=datetime.date(2026, 6, 1))
    assert "MAP hoort niet bij de onderwijsroute." in waarschuwingen
    assert any("tot 28 jaar; deze persoon is 36" in w for w in waarschuwingen)
    plan.map_aanbieder, plan.map_uren = "", None
    plan.persoon.geboortedatum = datetime.date(2005, 1, 1)
    assert route_normen(plan, op=datetime.date(2026, 6, 1)) == []


@time_machine.travel(datetime.date(2026, 4, 15))
def test_vaststellen_maakt_versie_met_bezwaartermijn_en_inburgeringstermijn(plan, regisseur):
    versie = services.plan_vaststellen(
        plan=plan, door=regisseur, bekendmaking_op=datetime.date(2026, 4, 16)
    )
    plan.refresh_from_db()
    assert versie.nummer == 1 and plan.status == PlanStatus.VASTGESTELD
    termijnen = plan_termijnen(plan)
    assert termijnen.bezwaar[1].vervalt_op == datetime.date(2026, 5, 28)
    assert termijnen.inburgeringstermijn.vervalt_op == datetime.date(2029, 4, 15)
    assert termijnen.leerroute_wissel.vervalt_op == datetime.date(2027, 10, 15)
    assert versie.inhoud["velden"]["leerroute"] == "b1"


def test_latere_versies_verplaatsen_de_inburgeringstermijn_niet(plan, regisseur):
    with time_machine.travel(datetime.date(2026, 4, 15)):
        services.plan_vaststellen(
            plan=plan, door=regisseur, bekendmaking_op=datetime.date(2026, 4, 15)
        )
    with time_machine.travel(datetime.date(2026, 9, 1)):
        services.plan_wijzigen(plan=plan, door=regisseur)
        services.plan_bijwerken(plan=plan, door=regisseur, gegevens={"taal_uren": 800})
        versie = services.plan_vaststellen(
            plan=plan, door=regisseur, bekendmaking_op=datetime.date(2026, 9, 1)
        )
    plan.refresh_from_db()
    assert versie.nummer == 2
    termijnen = plan_termijnen(plan)
    assert termijnen.bezwaar[2].vervalt_op == datetime.date(2026, 10, 13)
    assert termijnen.inburgeringstermijn.vervalt_op == datetime.date(2029, 4, 15)


def test_vastgesteld_plan_kan_pas_na_wijziging_starten_bewerkt_worden(persoon, regisseur):
    plan = PlanFactory(intake__persoon=persoon, vastgesteld=True)
    with pytest.raises(ValidationError, match="Start een wijziging"):
        services.plan_bijwerken(plan=plan, door=regisseur, gegevens={"taal_uren": 1})
    with pytest.raises(ValidationError):
        services.doel_opslaan(plan=plan, door=regisseur, gegevens={"doel": "x"})
    services.plan_wijzigen(plan=plan, door=regisseur)
    services.plan_bijwerken(plan=plan, door=regisseur, gegevens={"taal_uren": 1})


def test_de_database_weigert_elke_wijziging_van_een_versie(persoon):
    versie = PlanFactory(intake__persoon=persoon, vastgesteld=True).versies.get()
    with pytest.raises(DatabaseError, match="versie_inhoud_onveranderlijk"), transaction.atomic():
        PlanVersie.objects.filter(pk=versie.pk).update(inhoud={"velden": {}})
    with pytest.raises(DatabaseError), transaction.atomic():
        PlanVersie.objects.filter(pk=versie.pk).update(afwijking_motivatie="achteraf bedacht")
    with pytest.raises(DatabaseError), transaction.atomic():
        PlanVersie.objects.filter(pk=versie.pk).update(bekendmaking_op=datetime.date(2030, 1, 1))
    with pytest.raises(DatabaseError), transaction.atomic():
        PlanVersie.objects.filter(pk=versie.pk).delete()
    PlanVersie.objects.filter(pk=versie.pk).update(pdf_status="mislukt")  # the PDF may change


def test_leerroute_wisselen_na_de_termijn_wordt_geweigerd_met_reden(persoon, regisseur):
    plan = PlanFactory(intake__persoon=persoon, vastgesteld=True)  # on 15-04-2026
    services.plan_wijzigen(plan=plan, door=regisseur)
    with time_machine.travel(datetime.date(2027, 10, 15)):
        services.plan_bijwerken(plan=plan, door=regisseur, gegevens={"leerroute": "z"})
        services.plan_bijwerken(plan=plan, door=regisseur, gegevens={"leerroute": "b1"})
    with time_machine.travel(datetime.date(2027, 10, 16)):
        with pytest.raises(ValidationError) as fout:
            services.plan_bijwerken(plan=plan, door=regisseur, gegevens={"leerroute": "z"})
        assert "tot en met 15-10-2027" in fout.value.message_dict["leerroute"][0]
        services.plan_bijwerken(plan=plan, door=regisseur, gegevens={"taal_uren": 900})


def test_versies_vergelijken_veld_voor_veld_en_doelen(persoon, regisseur, vandaag):
    plan = PlanFactory(
        intake__persoon=persoon,
        vastgesteld=True,
        vaststelling__doelen=["Vrijwilligerswerk vinden"],
    )
    een = plan.versies.get()
    services.plan_wijzigen(plan=plan, door=regisseur)
    plan.refresh_from_db()
    services.plan_bijwerken(plan=plan, door=regisseur, gegevens={"leerroute": "z"})
    doel = plan.doelen.get()
    services.doel_opslaan(plan=plan, door=regisseur, doel=doel, gegevens={"status": "loopt"})
    services.doel_opslaan(
        plan=plan,
        door=regisseur,
        gegevens={"leefgebied": "taal", "doel": "A2 halen", "verantwoordelijke": "persoon"},
    )
    twee = services.plan_vaststellen(
        plan=plan,
        door=regisseur,
        bekendmaking_op=vandaag,
        afwijking_motivatie="Uren Z-route volgen na de taaltoets.",
    )
    verschillen = [(v.onderdeel, v.oud, v.nieuw) for v in versie_verschillen(een, twee)]
    assert verschillen == [
        ("Leerroute", "B1-route", "Z-route (zelfredzaamheidsroute)"),
        ("Nieuw doel", "—", "A2 halen"),
        ("Doel ‘Vrijwilligerswerk vinden’: status", "Open", "Loopt"),
    ]


def test_duo_verlenging_verschuift_het_einde_maar_niet_de_eerste_termijn(persoon, regisseur):
    plan = PlanFactory(intake__persoon=persoon, vastgesteld=True)  # on 15-04-2026
    with time_machine.travel(datetime.date(2029, 1, 10)):  # the day of DUO's decision
        with pytest.raises(ValidationError) as fout:
            services.duo_verlenging_vastleggen(
                plan=plan,
                door=regisseur,
                besluit_op=datetime.date(2029, 1, 5),
                nieuwe_einddatum=datetime.date(2029, 1, 1),
                reden="Ziekte",
            )
        assert "15-04-2029" in fout.value.message_dict["nieuwe_einddatum"][0]
        services.duo_verlenging_vastleggen(
            plan=plan,
            door=regisseur,
            besluit_op=datetime.date(2029, 1, 5),
            nieuwe_einddatum=datetime.date(2029, 10, 16),
            reden="Langdurige ziekte",
        )
        plan.refresh_from_db()
        termijn = plan_termijnen(plan).inburgeringstermijn
        assert termijn.vervalt_op == datetime.date(2029, 10, 16)
        assert termijn.verlengd_tot == datetime.date(2029, 10, 16)


def test_voortgangsgesprek_werkt_doelen_bij_en_meet_zrm_opnieuw(persoon, regisseur, vandaag):
    plan = PlanFactory(intake__persoon=persoon, vastgesteld=True, vaststelling__doelen=["Werk"])
    doel = plan.doelen.get()
    gesprek = services.voortgangsgesprek_vastleggen(
        plan=plan,
        door=regisseur,
        datum=vandaag,
        volgend_gesprek_op=vandaag + datetime.timedelta(weeks=13),
        voortgang={doel: ("behaald", "Werkt 2 dagen per week")},
        zrm_scores={"financien": 4, "justitie": 5},
    )
    doel.refresh_from_db()
    assert doel.status == "behaald"
    assert gesprek.zrm.financien == 4 and gesprek.zrm.persoon == plan.persoon
    with pytest.raises(ValidationError):
        services.voortgangsgesprek_vastleggen(
            plan=plan,
            door=regisseur,
            datum=datetime.date(2026, 5, 1),
            volgend_gesprek_op=datetime.date(2026, 4, 1),
        )


def test_doel_bij_een_partner_vraagt_welke_partner(plan, regisseur):
    with pytest.raises(ValidationError) as fout:
        services.doel_opslaan(
            plan=plan,
            door=regisseur,
            gegevens={"leefgebied": "taal", "doel": "Taalmaatje", "verantwoordelijke": "partner"},
        )
    assert "partner_naam" in fout.value.message_dict


@time_machine.travel(datetime.date(2026, 4, 15))
def test_bekendmaking_ver_vooruit_wordt_geweigerd(plan, regisseur):
    with pytest.raises(ValidationError, match="14 dagen vooruit"):
        services.plan_vaststellen(
            plan=plan, door=regisseur, bekendmaking_op=datetime.date(2026, 6, 1)
        )
    versie = services.plan_vaststellen(
        plan=plan, door=regisseur, bekendmaking_op=datetime.date(2026, 4, 29)
    )
    assert versie.nummer == 1


def test_vaststellen_met_afwijking_van_een_routenorm_vraagt_de_motivatie(plan, regisseur, vandaag):
    plan.pvt_uren = 6
    plan.save()
    for leeg in ("", "   \n"):
        with pytest.raises(ValidationError) as fout:
            services.plan_vaststellen(
                plan=plan, door=regisseur, bekendmaking_op=vandaag, afwijking_motivatie=leeg
            )
        assert fout.value.message_dict["afwijking_motivatie"] == [
            "Het plan wijkt af van de routenormen. Leg vast waarom, voordat u het vaststelt."
        ]
    assert not plan.versies.exists()
    versie = services.plan_vaststellen(
        plan=plan,
        door=regisseur,
        bekendmaking_op=vandaag,
        afwijking_motivatie="PVT start pas na de verhuizing; de overige uren volgen in versie 2.",
    )
    assert versie.afwijking_motivatie.startswith("PVT start pas na de verhuizing")
    assert versie.inhoud["afwijkingen"] == ["PVT: minimaal 12 uur, gepland 6."]


def test_zonder_afwijking_wordt_geen_motivatie_bewaard(plan, regisseur, vandaag):
    versie = services.plan_vaststellen(
        plan=plan, door=regisseur, bekendmaking_op=vandaag, afwijking_motivatie="Niet nodig"
    )
    assert versie.afwijking_motivatie == "" and versie.inhoud["afwijkingen"] == []


def test_motivatie_met_stuurtekens_wordt_geweigerd(plan, regisseur, vandaag):
    plan.pvt_uren = 6
    plan.save()
    with pytest.raises(ValidationError) as fout:
        services.plan_vaststellen(
            plan=plan,
            door=regisseur,
            bekendmaking_op=vandaag,
            afwijking_motivatie="PVT\u202e later",
        )
    assert "stuurtekens" in fout.value.message_dict["afwijking_motivatie"][0]


def test_zrm_meting_bij_voortgangsgesprek_legt_de_intake_vast(persoon, regisseur, vandaag):
    """A ZRM measurement belongs to the intake app: the PIP asks its service to record one, a
    measurement of the person outside the intake, audited with who made it."""
    plan = PlanFactory(intake__persoon=persoon, vastgesteld=True)
    gesprek = services.voortgangsgesprek_vastleggen(
        plan=plan, door=regisseur, datum=vandaag, zrm_scores={"financien": 2}
    )
    meting = ZrmMeting.objects.get(persoon=plan.persoon, intake=None)
    assert gesprek.zrm == meting
    assert (meting.datum, meting.financien, meting.huisvesting) == (vandaag, 2, None)
    historie = meting.events.get()
    assert historie.pgh_context.metadata["user"] == regisseur.pk


def test_route_van_een_veld_komt_uit_een_plek(plan):
    plan.leerroute = "onderwijs"
    assert not plan.heeft_map
    assert not hoort_bij_route("z_taal_uren", "b1") and hoort_bij_route("z_taal_uren", "z")
    assert hoort_bij_route("map_uren", "b1") and not hoort_bij_route("map_uren", "onderwijs")
    assert hoort_bij_route("pvt_uren", "onderwijs")


@time_machine.travel(datetime.date(2026, 4, 20))
def test_termijnen_tellen_van_dagtekening_en_bekendmaking_niet_van_de_invoerdag(plan, regisseur):
    """A PIP dated 15-04, made known 17-04 and recorded in Koers on 20-04: the
    inburgeringstermijn and the leerroute window count from the dagtekening, the objection
    window from the bekendmaking."""
    versie = services.plan_vaststellen(
        plan=plan,
        door=regisseur,
        dagtekening=datetime.date(2026, 4, 15),
        bekendmaking_op=datetime.date(2026, 4, 17),
    )
    assert versie.dagtekening == datetime.date(2026, 4, 15)
    termijnen = plan_termijnen(plan)
    assert termijnen.inburgeringstermijn.vervalt_op == datetime.date(2029, 4, 15)
    assert termijnen.leerroute_wissel.vervalt_op == datetime.date(2027, 10, 15)
    # 17-04 + 6 weeks = 29-05-2026, a Friday.
    assert termijnen.bezwaar[1].vervalt_op == datetime.date(2026, 5, 29)


@time_machine.travel(datetime.date(2026, 4, 20))
@pytest.mark.parametrize(
    ("dagtekening", "bekendmaking", "veld", "fout"),
    [
        (
            datetime.date(2026, 4, 21),
            datetime.date(2026, 4, 22),
            "dagtekening",
            "Een besluit kan niet later gedateerd zijn dan vandaag.",
        ),
        (
            datetime.date(2026, 4, 18),
            datetime.date(2026, 4, 17),
            "bekendmaking_op",
            "De bekendmaking ligt vóór de dagtekening van het besluit (18-04-2026).",
        ),
        (
            datetime.date(2026, 3, 1),
            datetime.date(2026, 4, 17),
            "dagtekening",
            "De dagtekening ligt meer dan 30 dagen terug; controleer de datum.",
        ),
    ],
)
def test_dagtekening_die_niet_kan_wordt_geweigerd(
    plan, regisseur, dagtekening, bekendmaking, veld, fout
):
    with pytest.raises(ValidationError) as uitzondering:
        services.plan_vaststellen(
            plan=plan, door=regisseur, dagtekening=dagtekening, bekendmaking_op=bekendmaking
        )
    assert uitzondering.value.message_dict == {veld: [fout]}
    assert not PlanVersie.objects.exists()


@time_machine.travel(datetime.date(2026, 4, 20))
def test_database_weigert_bekendmaking_voor_dagtekening(plan, regisseur):
    versie = services.plan_vaststellen(
        plan=plan, door=regisseur, dagtekening=datetime.date(2026, 4, 15),
        bekendmaking_op=datetime.date(2026, 4, 17),
    )  # fmt: skip
    with pytest.raises(DatabaseError), transaction.atomic(), pgtrigger.ignore():
        PlanVersie.objects.filter(pk=versie.pk).update(dagtekening=datetime.date(2026, 4, 18))
