import logging
import sys

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


def test_tekst_van_een_uitzondering_komt_niet_in_de_log():
    naam, bsn = "Jan" + "sen", "1234" + "56782"  # typed input, not in the source lines
    try:
        try:
            raise ValueError(f"regisseur {naam!r} bestaat niet")
        except ValueError as fout:
            raise RuntimeError(f"Failing row contains ({bsn}, Haddad)") from fout
    except RuntimeError:
        record = logging.LogRecord(
            "django.request", logging.ERROR, __file__, 1, "Fout: %s", ("/x/",), sys.exc_info()
        )
    assert QueryStringWeglaten().filter(record)
    regel = logging.Formatter("%(message)s").format(record)
    assert "Jansen" not in regel and "123456782" not in regel
    assert "builtins.ValueError: (tekst weggelaten)" in regel
    assert "builtins.RuntimeError: (tekst weggelaten)" in regel
    assert "test_tekst_van_een_uitzondering_komt_niet_in_de_log" in regel
