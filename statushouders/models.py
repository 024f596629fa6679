import datetime

import pghistory
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.scope import Doel, gemeenten
from core.constraints import (
    LANGE_TEKST,
    Bereikcontrole,
    plausibele_datums,
    plausibele_momenten,
    tekst_hoogstens,
)
from core.keuzes import keuzelabel
from core.models import KoersModel
from core.storage import prive_opslag
from core.validators import (
    BSNValidator,
    PostcodeValidator,
    contactmoment_moment,
    niet_in_toekomst,
    plausibele_datum,
    telefoon_validator,
    v_nummer_validator,
)
from core.zoeken import naam_sleutels, normaal

from .constants import (
    Bestandsgroep,
    ContactSoort,
    Doelgroep,
    DossierMutatie,
    Geslacht,
    Relatie,
    Uitstroomreden,
)
from .querysets import GemeenteGebondenQuerySet, PersoonGebondenQuerySet


# Every change of a dossier row is kept by database triggers, so bulk updates and raw SQL are
# recorded too; the request's user and URL come along through pghistory's middleware.
def track_history(model):
    # Fresh trackers per model: a tracker binds itself to the first model it tracks.
    return pghistory.track(
        pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent()
    )(model)


class GemeenteQuerySet(models.QuerySet):
    def visible_to(self, user, doel: Doel = Doel.DOSSIER) -> "GemeenteQuerySet":
        """The gemeenten `user` may act on for `doel`: their dossiers' gemeenten by default."""
        return self & gemeenten(user, doel)


class Gemeente(models.Model):
    naam = models.CharField(_("naam"), max_length=100, unique=True)
    cbs_code = models.CharField(
        _("CBS-gemeentecode"), max_length=6, unique=True, help_text=_("Bijvoorbeeld GM0988.")
    )
    # How long a closed dossier is kept, as functioneel beheer reads it from the gemeente's
    # archive selection list. Empty: not decided yet, and then nothing is ever purged.
    bewaartermijn_jaren = models.PositiveSmallIntegerField(
        _("bewaartermijn (jaren)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("Jaren na het afsluiten van een dossier; leeg laten zolang niet besloten."),
    )
    selectielijst_categorie = models.CharField(
        _("grondslag in de selectielijst"),
        max_length=300,
        blank=True,
        help_text=_(
            "Bijvoorbeeld: Selectielijst gemeenten en intergemeentelijke organen 2020, "
            "categorie en omschrijving."
        ),
    )

    objects = GemeenteQuerySet.as_manager()

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["naam"]
        constraints = [
            models.CheckConstraint(
                condition=Q(bewaartermijn_jaren__isnull=True)
                | Q(bewaartermijn_jaren__gte=1, bewaartermijn_jaren__lte=120),
                name="gemeente_bewaartermijn_plausibel",
            ),
            models.CheckConstraint(
                condition=Q(bewaartermijn_jaren__isnull=True) | ~Q(selectielijst_categorie=""),
                name="gemeente_bewaartermijn_met_grondslag",
            ),
        ]

    def __str__(self) -> str:
        return self.naam


# Setting the retention period is a decision of functioneel beheer: kept like a dossier change.
pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(
        "bewaartermijn",
        condition=pghistory.AnyChange("bewaartermijn_jaren", "selectielijst_categorie"),
    ),
    fields=["naam", "bewaartermijn_jaren", "selectielijst_categorie"],
    model_name="BewaartermijnWijziging",
)(Gemeente)


class PersoonQuerySet(GemeenteGebondenQuerySet):
    """`visible_to(user)`: persons whose dossier this user may open, those of the user's own
    gemeenten; every row of a person follows it (`PersoonGebondenQuerySet`)."""


@track_history
class Huishouden(KoersModel):
    gemeente = models.ForeignKey(
        Gemeente, verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="huishoudens"
    )
    naam = models.CharField(
        _("naam"), max_length=120, help_text=_("Bijvoorbeeld: Huishouden Al-Hassan.")
    )
    # The person the household is known by; with the place it tells two "Huishouden Sabbagh"
    # apart.
    hoofdpersoon = models.ForeignKey(
        "Persoon",
        verbose_name=_("hoofdpersoon"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = GemeenteGebondenQuerySet.as_manager()

    class Meta:
        constraints = [
            *plausibele_momenten("updated_at", "created_at"),
        ]
        verbose_name = _("huishouden")
        verbose_name_plural = _("huishoudens")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam

    def omschrijving(self) -> str:
        """Name, main person and place: "Huishouden Sabbagh (Ahmad Sabbagh, Weert)". Load
        `hoofdpersoon` and `gemeente` with the household when listing many."""
        plaats = (self.hoofdpersoon and self.hoofdpersoon.woonplaats) or self.gemeente.naam
        if self.hoofdpersoon:
            return f"{self.naam} ({self.hoofdpersoon.naam}, {plaats})"
        return f"{self.naam} ({plaats})"


@track_history
class Persoon(KoersModel):
    gemeente = models.ForeignKey(
        Gemeente, verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="personen"
    )
    huishouden = models.ForeignKey(
        Huishouden,
        verbose_name=_("huishouden"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="leden",
    )

    # Unique per installation; empty (NULL) while the person is not yet in the BRP.
    bsn = models.CharField(
        _("BSN"),
        max_length=9,
        null=True,
        blank=True,
        unique=True,
        validators=[BSNValidator()],
        error_messages={"unique": _("Er is al een persoon met dit BSN.")},
        help_text=_("9 cijfers. Leeg laten zolang de persoon nog niet in de BRP staat."),
    )
    v_nummer = models.CharField(
        _("V-nummer"),
        max_length=10,
        null=True,
        blank=True,
        unique=True,
        validators=[v_nummer_validator],
        error_messages={"unique": _("Er is al een persoon met dit V-nummer.")},
        help_text=_("Vreemdelingennummer van de IND: 10 cijfers."),
    )
    voornamen = models.CharField(_("voornamen"), max_length=200)
    achternaam = models.CharField(_("achternaam"), max_length=200)
    geboortedatum = models.DateField(
        _("geboortedatum"), validators=[plausibele_datum, niet_in_toekomst]
    )
    geslacht = models.CharField(_("geslacht"), max_length=1, choices=Geslacht.choices)
    nationaliteit = models.CharField(_("nationaliteit"), max_length=60)
    talen = models.CharField(
        _("talen"), max_length=200, blank=True, help_text=_("Bijvoorbeeld: Arabisch, Engels.")
    )
    voorkeurstaal = models.CharField(_("voorkeurstaal"), max_length=60, blank=True)
    doelgroep = models.CharField(_("doelgroep"), max_length=20, choices=Doelgroep.choices)

    azc = models.CharField(_("AZC"), max_length=120, blank=True)
    # What happened is recorded once it happened: a date in the future would start deadlines
    # (or mark them met) on a guess.
    verblijfsvergunning_datum = models.DateField(
        _("datum verblijfsvergunning"),
        null=True,
        blank=True,
        validators=[plausibele_datum, niet_in_toekomst],
    )
    koppeling_datum = models.DateField(
        _("datum koppeling"), null=True, blank=True, validators=[plausibele_datum, niet_in_toekomst]
    )
    woning_aangeboden_op = models.DateField(
        _("woning aangeboden op"),
        null=True,
        blank=True,
        validators=[plausibele_datum, niet_in_toekomst],
    )
    huisvesting_datum = models.DateField(
        _("datum huisvesting"),
        null=True,
        blank=True,
        validators=[plausibele_datum, niet_in_toekomst],
    )
    brp_inschrijving_op = models.DateField(
        _("ingeschreven in de BRP op"),
        null=True,
        blank=True,
        validators=[plausibele_datum, niet_in_toekomst],
    )
    duo_kennisgeving_op = models.DateField(
        _("kennisgeving DUO ontvangen op"),
        null=True,
        blank=True,
        validators=[plausibele_datum, niet_in_toekomst],
        help_text=_("De dag dat DUO liet weten dat de persoon inburgeringsplichtig is."),
    )
    bijstand_sinds = models.DateField(
        _("bijstand sinds"),
        null=True,
        blank=True,
        validators=[plausibele_datum, niet_in_toekomst],
        help_text=_(
            "Start van de bijstandsuitkering. Voor asielstatushouders en nareizigers telt de "
            "ontzorgperiode (Participatiewet art. 56a) hiervandaan."
        ),
    )
    straat = models.CharField(_("straat"), max_length=120, blank=True)
    huisnummer = models.CharField(_("huisnummer"), max_length=12, blank=True)
    postcode = models.CharField(
        _("postcode"), max_length=7, blank=True, validators=[PostcodeValidator()]
    )
    woonplaats = models.CharField(_("woonplaats"), max_length=80, blank=True)

    telefoon = models.CharField(
        _("telefoonnummer"), max_length=20, blank=True, validators=[telefoon_validator]
    )
    email = models.EmailField(_("e-mailadres"), blank=True)

    regisseur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("regisseur"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dossiers",
    )
    bestandsgroep = models.CharField(
        _("bestandsgroep"),
        max_length=20,
        choices=Bestandsgroep.choices,
        default=Bestandsgroep.INTAKE,
    )
    # Set by closing the dossier (uitstroom), cleared by reopening; each step is also a row in
    # DossierAfsluiting with who, when and why.
    afgesloten_op = models.DateField(
        _("dossier afgesloten op"), null=True, blank=True, validators=[plausibele_datum]
    )
    uitstroomreden = models.CharField(
        _("reden van afsluiten"), max_length=30, choices=Uitstroomreden.choices, blank=True
    )

    objects = PersoonQuerySet.as_manager()

    class Meta:
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")
        ordering = ["achternaam", "voornamen", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(bsn__isnull=True) | Q(bsn__regex=r"^[0-9]{9}$"),
                name="persoon_bsn_negen_cijfers",
            ),
            models.CheckConstraint(
                condition=Q(v_nummer__isnull=True) | Q(v_nummer__regex=r"^[0-9]{10}$"),
                name="persoon_v_nummer_tien_cijfers",
            ),
            models.CheckConstraint(
                condition=Q(huisvesting_datum__isnull=True)
                | Q(koppeling_datum__isnull=True)
                | Q(huisvesting_datum__gte=F("koppeling_datum")),
                name="persoon_huisvesting_niet_voor_koppeling",
                violation_error_message=_("De huisvesting kan niet vóór de koppeling liggen."),
            ),
            models.CheckConstraint(
                condition=Q(afgesloten_op__isnull=True, uitstroomreden="")
                | (Q(afgesloten_op__isnull=False) & ~Q(uitstroomreden="")),
                name="persoon_afgesloten_met_reden",
            ),
            models.CheckConstraint(
                condition=Q(koppeling_datum__isnull=True)
                | Q(koppeling_datum__gte=F("geboortedatum")),
                name="persoon_koppeling_niet_voor_geboorte",
                violation_error_message=_("De koppeling kan niet vóór de geboortedatum liggen."),
            ),
            *plausibele_datums(
                "geboortedatum",
                "verblijfsvergunning_datum",
                "koppeling_datum",
                "woning_aangeboden_op",
                "huisvesting_datum",
                "brp_inschrijving_op",
                "duo_kennisgeving_op",
                "bijstand_sinds",
                "afgesloten_op",
            ),
            *plausibele_momenten("created_at", "updated_at"),
        ]
        indexes = [
            models.Index(fields=["gemeente", "achternaam", "voornamen"]),
            # Counting a filtered list of running dossiers from the index alone.
            models.Index(
                fields=["gemeente", "bestandsgroep", "doelgroep"],
                condition=Q(afgesloten_op__isnull=True),
                name="persoon_lopend_per_groep",
            ),
            models.Index(fields=["regisseur"]),
            # The list in Dutch alphabetical order (Ş with S, É with E), read from the index.
            # It holds the columns the list filters on too, so a page deep in the list is
            # found by reading the index alone (an index-only scan), not 50,000 rows.
            models.Index(
                *naam_sleutels(),
                F("id"),
                name="persoon_sorteernaam",
                include=[
                    "achternaam",
                    "voornamen",
                    "gemeente",
                    "afgesloten_op",
                    "bestandsgroep",
                    "doelgroep",
                    "regisseur",
                ],
            ),
            # Searching part of a name or BSN (LIKE '%...%') through trigram indexes.
            GinIndex(
                OpClass(normaal("achternaam"), name="gin_trgm_ops"), name="persoon_achternaam_trgm"
            ),
            GinIndex(
                OpClass(normaal("voornamen"), name="gin_trgm_ops"), name="persoon_voornamen_trgm"
            ),
            GinIndex(fields=["bsn"], opclasses=["gin_trgm_ops"], name="persoon_bsn_trgm"),
        ]

    def __str__(self) -> str:
        return self.naam

    def get_absolute_url(self) -> str:
        return reverse("dossier:persoon-detail", kwargs={"uuid": self.uuid})

    # The labels by the enum, not Django's generated method, which builds a dictionary of
    # every (translated) choice on each call: 25 rows of a list paid for that twice.
    def get_doelgroep_display(self) -> str:
        return keuzelabel(Doelgroep, self.doelgroep)

    def get_bestandsgroep_display(self) -> str:
        return keuzelabel(Bestandsgroep, self.bestandsgroep)

    def clean(self) -> None:
        errors = {}
        if (
            self.huisvesting_datum
            and self.koppeling_datum
            and self.huisvesting_datum < self.koppeling_datum
        ):
            errors["huisvesting_datum"] = _(
                "De datum huisvesting ligt vóór de datum koppeling (%(koppeling)s). "
                "Iemand wordt pas gehuisvest na de koppeling."
            ) % {"koppeling": self.koppeling_datum.strftime("%d-%m-%Y")}
        if self.geboortedatum:
            for veld in (
                "verblijfsvergunning_datum",
                "koppeling_datum",
                "woning_aangeboden_op",
                "huisvesting_datum",
                "brp_inschrijving_op",
                "duo_kennisgeving_op",
                "bijstand_sinds",
            ):
                datum = getattr(self, veld)
                if datum and datum < self.geboortedatum:
                    errors[veld] = _("Deze datum ligt vóór de geboortedatum.")
        if (
            self.huishouden_id
            and self.gemeente_id
            and self.huishouden.gemeente_id != self.gemeente_id
        ):
            errors["huishouden"] = _("Dit huishouden hoort bij een andere gemeente.")
        if errors:
            raise ValidationError(errors)

    @property
    def naam(self) -> str:
        return f"{self.voornamen} {self.achternaam}"

    @property
    def is_afgesloten(self) -> bool:
        return self.afgesloten_op is not None

    @property
    def adres(self) -> str:
        if not self.straat:
            return ""
        return f"{self.straat} {self.huisnummer}, {self.postcode} {self.woonplaats}".strip()


@track_history
class Gezinsrelatie(models.Model):
    """`gezinslid` is `relatie` of `persoon` (a kind of, a partner of …); both dossiers show
    it, each from its own side."""

    persoon = models.ForeignKey(
        Persoon, verbose_name=_("persoon"), on_delete=models.CASCADE, related_name="relaties"
    )
    gezinslid = models.ForeignKey(
        Persoon,
        verbose_name=_("gezinslid"),
        on_delete=models.CASCADE,
        related_name="relaties_als_gezinslid",
    )
    relatie = models.CharField(_("relatie"), max_length=20, choices=Relatie.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PersoonGebondenQuerySet.as_manager()

    class Meta:
        verbose_name = _("gezinsrelatie")
        verbose_name_plural = _("gezinsrelaties")
        constraints = [
            models.UniqueConstraint(
                fields=["persoon", "gezinslid"], name="gezinsrelatie_een_per_paar"
            ),
            models.CheckConstraint(
                condition=~Q(persoon=F("gezinslid")), name="gezinsrelatie_niet_met_zichzelf"
            ),
            *plausibele_momenten("created_at"),
        ]

    def __str__(self) -> str:
        return f"{self.gezinslid} is {self.get_relatie_display().lower()} van {self.persoon}"


@track_history
class Contactmoment(KoersModel):
    persoon = models.ForeignKey(
        Persoon, verbose_name=_("persoon"), on_delete=models.CASCADE, related_name="contactmomenten"
    )
    moment = models.DateTimeField(_("datum en tijd"), validators=[contactmoment_moment])
    soort = models.CharField(_("soort"), max_length=20, choices=ContactSoort.choices)
    onderwerp = models.CharField(_("onderwerp"), max_length=200)
    notitie = models.TextField(_("notitie"), blank=True, max_length=LANGE_TEKST)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = PersoonGebondenQuerySet.as_manager()

    class Meta:
        constraints = [
            *plausibele_momenten("updated_at", "moment", "created_at"),
            # The UTC evening before, so a contact just after midnight Dutch time fits.
            Bereikcontrole(
                condition=Q(moment__gte=datetime.datetime(1999, 12, 31, 22, tzinfo=datetime.UTC)),
                name="contactmoment_niet_voor_2000",
            ),
            *tekst_hoogstens(LANGE_TEKST, "notitie"),
        ]
        # The dossier's latest ones and the list a page at a time, without sorting them all.
        indexes = [
            models.Index(fields=["persoon", "-moment", "-id"], name="contactmoment_tijdlijn"),
        ]
        verbose_name = _("contactmoment")
        verbose_name_plural = _("contactmomenten")
        ordering = ["-moment", "-id"]

    def __str__(self) -> str:
        return f"{self.get_soort_display()}: {self.onderwerp}"


@track_history
class DossierAfsluiting(models.Model):
    """One closing or reopening of a dossier: when, why and by whom."""

    persoon = models.ForeignKey(
        Persoon, verbose_name=_("persoon"), on_delete=models.CASCADE, related_name="afsluitingen"
    )
    soort = models.CharField(_("wat"), max_length=12, choices=DossierMutatie.choices)
    datum = models.DateField(_("datum"), validators=[plausibele_datum])
    uitstroomreden = models.CharField(
        _("reden van afsluiten"), max_length=30, choices=Uitstroomreden.choices, blank=True
    )
    toelichting = models.TextField(_("toelichting"), blank=True, max_length=LANGE_TEKST)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PersoonGebondenQuerySet.as_manager()

    class Meta:
        verbose_name = _("afsluiting of heropening")
        verbose_name_plural = _("afsluitingen en heropeningen")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(soort=DossierMutatie.HEROPEND) | ~Q(uitstroomreden=""),
                name="afsluiting_met_uitstroomreden",
            ),
            models.CheckConstraint(
                condition=Q(soort=DossierMutatie.AFGESLOTEN) | ~Q(toelichting=""),
                name="heropening_met_reden",
            ),
            *plausibele_datums("datum"),
            *plausibele_momenten("created_at"),
            *tekst_hoogstens(LANGE_TEKST, "toelichting"),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} op {self.datum:%d-%m-%Y}"


class InzageStatus(models.TextChoices):
    WACHT = "wacht", _("in de wachtrij")
    BEZIG = "bezig", _("wordt gemaakt")
    KLAAR = "klaar", _("klaar")
    MISLUKT = "mislukt", _("mislukt")


class InzageQuerySet(PersoonGebondenQuerySet):
    # An AVG export is functioneel beheer's to make and hand over, not the regisseur's.
    doel = Doel.BEHEER


# Who asked for an export and how it ended is kept; the progress percentage is not worth a line.
@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(condition=pghistory.AnyChange("status")),
    pghistory.DeleteEvent(),
)
class Inzage(KoersModel):
    """An export of everything Koers holds about one person (AVG art. 15), made by a job and
    downloaded by functioneel beheer of the person's gemeente."""

    persoon = models.ForeignKey(
        Persoon, verbose_name=_("persoon"), on_delete=models.CASCADE, related_name="inzagen"
    )
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangevraagd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    aangevraagd_op = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=InzageStatus.choices, default=InzageStatus.WACHT
    )
    # Percentage done, for the progress bar while the job runs.
    voortgang = models.PositiveSmallIntegerField(_("voortgang"), default=0)
    bestand = models.FileField(
        _("bestand"), storage=prive_opslag, upload_to="inzage/", blank=True, max_length=200
    )
    klaar_op = models.DateTimeField(_("klaar op"), null=True, blank=True)

    objects = InzageQuerySet.as_manager()

    class Meta:
        verbose_name = _("inzage")
        verbose_name_plural = _("inzagen")
        ordering = ["-aangevraagd_op", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(voortgang__lte=100), name="inzage_voortgang_procent"
            ),
            *plausibele_momenten("created_at", "updated_at", "aangevraagd_op", "klaar_op"),
        ]

    def __str__(self) -> str:
        return f"Inzage {self.aangevraagd_op:%d-%m-%Y %H:%M}"


class VerwijderverslagQuerySet(GemeenteGebondenQuerySet):
    # Purging by the retention period is functioneel beheer's business.
    doel = Doel.BEHEER


class Verwijderverslag(models.Model):
    """One purge of closed dossiers past their retention period: how many, on what basis, when.
    It holds no personal data: each person is named by a pseudonym only (a keyed hash of the
    person's id), so a later question 'was X purged?' can be answered by whoever holds the key."""

    gemeente = models.ForeignKey(
        Gemeente,
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="verwijderverslagen",
    )
    tijdstip = models.DateTimeField(_("tijdstip"), auto_now_add=True)
    aantal_personen = models.PositiveIntegerField(_("aantal personen"))
    bewaartermijn_jaren = models.PositiveSmallIntegerField(_("bewaartermijn (jaren)"))
    selectielijst_categorie = models.CharField(_("grondslag in de selectielijst"), max_length=300)
    pseudoniemen = models.JSONField(_("pseudoniemen"), default=list)

    objects = VerwijderverslagQuerySet.as_manager()

    class Meta:
        verbose_name = _("verwijderverslag")
        verbose_name_plural = _("verwijderverslagen")
        ordering = ["-tijdstip", "-id"]
        constraints = [*plausibele_momenten("tijdstip")]

    def __str__(self) -> str:
        return f"{self.gemeente}: {self.aantal_personen} op {self.tijdstip:%d-%m-%Y}"


# A purge report is written once and never changed: its insert is the audit line.
pghistory.track(pghistory.InsertEvent())(Verwijderverslag)
