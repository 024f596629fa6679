"""The course of every demo dossier over the years since its koppeling, written in bulk: brede
intakes started some weeks after the koppeling, PIPs fixed mostly within the ten weeks after
the later of DUO's notice and the BRP registration (some late), the leerroutes and a few route
switches, the PVT, KNM and MAP completed later. The dashboard and the quarterly report read
these dates; the few trajectories walked through the services (demo_trajecten) show the
screens. One pass over the persons in Python and a handful of inserts: no query per person."""

import datetime
import uuid
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from intake.constants import IntakeStatus, Leerroute, Locatie
from intake.models import BredeIntake
from pip_plans.constants import (
    MAP_MINIMUM_UREN,
    ONDERWIJSROUTE_MAXIMUM_LEEFTIJD,
    PVT_MINIMUM_UREN,
    Z_ROUTE_MINIMUM_PARTICIPATIEUREN,
    Z_ROUTE_MINIMUM_TAALUREN,
    PlanStatus,
    hoort_bij_route,
)
from pip_plans.models import Plan, PlanVersie, Voortgangsgesprek
from pip_plans.selectors import plan_velden, route_normen
from pip_plans.services import bezwaar_sleutel
from statushouders.constants import Bestandsgroep
from termijnen.services import NieuweTermijn, termijnen_invoegen

# (leerroute, weight): the onderwijsroute is for the young; together about B1 60%, Z 25%,
# onderwijs 15% of a caseload.
LEERROUTES_JONG = ((Leerroute.B1, 45), (Leerroute.Z, 10), (Leerroute.ONDERWIJS, 45))
LEERROUTES_OUDER = ((Leerroute.B1, 68), (Leerroute.Z, 32))
# Where someone goes after a route switch.
ROUTEWISSEL = {
    Leerroute.B1: Leerroute.Z,
    Leerroute.Z: Leerroute.B1,
    Leerroute.ONDERWIJS: Leerroute.B1,
}
DOELNIVEAU = {Leerroute.B1: "B1", Leerroute.Z: "A1", Leerroute.ONDERWIJS: "B1"}
TAALSCHOLEN = ("Taalschool Weert", "ROC Leeuwenborgh", "Taalcentrum Midden-Limburg")
UITKOMSTEN = ("Goed leerbaar", "Gemiddeld leerbaar", "Beperkt leerbaar")
AZC_NAMEN = ("AZC Budel-Cranendonck", "AZC Weert", "AZC Venlo")


@dataclass
class _Pip:
    plan: Plan
    versies: list[tuple[datetime.date, datetime.date, dict]]  # (vastgesteld, bekendmaking, inhoud)


def _dagen(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def _leeftijd(geboortedatum: datetime.date, op: datetime.date) -> int:
    return (
        op.year
        - geboortedatum.year
        - ((op.month, op.day) < (geboortedatum.month, geboortedatum.day))
    )


def _startvertraging(rng) -> int:
    """Days from koppeling to the start of the brede intake: mostly four to ten weeks."""
    kans = rng.random()
    if kans < 0.75:
        return rng.randint(28, 70)
    if kans < 0.9:
        return rng.randint(14, 27)
    return rng.randint(71, 120)


def _pip_dagen(rng) -> int:
    """Days from the later of DUO's notice and the BRP registration to the fixed PIP: mostly
    within the ten weeks, about one in six later."""
    return rng.randint(28, 70) if rng.random() < 0.84 else rng.randint(71, 200)


def _moment(rng, dag: datetime.date) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(dag, datetime.time(rng.randint(9, 16), rng.choice([0, 15, 30])))
    )


def verloop_maken(rng, personen, peildatum: datetime.date) -> dict[int, datetime.date]:
    """Intakes, PIPs and their versions for these (saved) persons; returns the day each first
    PIP was fixed, by person id, for the PIP deadline."""
    intakes: list[BredeIntake] = []
    pips: list[_Pip] = []
    for persoon in personen:
        if not (persoon.duo_kennisgeving_op and persoon.brp_inschrijving_op):
            continue  # a child at the koppeling: no inburgering of their own
        if not persoon.regisseur_id or not persoon.koppeling_datum:
            continue
        intake, pip = _verloop(rng, persoon, peildatum)
        if intake:
            intakes.append(intake)
        if pip:
            pips.append(pip)
    BredeIntake.objects.bulk_create(intakes, batch_size=1000)
    for pip in pips:
        pip.plan.intake_id = pip.plan.intake.pk  # the intake has its id now
    Plan.objects.bulk_create([p.plan for p in pips], batch_size=1000)
    versies = [
        PlanVersie(
            plan=pip.plan,
            nummer=nummer,
            inhoud=inhoud,
            vastgesteld_door_id=pip.plan.persoon.regisseur_id,
            vastgesteld_op=_moment(rng, vastgesteld),
            bekendmaking_op=bekendmaking,
            dagtekening=min(vastgesteld, bekendmaking),
        )
        for pip in pips
        for nummer, (vastgesteld, bekendmaking, inhoud) in enumerate(pip.versies, start=1)
    ]
    PlanVersie.objects.bulk_create(versies, batch_size=1000)
    termijnen_invoegen(_plan_termijnen(pips, _voortgangsgesprekken(rng, pips, peildatum)))
    return {
        pip.plan.persoon.pk: pip.plan.eerste_vaststelling_op
        for pip in pips
        if pip.plan.eerste_vaststelling_op
    }


def _verloop(rng, persoon, peildatum):
    koppeling = persoon.koppeling_datum
    start = koppeling + _dagen(_startvertraging(rng))
    if persoon.bestandsgroep == Bestandsgroep.INTAKE:
        # Still in the intake phase: started or not yet, never completed.
        if start > peildatum:
            return None, None
        return _intake(rng, persoon, start, None, None), None
    afgerond = start + _dagen(rng.randint(7, 35))
    plicht = max(persoon.duo_kennisgeving_op, persoon.brp_inschrijving_op)
    vastgesteld = plicht + _dagen(_pip_dagen(rng))
    # The intake is done some days before the PIP is fixed; a plan on time had a quick intake.
    afgerond = min(afgerond, vastgesteld - _dagen(rng.randint(3, 10)), peildatum - _dagen(1))
    start = max(koppeling + _dagen(14), min(start, afgerond - _dagen(rng.randint(7, 14))))
    afgerond = max(afgerond, start + _dagen(5))
    vastgesteld = max(vastgesteld, afgerond + _dagen(3))
    jong = _leeftijd(persoon.geboortedatum, vastgesteld) <= ONDERWIJSROUTE_MAXIMUM_LEEFTIJD
    routes = LEERROUTES_JONG if jong else LEERROUTES_OUDER
    leerroute = rng.choices([r for r, _g in routes], weights=[g for _r, g in routes])[0]
    intake = _intake(rng, persoon, start, afgerond, leerroute)
    if persoon.bestandsgroep == Bestandsgroep.ZORG_EN_RUST:
        return intake, None  # the PIP waits until there is room for it
    return intake, _pip(rng, persoon, intake, leerroute, vastgesteld, peildatum)


def _intake(rng, persoon, start, afgerond, leerroute) -> BredeIntake:
    in_azc = not persoon.huisvesting_datum or persoon.huisvesting_datum > start
    intake = BredeIntake(
        uuid=uuid.UUID(int=rng.getrandbits(128), version=4),
        persoon=persoon,
        status=IntakeStatus.AFGEROND if afgerond else IntakeStatus.OPEN,
        gestart_op=start,
        afgerond_op=afgerond,
        locatie=Locatie.AZC if in_azc else Locatie.GEMEENTEKANTOOR,
        azc_naam=(persoon.azc or rng.choice(AZC_NAMEN)) if in_azc else "",
        tolk_taal=persoon.voorkeurstaal[:60],
        taal_lezen=rng.choice(["A0", "A0", "A1"]),
        taal_luisteren=rng.choice(["A0", "A1", "A1"]),
        taal_spreken=rng.choice(["A0", "A0", "A1"]),
    )
    if afgerond:
        intake.leerbaarheidstoets_datum = max(start, afgerond - _dagen(rng.randint(1, 6)))
        intake.leerbaarheidstoets_uitkomst = (
            "Beperkt leerbaar" if leerroute == Leerroute.Z else rng.choice(UITKOMSTEN[:2])
        )
        intake.advies_leerroute = leerroute
        intake.advies_motivatie = "Past bij de opleiding, de leerbaarheid en de wensen."
        if persoon.bestandsgroep == Bestandsgroep.ZORG_EN_RUST:
            intake.zorg_en_rust_reden = "Eerst herstel en rust na een zware periode."
    return intake


def _plan_velden(plan: Plan, leerroute: str) -> None:
    plan.leerroute = leerroute
    plan.leerroute_motivatie = "Advies van de brede intake; besproken met de persoon."
    for code in ("lezen", "luisteren", "spreken", "schrijven"):
        setattr(plan, f"taal_{code}_doel", DOELNIVEAU[leerroute])
    plan.map_aanbieder = (
        "Werkplein Midden-Limburg" if hoort_bij_route("map_uren", leerroute) else ""
    )
    plan.map_uren = MAP_MINIMUM_UREN + 24 if plan.map_aanbieder else None
    if leerroute == Leerroute.Z:
        plan.z_taal_uren = Z_ROUTE_MINIMUM_TAALUREN
        plan.z_participatie_uren = Z_ROUTE_MINIMUM_PARTICIPATIEUREN
    else:
        plan.z_taal_uren = plan.z_participatie_uren = None


def _pip(rng, persoon, intake, leerroute, vastgesteld, peildatum) -> _Pip:
    plan = Plan(
        uuid=uuid.UUID(int=rng.getrandbits(128), version=4),
        persoon=persoon,
        intake=intake,
        taal_lezen_huidig=intake.taal_lezen,
        taal_luisteren_huidig=intake.taal_luisteren,
        taal_spreken_huidig=intake.taal_spreken,
        taalschool=rng.choice(TAALSCHOLEN),
        taal_uren=rng.choice([400, 600, 800]),
        pvt_aanbieder="Vluchtelingenwerk Weert",
        pvt_uren=PVT_MINIMUM_UREN + 4,
        knm_aanbieder=rng.choice(TAALSCHOLEN),
        afspraken="Elke maand een gesprek met de regisseur.",
        ontzorgen=rng.random() < 0.7,
    )
    _plan_velden(plan, leerroute)
    if vastgesteld > peildatum:
        plan.status = PlanStatus.CONCEPT  # being drawn up
        return _Pip(plan, [])
    plan.status = PlanStatus.VASTGESTELD
    plan.eerste_vaststelling_op = vastgesteld
    bekendmaking = min(peildatum, vastgesteld + _dagen(rng.randint(0, 3)))
    versies = [(vastgesteld, bekendmaking, _inhoud(plan, vastgesteld))]
    # A few switch leerroute within the term for it, with a second version.
    dagen_sinds = (peildatum - vastgesteld).days
    if dagen_sinds > 60 and rng.random() < 0.07:
        wissel = vastgesteld + _dagen(rng.randint(30, min(365, dagen_sinds - 1)))
        _plan_velden(plan, ROUTEWISSEL[leerroute])
        plan.leerroute_motivatie = "Gewisseld van leerroute: de eerste route paste niet."
        versies.append((wissel, wissel, _inhoud(plan, wissel)))
    # Completed later in the trajectory, when that day has come.
    for veld, van, tot in (
        ("pvt_ondertekend_op", 60, 240),
        ("knm_afgerond_op", 180, 600),
        ("map_afgerond_op", 240, 720),
    ):
        dag = vastgesteld + _dagen(rng.randint(van, tot))
        if dag <= peildatum and (veld != "map_afgerond_op" or plan.map_aanbieder):
            setattr(plan, veld, dag)
    return _Pip(plan, versies)


def _inhoud(plan: Plan, op: datetime.date) -> dict:
    """What a version freezes (as `plan_snapshot`), without goals: these plans have none."""
    persoon = plan.persoon
    return {
        "velden": plan_velden(plan),
        "doelen": [],
        "afwijkingen": [str(a) for a in route_normen(plan, op=op)],
        "persoon": {
            "naam": persoon.naam,
            "geboortedatum": persoon.geboortedatum.isoformat(),
            "bsn": persoon.bsn or "",
            "gemeente": persoon.gemeente.naam,
        },
    }


def _voortgangsgesprekken(rng, pips: list[_Pip], peildatum) -> dict[int, datetime.date]:
    """The latest progress talk of each plan fixed over a quarter ago; most were held within
    the thirteen weeks, some are overdue. Returns its day by plan id."""
    gesprekken = []
    for pip in pips:
        plan = pip.plan
        eerste = plan.eerste_vaststelling_op
        if not eerste or (peildatum - eerste).days <= 91:
            continue
        laatst = min(peildatum, plan.persoon.afgesloten_op or peildatum)
        dag = max(eerste + _dagen(14), laatst - _dagen(rng.randint(0, 105)))
        gesprekken.append(
            Voortgangsgesprek(
                plan=plan,
                datum=dag,
                verslag="Gaat naar de taalschool; wil meer oefenen met spreken.",
                door_id=plan.persoon.regisseur_id,
            )
        )
    Voortgangsgesprek.objects.bulk_create(gesprekken, batch_size=1000)
    return {g.plan.pk: g.datum for g in gesprekken}


def _plan_termijnen(pips: list[_Pip], gesprekken: dict[int, datetime.date]) -> list[NieuweTermijn]:
    """The deadlines a fixed PIP starts, as `plan_vaststellen` and `plan_termijnen_bijwerken`
    compute them."""
    nieuw = []
    for pip in pips:
        plan = pip.plan
        if not plan.eerste_vaststelling_op:
            continue
        persoon = plan.persoon
        link = reverse("pip_plans:plan-detail", kwargs={"uuid": persoon.uuid})
        for code in ("inburgeringstermijn", "leerroute_wissel"):
            nieuw.append(
                NieuweTermijn(
                    persoon=persoon, code=code, basisdatum=plan.eerste_vaststelling_op, link=link
                )
            )
        nieuw.append(
            NieuweTermijn(
                persoon=persoon,
                code="voortgangsgesprek",
                basisdatum=gesprekken.get(plan.pk, plan.eerste_vaststelling_op),
                link=reverse("pip_plans:voortgangsgesprek-nieuw", kwargs={"uuid": persoon.uuid}),
            )
        )
        for nummer, (_vastgesteld, bekendmaking, _inhoud) in enumerate(pip.versies, start=1):
            nieuw.append(
                NieuweTermijn(
                    persoon=persoon,
                    code="bezwaar_pip",
                    sleutel=bezwaar_sleutel(nummer),
                    basisdatum=bekendmaking,
                    onderwerp=f"PIP-versie {nummer}",
                    link=reverse(
                        "pip_plans:versie-detail", kwargs={"uuid": persoon.uuid, "nummer": nummer}
                    ),
                )
            )
    return nieuw
