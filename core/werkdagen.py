"""Working days as Dutch law counts them for deadlines (Algemene termijnenwet art. 3):
weekends and the generally recognised holidays do not count."""

import datetime
from functools import lru_cache

import holidays


@lru_cache(maxsize=32)
def feestdagen(jaar: int) -> frozenset[datetime.date]:
    """Nieuwjaarsdag, tweede paas- en pinksterdag, beide kerstdagen, Hemelvaartsdag, Koningsdag
    and 5 mei — every year, as the Algemene termijnenwet lists them (Goede Vrijdag is not)."""
    dagen = {
        dag
        for dag, naam in holidays.NL(years=jaar, language="en_US").items()
        if naam != "Good Friday"
    }
    dagen.add(datetime.date(jaar, 5, 5))
    return frozenset(dagen)


def is_werkdag(dag: datetime.date) -> bool:
    return dag.weekday() < 5 and dag not in feestdagen(dag.year)


def werkdagen_later(van: datetime.date, aantal: int) -> datetime.date:
    """The date `aantal` working days after `van` (`van` itself does not count)."""
    dag = van
    while aantal > 0:
        dag += datetime.timedelta(days=1)
        if is_werkdag(dag):
            aantal -= 1
    return dag
