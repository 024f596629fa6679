"""The terms the reports name or count by, as this installation configured them."""

from termijnen.models import TermijnConfig
from termijnen.selectors import termijnconfig_van


def geldende_termijnconfig(code: str) -> TermijnConfig:
    """The configured term; its legal default on a fresh database before the first migration
    ran its data step."""
    config = termijnconfig_van(code=code)
    if config is None:
        from termijnen.services import termijnconfig

        config = termijnconfig(code)
    return config
