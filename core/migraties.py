"""Steps that migrations of several apps share."""

import datetime

from django.db import migrations, models
from django.db.models.functions import Length

from core.validators import LAATSTE_DATUM, VROEGSTE_DATUM


class WaardenBuitenBereik(RuntimeError):
    pass


def bestaande_waarden_controleren(app_label: str, tekst_lengte: int) -> migrations.RunPython:
    """Before the range constraints are added: stop with a clear message when a stored date
    lies outside 1900 … 2100 or a text is longer than the new maximum. Nothing is changed
    silently; the message names the table, the field and how many rows, never the values,
    and a beheerder corrects them before migrating again."""

    def controleren(apps, schema_editor):
        vroegste = datetime.datetime.combine(VROEGSTE_DATUM, datetime.time(), tzinfo=datetime.UTC)
        na_laatste = datetime.datetime.combine(
            LAATSTE_DATUM + datetime.timedelta(days=1), datetime.time(), tzinfo=datetime.UTC
        )
        fouten = []
        for model in apps.get_app_config(app_label).get_models():
            velden = {veld.name for veld in model._meta.concrete_fields}
            if model._meta.proxy or not model._meta.managed or "pgh_created_at" in velden:
                continue  # history rows keep what was, and get no constraints
            for veld in model._meta.concrete_fields:
                if isinstance(veld, models.DateTimeField):
                    buiten = models.Q(**{f"{veld.name}__lt": vroegste}) | models.Q(
                        **{f"{veld.name}__gte": na_laatste}
                    )
                elif isinstance(veld, models.DateField):
                    buiten = models.Q(**{f"{veld.name}__lt": VROEGSTE_DATUM}) | models.Q(
                        **{f"{veld.name}__gt": LAATSTE_DATUM}
                    )
                elif isinstance(veld, models.TextField) and not veld.name.startswith("pgh_"):
                    buiten = models.Q(_lengte__gt=veld.max_length or tekst_lengte)
                else:
                    continue
                rijen = model._base_manager.annotate(
                    _lengte=Length(veld.name)
                    if isinstance(veld, models.TextField)
                    else models.Value(0)
                ).filter(buiten)
                aantal = rijen.count()
                if aantal:
                    fouten.append(f"{model._meta.db_table}.{veld.column}: {aantal} rij(en)")
        if fouten:
            raise WaardenBuitenBereik(
                "Opgeslagen waarden vallen buiten het toegestane bereik (datums 1900 … 2100, "
                f"teksten hoogstens {tekst_lengte} tekens). Corrigeer deze rijen en migreer "
                "opnieuw: " + "; ".join(fouten)
            )

    return migrations.RunPython(controleren, migrations.RunPython.noop, elidable=True)
