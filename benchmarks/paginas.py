"""The dossier and the pages around it, the worklists, and whether a page's number of queries
stays the same with 10 or with 1,000 rows of a kind."""

from _bench import klant, meten
from django.db import connection
from lijsten import HERHALINGEN, _afdrukken, _pagina, sequentiele_scans

MEER_RIJEN = 1000


def _volle_persoon():
    """A person of the regisseur's with an intake, a fixed plan and referrals."""
    from pip_plans.models import Plan

    plan = (
        Plan.objects.filter(
            versies__isnull=False,
            persoon__verwijzingen__isnull=False,
            persoon__regisseur__username="regisseur",
            persoon__afgesloten_op__isnull=True,
        )
        .select_related("persoon", "intake")
        .order_by("id")
        .first()
    )
    return plan.persoon, plan.intake


def dossierpaginas(cijfers: dict, rijen: dict) -> None:

    persoon, intake = _volle_persoon()
    regisseur = klant("regisseur")
    teamleider = klant("teamleider")
    paginas = {
        "dossier": (regisseur, f"/personen/{persoon.uuid}/", {}),
        "intake": (regisseur, f"/personen/{persoon.uuid}/intake/{intake.uuid}/", {}),
        "pip": (regisseur, f"/personen/{persoon.uuid}/pip/", {}),
        "contactmomenten": (regisseur, f"/personen/{persoon.uuid}/contactmomenten/", {}),
        "werkvoorraad_regisseur": (regisseur, "/werkvoorraad/", {}),
        "werkvoorraad_team": (teamleider, "/werkvoorraad/team/", {}),
    }
    uitkomst = {}
    for naam, (client, url, params) in paginas.items():
        meting = meten(_pagina(client, url, params), herhalingen=HERHALINGEN)
        uitkomst[naam] = {
            "p50_ms": meting["p50_ms"],
            "p95_ms": meting["p95_ms"],
            "queries": meting["queries"],
            "sequentiele_scans": sequentiele_scans(meting["_sql"], rijen),
        }
        _afdrukken(naam, uitkomst[naam])
    cijfers["paginas"] = uitkomst


def queries_bij_meer_rijen(cijfers: dict) -> None:
    """One person's dossier pages and the regisseur's worklist with 10 contact moments,
    deadlines and referrals, and again with 1,000 of each: the number of queries must not
    change. (The history page is left out: it labels its 50 lines with one query per kind of
    object among them, which changes with what happened last, not with the number of rows.)"""
    from partners.models import Verwijzing
    from statushouders.models import Persoon
    from termijnen.services import termijnconfig

    persoon = (
        Persoon.objects.filter(regisseur__username="regisseur", afgesloten_op__isnull=True)
        .order_by("-id")
        .first()
    )
    config = termijnconfig("verwijzing_reactie")
    client = klant("regisseur")
    paginas = {
        "dossier": f"/personen/{persoon.uuid}/",
        "contactmomenten": f"/personen/{persoon.uuid}/contactmomenten/",
        "werkvoorraad": "/werkvoorraad/?groep=alle",
    }
    aantallen: dict[str, list[int]] = {naam: [] for naam in paginas}
    for erbij in (10, MEER_RIJEN - 10):
        with connection.cursor() as cursor:
            cursor.execute(
                """
                INSERT INTO statushouders_contactmoment (uuid, persoon_id, door_id, moment, soort,
                    onderwerp, notitie, created_at)
                SELECT gen_random_uuid(), %(p)s, %(r)s, now() - make_interval(hours => g),
                       'telefoon', 'Voortgang', '', now()
                FROM generate_series(1, %(n)s) g
                """,
                {"p": persoon.pk, "r": persoon.regisseur_id, "n": erbij},
            )
            cursor.execute(
                """
                INSERT INTO termijnen_termijn (persoon_id, config_id, sleutel, onderwerp, link,
                    basisdatum, verlenging_dagen, verlenging_reden, vervalt_op,
                    verschuiving_reden, status)
                SELECT %(p)s, %(c)s, 'bench:' || %(n)s || ':' || g, 'Reactie', '',
                       current_date, 0, '', current_date + g %% 60, '', 'open'
                FROM generate_series(1, %(n)s) g
                """,
                {"p": persoon.pk, "c": config.pk, "n": erbij},
            )
            _rijen_kopieren(cursor, Verwijzing, persoon.pk, erbij)
        for naam, url in paginas.items():
            aantallen[naam].append(meten(_pagina(client, url), herhalingen=1)["queries"])
    uitkomst = {}
    for naam, (bij_10, bij_1000) in aantallen.items():
        uitkomst[naam] = {"10_rijen": bij_10, f"{MEER_RIJEN}_rijen": bij_1000}
        gelijk = "gelijk" if bij_10 == bij_1000 else "NIET GELIJK"
        print(
            f"queries {naam:<20} bij 10 rijen {bij_10:3d}, bij {MEER_RIJEN} rijen {bij_1000:3d}: "
            f"{gelijk}",
            flush=True,
        )
    cijfers["queries_10_en_1000_rijen"] = uitkomst


def _rijen_kopieren(cursor, model, persoon_id: int, aantal: int) -> None:
    """`aantal` copies of the first row of `model` for this person, each with a new UUID."""
    kolommen, waarden = [], []
    for veld in model._meta.concrete_fields:
        if veld.primary_key:
            continue
        kolommen.append(veld.column)
        if veld.name == "uuid":
            waarden.append("gen_random_uuid()")
        elif veld.name == "persoon":
            waarden.append("%(persoon)s")
        else:
            waarden.append(veld.column)
    tabel = model._meta.db_table
    cursor.execute(
        f"INSERT INTO {tabel} ({', '.join(kolommen)}) SELECT {', '.join(waarden)} "
        f"FROM {tabel}, generate_series(1, %(aantal)s) "
        f"WHERE id = (SELECT min(id) FROM {tabel})",
        {"persoon": persoon_id, "aantal": aantal},
    )
