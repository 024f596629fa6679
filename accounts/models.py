import pghistory
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.validators import telefoon_validator

from .constants import DOSSIER_ROLLEN, Rol


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
