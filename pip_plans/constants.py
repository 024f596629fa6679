from django.db import models
from django.utils.translation import gettext_lazy as _

# The legal terms (bezwaar, inburgeringstermijn, leerroute wisselen) are TermijnConfig rows in
# core: configurable per installation.

# Route norms (Bi): shown as warnings, never a hard stop.
PVT_MINIMUM_UREN = 12
MAP_MINIMUM_UREN = 40
Z_ROUTE_MINIMUM_TAALUREN = 800
Z_ROUTE_MINIMUM_PARTICIPATIEUREN = 800
ONDERWIJSROUTE_MAXIMUM_LEEFTIJD = 28


class PlanStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    VASTGESTELD = "vastgesteld", _("Vastgesteld")
    GEWIJZIGD = "gewijzigd", _("Wijziging in concept")
    AFGESLOTEN = "afgesloten", _("Afgesloten")


BEWERKBAAR = (PlanStatus.CONCEPT, PlanStatus.GEWIJZIGD)


class DoelStatus(models.TextChoices):
    OPEN = "open", _("Open")
    LOOPT = "loopt", _("Loopt")
    BEHAALD = "behaald", _("Behaald")
    VERVALLEN = "vervallen", _("Vervallen")


class Verantwoordelijke(models.TextChoices):
    PERSOON = "persoon", _("De persoon zelf")
    GEMEENTE = "gemeente", _("Gemeente")
    PARTNER = "partner", _("Partner")


class PdfStatus(models.TextChoices):
    WACHT = "wacht", _("Wacht op verwerking")
    BEZIG = "bezig", _("Wordt gemaakt")
    KLAAR = "klaar", _("Klaar")
    MISLUKT = "mislukt", _("Mislukt")
