import pghistory
import pgtrigger
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from accounts.scope import Doel
from core.constraints import plausibele_datums, plausibele_momenten, tekst_hoogstens
from core.models import KoersModel
from core.storage import prive_opslag
from core.validators import plausibele_datum
from statushouders.models import Gemeente, Persoon, track_history
from statushouders.querysets import GemeenteGebondenQuerySet, PersoonGebondenQuerySet

from .constants import (
    HOOGSTE_BEDRAG,
    LOPEND,
    SEPA_ID,
    SEPA_NAAM,
    SEPA_OMSCHRIJVING,
    BatchStatus,
    BetalingStatus,
    KenmerkSoort,
    LastSoort,
    MachtigingVorm,
    PeriodeStatus,
    PlanningAanleiding,
    Terugboekingsoort,
    VerwerkingStatus,
)

TOELICHTING = 1000


def _bedrag(label, **kwargs):
    return models.DecimalField(label, max_digits=9, decimal_places=2, **kwargs)


def _eerste_van_de_maand(*velden: str) -> list[models.CheckConstraint]:
    """Months are stored as their first day, so a month compares and groups as one value."""
    return [
        models.CheckConstraint(
            condition=Q(**{f"{veld}__isnull": True}) | Q(**{f"{veld}__day": 1}),
            name=f"%(app_label)s_%(class)s_{veld}_eerste_dag",
        )
        for veld in velden
    ]


class BetaalinstellingQuerySet(GemeenteGebondenQuerySet):
    # Set and read on the beheer page of the gemeente's ontzorging settings.
    doel = Doel.BEHEER


@track_history
class Betaalinstelling(models.Model):
    """What the gemeente's functioneel beheer sets for ontzorging: the account the payments
    leave from, and whether local policy goes beyond the law."""

    gemeente = models.OneToOneField(
        Gemeente,
        on_delete=models.CASCADE,
        related_name="betaalinstelling",
        verbose_name=_("gemeente"),
    )
    rekeninghouder = models.CharField(
        _("naam rekeninghouder"),
        max_length=SEPA_NAAM,
        help_text=_("Zoals de bank de rekening van de gemeente kent."),
    )
    iban = models.CharField(_("IBAN van de gemeente"), max_length=34)
    bic = models.CharField(_("BIC"), max_length=11, blank=True)
    ruimere_doelgroep = models.BooleanField(
        _("ook buiten de wettelijke doelgroep ontzorgen"),
        default=False,
        help_text=_("Lokaal beleid: ook voor wie geen asielstatushouder of nareiziger is."),
    )
    ruimere_lasten = models.BooleanField(
        _("ook andere vaste lasten betalen"),
        default=False,
        help_text=_(
            "Lokaal beleid: ook verzekeringen, gemeentelijke belastingen en overige lasten."
        ),
    )
    beleid = models.TextField(_("beleid in het kort"), max_length=TOELICHTING, blank=True)
    # Betaalvereniging IG SCT 6.0, 2.3 BatchBooking: true asks the bank for one booking of the
    # batch's total, false for a booking per payment; left out, the contract with the bank
    # decides. The ABN AMRO addendum (2.3) adds that its contract overrules the indicator.
    batchboeking = models.BooleanField(
        _("de batch als één bedrag afschrijven (batchboeking)"),
        default=False,
        help_text=_(
            "Uit (aanbevolen): de bank boekt elke betaling apart af, zodat elke betaling met "
            "het kenmerk van Koers op het bankafschrift staat en Koers haar daar herkent. "
            "Aan: de bank boekt de hele batch als één totaalbedrag af; Koers herkent de "
            "betalingen dan alleen als de bank ze op het afschrift toch apart vermeldt. "
            "Sommige banken volgen hierin hun contract en niet het betaalbestand: spreek "
            "hetzelfde af met de bank."
        ),
    )

    objects = BetaalinstellingQuerySet.as_manager()

    class Meta:
        verbose_name = _("betaalinstelling")
        verbose_name_plural = _("betaalinstellingen")
        constraints = [*tekst_hoogstens(TOELICHTING, "beleid")]

    def __str__(self) -> str:
        return str(self.gemeente)


class PeriodeGebondenQuerySet(PersoonGebondenQuerySet):
    """What belongs to an ontzorgperiode, seen with the period's person."""

    persoon_pad = "periode__persoon"


class BetalingQuerySet(PersoonGebondenQuerySet):
    persoon_pad = "vaste_last__periode__persoon"


class BatchregelQuerySet(GemeenteGebondenQuerySet):
    gemeente_pad = "batch__gemeente"


@track_history
class Ontzorgperiode(KoersModel):
    """The months in which the gemeente pays a person's (or household's) fixed costs from the
    benefit straight to the creditors. The end date lives in the `ontzorgperiode` deadline."""

    persoon = models.ForeignKey(
        Persoon,
        on_delete=models.PROTECT,
        related_name="ontzorgperiodes",
        verbose_name=_("persoon"),
    )
    voor_huishouden = models.BooleanField(
        _("voor het hele huishouden"),
        default=False,
        help_text=_("Als de uitkering per huishouden is: één periode voor alle leden."),
    )
    start_bijstand = models.DateField(_("start bijstand"), validators=[plausibele_datum])
    status = models.CharField(
        _("status"), max_length=12, choices=PeriodeStatus.choices, default=PeriodeStatus.GEPLAND
    )
    lokaal_beleid = models.BooleanField(
        _("op grond van lokaal beleid"),
        default=False,
        help_text=_("De persoon valt buiten de wettelijke doelgroep; de gemeente ontzorgt toch."),
    )
    machtiging_op = models.DateField(
        _("machtiging getekend op"), null=True, blank=True, validators=[plausibele_datum]
    )
    machtiging_vorm = models.CharField(
        _("vorm van de machtiging"), max_length=12, choices=MachtigingVorm.choices, blank=True
    )
    beschikking_op = models.DateField(
        _("besluit bekendgemaakt op"),
        null=True,
        blank=True,
        validators=[plausibele_datum],
        help_text=_("Vanaf deze dag loopt de bezwaartermijn."),
    )
    budgetcoaching = models.ForeignKey(
        "partners.Verwijzing",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("budgetcoaching (verwijzing)"),
    )
    overdracht_gemeld_op = models.DateField(null=True, blank=True, editable=False)
    beeindigd_op = models.DateField(
        _("beëindigd op"), null=True, blank=True, validators=[plausibele_datum]
    )
    beeindiging_reden = models.CharField(_("reden van beëindiging"), max_length=300, blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )

    objects = PersoonGebondenQuerySet.as_manager()

    class Meta:
        verbose_name = _("ontzorgperiode")
        verbose_name_plural = _("ontzorgperiodes")
        ordering = ["-start_bijstand", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["persoon"],
                condition=Q(status__in=LOPEND),
                name="ontzorgperiode_een_lopende_per_persoon",
            ),
            models.CheckConstraint(
                condition=Q(machtiging_op__isnull=True, machtiging_vorm="")
                | (Q(machtiging_op__isnull=False) & ~Q(machtiging_vorm="")),
                name="ontzorgperiode_machtiging_met_vorm",
            ),
            models.CheckConstraint(
                condition=~Q(status=PeriodeStatus.BEEINDIGD) | Q(beeindigd_op__isnull=False),
                name="ontzorgperiode_beeindigd_met_datum",
            ),
            models.CheckConstraint(
                condition=Q(beeindigd_op__isnull=True) | Q(beeindigd_op__gte=F("start_bijstand")),
                name="ontzorgperiode_einde_na_start",
            ),
            *plausibele_datums(
                "start_bijstand",
                "machtiging_op",
                "beschikking_op",
                "overdracht_gemeld_op",
                "beeindigd_op",
            ),
            *plausibele_momenten("updated_at", "created_at"),
        ]

    def __str__(self) -> str:
        return _("Ontzorgperiode vanaf %(datum)s") % {"datum": f"{self.start_bijstand:%d-%m-%Y}"}

    @property
    def termijn_sleutel(self) -> str:
        return str(self.uuid)

    @property
    def heeft_machtiging(self) -> bool:
        return self.machtiging_op is not None

    @property
    def is_beeindigd(self) -> bool:
        """An ended period changes no more: every write to it or its lasten checks this."""
        return self.status == PeriodeStatus.BEEINDIGD


@track_history
class Verlenging(models.Model):
    """A decision that the period lasts longer than its minimum."""

    periode = models.ForeignKey(
        Ontzorgperiode, on_delete=models.CASCADE, related_name="verlengingen"
    )
    tot = models.DateField(_("nieuwe einddatum"), validators=[plausibele_datum])
    besluit_op = models.DateField(_("besluit genomen op"), validators=[plausibele_datum])
    reden = models.CharField(_("reden"), max_length=300)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PeriodeGebondenQuerySet.as_manager()

    class Meta:
        verbose_name = _("verlenging")
        verbose_name_plural = _("verlengingen")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(reden=""), name="verlenging_met_reden"),
            *plausibele_datums("tot", "besluit_op"),
            *plausibele_momenten("created_at"),
        ]

    def __str__(self) -> str:
        return _("Verlengd tot %(datum)s") % {"datum": f"{self.tot:%d-%m-%Y}"}


@track_history
class VasteLast(KoersModel):
    periode = models.ForeignKey(Ontzorgperiode, on_delete=models.PROTECT, related_name="lasten")
    soort = models.CharField(_("soort"), max_length=20, choices=LastSoort.choices)
    crediteur = models.CharField(_("naam crediteur"), max_length=SEPA_NAAM)
    iban = models.CharField(_("IBAN crediteur"), max_length=34)
    bic = models.CharField(
        _("BIC"), max_length=11, blank=True, help_text=_("Leeg laten: Koers leidt de BIC af.")
    )
    kenmerk_soort = models.CharField(
        _("soort kenmerk"),
        max_length=20,
        choices=KenmerkSoort.choices,
        default=KenmerkSoort.OMSCHRIJVING,
    )
    kenmerk = models.CharField(
        _("betalingskenmerk of omschrijving"),
        max_length=SEPA_OMSCHRIJVING,
        help_text=_("Wat de crediteur nodig heeft om de betaling te herkennen (klantnummer)."),
    )
    maandbedrag = _bedrag(_("bedrag per maand"))
    eerste_maand = models.DateField(_("eerste maand"), validators=[plausibele_datum])
    laatste_maand = models.DateField(_("laatste maand"), validators=[plausibele_datum])
    # The handover checklist: the month the person pays this last themselves, and when the
    # regisseur checked it is arranged.
    overname_maand = models.DateField(
        _("persoon betaalt zelf vanaf"), null=True, blank=True, validators=[plausibele_datum]
    )
    overname_geregeld_op = models.DateField(
        _("overname geregeld op"), null=True, blank=True, validators=[plausibele_datum]
    )

    objects = PeriodeGebondenQuerySet.as_manager()

    class Meta:
        verbose_name = _("vaste last")
        verbose_name_plural = _("vaste lasten")
        ordering = ["soort", "eerste_maand", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(maandbedrag__gt=0, maandbedrag__lte=HOOGSTE_BEDRAG),
                name="vastelast_bedrag_positief",
            ),
            models.CheckConstraint(
                condition=Q(laatste_maand__gte=F("eerste_maand")),
                name="vastelast_laatste_na_eerste",
            ),
            models.CheckConstraint(
                condition=Q(overname_maand__isnull=True) | Q(overname_maand__gt=F("eerste_maand")),
                name="vastelast_overname_na_eerste",
            ),
            models.CheckConstraint(condition=~Q(kenmerk=""), name="vastelast_met_kenmerk"),
            *_eerste_van_de_maand("eerste_maand", "laatste_maand", "overname_maand"),
            *plausibele_datums(
                "eerste_maand", "laatste_maand", "overname_maand", "overname_geregeld_op"
            ),
            *plausibele_momenten("updated_at", "created_at"),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} — {self.crediteur}"

    def clean(self) -> None:
        """The reference's rules (a betalingskenmerk's check digit) for any form built on the
        model; the service checks the same with the same function."""
        from .geld import kenmerk_controleren

        super().clean()
        if self.kenmerk_soort in KenmerkSoort.values and self.kenmerk:
            try:
                self.kenmerk = kenmerk_controleren(self.kenmerk, soort=self.kenmerk_soort)
            except ValidationError as fout:
                raise ValidationError({"kenmerk": fout.messages}) from None

    @property
    def eenmalig(self) -> bool:
        return self.eerste_maand == self.laatste_maand


class Betalingsplanning(models.Model):
    """One planning run: when, why, by whom, up to which month, and how many payments it
    planned (and how many of those were late). It is the audit of a planned payment: every
    Betaling names the run that planned it, so a night that plans tens of thousands costs one
    row here instead of a history row each. Append-only."""

    # Read by `koers_databaserol`: the application role gets SELECT and INSERT only.
    alleen_toevoegen = True

    moment = models.DateTimeField(_("moment"), auto_now_add=True)
    aanleiding = models.CharField(
        _("aanleiding"), max_length=10, choices=PlanningAanleiding.choices
    )
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    gemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemeente"),
    )
    tot_maand = models.DateField(_("tot en met maand"))
    aantal = models.PositiveIntegerField(_("betalingen gepland"))
    ingehaald = models.PositiveIntegerField(
        _("waarvan ingehaald"),
        help_text=_("Betalingen van maanden die eerder gepland hadden moeten zijn."),
    )

    # A run for every gemeente at once names none, and so is nobody's to see.
    objects = GemeenteGebondenQuerySet.as_manager()

    class Meta:
        verbose_name = _("planning van betalingen")
        verbose_name_plural = _("planningen van betalingen")
        ordering = ["-moment", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ingehaald__lte=F("aantal")), name="betalingsplanning_ingehaald"
            ),
            *_eerste_van_de_maand("tot_maand"),
            *plausibele_momenten("moment"),
        ]
        triggers = [
            pgtrigger.Protect(name="betalingsplanning_vast", operation=pgtrigger.Update),
            pgtrigger.Protect(name="betalingsplanning_blijft", operation=pgtrigger.Delete),
        ]

    def __str__(self) -> str:
        return f"{self.moment:%d-%m-%Y %H:%M} {self.aanleiding} {self.aantal}"


# A planned payment's creation is audited by its Betalingsplanning, not a history row each (a
# night plans tens of thousands); every change after that, and a removal, is kept per row.
@pghistory.track(pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Betaling(models.Model):
    """One month of one vaste last. There is never a second for the same month: a failed one
    is planned again as itself."""

    vaste_last = models.ForeignKey(VasteLast, on_delete=models.PROTECT, related_name="betalingen")
    maand = models.DateField(_("maand"), validators=[plausibele_datum])
    planning = models.ForeignKey(
        Betalingsplanning,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="betalingen",
        verbose_name=_("gepland bij"),
    )
    bedrag = _bedrag(_("bedrag"))
    status = models.CharField(
        _("status"), max_length=10, choices=BetalingStatus.choices, default=BetalingStatus.GEPLAND
    )
    pogingen = models.PositiveSmallIntegerField(_("pogingen"), default=1)
    reden_mislukt = models.CharField(_("reden mislukt"), max_length=300, blank=True)
    betaald_op = models.DateField(_("betaald op"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = BetalingQuerySet.as_manager()

    class Meta:
        verbose_name = _("betaling")
        verbose_name_plural = _("betalingen")
        ordering = ["maand", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["vaste_last", "maand"], name="betaling_een_per_last_per_maand"
            ),
            models.CheckConstraint(
                condition=Q(bedrag__gt=0, bedrag__lte=HOOGSTE_BEDRAG),
                name="betaling_bedrag_positief",
            ),
            models.CheckConstraint(
                condition=~Q(status=BetalingStatus.MISLUKT) | ~Q(reden_mislukt=""),
                name="betaling_mislukt_met_reden",
            ),
            models.CheckConstraint(
                condition=Q(pogingen__gte=1, pogingen__lte=12), name="betaling_pogingen_bereik"
            ),
            *_eerste_van_de_maand("maand"),
            *plausibele_datums("maand", "betaald_op"),
            *plausibele_momenten("created_at"),
        ]
        indexes = [models.Index(fields=["status", "maand"], name="betaling_status_maand")]

    def __str__(self) -> str:
        return f"{self.vaste_last} {self.maand:%m-%Y}"


@track_history
@pgtrigger.register(
    # Once exported, the file the bank received is the truth: nothing may change it.
    pgtrigger.Trigger(
        name="geexporteerd_onveranderlijk",
        operation=pgtrigger.Update | pgtrigger.Delete,
        when=pgtrigger.Before,
        condition=pgtrigger.Q(old__geexporteerd_op__isnull=False),
        func="RAISE EXCEPTION 'Een geëxporteerde betaalbatch kan niet meer veranderen.'; "
        "RETURN NULL;",
    ),
    # Four eyes in the database too: the approver is an active teamleider.
    pgtrigger.Trigger(
        name="goedkeurder_is_teamleider",
        operation=pgtrigger.Insert | pgtrigger.Update,
        when=pgtrigger.Before,
        condition=pgtrigger.Q(new__goedgekeurd_door__isnull=False),
        func="""
            IF NOT EXISTS (
                SELECT 1 FROM accounts_user
                WHERE id = NEW.goedgekeurd_door_id AND rol = 'teamleider' AND is_active
            ) THEN
                RAISE EXCEPTION 'Alleen een teamleider kan een betaalbatch goedkeuren.';
            END IF;
            RETURN NEW;
        """,
    ),
)
class Betaalbatch(KoersModel):
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="betaalbatches", verbose_name=_("gemeente")
    )
    status = models.CharField(
        _("status"), max_length=14, choices=BatchStatus.choices, default=BatchStatus.SAMENGESTELD
    )
    uitvoerdatum = models.DateField(_("uitvoerdatum"), validators=[plausibele_datum])
    samengesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    samengesteld_op = models.DateTimeField(auto_now_add=True)
    goedgekeurd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    goedgekeurd_op = models.DateTimeField(null=True, blank=True)
    # How many lines carried a warning when the approver confirmed having seen them all.
    goedgekeurd_met_waarschuwingen = models.PositiveIntegerField(default=0)
    ingetrokken_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    intrekking_reden = models.CharField(_("reden van intrekken"), max_length=300, blank=True)
    ingetrokken_op = models.DateTimeField(null=True, blank=True)
    aantal = models.PositiveIntegerField(_("aantal betalingen"), default=0)
    totaal = models.DecimalField(_("totaal"), max_digits=14, decimal_places=2, default=0)
    export_status = models.CharField(
        max_length=8, choices=VerwerkingStatus.choices, blank=True, default=""
    )
    export_voortgang = models.PositiveSmallIntegerField(default=0)
    bericht_id = models.CharField(max_length=SEPA_ID, blank=True)
    sepa_xml = models.TextField(blank=True)
    geexporteerd_op = models.DateTimeField(null=True, blank=True)

    objects = GemeenteGebondenQuerySet.as_manager()

    class Meta:
        verbose_name = _("betaalbatch")
        verbose_name_plural = _("betaalbatches")
        ordering = ["-samengesteld_op", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(goedgekeurd_door__isnull=True)
                | ~Q(goedgekeurd_door=F("samengesteld_door")),
                name="betaalbatch_vier_ogen",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[BatchStatus.GOEDGEKEURD, BatchStatus.GEEXPORTEERD])
                | Q(goedgekeurd_door__isnull=False, goedgekeurd_op__isnull=False),
                name="betaalbatch_goedgekeurd_door_iemand",
            ),
            models.CheckConstraint(
                condition=~Q(status=BatchStatus.GEEXPORTEERD)
                | (Q(geexporteerd_op__isnull=False) & ~Q(sepa_xml="")),
                name="betaalbatch_export_met_bestand",
            ),
            models.CheckConstraint(
                condition=Q(export_voortgang__lte=100), name="betaalbatch_voortgang_bereik"
            ),
            *plausibele_datums("uitvoerdatum"),
            *plausibele_momenten(
                "created_at",
                "updated_at",
                "samengesteld_op",
                "goedgekeurd_op",
                "geexporteerd_op",
                "ingetrokken_op",
            ),
        ]

    def __str__(self) -> str:
        return _("Betaalbatch van %(datum)s") % {"datum": f"{self.uitvoerdatum:%d-%m-%Y}"}

    @property
    def nummer(self) -> str:
        return str(self.uuid)[:8]


@pgtrigger.register(
    pgtrigger.Trigger(
        name="batch_geexporteerd_onveranderlijk",
        operation=pgtrigger.Insert | pgtrigger.Update | pgtrigger.Delete,
        when=pgtrigger.Before,
        func="""
            IF EXISTS (
                SELECT 1 FROM ontzorging_betaalbatch
                WHERE id = COALESCE(NEW.batch_id, OLD.batch_id) AND geexporteerd_op IS NOT NULL
            ) THEN
                RAISE EXCEPTION 'Een geëxporteerde betaalbatch kan niet meer veranderen.';
            END IF;
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            RETURN NEW;
        """,
    ),
)
class Batchregel(models.Model):
    """A payment as it went into a batch: what the bank was asked to pay, kept as it was."""

    batch = models.ForeignKey(Betaalbatch, on_delete=models.PROTECT, related_name="regels")
    betaling = models.ForeignKey(Betaling, on_delete=models.PROTECT, related_name="batchregels")
    bedrag = _bedrag(_("bedrag"))
    crediteur = models.CharField(max_length=SEPA_NAAM)
    iban = models.CharField(max_length=34)
    bic = models.CharField(max_length=11, blank=True)
    # A betalingskenmerk goes to the bank as structured remittance, anything else as text.
    kenmerk_soort = models.CharField(
        max_length=20, choices=KenmerkSoort.choices, default=KenmerkSoort.OMSCHRIJVING
    )
    kenmerk = models.CharField(max_length=SEPA_OMSCHRIJVING)
    end_to_end_id = models.CharField(max_length=SEPA_ID, unique=True)

    objects = BatchregelQuerySet.as_manager()

    class Meta:
        verbose_name = _("batchregel")
        verbose_name_plural = _("batchregels")
        ordering = ["crediteur", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["batch", "betaling"], name="batchregel_betaling_eenmaal_per_batch"
            ),
            models.CheckConstraint(
                condition=Q(bedrag__gt=0, bedrag__lte=HOOGSTE_BEDRAG),
                name="batchregel_bedrag_positief",
            ),
        ]

    def __str__(self) -> str:
        return self.end_to_end_id


@track_history
class Afschrift(KoersModel):
    """A bank statement (camt.053) or status report (pain.002) read in to mark payments paid
    or failed."""

    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="afschriften", verbose_name=_("gemeente")
    )
    bestand = models.FileField(
        _("afschrift (camt.053)"), storage=prive_opslag, upload_to="afschriften/%Y/%m/"
    )
    bestandsnaam = models.CharField(max_length=255)
    afschrift_id = models.CharField(max_length=35, blank=True)
    ingelezen_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    ingelezen_op = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        max_length=8, choices=VerwerkingStatus.choices, default=VerwerkingStatus.WACHT
    )
    voortgang = models.PositiveSmallIntegerField(default=0)
    regels = models.PositiveIntegerField(default=0)
    betaald = models.PositiveIntegerField(default=0)
    mislukt = models.PositiveIntegerField(default=0)
    # Lines of payments an earlier statement already settled: counted, not changed again.
    al_verwerkt = models.PositiveIntegerField(default=0)
    # Lines that match no payment of this gemeente: listed for a person to look at, never
    # guessed.
    niet_gevonden = models.JSONField(default=list, blank=True)
    foutmelding = models.CharField(max_length=300, blank=True)
    # The message it turned out to be, with its version: camt.053.001.02, pain.002.001.03.
    berichttype = models.CharField(max_length=20, blank=True)
    # What the user should know besides the counts: an account skipped, a statement without
    # entries.
    meldingen = models.JSONField(default=list, blank=True)

    objects = GemeenteGebondenQuerySet.as_manager()

    class Meta:
        verbose_name = _("bankafschrift")
        verbose_name_plural = _("bankafschriften")
        ordering = ["-ingelezen_op", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "afschrift_id"],
                condition=~Q(afschrift_id="") & ~Q(status=VerwerkingStatus.MISLUKT),
                name="afschrift_eenmaal_ingelezen",
            ),
            models.CheckConstraint(condition=Q(voortgang__lte=100), name="afschrift_voortgang"),
            *plausibele_momenten("created_at", "updated_at", "ingelezen_op"),
        ]

    def __str__(self) -> str:
        return self.bestandsnaam


class VerwerkteBoeking(models.Model):
    """An entry of a statement Koers has processed, by the bank's reference for it (or, where
    the bank gives none, by what the entry is). A statement downloaded again, or one that
    overlaps the previous, finds its entries here and changes nothing a second time."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    rekening = models.CharField(max_length=34)
    sleutel = models.CharField(max_length=80)
    afschrift = models.ForeignKey(
        Afschrift, on_delete=models.PROTECT, related_name="verwerkte_boekingen"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = GemeenteGebondenQuerySet.as_manager()

    class Meta:
        verbose_name = _("verwerkte boeking")
        verbose_name_plural = _("verwerkte boekingen")
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "rekening", "sleutel"], name="verwerkteboeking_eenmaal"
            ),
            *plausibele_momenten("created_at"),
        ]

    def __str__(self) -> str:
        return f"{self.rekening} {self.sleutel}"


class TerugboekingQuerySet(GemeenteGebondenQuerySet):
    gemeente_pad = "batchregel__batch__gemeente"


@track_history
class Terugboeking(models.Model):
    """A transfer that did not reach the creditor: returned after execution (the statement
    credits the money back, less any charges) or rejected before it (the status report).
    A transfer fails once; a payment sent again is a new transfer."""

    batchregel = models.OneToOneField(
        Batchregel, on_delete=models.PROTECT, related_name="terugboeking"
    )
    soort = models.CharField(_("soort"), max_length=10, choices=Terugboekingsoort.choices)
    reden_code = models.CharField(_("redencode"), max_length=4, blank=True)
    reden = models.CharField(_("reden"), max_length=300)
    bedrag_terug = _bedrag(_("bedrag terug"), null=True, blank=True)
    kosten = _bedrag(_("kosten ingehouden"), default=0)
    boekdatum = models.DateField(_("boekdatum"), null=True, blank=True)
    afschrift = models.ForeignKey(
        Afschrift, on_delete=models.PROTECT, related_name="terugboekingen"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TerugboekingQuerySet.as_manager()

    class Meta:
        verbose_name = _("terugboeking")
        verbose_name_plural = _("terugboekingen")
        constraints = [
            models.CheckConstraint(
                condition=Q(kosten__gte=0)
                & (Q(bedrag_terug__isnull=True) | Q(bedrag_terug__gte=0)),
                name="terugboeking_bedragen_niet_negatief",
            ),
            models.CheckConstraint(condition=~Q(reden=""), name="terugboeking_met_reden"),
            *plausibele_datums("boekdatum"),
            *plausibele_momenten("created_at"),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()}: {self.reden}"


__all__ = [
    "Afschrift",
    "Batchregel",
    "Betaalbatch",
    "Betaalinstelling",
    "Betaling",
    "Betalingsplanning",
    "Ontzorgperiode",
    "Terugboeking",
    "VasteLast",
    "Verlenging",
    "VerwerkteBoeking",
]
