from decimal import Decimal

from django.template import Context, Template
from django.utils import translation

from core.templatetags.koers import euro


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
