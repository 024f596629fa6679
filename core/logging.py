import logging
import re
import traceback

_QUERY = re.compile(r"\?[^\s\"]*")


def _zonder_uitzonderingstekst(fout: BaseException) -> str:
    """The traceback of an exception and of those it came from, each with its type but
    without its message: a message can carry typed input or, from PostgreSQL, the whole
    failing row ("Failing row contains (…)") with a BSN and a name."""
    delen, gezien = [], set()
    while fout is not None and id(fout) not in gezien:
        gezien.add(id(fout))
        soort = type(fout)
        delen.append(
            "Traceback (most recent call last):\n"
            + "".join(traceback.format_tb(fout.__traceback__))
            + f"{soort.__module__}.{soort.__qualname__}: (tekst weggelaten)"
        )
        fout = fout.__cause__ or fout.__context__
    return "\n\nTerwijl deze fout werd afgehandeld:\n\n".join(reversed(delen))


class QueryStringWeglaten(logging.Filter):
    """Drop query strings from request log lines: a search for a BSN or name must not end
    up in the application log. Exception messages are left out of logged tracebacks for the
    same reason; the types and lines still say where it went wrong."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = _QUERY.sub("?…", record.getMessage())
        record.args = ()
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = _zonder_uitzonderingstekst(record.exc_info[1])
        return True
