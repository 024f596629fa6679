from django.db import migrations


def persoonstermijnen_weg(apps, schema_editor):
    """The minimum ontzorgperiode used to be counted from 'bijstand sinds' on the person. It
    is now the deadline of the Ontzorgperiode itself; open person-level ones would linger."""
    Termijn = apps.get_model("termijnen", "Termijn")
    Termijn.objects.filter(
        config__code="ontzorgperiode", sleutel="", gehaald_op__isnull=True
    ).delete()


def bezwaartermijn_toevoegen(apps, schema_editor):
    """The objection window of the ontzorging decision is a term like any other: a row
    functioneel beheer can change."""
    TermijnConfig = apps.get_model("termijnen", "TermijnConfig")
    TermijnConfig.objects.get_or_create(
        code="bezwaar_ontzorging",
        defaults={
            "label": "Bezwaartermijn besluit ontzorging",
            "wettelijke_basis": "Awb art. 6:7, 6:8",
            "berekening": "bekendmaking van het besluit over de ontzorgperiode + N",
            "lengte": 6,
            "eenheid": "weken",
            "atw": True,
            "geverifieerd": True,
            "herinneren": False,
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("ontzorging", "0001_initial"),
        ("termijnen", "0005_datums_teksten_en_getallen_binnen_bereik"),
    ]

    operations = [
        migrations.RunPython(persoonstermijnen_weg, migrations.RunPython.noop),
        migrations.RunPython(bezwaartermijn_toevoegen, migrations.RunPython.noop),
    ]
