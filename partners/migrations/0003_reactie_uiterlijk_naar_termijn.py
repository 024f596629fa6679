"""A referral's answer date lives only in its deadline row from now on. Referrals that have no
such row yet get one with the date they carried, before the copy on the referral goes."""

from django.db import migrations


def naar_termijn(apps, schema_editor):
    Verwijzing = apps.get_model("partners", "Verwijzing")
    Termijn = apps.get_model("termijnen", "Termijn")
    TermijnConfig = apps.get_model("termijnen", "TermijnConfig")
    config = TermijnConfig.objects.filter(code="verwijzing_reactie").first()
    if config is None:
        return
    bestaand = set(Termijn.objects.filter(config=config).values_list("sleutel", flat=True))
    nieuw = []
    for v in Verwijzing.objects.only(
        "uuid", "persoon_id", "verstuurd_op", "reactie_uiterlijk", "beantwoord_op"
    ).iterator(chunk_size=2000):
        sleutel = f"verwijzing:{v.uuid}"
        if sleutel in bestaand:
            continue
        beantwoord = v.beantwoord_op.date() if v.beantwoord_op else None
        nieuw.append(
            Termijn(
                persoon_id=v.persoon_id,
                config=config,
                sleutel=sleutel,
                basisdatum=v.verstuurd_op.date(),
                vervalt_op=v.reactie_uiterlijk,
                gehaald_op=beantwoord,
                status="gehaald" if beantwoord else "open",
            )
        )
    Termijn.objects.bulk_create(nieuw, batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0002_initial"),
        ("termijnen", "0002_nieuwe_velden_feestdagen_dagoverzicht"),
    ]

    operations = [migrations.RunPython(naar_termijn, migrations.RunPython.noop)]
