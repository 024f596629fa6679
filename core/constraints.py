"""Check constraints every app declares the same way, so the database refuses what the forms
and services refuse: a date outside 1900 … 2100, a text longer than its field allows, a number
outside its domain. Used in each model's Meta.constraints; the names carry app, model and
field, so they are unique in the database."""

import datetime

from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual

from core.validators import LAATSTE_DATUM, LANGE_TEKST, VROEGSTE_DATUM

__all__ = [
    "LANGE_TEKST",
    "getallen_tussen",
    "plausibele_datums",
    "plausibele_momenten",
    "tekst_hoogstens",
]

_VROEGSTE_MOMENT = datetime.datetime.combine(VROEGSTE_DATUM, datetime.time(), tzinfo=datetime.UTC)
_NA_LAATSTE_MOMENT = datetime.datetime.combine(
    LAATSTE_DATUM + datetime.timedelta(days=1), datetime.time(), tzinfo=datetime.UTC
)


class Bereikcontrole(models.CheckConstraint):
    """A check the database makes on every write. In Python the field's own validators
    (plausibele_datum, max_length, begrensd) already refuse the same values with a message
    next to the field, so full_clean skips the query Django would otherwise spend on each."""

    def validate(self, model, instance, exclude=None, using=None):
        return None


def _naam(veld: str, soort: str) -> str:
    return f"%(app_label)s_%(class)s_{veld}_{soort}"


def plausibele_datums(*velden: str) -> list[models.CheckConstraint]:
    """DateFields: between 1 January 1900 and 31 December 2100. NULL passes."""
    return [
        Bereikcontrole(
            condition=models.Q(**{f"{veld}__range": (VROEGSTE_DATUM, LAATSTE_DATUM)}),
            name=_naam(veld, "bereik"),
        )
        for veld in velden
    ]


def plausibele_momenten(*velden: str) -> list[models.CheckConstraint]:
    """DateTimeFields: the same years, counted in UTC (a day's margin either side is no
    risk to any calculation)."""
    return [
        Bereikcontrole(
            condition=models.Q(
                **{f"{veld}__gte": _VROEGSTE_MOMENT, f"{veld}__lt": _NA_LAATSTE_MOMENT}
            ),
            name=_naam(veld, "bereik"),
        )
        for veld in velden
    ]


def tekst_hoogstens(lengte: int, *velden: str) -> list[models.CheckConstraint]:
    """TextFields: the database keeps the same maximum length the model gives the forms."""
    return [
        Bereikcontrole(
            condition=LessThanOrEqual(Length(veld), lengte),
            name=_naam(veld, "lengte"),
        )
        for veld in velden
    ]


def getallen_tussen(minimum: int, maximum: int, *velden: str) -> list[models.CheckConstraint]:
    """Numbers users type: the same bounds as the field's validators (core.validators.begrensd).
    NULL passes."""
    return [
        Bereikcontrole(
            condition=models.Q(**{f"{veld}__range": (minimum, maximum)}),
            name=_naam(veld, "bereik"),
        )
        for veld in velden
    ]
