from django.db import migrations


def vullen(apps, schema_editor):
    """Every term of the Termijnen table, with its legal default."""
    from core.constants import TERMIJN_STANDAARDEN

    TermijnConfig = apps.get_model("core", "TermijnConfig")
    for code, label, basis, berekening, lengte, eenheid, geverifieerd, herinneren in (
        TERMIJN_STANDAARDEN
    ):
        TermijnConfig.objects.get_or_create(
            code=code,
            defaults={"label": str(label), "wettelijke_basis": str(basis),
                      "berekening": str(berekening), "lengte": lengte, "eenheid": eenheid,
                      "geverifieerd": geverifieerd, "herinneren": herinneren},
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0002_initial")]

    operations = [migrations.RunPython(vullen, migrations.RunPython.noop)]
