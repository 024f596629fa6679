from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from core.templatetags.koers import euro, pagina_nummers


def test_bedragen_staan_er_als_in_nederland():
    with translation.override("nl"):
        assert euro(Decimal("1234.5")) == "€ 1.234,50"
        assert euro(0) == "€ 0,00"
        assert euro(None) == ""


def test_datums_staan_er_als_dd_mm_jjjj():
    import datetime

    with translation.override("nl"):
        html = Template("{{ d|date:'SHORT_DATE_FORMAT' }} {{ d }}").render(
            Context({"d": datetime.date(2026, 1, 31)})
        )
    assert html == "31-01-2026 31-01-2026"


@pytest.mark.parametrize(
    ("huidig", "totaal", "nummers"),
    [
        (6, 40, [1, None, 4, 5, 6, 7, 8, None, 40]),
        (1, 40, [1, 2, 3, None, 40]),
        (40, 40, [1, None, 38, 39, 40]),
        (4, 40, [1, 2, 3, 4, 5, 6, None, 40]),
        (5, 40, [1, 2, 3, 4, 5, 6, 7, None, 40]),  # page 2 itself, not an ellipsis for it
        (3, 5, [1, 2, 3, 4, 5]),
        (1, 1, [1]),
        (1, 0, []),
        (99, 7, [1, None, 5, 6, 7]),  # out of range: as the nearest page
    ],
)
def test_paginanummers_met_weglatingen(huidig, totaal, nummers):
    assert pagina_nummers(huidig, totaal) == nummers
