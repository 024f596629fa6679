"""Deadlines move out of `core` into their own app. The tables stay where they are: this
migration only tells Django that the models now belong to `termijnen` (no SQL runs)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

_STATUS = [
    ("open", "Open"),
    ("gehaald", "Gehaald"),
    ("verlopen", "Verlopen"),
    ("vervallen", "Vervallen"),
]
_EENHEID = [
    ("dagen", "dagen"),
    ("werkdagen", "werkdagen"),
    ("weken", "weken"),
    ("maanden", "maanden"),
    ("jaren", "jaren"),
]


def _config_velden():
    return [
        ("code", models.SlugField(max_length=40, unique=True, verbose_name="code")),
        ("label", models.CharField(max_length=120, verbose_name="omschrijving")),
        ("wettelijke_basis", models.CharField(max_length=200, verbose_name="wettelijke basis")),
        ("berekening", models.CharField(max_length=300, verbose_name="hoe de datum wordt berekend")),
        ("lengte", models.PositiveIntegerField(verbose_name="lengte")),
        ("eenheid", models.CharField(choices=_EENHEID, max_length=10, verbose_name="eenheid")),
        ("geverifieerd", models.BooleanField(default=False, verbose_name="basis gecontroleerd in de gepubliceerde tekst")),
        ("herinneren", models.BooleanField(default=True, verbose_name="regisseur herinneren")),
    ]


STATE = [
    migrations.CreateModel(
        name="TermijnConfig",
        fields=[
            ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
            *_config_velden(),
        ],
        options={"db_table": "core_termijnconfig", "ordering": ["code"]},
    ),
    migrations.CreateModel(
        name="TermijnConfigEvent",
        fields=[
            ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
            ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
            ("pgh_label", models.TextField(help_text="The event label.")),
            ("id", models.BigIntegerField()),
            *[
                (naam, models.SlugField(db_index=False, max_length=40, verbose_name="code"))
                if naam == "code"
                else (naam, veld)
                for naam, veld in _config_velden()
            ],
            ("pgh_context", models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name="+", to="pghistory.context")),
            ("pgh_obj", models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name="events", to="termijnen.termijnconfig")),
        ],
        options={"abstract": False, "db_table": "core_termijnconfigevent"},
    ),
    migrations.CreateModel(
        name="Termijn",
        fields=[
            ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
            ("sleutel", models.CharField(blank=True, default="", max_length=60)),
            ("basisdatum", models.DateField(verbose_name="telt vanaf")),
            ("verlenging_dagen", models.PositiveSmallIntegerField(default=0, verbose_name="verlengd met dagen")),
            ("verlenging_reden", models.CharField(blank=True, max_length=300, verbose_name="reden verlenging")),
            ("verlengd_tot", models.DateField(blank=True, null=True, verbose_name="verlengd tot (besluit)")),
            ("vervalt_op", models.DateField(verbose_name="uiterlijk")),
            ("status", models.CharField(choices=_STATUS, default="open", max_length=10, verbose_name="status")),
            ("gehaald_op", models.DateField(blank=True, null=True, verbose_name="gehaald op")),
            ("persoon", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="termijnen", to="statushouders.persoon", verbose_name="persoon")),
            ("config", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="termijnen", to="termijnen.termijnconfig")),
        ],
        options={
            "db_table": "core_termijn",
            "ordering": ["vervalt_op", "id"],
            "indexes": [models.Index(fields=["status", "vervalt_op"], name="core_termij_status_c947ff_idx")],
            "constraints": [
                models.UniqueConstraint(fields=("persoon", "config", "sleutel"), name="termijn_uniek_per_onderwerp"),
                models.CheckConstraint(condition=models.Q(("verlenging_dagen__lte", 14)), name="termijn_verlenging_hoogstens_twee_weken"),
            ],
        },
    ),
    migrations.CreateModel(
        name="Herinnering",
        fields=[
            ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
            ("moment", models.CharField(max_length=20, verbose_name="moment")),
            ("verstuurd_op", models.DateTimeField(auto_now_add=True, verbose_name="verstuurd op")),
            ("termijn", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="herinneringen", to="termijnen.termijn")),
        ],
        options={
            "db_table": "core_herinnering",
            "constraints": [models.UniqueConstraint(fields=("termijn", "moment"), name="herinnering_eenmalig")],
        },
    ),
    migrations.CreateModel(
        name="Melding",
        fields=[
            ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
            ("tekst", models.CharField(max_length=300, verbose_name="tekst")),
            ("link", models.CharField(max_length=300, verbose_name="link")),
            ("aangemaakt_op", models.DateTimeField(auto_now_add=True, verbose_name="aangemaakt op")),
            ("gelezen_op", models.DateTimeField(blank=True, null=True, verbose_name="gelezen op")),
            ("gebruiker", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="meldingen", to=settings.AUTH_USER_MODEL)),
        ],
        options={
            "db_table": "core_melding",
            "ordering": ["-aangemaakt_op", "-id"],
            "indexes": [models.Index(fields=["gebruiker", "gelezen_op"], name="core_meldin_gebruik_af760b_idx")],
        },
    ),
]


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("core", "0003_termijnen_vullen"),
        ("pghistory", "0007_auto_20250421_0444"),
        ("statushouders", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=STATE)]
