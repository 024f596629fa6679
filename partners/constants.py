from django.db import models
from django.utils.translation import gettext_lazy as _


class PartnerSoort(models.TextChoices):
    MAATSCHAPPELIJKE_BEGELEIDING = "maatschappelijke_begeleiding", _("Maatschappelijke begeleiding")
    TAAL = "taal", _("Taal")
    GEZONDHEID = "gezondheid", _("Gezondheid")
    WERK = "werk", _("Werk")
    WELZIJN = "welzijn", _("Welzijn")
    ONDERWIJS = "onderwijs", _("Onderwijs")
    OVERIG = "overig", _("Overig")


class VerwijzingStatus(models.TextChoices):
    VERSTUURD = "verstuurd", _("Verstuurd")
    GEACCEPTEERD = "geaccepteerd", _("Geaccepteerd")
    AFGEWEZEN = "afgewezen", _("Afgewezen")
    AFGEROND = "afgerond", _("Afgerond")


# The only transitions a referral can make; anything else is refused with the reason.
OVERGANGEN = {
    VerwijzingStatus.VERSTUURD: {VerwijzingStatus.GEACCEPTEERD, VerwijzingStatus.AFGEWEZEN},
    VerwijzingStatus.GEACCEPTEERD: {VerwijzingStatus.AFGEROND},
}
GESLOTEN = (VerwijzingStatus.AFGEWEZEN, VerwijzingStatus.AFGEROND)


class ToestemmingWijze(models.TextChoices):
    MONDELING = "mondeling", _("Mondeling, vastgelegd door de regisseur")
    SCHRIFTELIJK = "schriftelijk", _("Schriftelijk ondertekend")
    DIGITAAL = "digitaal", _("Digitaal (e-mail of formulier)")
