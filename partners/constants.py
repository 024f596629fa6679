import datetime

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
    INGETROKKEN = "ingetrokken", _("Toestemming ingetrokken")


# The only transitions a referral can make; anything else is refused with the reason.
OVERGANGEN = {
    VerwijzingStatus.VERSTUURD: {VerwijzingStatus.GEACCEPTEERD, VerwijzingStatus.AFGEWEZEN},
    VerwijzingStatus.GEACCEPTEERD: {VerwijzingStatus.AFGEROND},
}
GESLOTEN = (VerwijzingStatus.AFGEWEZEN, VerwijzingStatus.AFGEROND, VerwijzingStatus.INGETROKKEN)
# A withdrawn consent ends the partner's access at once; anything else closed stays readable
# to the partner for a while.
VOOR_PARTNER_GESLOTEN = (VerwijzingStatus.AFGEWEZEN, VerwijzingStatus.AFGEROND)


class ToestemmingWijze(models.TextChoices):
    MONDELING = "mondeling", _("Mondeling, vastgelegd door de regisseur")
    SCHRIFTELIJK = "schriftelijk", _("Schriftelijk ondertekend")
    DIGITAAL = "digitaal", _("Digitaal (e-mail of formulier)")


# A signed consent form as a scan or PDF; nothing executable, nothing huge.
TOESTEMMING_BESTAND_EXTENSIES = ("pdf", "jpg", "jpeg", "png")
TOESTEMMING_BESTAND_MAX_BYTES = 5 * 1024 * 1024
# Consent is asked for the referral at hand; a consent older than this is asked again.
TOESTEMMING_HOOGSTENS_OUD = datetime.timedelta(days=365)

# Hours a partner reports on one referral: more than a year at full time is a typo.
TERUGKOPPELING_MAXIMUM_UREN = 2000
