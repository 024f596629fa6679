"""Refuses a database made with migrations this code no longer has.

The migrations were once started anew (one initial set per app, the tables of `termijnen`
under their own names). A database built with the old set would look fully migrated to
Django while its tables differ, so `make run` asks this first and stops with an explanation
instead of serving a broken application. Nothing is deleted: starting fresh is the user's
own step."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.loader import MigrationLoader

KOERS_APPS = {
    "core", "accounts", "statushouders", "termijnen", "intake", "partners", "pip_plans",
    "ontzorging", "participatie", "reports", "dossier", "demo", "beheer",
}  # fmt: skip


def onbekende_migraties() -> list[tuple[str, str]]:
    """Applied migrations of Koers's apps that the code does not have."""
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    return sorted(
        sleutel
        for sleutel in loader.applied_migrations
        if sleutel[0] in KOERS_APPS and sleutel not in loader.disk_migrations
    )


class Command(BaseCommand):
    help = "Controleert of de database met de migraties van deze versie is gemaakt."

    def handle(self, *args, **options):
        onbekend = onbekende_migraties()
        if not onbekend:
            return
        naam = settings.DATABASES["default"]["NAME"]
        voorbeelden = ", ".join(f"{app}.{migratie}" for app, migratie in onbekend[:3])
        raise CommandError(
            f"De database '{naam}' is gemaakt met migraties die deze versie van Koers niet "
            f"meer heeft ({voorbeelden}{' …' if len(onbekend) > 3 else ''}). De migraties zijn "
            "opnieuw begonnen, dus deze database past niet meer. Er is niets gewist. Begin "
            "opnieuw met `make clean-run` en daarna `make run` (de demodata komen vanzelf "
            "terug); wie de gegevens wil bewaren, maakt eerst zelf een kopie van .run/pgdata."
        )
