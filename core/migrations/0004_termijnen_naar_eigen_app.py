"""Deadlines now belong to the `termijnen` app. Their tables stay; only the history triggers are
dropped here, because `termijnen` installs them again under its own names."""

import pgtrigger.migrations
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_termijnen_vullen"),
        ("termijnen", "0001_initial"),
    ]

    operations = [
        pgtrigger.migrations.RemoveTrigger(model_name="termijnconfig", name="insert_insert"),
        pgtrigger.migrations.RemoveTrigger(model_name="termijnconfig", name="update_update"),
        pgtrigger.migrations.RemoveTrigger(model_name="termijnconfig", name="delete_delete"),
        pgtrigger.migrations.RemoveTrigger(model_name="termijnconfigevent", name="append_only"),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Herinnering"),
                migrations.DeleteModel(name="Melding"),
                migrations.DeleteModel(name="TermijnConfigEvent"),
                migrations.DeleteModel(name="Termijn"),
                migrations.DeleteModel(name="TermijnConfig"),
            ]
        ),
    ]
