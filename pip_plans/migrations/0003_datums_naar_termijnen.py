"""The PIP's deadline dates live only in their deadline rows from now on. Rows that are missing
are made from the copies on the plan and its versions, before those copies go. The
inburgeringstermijn counts from the first PIP decision itself (it used to count from the day
after, a day too late)."""

import datetime

from django.db import migrations


def naar_termijnen(apps, schema_editor):
    Plan = apps.get_model("pip_plans", "Plan")
    PlanVersie = apps.get_model("pip_plans", "PlanVersie")
    Termijn = apps.get_model("termijnen", "Termijn")
    TermijnConfig = apps.get_model("termijnen", "TermijnConfig")
    configs = {c.code: c for c in TermijnConfig.objects.all()}

    def zorg_voor(persoon_id, code, sleutel, basisdatum, vervalt_op):
        if code not in configs or vervalt_op is None:
            return
        Termijn.objects.get_or_create(
            persoon_id=persoon_id,
            config=configs[code],
            sleutel=sleutel,
            defaults={"basisdatum": basisdatum, "vervalt_op": vervalt_op},
        )

    for versie in PlanVersie.objects.select_related("plan").iterator(chunk_size=2000):
        zorg_voor(
            versie.plan.persoon_id,
            "bezwaar_pip",
            f"versie:{versie.nummer}",
            versie.bekendmaking_op,
            versie.bezwaar_tot,
        )
    for plan in Plan.objects.exclude(eerste_vaststelling_op=None).iterator(chunk_size=2000):
        basis = plan.eerste_vaststelling_op
        zorg_voor(plan.persoon_id, "inburgeringstermijn", "", basis, plan.inburgeringstermijn_tot)
        zorg_voor(plan.persoon_id, "leerroute_wissel", "", basis, plan.leerroute_wissel_tot)
        if "inburgeringstermijn" in configs:
            Termijn.objects.filter(
                persoon_id=plan.persoon_id,
                config=configs["inburgeringstermijn"],
                basisdatum=basis + datetime.timedelta(days=1),
            ).update(basisdatum=basis)


class Migration(migrations.Migration):
    dependencies = [
        ("pip_plans", "0002_initial"),
        ("termijnen", "0002_nieuwe_velden_feestdagen_dagoverzicht"),
    ]

    operations = [migrations.RunPython(naar_termijnen, migrations.RunPython.noop)]
