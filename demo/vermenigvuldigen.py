"""A large demo set from a smaller one: every dossier copied with new identities, in SQL.

`seed_demo` builds persons a household at a time in Python, a few hundred per second; a
benchmark of 100,000 dossiers would wait ten minutes for that. Above `BASIS` persons the demo
builds `BASIS` of them in full and copies those, with everything that hangs from them (intake,
plan, referrals, deadlines, ontzorging, participatie and their history), until the number is
reached: new ids, UUIDs, BSNs and V-nummers, the same course of events. Then every person gets
contact moments up to `CONTACTMOMENTEN_PER_PERSOON` on average, as a busy caseload has.

What belongs to a user or a gemeente rather than a person (meldingen, the access log, AVG
requests, the lines of an exported payment batch) is not copied. Each copy has regisseurs of
its own (`regisseur-3` is the third copy of `regisseur`, with the same gemeenten and no
password), so a regisseur's caseload stays the size of the original's, as in a large team.
"""

import math

from django.apps import apps
from django.db import connection, models, transaction

from accounts.models import User
from statushouders.models import Contactmoment, Huishouden, Persoon

BASIS = 5000
CONTACTMOMENTEN_PER_PERSOON = 10

# Rows of a user, a gemeente or a sent batch: a copy would duplicate what is unique to them.
NIET_KOPIEREN = {
    "core_toegangslog",
    "termijnen_melding",
    "termijnen_herinnering",
    "ontzorging_batchregel",
    "statushouders_inzage",
}

# The UUIDs in a text (a deadline's key "verwijzing:<uuid>", a link to a dossier page).
_UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"

_FUNCTIES = f"""
CREATE OR REPLACE FUNCTION pg_temp.kopie_uuid(waarde uuid, kopie int) RETURNS uuid
    LANGUAGE sql IMMUTABLE AS $$ SELECT md5(waarde::text || ':' || kopie)::uuid $$;

CREATE OR REPLACE FUNCTION pg_temp.kopie_uuids(tekst text, kopie int) RETURNS text
    LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE gevonden text[];
BEGIN
    IF tekst IS NULL OR tekst !~ '{_UUID}' THEN RETURN tekst; END IF;
    FOR gevonden IN SELECT regexp_matches(tekst, '{_UUID}', 'g') LOOP
        tekst := replace(tekst, gevonden[1], pg_temp.kopie_uuid(gevonden[1]::uuid, kopie)::text);
    END LOOP;
    RETURN tekst;
END $$;

-- A BSN that passes the elfproef, from a number below 10,000,000: it starts with 0, which the
-- demo's own BSNs never do, so copies never take an existing number. NULL when no check digit
-- fits (one in eleven), as some persons have no BSN yet.
CREATE OR REPLACE FUNCTION pg_temp.kopie_bsn(nummer bigint) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN som % 11 = 10 THEN NULL ELSE cijfers || (som % 11)::text END
    FROM (SELECT cijfers, (SELECT sum(substr(cijfers, i, 1)::int * (10 - i))
                           FROM generate_series(1, 8) i)::int AS som
          FROM (SELECT lpad((nummer % 10000000)::text, 8, '0') AS cijfers) c) s
$$;
"""


def _te_kopieren() -> list[type[models.Model]]:
    """Persons, households and every table that points at them, directly or through another."""
    gekozen = {Persoon, Huishouden}
    nog_een_ronde = True
    while nog_een_ronde:
        nog_een_ronde = False
        for model in apps.get_models():
            if model in gekozen or model._meta.db_table in NIET_KOPIEREN:
                continue
            if any(
                veld.is_relation and veld.related_model in gekozen
                for veld in model._meta.concrete_fields
            ):
                gekozen.add(model)
                nog_een_ronde = True
    return sorted(gekozen, key=lambda m: m._meta.db_table)


def _persoon_id(model) -> str | None:
    """The column that holds the person's id in this table, for BSN and V-nummer."""
    if model is Persoon:
        return "id"
    if getattr(model, "pgh_tracked_model", None) is Persoon:
        return "pgh_obj_id"
    return None


def _uitdrukking(model, veld, verschuiving: dict) -> str:
    kolom = connection.ops.quote_name(veld.column)
    if veld.primary_key:
        return f"{kolom} + kopie * {verschuiving[model]}"
    if veld.is_relation and veld.related_model in verschuiving:
        return f"{kolom} + kopie * {verschuiving[veld.related_model]}"
    if veld.is_relation and veld.name == "regisseur" and veld.related_model is User:
        return f"coalesce(pg_temp.kopie_regisseur({kolom}, kopie), {kolom})"
    if veld.is_relation:
        return kolom
    persoon_id = _persoon_id(model)
    if veld.name == "bsn" and persoon_id:
        nieuw_id = f"{persoon_id} + kopie * {verschuiving[Persoon]}"
        return f"CASE WHEN {kolom} IS NULL THEN NULL ELSE pg_temp.kopie_bsn({nieuw_id}) END"
    if veld.name == "v_nummer" and persoon_id:
        nieuw_id = f"{persoon_id} + kopie * {verschuiving[Persoon]}"
        return (
            f"CASE WHEN {kolom} IS NULL THEN NULL ELSE '1' || lpad(({nieuw_id})::text, 9, '0') END"
        )
    if isinstance(veld, models.UUIDField):
        return f"pg_temp.kopie_uuid({kolom}, kopie)"
    if veld.name in {"sleutel", "link"}:
        return f"pg_temp.kopie_uuids({kolom}, kopie)"
    return kolom


def vermenigvuldigen(*, tot: int) -> int:
    """Copy every dossier until there are about `tot` persons; the number of persons after."""
    bestaand = Persoon.objects.count()
    kopieen = math.ceil(tot / bestaand) - 1 if bestaand else 0
    if kopieen < 1:
        return bestaand
    te_kopieren = _te_kopieren()
    with transaction.atomic(), connection.cursor() as cursor:
        # Copies of rows and of their history are written as they are: no history of the
        # copying itself, and no foreign-key checks on ids computed to fit. Needs a superuser,
        # as the embedded development database has.
        _regisseurs_per_kopie(cursor, kopieen)
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(_FUNCTIES)
        verschuiving = {}
        for model in te_kopieren:
            tabel = connection.ops.quote_name(model._meta.db_table)
            pk = connection.ops.quote_name(model._meta.pk.column)
            cursor.execute(f"SELECT coalesce(max({pk}), 0) FROM {tabel}")
            verschuiving[model] = cursor.fetchone()[0]
        for model in te_kopieren:
            if not verschuiving[model]:
                continue
            tabel = connection.ops.quote_name(model._meta.db_table)
            velden = model._meta.concrete_fields
            kolommen = ", ".join(connection.ops.quote_name(v.column) for v in velden)
            waarden = ", ".join(_uitdrukking(model, v, verschuiving) for v in velden)
            cursor.execute(
                f"INSERT INTO {tabel} ({kolommen}) SELECT {waarden} "
                f"FROM {tabel}, generate_series(1, %s) AS kopie",
                [kopieen],
            )
        # The copies took ids beyond each sequence: move the sequences past them.
        for model in te_kopieren:
            tabel = model._meta.db_table
            pk = model._meta.pk.column
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, %s), "
                f"(SELECT max({connection.ops.quote_name(pk)}) "
                f"FROM {connection.ops.quote_name(tabel)}))",
                [tabel, pk],
            )
        _contactmomenten_aanvullen(cursor)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return Persoon.objects.count()


def _regisseurs_per_kopie(cursor, kopieen: int) -> None:
    """A regisseur of each copy for every regisseur with persons, and the lookup
    `pg_temp.kopie_regisseur(origineel, kopie)` the copies of persons take theirs from."""
    cursor.execute(
        "CREATE TEMPORARY TABLE kopie_regisseurs (origineel bigint, kopie int, nieuw bigint)"
    )
    for regisseur in User.objects.filter(
        pk__in=Persoon.objects.exclude(regisseur=None).values("regisseur")
    ).prefetch_related("gemeenten"):
        for kopie in range(1, kopieen + 1):
            nieuw = User.objects.create(
                username=f"{regisseur.username}-{kopie}",
                first_name=regisseur.first_name,
                last_name=f"{regisseur.last_name} {kopie}",
                email=f"{regisseur.username}-{kopie}@koers.example",
                rol=regisseur.rol,
            )
            nieuw.set_unusable_password()
            nieuw.save(update_fields=["password"])
            nieuw.gemeenten.set(regisseur.gemeenten.all())
            cursor.execute(
                "INSERT INTO kopie_regisseurs VALUES (%s, %s, %s)", [regisseur.pk, kopie, nieuw.pk]
            )
    cursor.execute(
        """
        CREATE OR REPLACE FUNCTION pg_temp.kopie_regisseur(origineel bigint, kopie int)
            RETURNS bigint LANGUAGE sql STABLE AS $$
            SELECT nieuw FROM kopie_regisseurs k WHERE k.origineel = $1 AND k.kopie = $2 $$
        """
    )


def _contactmomenten_aanvullen(cursor) -> None:
    """Contact moments up to the number a caseload of some years has: talks, calls, visits
    and e-mails by the person's regisseur, spread between the koppeling (or a year ago) and
    now."""
    tabel = Contactmoment._meta.db_table
    cursor.execute(
        f"""
        INSERT INTO {tabel} (uuid, persoon_id, door_id, moment, soort, onderwerp, notitie,
                             created_at)
        SELECT gen_random_uuid(), p.id, p.regisseur_id,
               date_trunc('hour', now()) - make_interval(hours => abs(hashint8(p.id * 16 + n))
                   %% greatest(24, (current_date - coalesce(p.koppeling_datum,
                                                           current_date - 365)) * 24)),
               (ARRAY['gesprek', 'telefoon', 'huisbezoek', 'email'])[1 + (p.id + n) %% 4],
               (ARRAY['Voortgang', 'Uitleg post en rekeningen', 'Afspraak taalschool',
                      'Vragen over toeslagen', 'Woning bezichtigd'])[1 + (p.id * 7 + n) %% 5],
               '', now()
        FROM statushouders_persoon p, generate_series(1, %s) AS n
        """,
        [CONTACTMOMENTEN_PER_PERSOON],
    )
