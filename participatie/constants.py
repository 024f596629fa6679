from django.db import models
from django.utils.translation import gettext_lazy as _

# Bounds a person could plausibly mean; anything outside is a typing error.
HOOGSTE_UREN_PER_WEEK = 60
OMSCHRIJVING = 200


class ParticipatieSoort(models.TextChoices):
    BETAALD_WERK = "betaald_werk", _("Betaald werk")
    OPLEIDING = "opleiding", _("Opleiding")
    VRIJWILLIGERSWERK = "vrijwilligerswerk", _("Vrijwilligerswerk")
    STAGE = "stage", _("Stage of leerwerkplek")


# Work or education: what the national monitors count as outflow.
WERK_OF_OPLEIDING = (ParticipatieSoort.BETAALD_WERK, ParticipatieSoort.OPLEIDING)


class Contractsoort(models.TextChoices):
    VAST = "vast", _("Vast contract")
    TIJDELIJK = "tijdelijk", _("Tijdelijk contract")
    OPROEP = "oproep", _("Oproep- of nulurencontract")
    UITZEND = "uitzend", _("Uitzendwerk")
    ZELFSTANDIG = "zelfstandig", _("Zelfstandig ondernemer")
