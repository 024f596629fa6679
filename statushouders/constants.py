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


class Relatie(models.TextChoices):
    """How a household member is related to another member, read as "X is <relatie> van Y"."""

    PARTNER = "partner", _("Partner")
    KIND = "kind", _("Kind")
    OUDER = "ouder", _("Ouder")
    BROER_ZUS = "broer_zus", _("Broer of zus")
    OVERIG = "overig", _("Overig familielid of huisgenoot")


# Seen from the other side: the kind of a person has that person as ouder.
OMGEKEERDE_RELATIE = {
    Relatie.PARTNER: Relatie.PARTNER,
    Relatie.KIND: Relatie.OUDER,
    Relatie.OUDER: Relatie.KIND,
    Relatie.BROER_ZUS: Relatie.BROER_ZUS,
    Relatie.OVERIG: Relatie.OVERIG,
}
