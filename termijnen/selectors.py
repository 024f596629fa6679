"""Every read of deadlines, scoped to the user who asks."""

import datetime
from dataclasses import dataclass

from django.db import models
from django.db.models import Count, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from statushouders.models import Persoon

from .berekening import Kalender
from .constants import OPENSTAAND, TERMIJNEN_ZONDER_ACTIE
from .models import Feestdag, Melding, Termijn, TermijnConfig


def kalender() -> Kalender:
    """The working-day calendar with the declared-equal days from the Feestdag table."""
    return Kalender(gelijkgesteld=dict(Feestdag.objects.values_list("datum", "naam")))


def termijnconfigs() -> models.QuerySet[TermijnConfig]:
    return TermijnConfig.objects.order_by("label")


def termijnconfig_historie(config) -> models.QuerySet:
    """The changes of the configuration row itself, newest first. Not the events of the
    deadlines that count with it: those belong to dossiers, which beheer does not see."""
    from pghistory.models import Events

    return Events.objects.tracks(config).order_by("-pgh_created_at", "-pgh_id")


def feestdag_historie() -> models.QuerySet:
    """Every change of the declared-equal days, deleted ones included, newest first."""
    from pghistory.models import Events

    return Events.objects.across("termijnen.FeestdagEvent").order_by("-pgh_created_at", "-pgh_id")


def termijnconfig_van(*, code: str) -> TermijnConfig | None:
    return TermijnConfig.objects.filter(code=code).first()


def feestdagen() -> models.QuerySet[Feestdag]:
    return Feestdag.objects.order_by("datum")


EENMALIG_VERLENGBAAR = "pip_vaststellen"


def verlengen_geweigerd(termijn: Termijn) -> str | None:
    """Why this deadline cannot get the one-time extension, or None when it can: only the PIP
    term, only while it runs, only once (Besluit inburgering art. 5.3)."""
    if termijn.config.code != EENMALIG_VERLENGBAAR:
        return _("Alleen de termijn voor het vaststellen van het PIP kan zo worden verlengd.")
    if termijn.verlenging_dagen:
        return _("Deze termijn is al eens verlengd; dat kan maar één keer.")
    if termijn.status not in OPENSTAAND:
        return _("Deze termijn loopt niet meer; verlengen kan niet.")
    return None


def verlengen_mogelijk(termijn: Termijn) -> bool:
    return verlengen_geweigerd(termijn) is None


def verlengbare_termijn(*, persoon, termijn_id: int) -> Termijn:
    """The person's PIP term (the one that can get the one-time extension); DoesNotExist
    otherwise."""
    return persoon.termijnen.select_related("config").get(
        pk=termijn_id, config__code=EENMALIG_VERLENGBAAR
    )


def persoon_van_termijn(termijn_id: int):
    """Whom a deadline is about, whoever asks: only to log a refused attempt against the
    person it concerns."""
    return Termijn.objects.filter(pk=termijn_id).values_list("persoon__uuid", flat=True).first()


@dataclass
class TermijnRegel:
    termijn: Termijn
    dagen: int

    @property
    def kan_verlengen(self) -> bool:
        return verlengen_mogelijk(self.termijn)

    @property
    def kleur(self) -> str:
        if self.dagen < 0:
            return "verlopen"
        return "bijna" if self.dagen <= 14 else "ruim"

    @property
    def dagen_over_tijd(self) -> int:
        return -self.dagen


def termijn_regels(termijnen, vandaag: datetime.date | None = None) -> list[TermijnRegel]:
    """Deadlines with the days left (negative: overdue) as of today."""
    vandaag = vandaag or timezone.localdate()
    return [TermijnRegel(t, (t.vervalt_op - vandaag).days) for t in termijnen]


def _lopend(vandaag: datetime.date) -> Q:
    """Open deadlines; a window or period that simply ends, and an informational term (no
    reminders), stops showing once its last day has passed: it is over, not overdue."""
    voorbij = Q(vervalt_op__lt=vandaag) & (
        Q(config__herinneren=False) | Q(config__code__in=TERMIJNEN_ZONDER_ACTIE)
    )
    return Q(status__in=OPENSTAAND) & ~voorbij


def open_termijnen(*, persoon, vandaag: datetime.date | None = None) -> list[TermijnRegel]:
    """The person's deadlines still to meet, soonest first, with days left."""
    vandaag = vandaag or timezone.localdate()
    if persoon.afgesloten_op:
        return []
    return termijn_regels(
        Termijn.objects.filter(_lopend(vandaag), persoon=persoon).select_related(
            "config", "verlengd_door"
        ),
        vandaag,
    )


def termijn_van(*, persoon, code: str, sleutel: str = "") -> Termijn | None:
    """One deadline row of the person, whatever its status."""
    return (
        Termijn.objects.filter(persoon=persoon, config__code=code, sleutel=sleutel)
        .select_related("config", "verlengd_door")
        .first()
    )


def termijnen_met_codes(*, persoon_id: int, codes: list[str]) -> models.QuerySet[Termijn]:
    return Termijn.objects.filter(persoon_id=persoon_id, config__code__in=codes).select_related(
        "config", "verlengd_door"
    )


def vervaldatum_subquery(*, code: str, persoon, sleutel) -> Subquery:
    """A deadline's date as a subquery, for annotating lists of the objects it belongs to
    without one query per row."""
    return Subquery(
        Termijn.objects.filter(persoon=persoon, config__code=code, sleutel=sleutel).values(
            "vervalt_op"
        )[:1]
    )


# --- Werkvoorraad -----------------------------------------------------------------------------


def _groepen(vandaag: datetime.date) -> dict[str, Q]:
    week = vandaag + datetime.timedelta(days=6)
    return {
        "verlopen": Q(vervalt_op__lt=vandaag),
        "deze-week": Q(vervalt_op__gte=vandaag, vervalt_op__lte=week),
        "vier-weken": Q(vervalt_op__gt=week, vervalt_op__lte=vandaag + datetime.timedelta(weeks=4)),
    }


def _openstaand_van(*, user, team: bool, vandaag) -> models.QuerySet[Termijn]:
    # A closed dossier's deadlines no longer run; reopening brings them back.
    personen = Persoon.objects.visible_to(user).filter(afgesloten_op__isnull=True)
    if not team:
        personen = personen.filter(regisseur=user)
    # Only deadlines that ask someone to act are work; windows stay on the dossier.
    return Termijn.objects.filter(_lopend(vandaag), persoon__in=personen).exclude(
        config__code__in=TERMIJNEN_ZONDER_ACTIE
    )


def werkvoorraad(
    *,
    user,
    groep: str = "verlopen",
    team: bool = False,
    regisseur=None,
    zonder_regisseur: bool = False,
    soort: TermijnConfig | None = None,
    gemeente=None,
    aflopend: bool = False,
    vandaag: datetime.date | None = None,
) -> models.QuerySet[Termijn]:
    """Open deadlines of the user's own persons — or, for a teamleider's team view, of every
    person in the user's gemeenten — filtered and sorted by date."""
    vandaag = vandaag or timezone.localdate()
    rijen = _openstaand_van(user=user, team=team, vandaag=vandaag)
    if groep != "alle":
        rijen = rijen.filter(_groepen(vandaag)[groep])
    if team and regisseur is not None:
        rijen = rijen.filter(persoon__regisseur=regisseur)
    if team and zonder_regisseur:
        rijen = rijen.filter(persoon__regisseur__isnull=True)
    if soort is not None:
        rijen = rijen.filter(config=soort)
    if gemeente is not None:
        rijen = rijen.filter(persoon__gemeente=gemeente)
    volgorde = ("-vervalt_op", "-id") if aflopend else ("vervalt_op", "id")
    return rijen.select_related(
        "config", "persoon", "persoon__regisseur", "persoon__gemeente", "verlengd_door"
    ).order_by(*volgorde)


def _tellingen(vandaag) -> dict:
    return {naam: Count("id", filter=voorwaarde) for naam, voorwaarde in _groepen(vandaag).items()}


def werkvoorraad_tellingen(*, user, vandaag: datetime.date | None = None) -> dict[str, int]:
    """How many of the user's own open deadlines are overdue, due this week, in four weeks."""
    vandaag = vandaag or timezone.localdate()
    return _openstaand_van(user=user, team=False, vandaag=vandaag).aggregate(**_tellingen(vandaag))


@dataclass
class TeamRegel:
    regisseur_id: int | None
    regisseur: str
    gemeente_id: int
    gemeente: str
    verlopen: int
    deze_week: int
    vier_weken: int


def team_overzicht(*, user, vandaag: datetime.date | None = None) -> list[TeamRegel]:
    """Counts per regisseur and gemeente (overdue, this week, next four weeks): one query."""
    from accounts.models import User

    vandaag = vandaag or timezone.localdate()
    rijen = (
        _openstaand_van(user=user, team=True, vandaag=vandaag)
        .values("persoon__regisseur", "persoon__gemeente", "persoon__gemeente__naam")
        .annotate(**_tellingen(vandaag))
        .order_by("persoon__gemeente__naam", "persoon__regisseur")
    )
    rijen = [r for r in rijen if r["verlopen"] or r["deze-week"] or r["vier-weken"]]
    namen = {
        u.pk: str(u)
        for u in User.objects.filter(pk__in={r["persoon__regisseur"] for r in rijen} - {None})
    }
    regels = [
        TeamRegel(
            regisseur_id=r["persoon__regisseur"],
            regisseur=namen.get(r["persoon__regisseur"], "(geen regisseur)"),
            gemeente_id=r["persoon__gemeente"],
            gemeente=r["persoon__gemeente__naam"],
            verlopen=r["verlopen"],
            deze_week=r["deze-week"],
            vier_weken=r["vier-weken"],
        )
        for r in rijen
    ]
    return sorted(regels, key=lambda r: (r.gemeente, r.regisseur_id is None, r.regisseur))


# --- Meldingen --------------------------------------------------------------------------------


def meldingen_van(*, user) -> models.QuerySet[Melding]:
    return Melding.objects.visible_to(user).select_related("persoon", "termijn")


@dataclass
class MeldingRegel:
    melding: Melding
    dagen: int | None  # days left on the deadline as it stands now; None without a deadline


def melding_regels(meldingen, vandaag: datetime.date | None = None) -> list[MeldingRegel]:
    vandaag = vandaag or timezone.localdate()
    return [
        MeldingRegel(m, (m.termijn.vervalt_op - vandaag).days if m.termijn else None)
        for m in meldingen
    ]


def ongelezen_meldingen(*, user) -> int:
    # Anonymous (the login page): visible_to gives none, counted without a query.
    return Melding.objects.visible_to(user).filter(gelezen_op__isnull=True).count()


def melding_ophalen(*, user, pk: int) -> Melding:
    """The user's own melding; DoesNotExist for anyone else's."""
    return Melding.objects.visible_to(user).get(pk=pk)
