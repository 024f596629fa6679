import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


class Eenheid(models.TextChoices):
    DAGEN = "dagen", _("dagen")
    WERKDAGEN = "werkdagen", _("werkdagen")
    WEKEN = "weken", _("weken")
    MAANDEN = "maanden", _("maanden")
    JAREN = "jaren", _("jaren")


# The longest term per unit: 120 months, counted in each unit. A longer one is a typing error
# and would push dates past what any page can show.
MAXIMUM_LENGTE = {
    Eenheid.DAGEN: 3650,
    Eenheid.WERKDAGEN: 2600,
    Eenheid.WEKEN: 520,
    Eenheid.MAANDEN: 120,
    Eenheid.JAREN: 10,
}


_TELWOORDEN = {
    Eenheid.DAGEN: ("dag", "dagen"),
    Eenheid.WERKDAGEN: ("werkdag", "werkdagen"),
    Eenheid.WEKEN: ("week", "weken"),
    Eenheid.MAANDEN: ("maand", "maanden"),
    Eenheid.JAREN: ("jaar", "jaar"),  # "3 jaar", as Dutch says it
}


def lengte_tekst(lengte: int, eenheid: str) -> str:
    """'1 week', '6 weken', '3 jaar'."""
    enkelvoud, meervoud = _TELWOORDEN[eenheid]
    return f"{lengte} {ngettext(enkelvoud, meervoud, lengte)}"


class TermijnStatus(models.TextChoices):
    OPEN = "open", _("Open")
    GEHAALD = "gehaald", _("Gehaald")
    VERLOPEN = "verlopen", _("Verlopen")
    VERVALLEN = "vervallen", _("Vervallen")


OPENSTAAND = (TermijnStatus.OPEN, TermijnStatus.VERLOPEN)

# The terms Koers computes, with the defaults from the law or common practice. Each becomes a
# TermijnConfig row that functioneel beheer can change; configuration wins over these.
# (code, label, wettelijke basis, berekening, lengte, eenheid, atw, geverifieerd, herinneren)
TERMIJN_STANDAARDEN = [
    (
        "woning_aanbieden",
        _("Woning aangeboden"),
        "COA/VNG-afspraken",
        _("koppeling + N: er is een woning aangeboden"),
        10,
        "weken",
        False,
        False,
        True,
    ),
    (
        "verhuizing",
        _("Verhuisd naar de gemeente"),
        "COA/VNG-afspraken",
        _("koppeling + N: de persoon woont in de gemeente"),
        12,
        "weken",
        False,
        False,
        True,
    ),
    (
        "pip_vaststellen",
        _("PIP vastgesteld"),
        "Besluit inburgering 2021 art. 5.3 lid 1 en 2",
        _(
            "de latere van DUO-kennisgeving en BRP-inschrijving + N; eenmalig tot 2 weken langer "
            "bij wachten op derden"
        ),
        10,
        "weken",
        True,
        False,
        True,
    ),
    (
        "bezwaar_pip",
        _("Bezwaartermijn PIP"),
        "Awb art. 6:7, 6:8 lid 1",
        _("bekendmaking van het PIP-besluit + N"),
        6,
        "weken",
        True,
        True,
        False,
    ),
    (
        "inburgeringstermijn",
        _("Einde inburgeringstermijn"),
        "Wet inburgering 2021 art. 11 lid 1 en 2",
        _("datum van het eerste PIP-besluit + N; verlenging door DUO telt"),
        3,
        "jaren",
        False,
        True,
        True,
    ),
    (
        "leerroute_wissel",
        _("Laatste dag leerroute wisselen"),
        "Besluit inburgering 2021 art. 5.4 lid 1 (jo. Wet inburgering 2021 art. 17 lid 2)",
        _("datum van het eerste PIP-besluit + N"),
        18,
        "maanden",
        False,
        True,
        True,
    ),
    (
        "ontzorgperiode",
        _("Einde ontzorgperiode (minimum)"),
        "Participatiewet art. 56a lid 2",
        _("start bijstand + N; verlenging bij besluit"),
        6,
        "maanden",
        False,
        True,
        True,
    ),
    (
        "bezwaar_ontzorging",
        _("Bezwaartermijn besluit ontzorging"),
        "Awb art. 6:7, 6:8 lid 1",
        _("bekendmaking van het besluit over de ontzorgperiode + N"),
        6,
        "weken",
        True,
        True,
        False,
    ),
    (
        "voortgangsgesprek",
        _("Voortgangsgesprek"),
        _("lokaal beleid"),
        _(
            "het volgende gesprek dat in het laatste voortgangsgesprek is afgesproken; anders "
            "het laatste gesprek (of het eerste PIP) + N"
        ),
        13,
        "weken",
        False,
        True,
        True,
    ),
    (
        "maatschappelijke_begeleiding",
        _("Einde maatschappelijke begeleiding"),
        _("lokaal beleid (gangbaar onder de oude wet)"),
        _("start van de begeleiding (verwijzing geaccepteerd) + N"),
        18,
        "maanden",
        False,
        True,
        True,
    ),
    (
        "verwijzing_reactie",
        _("Partner reageert op verwijzing"),
        _("lokaal beleid"),
        _("verwijzing verstuurd + N (weekend en feestdagen tellen niet)"),
        10,
        "werkdagen",
        False,
        True,
        True,
    ),
    (
        "cbs_levering",
        _("Levering statistiek aan CBS"),
        "Wet inburgering 2021 art. 39 (termijn: afspraak met het CBS, niet in wet of besluit)",
        _("einde kwartaal + N"),
        4,
        "weken",
        False,
        False,
        True,
    ),
]

# Spans that begin ON their dossier date rather than terms after it: the first day counts, so
# the last is the day before the same date N later (DESIGN.md, "How a term is counted").
EERSTE_DAG_TELT = ("ontzorgperiode", "maatschappelijke_begeleiding")

# Deadlines that are a window or a period rather than work to do: an objection period, the last
# day a route may switch, the planned end of ontzorging or begeleiding. They show on the dossier
# while they run; their passing is no delay, so no worklist, count or report counts them.
TERMIJNEN_ZONDER_ACTIE = (
    "bezwaar_pip",
    "bezwaar_ontzorging",
    "leerroute_wissel",
    "ontzorgperiode",
    "maatschappelijke_begeleiding",
)

# Terms of a gemeente, not of a person: they have no deadline rows, so a worklist that lists
# persons' deadlines does not offer them as a kind.
GEMEENTE_TERMIJNEN = ("cbs_levering",)

# Days the government declared equal to a holiday (Besluit gelijkstelling), as known when this
# table was written. Functioneel beheer adds later ones in the beheer screens.
GELIJKGESTELDE_DAGEN = [
    (datetime.date(2026, 1, 2), "Vrijdag na Nieuwjaarsdag (Besluit gelijkstelling)"),
    (datetime.date(2026, 5, 15), "Vrijdag na Hemelvaartsdag (Besluit gelijkstelling)"),
    (datetime.date(2027, 5, 7), "Vrijdag na Hemelvaartsdag (Besluit gelijkstelling)"),
    (datetime.date(2028, 4, 28), "Vrijdag na Koningsdag (Besluit gelijkstelling)"),
    (datetime.date(2028, 5, 26), "Vrijdag na Hemelvaartsdag (Besluit gelijkstelling)"),
]

# Reminder moments besides "n days before": on the day itself, and once when it has passed.
VERVALDAG = "vervaldag"
VERLOPEN = "verlopen"
