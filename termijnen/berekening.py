"""How Koers counts a term, the way the law does. One function, `vervaldatum`, computes every
due date; services store its result and pages read it, never recompute it.

- "N after X": the term starts the day after X and ends on the same calendar date N later
  (Awb art. 6:8); where that date does not exist (31-01 + 1 month), on the month's last day.
- A span that begins ON a day (the ontzorgperiode, maatschappelijke begeleiding) counts that
  day itself: its last day is the day before the same calendar date N later (01-03 + 6 months
  → 31-08); where that date does not exist (31-08 + 6 months), the month's last day.
- Working days skip Saturdays, Sundays and holidays; X itself does not count.
- Algemene termijnenwet art. 1: a statutory term that would end on a Saturday, Sunday or
  holiday ends on the next day that is none of these; art. 2: a term of at least three days
  is lengthened as far as needed to hold at least two working days.
- Holidays are those of Atw art. 3 (Goede Vrijdag and 5 mei every year included), plus the days
  declared equal to them, which functioneel beheer keeps in the Feestdag table.
"""

import datetime
from dataclasses import dataclass, field

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

from .constants import Eenheid

_DAG = datetime.timedelta(days=1)


def atw_feestdagen(jaar: int) -> dict[datetime.date, str]:
    """The holidays of Algemene termijnenwet art. 3 in one year, by name."""
    pasen = easter(jaar)
    # Koningsdag since 2014, Koninginnedag before.
    koning = datetime.date(jaar, 4, 27) if jaar >= 2014 else datetime.date(jaar, 4, 30)
    if koning.weekday() == 6:  # celebrated the day before when it falls on a Sunday
        koning -= _DAG
    return {
        datetime.date(jaar, 1, 1): "Nieuwjaarsdag",
        pasen - 2 * _DAG: "Goede Vrijdag",
        pasen + _DAG: "Tweede Paasdag",
        koning: "Koningsdag",
        datetime.date(jaar, 5, 5): "Bevrijdingsdag (5 mei)",
        pasen + 39 * _DAG: "Hemelvaartsdag",
        pasen + 50 * _DAG: "Tweede Pinksterdag",
        datetime.date(jaar, 12, 25): "Eerste Kerstdag",
        datetime.date(jaar, 12, 26): "Tweede Kerstdag",
    }


@dataclass
class Kalender:
    """Which days are no working days: weekends, Atw holidays and the declared-equal days."""

    gelijkgesteld: dict[datetime.date, str] = field(default_factory=dict)
    _jaren: dict[int, dict[datetime.date, str]] = field(default_factory=dict, repr=False)

    def feestdag(self, dag: datetime.date) -> str | None:
        """The name of the holiday on `dag`, or None."""
        if dag.year not in self._jaren:
            self._jaren[dag.year] = atw_feestdagen(dag.year)
        return self._jaren[dag.year].get(dag) or self.gelijkgesteld.get(dag)

    def vrije_dag(self, dag: datetime.date) -> str | None:
        """Why `dag` is no working day ("zaterdag", "zondag", a holiday's name), or None."""
        if dag.weekday() == 5:
            return "zaterdag"
        if dag.weekday() == 6:
            return "zondag"
        return self.feestdag(dag)

    def is_werkdag(self, dag: datetime.date) -> bool:
        return self.vrije_dag(dag) is None

    def werkdagen_later(self, van: datetime.date, aantal: int) -> datetime.date:
        """The date `aantal` working days after `van` (`van` itself does not count)."""
        dag = van
        while aantal > 0:
            dag += _DAG
            if self.is_werkdag(dag):
                aantal -= 1
        return dag


@dataclass(frozen=True)
class Vervaldatum:
    datum: datetime.date
    # When the Algemene termijnenwet moved the date: the day it would have ended, and why.
    verschoven_van: datetime.date | None = None
    reden: str = ""


def vervaldatum(
    *,
    vanaf: datetime.date,
    lengte: int,
    eenheid: str,
    kalender: Kalender,
    atw: bool = False,
    extra_dagen: int = 0,
    eerste_dag_telt: bool = False,
) -> Vervaldatum:
    """The last day of a term of `lengte` `eenheid` after `vanaf` — or, with `eerste_dag_telt`,
    of a span that begins on `vanaf` — with `extra_dagen` of a one-time extension, moved by
    the Algemene termijnenwet when `atw` applies."""
    if lengte < 1:
        raise ValueError("Een termijn duurt minstens één eenheid.")
    if eerste_dag_telt:
        datum = laatste_dag_van_periode(
            begin=vanaf, lengte=lengte, eenheid=eenheid, kalender=kalender
        )
    elif eenheid == Eenheid.WERKDAGEN:
        datum = kalender.werkdagen_later(vanaf, lengte)
    else:
        datum = vanaf + _duur(lengte, eenheid)
    datum += datetime.timedelta(days=extra_dagen)
    if not atw:
        return Vervaldatum(datum)
    oorspronkelijk, reden = datum, kalender.vrije_dag(datum)
    # Art. 2: at least two working days inside a term of three days or more.
    if (datum - vanaf).days >= 3:
        while not _twee_werkdagen(vanaf, datum, kalender):
            datum += _DAG
    # Art. 1: never ending on a Saturday, Sunday or holiday.
    while not kalender.is_werkdag(datum):
        datum += _DAG
    if datum == oorspronkelijk:
        return Vervaldatum(datum)
    return Vervaldatum(
        datum,
        verschoven_van=oorspronkelijk,
        reden=reden or "minder dan twee werkdagen in de termijn",
    )


def laatste_dag_van_periode(
    *, begin: datetime.date, lengte: int, eenheid: str, kalender: Kalender
) -> datetime.date:
    """The last day of a span that begins ON `begin` (not a term after it): `begin` is its first
    day, so the last is the day before the same calendar date `lengte` `eenheid` later
    (01-03-2026 + 6 months → 31-08-2026; 15-01 → 14-07). Where that date does not exist, the
    span runs to the last day of that month (31-08-2026 + 6 months → 28-02-2027)."""
    if eenheid == Eenheid.WERKDAGEN:
        # `begin` is the first working day when it is one.
        return kalender.werkdagen_later(begin - _DAG, lengte)
    zelfde_datum = begin + _duur(lengte, eenheid)
    if eenheid in (Eenheid.MAANDEN, Eenheid.JAREN) and zelfde_datum.day != begin.day:
        return zelfde_datum  # no such date in that month: relativedelta gave its last day
    return zelfde_datum - _DAG


def _duur(lengte: int, eenheid: str) -> relativedelta:
    return {
        Eenheid.DAGEN: relativedelta(days=lengte),
        Eenheid.WEKEN: relativedelta(weeks=lengte),
        Eenheid.MAANDEN: relativedelta(months=lengte),
        Eenheid.JAREN: relativedelta(years=lengte),
    }[eenheid]


def _twee_werkdagen(vanaf: datetime.date, tot: datetime.date, kalender: Kalender) -> bool:
    """Whether at least two working days lie after `vanaf` up to and including `tot`; stops
    at the second, so a term of years costs a few days' look, not a thousand."""
    gevonden, dag = 0, vanaf
    while dag < tot and gevonden < 2:
        dag += _DAG
        gevonden += kalender.is_werkdag(dag)
    return gevonden >= 2
