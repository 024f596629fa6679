"""Reads of PIPs, scoped to the dossiers the user may open, and the rules they are checked on."""

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core.selectors import waarde_tonen
from intake.constants import Leerroute
from statushouders.constants import Doelgroep
from termijnen.models import Termijn
from termijnen.selectors import termijnen_met_codes

from .constants import (
    DOEL_VELDEN,
    MAP_MINIMUM_UREN,
    ONDERWIJSROUTE_MAXIMUM_LEEFTIJD,
    PLAN_ONDERDELEN,
    PVT_MINIMUM_UREN,
    TAALNIVEAU_VELDEN,
    VAARDIGHEDEN,
    Z_ROUTE_MINIMUM_PARTICIPATIEUREN,
    Z_ROUTE_MINIMUM_TAALUREN,
    PdfStatus,
    onderdeel_hoort_bij_route,
)
from .models import Plan, PlanDoel, PlanVersie

# The plan fields a version freezes, in the order a reader expects them.
PLAN_VELDEN = [
    f.name
    for f in Plan._meta.concrete_fields
    if f.name
    not in {
        "id",
        "uuid",
        "persoon",
        "intake",
        "status",
        "created_at",
        "updated_at",
        "eerste_vaststelling_op",
    }
]


def plan_ophalen(*, user, persoon_uuid) -> Plan:
    """The person's PIP if the user may open the dossier; DoesNotExist otherwise."""
    return (
        Plan.objects.visible_to(user)
        .select_related("persoon", "persoon__gemeente")
        .get(persoon__uuid=persoon_uuid)
    )


def plan_van(*, persoon) -> Plan | None:
    return Plan.objects.filter(persoon=persoon).first()


def persoon_van_doel(doel_uuid):
    """Whom a goal is about, whoever asks: only to log a refused attempt against the person it
    concerns."""
    return (
        PlanDoel.objects.filter(uuid=doel_uuid)
        .values_list("plan__persoon__uuid", flat=True)
        .first()
    )


@dataclass(frozen=True)
class PlanActies:
    """What may be done with the PIP now, by the checks its services make."""

    mag_wijziging_starten: bool
    # The numbers of the versions whose PDF may be made again.
    pdf_opnieuw: frozenset[int]


def plan_acties(*, plan: Plan, versies) -> PlanActies:
    return PlanActies(
        mag_wijziging_starten=plan.wijziging_mogelijk,
        pdf_opnieuw=frozenset(v.nummer for v in versies if not v.pdf_wordt_gemaakt),
    )


def asielstatushouder(persoon) -> bool:
    return persoon.doelgroep in (Doelgroep.ASIEL, Doelgroep.NAREIZIGER)


def route_normen(plan: Plan, *, op: datetime.date | None = None) -> list[str]:
    """The route norms of the Besluit inburgering this plan does not meet (warnings)."""
    waarschuwingen = []
    if (plan.pvt_uren or 0) < PVT_MINIMUM_UREN:
        waarschuwingen.append(
            _("PVT: minimaal %(min)s uur, gepland %(uren)s.")
            % {"min": PVT_MINIMUM_UREN, "uren": plan.pvt_uren or 0}
        )
    if plan.heeft_map and (plan.map_uren or 0) < MAP_MINIMUM_UREN:
        waarschuwingen.append(
            _("MAP: minimaal %(min)s uur praktijk, gepland %(uren)s.")
            % {"min": MAP_MINIMUM_UREN, "uren": plan.map_uren or 0}
        )
    if plan.leerroute == Leerroute.ONDERWIJS and (plan.map_aanbieder or plan.map_uren):
        waarschuwingen.append(_("MAP hoort niet bij de onderwijsroute."))
    if plan.leerroute == Leerroute.Z:
        if (plan.z_taal_uren or 0) < Z_ROUTE_MINIMUM_TAALUREN:
            waarschuwingen.append(
                _("Z-route: minimaal %(min)s uur Nederlands, gepland %(uren)s.")
                % {"min": Z_ROUTE_MINIMUM_TAALUREN, "uren": plan.z_taal_uren or 0}
            )
        if asielstatushouder(plan.persoon) and (
            (plan.z_participatie_uren or 0) < Z_ROUTE_MINIMUM_PARTICIPATIEUREN
        ):
            waarschuwingen.append(
                _(
                    "Z-route: minimaal %(min)s uur participatie voor asielstatushouders, "
                    "gepland %(uren)s."
                )
                % {"min": Z_ROUTE_MINIMUM_PARTICIPATIEUREN, "uren": plan.z_participatie_uren or 0}
            )
    if plan.leerroute == Leerroute.ONDERWIJS:
        leeftijd = relativedelta(op or timezone.localdate(), plan.persoon.geboortedatum).years
        if leeftijd > ONDERWIJSROUTE_MAXIMUM_LEEFTIJD:
            waarschuwingen.append(
                _(
                    "De onderwijsroute is bedoeld voor mensen tot %(max)s jaar; deze persoon is "
                    "%(leeftijd)s."
                )
                % {"max": ONDERWIJSROUTE_MAXIMUM_LEEFTIJD, "leeftijd": leeftijd}
            )
    return waarschuwingen


def _json(waarde):
    return waarde.isoformat() if isinstance(waarde, datetime.date) else waarde


def plan_velden(plan: Plan) -> dict:
    """The plan's own fields as JSON values, as a version freezes them."""
    return {naam: _json(getattr(plan, naam)) for naam in PLAN_VELDEN}


def plan_snapshot(plan: Plan) -> dict:
    """Everything a version freezes, as JSON: the plan's fields, its goals and the route norms
    it deviates from."""
    doelen = [
        {naam: _json(getattr(doel, naam)) for naam in DOEL_VELDEN}
        for doel in plan.doelen.order_by("leefgebied", "streefdatum", "id")
    ]
    return {
        "velden": plan_velden(plan),
        "doelen": doelen,
        "afwijkingen": route_normen(plan),
        "persoon": {
            "naam": plan.persoon.naam,
            "geboortedatum": plan.persoon.geboortedatum.isoformat(),
            "bsn": plan.persoon.bsn or "",
            "gemeente": plan.persoon.gemeente.naam,
        },
    }


def veld_label(model, naam: str) -> str:
    # capfirst, not capitalize: "PVT: aanbieder" and "kinderopvang en VVE" keep their capitals.
    return capfirst(str(model._meta.get_field(naam).verbose_name))


@dataclass
class Regel:
    label: str
    waarde: str


@dataclass
class TaalniveauRegel:
    vaardigheid: str
    huidig: str
    doel: str


@dataclass
class Onderdeel:
    sleutel: str
    titel: str
    regels: list[Regel]
    taalniveaus: list[TaalniveauRegel]


def plan_inhoud(velden: dict) -> list[Onderdeel]:
    """The plan's fields grouped in its parts, as a reader sees them, leaving out the parts
    that belong to another leerroute (Z-route hours in a B1 plan, say). `velden` holds the
    fields as a version freezes them, so the live plan and each version read the same."""
    leerroute = velden.get("leerroute")
    onderdelen = []
    for onderdeel in PLAN_ONDERDELEN:
        if not onderdeel_hoort_bij_route(onderdeel, leerroute):
            continue
        regels = [
            Regel(
                veld_label(Plan, naam),
                waarde_tonen(Plan._meta.get_field(naam), velden.get(naam)),
            )
            for naam in onderdeel.velden
            if naam not in TAALNIVEAU_VELDEN
        ]
        niveaus = [
            TaalniveauRegel(
                str(label),
                velden.get(f"taal_{code}_huidig") or "—",
                velden.get(f"taal_{code}_doel") or "—",
            )
            for code, label in VAARDIGHEDEN
            if f"taal_{code}_huidig" in onderdeel.velden
        ]
        onderdelen.append(Onderdeel(onderdeel.sleutel, str(onderdeel.titel), regels, niveaus))
    return onderdelen


def versie_inhoud(versie: PlanVersie) -> list[Onderdeel]:
    return plan_inhoud(versie.inhoud["velden"])


def versie_afwijkingen(versie: PlanVersie) -> list[str]:
    """The route norms the version deviated from when it was fixed (older versions: none
    recorded)."""
    return versie.inhoud.get("afwijkingen", [])


def versie_doelen(versie: PlanVersie) -> list[dict]:
    return [
        {naam: waarde_tonen(PlanDoel._meta.get_field(naam), doel.get(naam)) for naam in DOEL_VELDEN}
        for doel in versie.inhoud["doelen"]
    ]


@dataclass
class Verschil:
    onderdeel: str
    oud: str
    nieuw: str


def versie_verschillen(oud: PlanVersie, nieuw: PlanVersie) -> list[Verschil]:
    """What changed between two versions, field by field and goal by goal."""
    verschillen = []
    for naam in PLAN_VELDEN:
        veld = Plan._meta.get_field(naam)
        a, b = oud.inhoud["velden"].get(naam), nieuw.inhoud["velden"].get(naam)
        if a != b:
            verschillen.append(
                Verschil(
                    veld_label(Plan, naam),
                    waarde_tonen(veld, a),
                    waarde_tonen(veld, b),
                )
            )
    oude_doelen = {d["doel"]: d for d in oud.inhoud["doelen"]}
    nieuwe_doelen = {d["doel"]: d for d in nieuw.inhoud["doelen"]}
    for tekst in oude_doelen.keys() - nieuwe_doelen.keys():
        verschillen.append(Verschil(_("Doel vervallen uit het plan"), tekst, "—"))
    for tekst in sorted(nieuwe_doelen.keys() - oude_doelen.keys()):
        verschillen.append(Verschil(_("Nieuw doel"), "—", tekst))
    for tekst in sorted(oude_doelen.keys() & nieuwe_doelen.keys()):
        for naam in DOEL_VELDEN:
            a, b = oude_doelen[tekst].get(naam), nieuwe_doelen[tekst].get(naam)
            if a != b:
                veld = PlanDoel._meta.get_field(naam)
                verschillen.append(
                    Verschil(
                        _("Doel ‘%(doel)s’: %(veld)s") % {"doel": tekst, "veld": veld.verbose_name},
                        waarde_tonen(veld, a),
                        waarde_tonen(veld, b),
                    )
                )
    return verschillen


@dataclass
class PlanTermijnen:
    """The plan's deadlines as their rows hold them: the one place those dates live."""

    pip_vaststellen: Termijn | None
    inburgeringstermijn: Termijn | None
    leerroute_wissel: Termijn | None
    voortgangsgesprek: Termijn | None
    bezwaar: dict[int, Termijn]  # per version number


def plan_termijnen(plan: Plan) -> PlanTermijnen:
    rijen = termijnen_met_codes(
        persoon_id=plan.persoon_id,
        codes=[
            "pip_vaststellen",
            "inburgeringstermijn",
            "leerroute_wissel",
            "voortgangsgesprek",
            "bezwaar_pip",
        ],
    )
    per_code, bezwaar = {}, {}
    for termijn in rijen:
        if termijn.config.code == "bezwaar_pip":
            nummer = termijn.sleutel.removeprefix("versie:")
            if nummer.isdigit():
                bezwaar[int(nummer)] = termijn
        else:
            per_code[termijn.config.code] = termijn
    return PlanTermijnen(
        pip_vaststellen=per_code.get("pip_vaststellen"),
        inburgeringstermijn=per_code.get("inburgeringstermijn"),
        leerroute_wissel=per_code.get("leerroute_wissel"),
        voortgangsgesprek=per_code.get("voortgangsgesprek"),
        bezwaar=bezwaar,
    )


def wachtende_pdf_versies(*, minuten: int):
    """Fixed versions still without a PDF this many minutes after fixing, oldest first."""
    grens = timezone.now() - datetime.timedelta(minutes=minuten)
    return PlanVersie.objects.filter(pdf_status=PdfStatus.WACHT, vastgesteld_op__lt=grens).order_by(
        "vastgesteld_op", "pk"
    )
