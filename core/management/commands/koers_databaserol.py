"""Create or update the database role the application runs as, and grant it what it needs and
no more. Run as the owner of the tables (the role `migrate` runs as), after every `migrate`."""

import re

import pghistory.models
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, models, transaction
from psycopg import sql

ROLNAAM = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def alleen_toevoegen(model) -> bool:
    """History events (pghistory) and models that declare `alleen_toevoegen` (the access log)
    are append-only: the application may add and read rows, never change or delete them."""
    return issubclass(model, pghistory.models.Event) or getattr(model, "alleen_toevoegen", False)


def leeg_te_maken_kolommen(model) -> list[str]:
    """Foreign keys that the database empties when the row they point to goes (SET_NULL): the
    one change an append-only row allows."""
    return [
        veld.column
        for veld in model._meta.concrete_fields
        if veld.is_relation and veld.remote_field.on_delete is models.SET_NULL
    ]


def tabellen() -> list[type[models.Model]]:
    """Every table Koers's models keep (many-to-many tables included), once each."""
    gezien, uitkomst = set(), []
    for model in apps.get_models(include_auto_created=True):
        opts = model._meta
        if opts.managed and not opts.proxy and opts.db_table not in gezien:
            gezien.add(opts.db_table)
            uitkomst.append(model)
    return uitkomst


class Command(BaseCommand):
    help = (
        "Maakt of werkt de databaserol bij waarmee Koers draait (geen superuser, geen eigenaar, "
        "historie en toegangslog alleen lezen en toevoegen). Uitvoeren als eigenaar, na migrate."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--rol",
            default=settings.KOERS_DATABASE_APP_ROL,
            help="naam van de rol (standaard KOERS_DATABASE_APP_ROL)",
        )

    def handle(self, *args, rol: str, **options):
        if not ROLNAAM.match(rol):
            raise CommandError(f"Ongeldige rolnaam {rol!r}: kleine letters, cijfers en _.")
        wachtwoord = settings.KOERS_DATABASE_APP_WACHTWOORD
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT current_user, current_schema()")
            eigenaar, schema = cursor.fetchone()
            if rol == eigenaar:
                raise CommandError(
                    "De applicatierol moet een andere rol zijn dan de eigenaar die dit uitvoert."
                )
            uitvoeren = _uitvoerder(cursor)
            _rol_maken(cursor, uitvoeren, rol=rol, eigenaar=eigenaar, wachtwoord=wachtwoord)
            _rechten_geven(cursor, uitvoeren, rol=rol, schema=schema)
        self.stdout.write(f"Databaserol {rol} bijgewerkt.")


def _uitvoerder(cursor):
    def uitvoeren(query: str, **namen) -> None:
        cursor.execute(
            sql.SQL(query)
            .format(
                **{
                    naam: waarde if isinstance(waarde, sql.Composable) else sql.Identifier(waarde)
                    for naam, waarde in namen.items()
                }
            )
            .as_string(cursor.connection)
        )

    return uitvoeren


def _rol_maken(cursor, uitvoeren, *, rol: str, eigenaar: str, wachtwoord: str) -> None:
    cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [rol])
    if not cursor.fetchone():
        uitvoeren("CREATE ROLE {rol}", rol=rol)
    # Whatever the role was before: no superuser, no creating roles or databases, no bypassing
    # row security, no replication (which could switch triggers off).
    uitvoeren(
        "ALTER ROLE {rol} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS",
        rol=rol,
    )
    if wachtwoord:
        uitvoeren(
            "ALTER ROLE {rol} PASSWORD {wachtwoord}", rol=rol, wachtwoord=sql.Literal(wachtwoord)
        )
    # A member of the owner role could act as the owner (and so disable triggers).
    cursor.execute(
        "SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid "
        "JOIN pg_roles l ON l.oid = m.member WHERE r.rolname = %s AND l.rolname = %s",
        [eigenaar, rol],
    )
    if cursor.fetchone():
        uitvoeren("REVOKE {eigenaar} FROM {rol}", eigenaar=eigenaar, rol=rol)


def _rechten_geven(cursor, uitvoeren, *, rol: str, schema: str) -> None:
    cursor.execute("SELECT current_database()")
    (database,) = cursor.fetchone()
    bestaand = set(connection.introspection.table_names(cursor))
    uitvoeren("GRANT CONNECT ON DATABASE {database} TO {rol}", database=database, rol=rol)
    uitvoeren("GRANT USAGE ON SCHEMA {schema} TO {rol}", schema=schema, rol=rol)
    # Start from nothing, so a right taken away here is gone on the next run too. Tables no
    # model knows (django_migrations) can be read only.
    uitvoeren("REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {rol}", schema=schema, rol=rol)
    uitvoeren("GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {rol}", schema=schema, rol=rol)
    for model in tabellen():
        tabel = model._meta.db_table
        if tabel not in bestaand:
            continue
        if not alleen_toevoegen(model):
            uitvoeren("GRANT INSERT, UPDATE, DELETE ON {tabel} TO {rol}", tabel=tabel, rol=rol)
            continue
        uitvoeren("GRANT INSERT ON {tabel} TO {rol}", tabel=tabel, rol=rol)
        if kolommen := leeg_te_maken_kolommen(model):
            uitvoeren(
                "GRANT UPDATE ({kolommen}) ON {tabel} TO {rol}",
                kolommen=sql.SQL(", ").join(sql.Identifier(k) for k in kolommen),
                tabel=tabel,
                rol=rol,
            )
    uitvoeren(
        "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {rol}", schema=schema, rol=rol
    )
    uitvoeren("GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA {schema} TO {rol}", schema=schema, rol=rol)
    # What a later migration adds can be read and added to at once (the history triggers of a
    # new model need that); full rights come with the next run of this command.
    uitvoeren(
        "ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT SELECT, INSERT ON TABLES TO {rol}",
        schema=schema,
        rol=rol,
    )
    uitvoeren(
        "ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT USAGE, SELECT ON SEQUENCES TO {rol}",
        schema=schema,
        rol=rol,
    )
    uitvoeren(
        "ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT EXECUTE ON FUNCTIONS TO {rol}",
        schema=schema,
        rol=rol,
    )
