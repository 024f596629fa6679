"""Every URL pattern of the project, so access tests cover pages added later without edits."""

import re

from django.urls import URLPattern, URLResolver, get_resolver


def alle_patronen(patronen=None, prefix="", namespace=""):
    for patroon in patronen if patronen is not None else get_resolver().url_patterns:
        if isinstance(patroon, URLResolver):
            ns = namespace
            if patroon.namespace:
                ns = f"{namespace}{patroon.namespace}:"
            yield from alle_patronen(patroon.url_patterns, prefix + str(patroon.pattern), ns)
        elif isinstance(patroon, URLPattern):
            yield prefix + str(patroon.pattern), f"{namespace}{patroon.name}"


def pip_termijn(persoon) -> int:
    """A real deadline of the person, so pages about one deadline are walked with an id that
    exists (and must still answer 404 to anyone outside the dossier)."""
    import datetime

    from termijnen.services import termijn_bijwerken

    return termijn_bijwerken(
        persoon=persoon, code="pip_vaststellen", basisdatum=datetime.date(2026, 4, 1)
    ).pk


def dossier_urls(**waarden) -> list[tuple[str, str]]:
    """(name, url) of every page under /personen/<uuid>/, filled in with `waarden`. A referral,
    ontzorgperiode, vaste last, payment or participation not given is one that does not exist:
    its pages must answer 404 all the same."""
    import uuid

    for sleutel in ("verwijzing_uuid", "periode", "last", "participatie"):
        waarden.setdefault(sleutel, uuid.uuid4())
    waarden.setdefault("betaling", 2_000_000_000)
    urls = []
    for route, naam in alle_patronen():
        if not route.startswith("personen/<uuid:uuid>/"):
            continue
        url = "/" + route
        for sleutel, waarde in waarden.items():
            for soort in ("uuid", "slug", "str", "int"):
                url = url.replace(f"<{soort}:{sleutel}>", str(waarde))
        assert "<" not in url, f"geen waarde voor {route}"
        urls.append((naam, url))
    return urls


_PARAMETER = re.compile(r"<(?:(?P<soort>\w+):)?(?P<naam>\w+)>")


def url_voor(route: str, waarden: dict) -> tuple[str, bool]:
    """The URL of a pattern with its parameters from `waarden` (others: `waarden["overig"]`),
    and whether the pattern takes parameters at all. Regular-expression patterns (the login
    pages of django-allauth) are read as paths with the same named parameters."""
    route = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"<\1>", route.replace("^", "").replace("$", ""))
    url = "/" + _PARAMETER.sub(
        lambda m: str(waarden.get(m.group("naam"), waarden.get("overig", "1"))), route
    )
    return url, bool(_PARAMETER.search(route))
