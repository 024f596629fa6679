from typing import NamedTuple

from django.db import models
from django.utils.translation import gettext_lazy as _

from intake.constants import Leerroute, Taalniveau

# The legal terms (bezwaar, inburgeringstermijn, leerroute wisselen) are TermijnConfig rows in
# core: configurable per installation.

# Route norms (Bi): shown as warnings, never a hard stop.
# No part of a plan runs longer than the three-year term at full time: more hours is a typo.
PLAN_MAXIMUM_UREN = 3000
PVT_MINIMUM_UREN = 12
MAP_MINIMUM_UREN = 40
Z_ROUTE_MINIMUM_TAALUREN = 800
Z_ROUTE_MINIMUM_PARTICIPATIEUREN = 800
ONDERWIJSROUTE_MAXIMUM_LEEFTIJD = 28


class PlanStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    VASTGESTELD = "vastgesteld", _("Vastgesteld")
    GEWIJZIGD = "gewijzigd", _("Wijziging in concept")
    AFGESLOTEN = "afgesloten", _("Afgesloten")


BEWERKBAAR = (PlanStatus.CONCEPT, PlanStatus.GEWIJZIGD)


class DoelStatus(models.TextChoices):
    OPEN = "open", _("Open")
    LOOPT = "loopt", _("Loopt")
    BEHAALD = "behaald", _("Behaald")
    VERVALLEN = "vervallen", _("Vervallen")


class Verantwoordelijke(models.TextChoices):
    PERSOON = "persoon", _("De persoon zelf")
    GEMEENTE = "gemeente", _("Gemeente")
    PARTNER = "partner", _("Partner")


class PdfStatus(models.TextChoices):
    WACHT = "wacht", _("Wacht op verwerking")
    BEZIG = "bezig", _("Wordt gemaakt")
    KLAAR = "klaar", _("Klaar")
    MISLUKT = "mislukt", _("Mislukt")


# The fields of a goal, in the order the form, the snapshot and the pages use them.
DOEL_VELDEN = (
    "leefgebied",
    "doel",
    "acties",
    "verantwoordelijke",
    "partner_naam",
    "streefdatum",
    "status",
)

VAARDIGHEDEN = (
    ("lezen", _("Lezen")),
    ("luisteren", _("Luisteren")),
    ("spreken", _("Spreken")),
    ("schrijven", _("Schrijven")),
)
TAALNIVEAU_VELDEN = tuple(
    f"taal_{code}_{soort}" for code, _label in VAARDIGHEDEN for soort in ("huidig", "doel")
)


class PlanOnderdeel(NamedTuple):
    """A part of the plan: its heading, its fields, and the leerroutes it belongs to (None: every
    route). The form, the PIP page, the version page and the PDF all group and filter by these."""

    sleutel: str
    titel: str
    velden: tuple[str, ...]
    routes: tuple[str, ...] | None = None


PLAN_ONDERDELEN = (
    PlanOnderdeel("leerroute", _("Leerroute"), ("leerroute", "leerroute_motivatie")),
    PlanOnderdeel("taal", _("Taal"), (*TAALNIVEAU_VELDEN, "taalschool", "taal_uren")),
    PlanOnderdeel(
        "pvt",
        _("Participatieverklaringstraject (PVT)"),
        ("pvt_aanbieder", "pvt_uren", "pvt_ondertekend_op"),
    ),
    PlanOnderdeel(
        "map",
        _("Module Arbeidsmarkt en Participatie (MAP)"),
        ("map_aanbieder", "map_uren", "map_afgerond_op"),
        routes=(Leerroute.B1, Leerroute.Z),
    ),
    PlanOnderdeel(
        "knm",
        _("Kennis van de Nederlandse maatschappij (KNM)"),
        ("knm_aanbieder", "knm_afgerond_op"),
    ),
    PlanOnderdeel(
        "z_route", _("Z-route"), ("z_taal_uren", "z_participatie_uren"), routes=(Leerroute.Z,)
    ),
    PlanOnderdeel("afspraken", _("Afspraken"), ("afspraken", "verplichtingen")),
    PlanOnderdeel(
        "ontzorgen",
        _("Ontzorgen en kinderopvang"),
        ("ontzorgen", "ontzorgen_toelichting", "kinderopvang"),
    ),
)
# The leerroutes each field belongs to, from the parts above; a field not listed: every route.
ROUTE_VAN_VELD = {
    veld: onderdeel.routes
    for onderdeel in PLAN_ONDERDELEN
    if onderdeel.routes
    for veld in onderdeel.velden
}


def hoort_bij_route(veld: str, leerroute: str) -> bool:
    routes = ROUTE_VAN_VELD.get(veld)
    return routes is None or leerroute in routes


def onderdeel_hoort_bij_route(onderdeel: PlanOnderdeel, leerroute: str) -> bool:
    return onderdeel.routes is None or leerroute in onderdeel.routes


# The language level a route aims at: the plan form starts the target levels there (the regisseur
# may choose another).
DOELNIVEAU_PER_ROUTE = {Leerroute.B1: Taalniveau.B1}

AFWIJKING_MOTIVATIE_VEREIST = _(
    "Het plan wijkt af van de routenormen. Leg vast waarom, voordat u het vaststelt."
)
