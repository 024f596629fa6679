import datetime
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodeStatus(models.TextChoices):
    GEPLAND = "gepland", _("Gepland")
    ACTIEF = "actief", _("Actief")
    AFBOUW = "afbouw", _("Afbouw (overdracht)")
    BEEINDIGD = "beeindigd", _("Beëindigd")


LOPEND = (PeriodeStatus.GEPLAND, PeriodeStatus.ACTIEF, PeriodeStatus.AFBOUW)


class MachtigingVorm(models.TextChoices):
    SCHRIFTELIJK = "schriftelijk", _("Ondertekend formulier")
    DIGITAAL = "digitaal", _("Digitaal ondertekend")


class LastSoort(models.TextChoices):
    HUUR = "huur", _("Huur")
    ENERGIE = "energie", _("Energie")
    WATER = "water", _("Water")
    ZORGVERZEKERING = "zorgverzekering", _("Zorgverzekering (premie)")
    AANSPRAKELIJKHEID = "aansprakelijkheid", _("Aansprakelijkheidsverzekering")
    INBOEDEL = "inboedel", _("Inboedelverzekering")
    BELASTINGEN = "belastingen", _("Gemeentelijke belastingen")
    OVERIG = "overig", _("Overig")


# What Participatiewet art. 56a obliges; the rest only where the gemeente's policy says so.
WETTELIJKE_LASTEN = (
    LastSoort.HUUR,
    LastSoort.ENERGIE,
    LastSoort.WATER,
    LastSoort.ZORGVERZEKERING,
)

# The highest monthly amount that is plausible per kind: above it is a typing error. Each can
# be set per installation (KOERS_ONTZORGING_MAXIMA).
STANDAARD_MAXIMA = {
    LastSoort.HUUR: Decimal("2500.00"),
    LastSoort.ENERGIE: Decimal("750.00"),
    LastSoort.WATER: Decimal("150.00"),
    LastSoort.ZORGVERZEKERING: Decimal("500.00"),
    LastSoort.AANSPRAKELIJKHEID: Decimal("50.00"),
    LastSoort.INBOEDEL: Decimal("100.00"),
    LastSoort.BELASTINGEN: Decimal("500.00"),
    LastSoort.OVERIG: Decimal("1000.00"),
}
# The database's own bound, whatever the configuration says.
HOOGSTE_BEDRAG = Decimal("99999.99")


class KenmerkSoort(models.TextChoices):
    BETALINGSKENMERK = "betalingskenmerk", _("Betalingskenmerk (alleen cijfers)")
    OMSCHRIJVING = "omschrijving", _("Omschrijving")


class BetalingStatus(models.TextChoices):
    GEPLAND = "gepland", _("Gepland")
    IN_BATCH = "in_batch", _("In batch")
    BETAALD = "betaald", _("Betaald")
    MISLUKT = "mislukt", _("Mislukt")


class PlanningAanleiding(models.TextChoices):
    """Why a planning run planned payments."""

    NACHT = "nacht", _("Nachtelijke planning")
    DOSSIER = "dossier", _("Vaste last of periode gewijzigd")
    BEHEER = "beheer", _("Maand gepland door functioneel beheer")


class Terugboekingsoort(models.TextChoices):
    RETOUR = "retour", _("Teruggeboekt door de bank van de crediteur")
    AFGEWEZEN = "afgewezen", _("Afgewezen door de bank vóór uitvoering")


class BatchStatus(models.TextChoices):
    SAMENGESTELD = "samengesteld", _("Samengesteld, wacht op goedkeuring")
    GOEDGEKEURD = "goedgekeurd", _("Goedgekeurd")
    GEEXPORTEERD = "geexporteerd", _("Geëxporteerd naar de bank")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


class VerwerkingStatus(models.TextChoices):
    WACHT = "wacht", _("Wacht")
    BEZIG = "bezig", _("Bezig")
    KLAAR = "klaar", _("Klaar")
    MISLUKT = "mislukt", _("Mislukt")


# Four weeks before the end the regisseur starts the handover.
OVERDRACHT_VOORAF = datetime.timedelta(weeks=4)

# SEPA's field lengths (pain.001.001.03).
SEPA_NAAM = 70
SEPA_OMSCHRIJVING = 140
SEPA_ID = 35

TERMIJN_EINDE = "ontzorgperiode"
TERMIJN_BEZWAAR = "bezwaar_ontzorging"


class Doelgroepreden(models.TextChoices):
    """Why the law does not oblige ontzorging for a person."""

    DOELGROEP = (
        "doelgroep",
        _(
            "De wettelijke ontzorging geldt voor asielstatushouders en nareizigers; deze persoon "
            "hoort bij een andere doelgroep."
        ),
    )
    NIET_PLICHTIG = (
        "niet_plichtig",
        _(
            "De persoon is niet inburgeringsplichtig: de DUO-kennisgeving of de BRP-inschrijving "
            "ontbreekt, of de leeftijd valt buiten de plicht."
        ),
    )
    GEEN_BIJSTAND = (
        "geen_bijstand",
        _("De persoon heeft geen bijstand: vul eerst ‘bijstand sinds’ in bij de gegevens."),
    )


# Lokaal beleid can widen the target group, never pay without a benefit to pay from.
OPHEFBAAR_DOOR_BELEID = (Doelgroepreden.DOELGROEP, Doelgroepreden.NIET_PLICHTIG)
