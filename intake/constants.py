from django.db import models
from django.utils.translation import gettext_lazy as _


class IntakeStatus(models.TextChoices):
    OPEN = "open", _("Loopt")
    AFGEROND = "afgerond", _("Afgerond")


class Locatie(models.TextChoices):
    AZC = "azc", _("In het AZC")
    GEMEENTEKANTOOR = "gemeentekantoor", _("Op het gemeentekantoor")
    THUIS = "thuis", _("Thuis")
    TELEFOON_VIDEO = "telefoon_video", _("Telefonisch of via video")


class Leefgebied(models.TextChoices):
    WONEN = "wonen", _("Wonen")
    FINANCIEN = "financien", _("Financiën")
    GEZONDHEID_LICHAMELIJK = "gezondheid_lichamelijk", _("Gezondheid: lichamelijk")
    GEZONDHEID_PSYCHISCH = "gezondheid_psychisch", _("Gezondheid: psychisch")
    TAAL = "taal", _("Taal")
    OPLEIDING = "opleiding", _("Opleiding")
    WERKERVARING = "werkervaring", _("Werkervaring")
    GEZIN = "gezin", _("Gezin en kinderen")
    SOCIAAL_NETWERK = "sociaal_netwerk", _("Sociaal netwerk")
    MOBILITEIT = "mobiliteit", _("Mobiliteit")
    DIGITALE_VAARDIGHEDEN = "digitale_vaardigheden", _("Digitale vaardigheden")
    AMBITIES = "ambities", _("Ambities")


class Taalniveau(models.TextChoices):
    A0 = "A0", "A0"
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"
    C1 = "C1", "C1"


class Opleidingsniveau(models.TextChoices):
    GEEN = "geen", _("Geen onderwijs gevolgd")
    BASIS = "basis", _("Basisonderwijs")
    VOORTGEZET = "voortgezet", _("Voortgezet onderwijs")
    MBO = "mbo", _("Beroepsonderwijs (mbo-niveau)")
    HBO = "hbo", _("Hoger beroepsonderwijs (hbo-niveau)")
    WO = "wo", _("Universiteit (wo-niveau)")


class DiplomaWaardering(models.TextChoices):
    NIET_VAN_TOEPASSING = "nvt", _("Geen diploma")
    NIET_AANGEVRAAGD = "niet_aangevraagd", _("Nog niet aangevraagd")
    AANGEVRAAGD = "aangevraagd", _("Aangevraagd")
    GEWAARDEERD = "gewaardeerd", _("Gewaardeerd")


class Leerroute(models.TextChoices):
    B1 = "b1", _("B1-route")
    ONDERWIJS = "onderwijs", _("Onderwijsroute")
    Z = "z", _("Z-route (zelfredzaamheidsroute)")


class EersteStap(models.TextChoices):
    WERK = "werk", _("Werk")
    VRIJWILLIGERSWERK = "vrijwilligerswerk", _("Vrijwilligerswerk")
    OPLEIDING = "opleiding", _("Opleiding")
    ZORG = "zorg", _("Zorg")


# ZRM 2017: thirteen domains, each scored 1 (acute problematiek) to 5 (volledig zelfredzaam).
ZRM_DOMEINEN = [
    ("financien", _("Financiën")),
    ("werk_opleiding", _("Werk & opleiding")),
    ("tijdsbesteding", _("Tijdsbesteding")),
    ("huisvesting", _("Huisvesting")),
    ("huiselijke_relaties", _("Huiselijke relaties")),
    ("geestelijke_gezondheid", _("Geestelijke gezondheid")),
    ("lichamelijke_gezondheid", _("Lichamelijke gezondheid")),
    ("middelengebruik", _("Middelengebruik")),
    ("basale_adl", _("Basale ADL")),
    ("instrumentele_adl", _("Instrumentele ADL")),
    ("sociaal_netwerk", _("Sociaal netwerk")),
    ("maatschappelijke_participatie", _("Maatschappelijke participatie")),
    ("justitie", _("Justitie")),
]


class ZrmScore(models.IntegerChoices):
    ACUUT = 1, _("1 – acute problematiek")
    NIET_ZELFREDZAAM = 2, _("2 – niet zelfredzaam")
    BEPERKT = 3, _("3 – beperkt zelfredzaam")
    VOLDOENDE = 4, _("4 – voldoende zelfredzaam")
    VOLLEDIG = 5, _("5 – volledig zelfredzaam")


# Positieve gezondheid: six dimensions the person scores 0–10 (the spider web).
POSITIEVE_GEZONDHEID = [
    ("lichaamsfuncties", _("Lichaamsfuncties")),
    ("mentaal_welbevinden", _("Mentaal welbevinden")),
    ("zingeving", _("Zingeving")),
    ("kwaliteit_van_leven", _("Kwaliteit van leven")),
    ("meedoen", _("Meedoen")),
    ("dagelijks_functioneren", _("Dagelijks functioneren")),
]
