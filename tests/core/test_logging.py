import logging

from core.logging import QueryStringWeglaten


def test_zoekopdrachten_in_adressen_komen_niet_in_de_log():
    record = logging.LogRecord(
        "django.server",
        logging.INFO,
        __file__,
        1,
        '"%s" %s',
        ("GET /personen/?q=123456782 HTTP/1.1", 200),
        None,
    )
    assert QueryStringWeglaten().filter(record)
    assert record.getMessage() == '"GET /personen/?… HTTP/1.1" 200'
