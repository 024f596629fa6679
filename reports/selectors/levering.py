"""The quarterly statistics delivery to CBS: per gemeente and quarter, computed rather than
stored. The due date comes from the `cbs_levering` term's configuration, counted by the same
function that counts every other deadline; a `CbsLevering` row says it was delivered."""

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from accounts import scope
from accounts.scope import Doel
from termijnen.berekening import vervaldatum
from termijnen.selectors import kalender

from ..models import CbsLevering
from .termijnconfig import geldende_termijnconfig

CBS_LEVERING = "cbs_levering"


def kwartaal_einde(jaar: int, kwartaal: int) -> datetime.date:
    """The last day of a quarter: 31-03, 30-06, 30-09 or 31-12."""
    if kwartaal == 4:
        return datetime.date(jaar, 12, 31)
    return datetime.date(jaar, 3 * kwartaal + 1, 1) - datetime.timedelta(days=1)


def vorig_kwartaal(jaar: int, kwartaal: int) -> tuple[int, int]:
    return (jaar, kwartaal - 1) if kwartaal > 1 else (jaar - 1, 4)


def laatst_geeindigd_kwartaal(vandaag: datetime.date) -> tuple[int, int]:
    """The last quarter that ended before `vandaag`."""
    return vorig_kwartaal(vandaag.year, (vandaag.month - 1) // 3 + 1)


def kwartaal_label(jaar: int, kwartaal: int) -> str:
    return f"{kwartaal}e kwartaal {jaar}"


@dataclass(frozen=True)
class LeveringRegel:
    gemeente: object
    jaar: int
    kwartaal: int
    omschrijving: str
    uiterlijk: datetime.date
    geleverd_op: datetime.date | None
    te_laat: bool

    @property
    def label(self) -> str:
        return kwartaal_label(self.jaar, self.kwartaal)

    @property
    def einde_kwartaal(self) -> datetime.date:
        return kwartaal_einde(self.jaar, self.kwartaal)

    @property
    def status(self) -> str:
        if self.geleverd_op:
            return f"geleverd op {self.geleverd_op:%d-%m-%Y}"
        return "over tijd" if self.te_laat else "nog te leveren"


def _config():
    return geldende_termijnconfig(CBS_LEVERING)


def levering_termijn_tekst() -> str:
    """How long after a quarter's end its delivery is due, as configured: '4 weken'."""
    return _config().lengte_tekst


def levering_uiterlijk(
    *, jaar: int, kwartaal: int, config=None, met_kalender=None
) -> datetime.date:
    """The due date of a quarter's delivery: the quarter's end plus the configured term."""
    config = config or _config()
    return vervaldatum(
        vanaf=kwartaal_einde(jaar, kwartaal),
        lengte=config.lengte,
        eenheid=config.eenheid,
        atw=config.atw,
        kalender=met_kalender or kalender(),
    ).datum


def cbs_leveringen(*, gemeenten, vandaag: datetime.date | None = None) -> list[LeveringRegel]:
    """For each gemeente: the last quarter that ended before `vandaag`, and the one before it
    while that is still not delivered. A fixed number of queries for any number of gemeenten."""
    vandaag = vandaag or timezone.localdate()
    gemeenten = list(gemeenten)
    if not gemeenten:
        return []
    laatste = laatst_geeindigd_kwartaal(vandaag)
    kwartalen = [vorig_kwartaal(*laatste), laatste]
    geleverd = {
        (r.gemeente_id, r.jaar, r.kwartaal): r.geleverd_op
        for r in CbsLevering.objects.filter(
            Q(jaar=kwartalen[0][0], kwartaal=kwartalen[0][1])
            | Q(jaar=kwartalen[1][0], kwartaal=kwartalen[1][1]),
            gemeente__in=gemeenten,
        )
    }
    config, met_kalender = _config(), kalender()
    uiterlijk = {
        k: levering_uiterlijk(jaar=k[0], kwartaal=k[1], config=config, met_kalender=met_kalender)
        for k in kwartalen
    }
    regels = []
    for gemeente in gemeenten:
        for jaar, kwartaal in kwartalen:
            geleverd_op = geleverd.get((gemeente.pk, jaar, kwartaal))
            if (jaar, kwartaal) != laatste and geleverd_op:
                continue  # an earlier quarter shows only while it is still open
            regels.append(
                LeveringRegel(
                    gemeente=gemeente,
                    jaar=jaar,
                    kwartaal=kwartaal,
                    omschrijving=config.label,
                    uiterlijk=uiterlijk[(jaar, kwartaal)],
                    geleverd_op=geleverd_op,
                    te_laat=geleverd_op is None and vandaag > uiterlijk[(jaar, kwartaal)],
                )
            )
    return regels


def cbs_leveringen_geleverd(*, gemeenten):
    """The deliveries marked done, newest quarter first: what beheer can still undo."""
    return (
        CbsLevering.objects.filter(gemeente__in=gemeenten)
        .select_related("gemeente", "door")
        .order_by("-jaar", "-kwartaal", "gemeente__naam")
    )


def cbs_leveringen_van_team(*, user, vandaag: datetime.date) -> list:
    """The quarterly CBS deliveries of the gemeenten of the teamleider who looks."""
    return cbs_leveringen(
        gemeenten=scope.gemeenten(user, Doel.TEAM).order_by("naam"), vandaag=vandaag
    )
