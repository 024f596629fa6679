import logging
import re

_QUERY = re.compile(r"\?[^\s\"]*")


class QueryStringWeglaten(logging.Filter):
    """Drop query strings from request log lines: a search for a BSN or name must not end
    up in the application log."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = _QUERY.sub("?…", record.getMessage())
        record.args = ()
        return True
