"""Each configured term's basis checked against the published texts of the Wet inburgering
2021, the Besluit inburgering 2021, the Awb and the Participatiewet: the article and lid, and
whether the length and its start follow from the text. A basis functioneel beheer already
changed is left as they wrote it."""

from django.db import migrations

# code: (basis as first configured, checked basis, verified)
GECONTROLEERD = {
    "pip_vaststellen": (
        "Besluit inburgering 2021 art. 5.3",
        "Besluit inburgering 2021 art. 5.3 lid 1 en 2",
        # Lid 2 sets a new date two weeks after a third party's information arrives, not a
        # fixed two weeks more: verified once Koers counts it that way.
        False,
    ),
    "bezwaar_pip": ("Awb art. 6:7, 6:8", "Awb art. 6:7, 6:8 lid 1", True),
    "inburgeringstermijn": (
        "Wet inburgering 2021 art. 11",
        "Wet inburgering 2021 art. 11 lid 1 en 2",
        True,
    ),
    "leerroute_wissel": (
        "Wet/Besluit inburgering 2021",
        "Besluit inburgering 2021 art. 5.4 lid 1 (jo. Wet inburgering 2021 art. 17 lid 2)",
        True,
    ),
    "ontzorgperiode": ("Participatiewet art. 56a", "Participatiewet art. 56a lid 2", True),
    "bezwaar_ontzorging": ("Awb art. 6:7, 6:8", "Awb art. 6:7, 6:8 lid 1", True),
    # The duty to deliver is in the law; the four weeks after a quarter are not.
    "cbs_levering": (
        "CBS SWI",
        "Wet inburgering 2021 art. 39 (termijn: afspraak met het CBS, niet in wet of besluit)",
        False,
    ),
}


def controleren(apps, schema_editor):
    TermijnConfig = apps.get_model("termijnen", "TermijnConfig")
    for code, (oud, nieuw, geverifieerd) in GECONTROLEERD.items():
        TermijnConfig.objects.filter(code=code, wettelijke_basis=oud).update(
            wettelijke_basis=nieuw, geverifieerd=geverifieerd
        )


class Migration(migrations.Migration):
    dependencies = [("termijnen", "0002_eerste_dag_telt")]

    operations = [migrations.RunPython(controleren, migrations.RunPython.noop)]
