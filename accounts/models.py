import pghistory
import pgtrigger
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.validators import telefoon_validator

from .constants import DOSSIER_ROLLEN, AanvraagSoort, AanvraagStatus, Gebeurtenis, Rol


class User(AbstractUser):
    rol = models.CharField(_("rol"), max_length=32, choices=Rol.choices, default=Rol.REGISSEUR)
    telefoon = models.CharField(
        _("telefoonnummer (werk)"),
        max_length=20,
        blank=True,
        validators=[telefoon_validator],
        help_text=_("Partners zien dit nummer bij de verwijzingen van deze regisseur."),
    )
    gemeenten = models.ManyToManyField(
        "statushouders.Gemeente",
        verbose_name=_("gemeenten"),
        related_name="medewerkers",
        through="GemeenteLidmaatschap",
        blank=True,
        help_text=_("De gemeenten waarvan deze gebruiker de dossiers ziet."),
    )

    partner = models.ForeignKey(
        "partners.Partner",
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="medewerkers",
        help_text=_("Alleen voor partnermedewerkers: de organisatie waarvoor zij werken."),
    )

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["first_name", "last_name", "username"]
        constraints = [
            # A partnermedewerker belongs to exactly one partner; nobody else belongs to one.
            models.CheckConstraint(
                condition=(Q(rol=Rol.PARTNER_MEDEWERKER) & Q(partner__isnull=False))
                | (~Q(rol=Rol.PARTNER_MEDEWERKER) & Q(partner__isnull=True)),
                name="gebruiker_partner_bij_rol",
                violation_error_message=_(
                    "Een partnermedewerker hoort bij precies één partner; andere rollen bij geen."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def werkt_in_dossiers(self) -> bool:
        return self.is_active and self.rol in DOSSIER_ROLLEN

    @property
    def is_partner_medewerker(self) -> bool:
        return self.is_active and self.rol == Rol.PARTNER_MEDEWERKER and self.partner_id is not None

    @property
    def is_teamleider(self) -> bool:
        return self.is_active and self.rol == Rol.TEAMLEIDER

    @property
    def is_functioneel_beheerder(self) -> bool:
        return self.is_active and self.rol == Rol.FUNCTIONEEL_BEHEERDER


# Role and gemeente changes are audited like dossier rows; secrets and login stamps are not.
pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    pghistory.DeleteEvent(),
    exclude=["password", "last_login"],
)(User)


@pghistory.track(pghistory.InsertEvent(), pghistory.DeleteEvent())
class GemeenteLidmaatschap(models.Model):
    """A user works for a gemeente. This decides whose dossiers they see, so every change is
    audited like a dossier change."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="lidmaatschappen")
    gemeente = models.ForeignKey(
        "statushouders.Gemeente", verbose_name=_("gemeente"), on_delete=models.CASCADE
    )

    class Meta:
        verbose_name = _("gemeente van een gebruiker")
        verbose_name_plural = _("gemeenten van gebruikers")
        constraints = [
            models.UniqueConstraint(fields=["user", "gemeente"], name="lidmaatschap_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.gemeente}"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Rechtenaanvraag(models.Model):
    """More rights for a user — another role, or one more gemeente — asked by one functioneel
    beheerder and applied only when a second one approves. Nobody asks for or approves their
    own rights; the database refuses such a row as well."""

    gebruiker = models.ForeignKey(
        User,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="rechtenaanvragen",
    )
    soort = models.CharField(_("soort"), max_length=32, choices=AanvraagSoort.choices)
    nieuwe_rol = models.CharField(_("nieuwe rol"), max_length=32, choices=Rol.choices, blank=True)
    gemeente = models.ForeignKey(
        "statushouders.Gemeente",
        verbose_name=_("gemeente"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    reden = models.TextField(_("reden"), max_length=1000)
    aangevraagd_door = models.ForeignKey(
        User, verbose_name=_("aangevraagd door"), on_delete=models.PROTECT, related_name="+"
    )
    aangevraagd_op = models.DateTimeField(_("aangevraagd op"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=16, choices=AanvraagStatus.choices, default=AanvraagStatus.OPEN
    )
    beoordeeld_door = models.ForeignKey(
        User,
        verbose_name=_("beoordeeld door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    beoordeeld_op = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    toelichting = models.TextField(_("toelichting bij de beoordeling"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("rechtenaanvraag")
        verbose_name_plural = _("rechtenaanvragen")
        ordering = ["-aangevraagd_op", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(aangevraagd_door=F("gebruiker")),
                name="rechtenaanvraag_niet_voor_zichzelf",
                violation_error_message=_("Niemand vraagt rechten aan voor zichzelf."),
            ),
            models.CheckConstraint(
                condition=Q(beoordeeld_door__isnull=True)
                | (~Q(beoordeeld_door=F("aangevraagd_door")) & ~Q(beoordeeld_door=F("gebruiker"))),
                name="rechtenaanvraag_vier_ogen",
                violation_error_message=_(
                    "Een tweede functioneel beheerder beoordeelt de aanvraag, niet de aanvrager "
                    "en niet de gebruiker zelf."
                ),
            ),
            models.CheckConstraint(
                condition=(
                    Q(status=AanvraagStatus.OPEN)
                    & Q(beoordeeld_door__isnull=True)
                    & Q(beoordeeld_op__isnull=True)
                )
                | (
                    ~Q(status=AanvraagStatus.OPEN)
                    & Q(beoordeeld_door__isnull=False)
                    & Q(beoordeeld_op__isnull=False)
                ),
                name="rechtenaanvraag_beoordeling_compleet",
            ),
            models.CheckConstraint(
                condition=(
                    Q(soort=AanvraagSoort.ROL) & ~Q(nieuwe_rol="") & Q(gemeente__isnull=True)
                )
                | (
                    Q(soort=AanvraagSoort.GEMEENTE_TOEVOEGEN)
                    & Q(nieuwe_rol="")
                    & Q(gemeente__isnull=False)
                ),
                name="rechtenaanvraag_soort_compleet",
            ),
            # One open question per change: a second one would be approved twice.
            models.UniqueConstraint(
                fields=["gebruiker"],
                condition=Q(status=AanvraagStatus.OPEN, soort=AanvraagSoort.ROL),
                name="rechtenaanvraag_een_open_rol",
                violation_error_message=_("Voor deze gebruiker staat al een rolwijziging open."),
            ),
            models.UniqueConstraint(
                fields=["gebruiker", "gemeente"],
                condition=Q(status=AanvraagStatus.OPEN, soort=AanvraagSoort.GEMEENTE_TOEVOEGEN),
                name="rechtenaanvraag_een_open_gemeente",
                violation_error_message=_(
                    "Voor deze gebruiker en gemeente staat al een aanvraag open."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()}: {self.gebruiker} ({self.wijziging})"

    @property
    def wijziging(self) -> str:
        if self.soort == AanvraagSoort.ROL:
            return str(Rol(self.nieuwe_rol).label)
        return str(self.gemeente)


class Beveiligingsgebeurtenis(models.Model):
    """One row per login, failed login, lockout, logout and change of a login secret: when,
    who (or which name was typed), from where. Rows are never changed or removed."""

    soort = models.CharField(_("soort"), max_length=32, choices=Gebeurtenis.choices)
    tijdstip = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        User,
        verbose_name=_("gebruiker"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # What was typed as the username of a failed login, shortened and without control
    # characters: it may be anything, a password typed in the wrong box included.
    ingevoerde_gebruikersnaam = models.CharField(
        _("ingevoerde gebruikersnaam"), max_length=150, blank=True
    )
    ip = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)
    toelichting = models.CharField(_("toelichting"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("beveiligingsgebeurtenis")
        verbose_name_plural = _("beveiligingslog")
        ordering = ["-tijdstip", "-id"]
        indexes = [models.Index(fields=["user", "-tijdstip"])]
        triggers = [
            pgtrigger.Protect(name="beveiligingslog_onveranderlijk", operation=pgtrigger.Update),
            pgtrigger.Protect(name="beveiligingslog_niet_verwijderen", operation=pgtrigger.Delete),
        ]

    def __str__(self) -> str:
        return f"{self.tijdstip:%d-%m-%Y %H:%M} {self.get_soort_display()}"


class Sessie(models.Model):
    """The login sessions of a user, so that all of them can be ended at once (logout,
    deactivation, loss of the last gemeente) without scanning the session store."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    session_key = models.CharField(max_length=40, unique=True)
    aangemaakt = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("sessie")
        verbose_name_plural = _("sessies")

    def __str__(self) -> str:
        return f"{self.user_id} {self.aangemaakt:%d-%m-%Y %H:%M}"
