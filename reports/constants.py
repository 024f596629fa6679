from django.db import models
from django.utils.translation import gettext_lazy as _

# Bounds a person could plausibly mean; anything outside is a typing error.
HOOGSTE_TAAKSTELLING = 10_000
EERSTE_JAAR = 2000
LAATSTE_JAAR = 2100


class RapportSoort(models.TextChoices):
    KWARTAALRAPPORT = "kwartaalrapport", _("Kwartaalrapportage (PDF en XLSX)")
    LEVERING = "levering", _("Kwartaallevering per persoon (XLSX en CSV)")


class RapportStatus(models.TextChoices):
    WACHT = "wacht", _("Wacht")
    BEZIG = "bezig", _("Bezig")
    KLAAR = "klaar", _("Klaar")
    MISLUKT = "mislukt", _("Mislukt")
