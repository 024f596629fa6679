"""The pages a regisseur opens all day, side by side with what the same rows cost at least.

The person list is measured in six ways (first page, page 2,000, filtered, sorted, searched by
name and by part of a BSN) and each is set against a *baseline page* in the same run: a view
that answers the same URL-less question with one raw SQL query for the same 25 rows and a
minimal template, behind the same middleware (session, login, CSP). Their p95 ratio says what
the real page adds, whatever machine runs it.

Scoping: the list of a regisseur of one gemeente, of a teamleider of three, and the partner
portal, each set against the same page with its scope filter taken out.
"""

from unittest import mock

from _bench import klant, meten, sequentiele_scans
from django.db import connection
from django.http import HttpResponse
from django.template import engines
from django.test import override_settings
from django.urls import path

HERHALINGEN = 20
PER_PAGINA = 25

_NAAM = "lower(koers_unaccent(p.achternaam)), lower(koers_unaccent(p.voornamen)), p.id"
_ZOEK_NAAM = (
    "(lower(koers_unaccent(p.achternaam)) LIKE '%%' || lower(koers_unaccent(%(w)s)) || '%%' "
    "OR lower(koers_unaccent(p.voornamen)) LIKE '%%' || lower(koers_unaccent(%(w)s)) || '%%')"
)
# The same 25 rows as each list variant: (WHERE, ORDER BY, OFFSET).
BASIS_SQL = {
    "eerste_pagina": ("TRUE", _NAAM, 0),
    "pagina_2000": ("TRUE", _NAAM, 1999 * PER_PAGINA),
    "gefilterd": ("p.bestandsgroep = %(groep)s AND p.gemeente_id = %(gemeente)s", _NAAM, 0),
    "gesorteerd_op_regisseur": (
        "TRUE",
        f"u.first_name NULLS LAST, u.last_name NULLS LAST, {_NAAM}",
        0,
    ),
    "zoeken_op_naam": (_ZOEK_NAAM, _NAAM, 0),
    "zoeken_op_bsn_deel": ("p.bsn LIKE '%%' || %(bsn)s || '%%'", _NAAM, 0),
}

_BASIS_TEMPLATE = engines["django"].from_string(
    '<table>{% for r in rijen %}<tr><th><a href="/personen/{{ r.0 }}/">{{ r.1 }}, {{ r.2 }}'
    "</a></th><td>{{ r.3|date:'d-m-Y' }}</td><td>{{ r.4 }}</td><td>{{ r.5 }}</td>"
    "<td>{{ r.6 }}</td><td>{{ r.7|date:'d-m-Y' }}</td><td>{{ r.8 }} {{ r.9 }}</td></tr>"
    "{% endfor %}</table>"
)
_PARAMS: dict = {}


def basis_lijst(request, variant):
    """The baseline: one query, the rows as tuples, a template without any logic."""
    assert request.user.is_authenticated  # the session and user load as on a real page
    waar, volgorde, verschuiving = BASIS_SQL[variant]
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT p.uuid, p.achternaam, p.voornamen, p.geboortedatum, g.naam, p.doelgroep,
                   p.bestandsgroep, p.koppeling_datum, u.first_name, u.last_name
            FROM statushouders_persoon p
            JOIN statushouders_gemeente g ON g.id = p.gemeente_id
            LEFT JOIN accounts_user u ON u.id = p.regisseur_id
            WHERE p.afgesloten_op IS NULL AND {waar}
            ORDER BY {volgorde} LIMIT {PER_PAGINA} OFFSET {verschuiving}
            """,
            _PARAMS,
        )
        rijen = cursor.fetchall()
    return HttpResponse(_BASIS_TEMPLATE.render({"rijen": rijen}))


urlpatterns = [path("bench/basis/<str:variant>/", basis_lijst)]


def _urlconf():
    """The project's URLs with the baseline beside them (same middleware, same stack)."""
    import types

    from config import urls

    module = types.ModuleType("bench_urls")
    module.urlpatterns = [*urlpatterns, *urls.urlpatterns]
    return module


def _pagina(client, url, params=None):
    def opvragen():
        antwoord = client.get(url, params or {})
        assert antwoord.status_code == 200, (url, antwoord.status_code)

    return opvragen


def personenlijst(cijfers: dict, rijen: dict) -> None:
    from statushouders.models import Gemeente, Persoon

    gemeente = Gemeente.objects.get(naam="Weert")
    zoeknaam = (
        Persoon.objects.exclude(achternaam="").order_by("id").values_list("achternaam", flat=True)
    )[500][:4]
    _PARAMS.update({"groep": "intake", "gemeente": gemeente.pk, "w": zoeknaam, "bsn": "4567"})
    varianten = {
        "eerste_pagina": {},
        "pagina_2000": {"pagina": 2000},
        "gefilterd": {"bestandsgroep": "intake", "gemeente": gemeente.pk},
        "gesorteerd_op_regisseur": {"sorteer": "regisseur"},
        "zoeken_op_naam": {"q": zoeknaam},
        "zoeken_op_bsn_deel": {"q": "4567"},
    }
    client = klant("teamleider")
    uitkomst = {}
    with override_settings(ROOT_URLCONF=_urlconf()):
        for naam, params in varianten.items():
            pagina = meten(_pagina(client, "/personen/", params), herhalingen=HERHALINGEN)
            basis = meten(_pagina(client, f"/bench/basis/{naam}/"), herhalingen=HERHALINGEN)
            uitkomst[naam] = _vergelijken(pagina, basis, rijen)
            _afdrukken(f"personenlijst {naam}", uitkomst[naam])
    cijfers["personenlijst"] = uitkomst


def _vergelijken(pagina: dict, basis: dict, rijen: dict) -> dict:
    return {
        "p50_ms": pagina["p50_ms"],
        "p95_ms": pagina["p95_ms"],
        "queries": pagina["queries"],
        "basis_p50_ms": basis["p50_ms"],
        "basis_p95_ms": basis["p95_ms"],
        "verhouding_p95": round(pagina["p95_ms"] / basis["p95_ms"], 2),
        "sequentiele_scans": sequentiele_scans(pagina["_sql"], rijen),
    }


def _afdrukken(label: str, r: dict) -> None:
    extra = ""
    if "verhouding_p95" in r:
        extra = f"  basis p95 {r['basis_p95_ms']:6.1f} ms  verhouding {r['verhouding_p95']:.2f}×"
    scans = ", ".join(r.get("sequentiele_scans", {})) or "geen"
    print(
        f"{label:<44} p50 {r['p50_ms']:6.1f} ms  p95 {r['p95_ms']:6.1f} ms  "
        f"{r['queries']:3d} queries{extra}  seq scans: {scans}",
        flush=True,
    )


def afgeschermd(cijfers: dict, rijen: dict) -> None:
    """The scope filter's cost: each user's list against the same page without the filter."""
    from partners import selectors as partner_selectors
    from partners.models import Verwijzing
    from statushouders import views as persoon_views
    from statushouders.models import Persoon

    def alle_personen(*, user):
        return Persoon.objects.select_related("gemeente", "regisseur", "huishouden")

    def alle_verwijzingen(*, user):
        return partner_selectors._met_reactie_uiterlijk(
            Verwijzing.objects.select_related("persoon", "persoon__regisseur", "door")
        )

    uitkomst = {}
    for naam, gebruiker, url, selector, zonder in (
        (
            "regisseur_een_gemeente",
            "regisseur2",
            "/personen/",
            "statushouders.views.personen_lijst",
            alle_personen,
        ),
        (
            "teamleider_drie_gemeenten",
            "teamleider",
            "/personen/",
            "statushouders.views.personen_lijst",
            alle_personen,
        ),
        (
            "partnerportaal",
            "partner",
            "/partner/",
            "partners.selectors.portaal_verwijzingen",
            alle_verwijzingen,
        ),
    ):
        client = klant(gebruiker)
        params = {"tab": "lopend"} if naam == "partnerportaal" else {}
        pagina = meten(_pagina(client, url, params), herhalingen=HERHALINGEN)
        with mock.patch(selector, zonder):
            zonder_scope = meten(_pagina(client, url, params), herhalingen=HERHALINGEN)
        uitkomst[naam] = _vergelijken(pagina, zonder_scope, rijen)
        _afdrukken(f"afgeschermd {naam} (basis: zonder scope)", uitkomst[naam])
    del persoon_views  # imported so the patch target exists
    cijfers["afgeschermd"] = uitkomst
