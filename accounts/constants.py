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


class Gebeurtenis(models.TextChoices):
    """What the security log records."""

    INLOG = "inlog", _("Ingelogd")
    MISLUKT = "mislukt", _("Inloggen mislukt")
    GEBLOKKEERD = "geblokkeerd", _("Geblokkeerd na te veel pogingen")
    UITGELOGD = "uitgelogd", _("Uitgelogd")
    SESSIE_VERLOPEN = "sessie_verlopen", _("Sessie verlopen")
    SESSIES_BEEINDIGD = "sessies_beeindigd", _("Alle sessies beëindigd")
    MFA_INGESTELD = "mfa_ingesteld", _("Tweede factor ingesteld")
    MFA_VERWIJDERD = "mfa_verwijderd", _("Tweede factor verwijderd")
    MFA_MISLUKT = "mfa_mislukt", _("Tweede factor onjuist")
    HERSTELCODE_GEBRUIKT = "herstelcode_gebruikt", _("Herstelcode gebruikt")
    WACHTWOORD_GEWIJZIGD = "wachtwoord_gewijzigd", _("Wachtwoord gewijzigd")
    WACHTWOORD_HERSTELD = "wachtwoord_hersteld", _("Wachtwoord hersteld via e-mail")
    OIDC_GEWEIGERD = "oidc_geweigerd", _("Inloggen via identiteitsprovider geweigerd")
