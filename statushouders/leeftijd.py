"""Age and the AOW age: the Wet inburgering 2021 (art. 2) obliges only those who are 18 and
have not reached the pensioengerechtigde leeftijd."""

import datetime

from dateutil.relativedelta import relativedelta

MEERDERJARIG = 18

# The AOW age by the calendar year in which it is reached, as fixed by law (Algemene
# Ouderdomswet art. 7a) five years ahead. Years after the last one known take the last value
# until the next one is fixed; the page says so.
AOW_LEEFTIJD_PER_JAAR = {
    2024: (67, 0),
    2025: (67, 0),
    2026: (67, 0),
    2027: (67, 0),
    2028: (67, 3),
    2029: (67, 3),
    2030: (67, 3),
}
LAATST_VASTGESTELD = max(AOW_LEEFTIJD_PER_JAAR)


def leeftijd(geboortedatum: datetime.date, op: datetime.date) -> int:
    """Whole years on `op`; someone born on 29 February has a birthday on 1 March."""
    return (
        op.year
        - geboortedatum.year
        - ((op.month, op.day) < (geboortedatum.month, geboortedatum.day))
    )


def aow_datum(geboortedatum: datetime.date) -> datetime.date:
    """The day the person reaches the AOW age."""
    for jaar in sorted(AOW_LEEFTIJD_PER_JAAR):
        jaren, maanden = AOW_LEEFTIJD_PER_JAAR[jaar]
        datum = geboortedatum + relativedelta(years=jaren, months=maanden)
        if datum.year <= jaar:
            return datum
    jaren, maanden = AOW_LEEFTIJD_PER_JAAR[LAATST_VASTGESTELD]
    return geboortedatum + relativedelta(years=jaren, months=maanden)


def aow_datum_vastgesteld(geboortedatum: datetime.date) -> bool:
    return aow_datum(geboortedatum).year <= LAATST_VASTGESTELD


def inburgeringsplichtig_op_leeftijd(geboortedatum: datetime.date, op: datetime.date) -> bool:
    """18 or older and not yet at the AOW age on `op`."""
    return leeftijd(geboortedatum, op) >= MEERDERJARIG and op < aow_datum(geboortedatum)
