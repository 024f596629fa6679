from django.contrib.postgres.fields import ArrayField
from django.db import models

from core.selectors import waarde_tonen

KLEUREN = [("r", "Rood"), ("g", "Groen")]


def test_keuze_toont_het_label_en_een_onbekende_waarde_blijft_zichtbaar():
    veld = models.CharField(max_length=1, choices=KLEUREN)
    assert waarde_tonen(veld, "g") == "Groen"
    assert waarde_tonen(veld, "x") == "x"
    assert waarde_tonen(veld, "") == "—"


def test_lijst_van_keuzes_toont_labels_met_komma_en_leeg_als_streep():
    veld = ArrayField(models.CharField(max_length=1, choices=KLEUREN))
    assert waarde_tonen(veld, ["r", "g"]) == "Rood, Groen"
    assert waarde_tonen(veld, []) == "—"
    assert waarde_tonen(veld, None) == "—"


def test_lijst_zonder_keuzes_toont_de_waarden_met_komma():
    assert waarde_tonen(ArrayField(models.CharField(max_length=20)), ["Arabisch", "Engels"]) == (
        "Arabisch, Engels"
    )


def test_ja_en_nee():
    assert waarde_tonen(models.BooleanField(), True) == "Ja"
    assert waarde_tonen(models.BooleanField(), False) == "Nee"
