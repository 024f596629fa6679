from django.db import models
from django.utils.translation import gettext_lazy as _


class Doelgroep(models.TextChoices):
    ASIEL = "asiel", _("Asielstatushouder")
    NAREIZIGER = "nareiziger", _("Nareiziger")
    GEZINSMIGRANT = "gezinsmigrant", _("Gezinsmigrant")
    OVERIG = "overig", _("Overig")


class Bestandsgroep(models.TextChoices):
    INTAKE = "intake", _("Intake")
    ACTIEF_TRAJECT = "actief_traject", _("Actief traject")
    ZORG_EN_RUST = "zorg_en_rust", _("Zorg en rust")


class Geslacht(models.TextChoices):
    VROUW = "v", _("Vrouw")
    MAN = "m", _("Man")
    ANDERS = "x", _("Anders / onbekend")


class ContactSoort(models.TextChoices):
    GESPREK = "gesprek", _("Gesprek")
    TELEFOON = "telefoon", _("Telefonisch")
    VIDEO = "video", _("Videobellen")
    EMAIL = "email", _("E-mail")
    HUISBEZOEK = "huisbezoek", _("Huisbezoek")
    OVERLEG = "overleg", _("Overleg over de persoon")


class Uitstroomreden(models.TextChoices):
    """Why a dossier ends: the outflow categories the national monitors count."""

    INBURGERING_AFGEROND = "inburgering_afgerond", _("Inburgering afgerond of ontheffing")
    BETAALD_WERK = "betaald_werk", _("Betaald werk")
    OPLEIDING = "opleiding", _("Opleiding")
    VERHUISD = "verhuisd", _("Verhuisd naar een andere gemeente")
    VERTROKKEN = "vertrokken", _("Vertrokken uit Nederland")
    OVERLEDEN = "overleden", _("Overleden")
    OVERIG = "overig", _("Overig")


class DossierMutatie(models.TextChoices):
    AFGESLOTEN = "afgesloten", _("Afgesloten")
    HEROPEND = "heropend", _("Heropend")
