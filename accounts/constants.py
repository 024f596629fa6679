from django.db import models
from django.utils.translation import gettext_lazy as _


class Rol(models.TextChoices):
    REGISSEUR = "regisseur", _("Regisseur")
    TEAMLEIDER = "teamleider", _("Teamleider")
    PARTNER_MEDEWERKER = "partner_medewerker", _("Partnermedewerker")
    FUNCTIONEEL_BEHEERDER = "functioneel_beheerder", _("Functioneel beheerder")


# Roles that work in person dossiers of their own gemeenten.
DOSSIER_ROLLEN = (Rol.REGISSEUR, Rol.TEAMLEIDER)


class AanvraagSoort(models.TextChoices):
    ROL = "rol", _("Andere rol")
    GEMEENTE_TOEVOEGEN = "gemeente_toevoegen", _("Gemeente toevoegen")


class AanvraagStatus(models.TextChoices):
    OPEN = "open", _("Open")
    GOEDGEKEURD = "goedgekeurd", _("Goedgekeurd")
    AFGEWEZEN = "afgewezen", _("Afgewezen")
