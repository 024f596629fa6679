import pghistory
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import DOSSIER_ROLLEN, Rol


class User(AbstractUser):
    rol = models.CharField(_("rol"), max_length=32, choices=Rol.choices, default=Rol.REGISSEUR)
    gemeenten = models.ManyToManyField(
        "statushouders.Gemeente",
        verbose_name=_("gemeenten"),
        related_name="medewerkers",
        through="GemeenteLidmaatschap",
        blank=True,
        help_text=_("De gemeenten waarvan deze gebruiker de dossiers ziet."),
    )

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["first_name", "last_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def werkt_in_dossiers(self) -> bool:
        return self.is_active and self.rol in DOSSIER_ROLLEN

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
