import uuid

import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models.functions import Now
from django.utils.translation import gettext_lazy as _

from core.constraints import plausibele_momenten


class KoersModel(models.Model):
    """What every object a user opens by its address has: a uuid for the address (the row
    number would tell how many there are and invite guessing), and when it was made and last
    changed. The database fills the moments too, for rows written in bulk."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True, db_default=Now())
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True, db_default=Now())

    class Meta:
        abstract = True


class ToegangslogQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ToegangslogQuerySet":
        """The log is read by functioneel beheer, whole: who looked is what it checks."""
        if not (user.is_authenticated and user.is_functioneel_beheerder):
            return self.none()
        return self


class Toegangslog(models.Model):
    """One row per time a user opened a dossier page, or tried to and was refused: who
    looked at whom, when, where. Append-only like the history: the database refuses every
    change and deletion, and the application's database role may only add and read rows
    (`koers_databaserol`). The one change allowed is the link to a deleted person becoming
    empty (`persoon_uuid` keeps saying whom the row is about)."""

    # Read by `koers_databaserol`: the application role gets SELECT and INSERT only.
    alleen_toevoegen = True

    moment = models.DateTimeField(_("moment"), auto_now_add=True, db_index=True)
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    persoon = models.ForeignKey(
        "statushouders.Persoon",
        verbose_name=_("persoon"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    # Kept beside the foreign key so the row still says whom it was about after a deletion.
    # Empty only for a refused attempt at something that names no person.
    persoon_uuid = models.UUIDField(_("persoon-id"), null=True, blank=True)
    pad = models.CharField(_("pagina"), max_length=300)
    # False: the user asked for the page and was refused (404), outside their scope.
    toegestaan = models.BooleanField(_("toegestaan"), default=True)

    objects = ToegangslogQuerySet.as_manager()

    class Meta:
        constraints = [
            *plausibele_momenten("moment"),
        ]
        verbose_name = _("toegangslogregel")
        verbose_name_plural = _("toegangslog")
        ordering = ["-moment", "-id"]
        indexes = [
            models.Index(fields=["gebruiker", "-moment"]),
            models.Index(fields=["persoon_uuid", "-moment"]),
        ]
        triggers = [
            pgtrigger.Protect(
                name="toegangslog_onveranderlijk",
                operation=pgtrigger.Update,
                condition=pgtrigger.AnyChange(exclude=["persoon"]),
            ),
            pgtrigger.Protect(
                name="toegangslog_persoon_alleen_leeg",
                operation=pgtrigger.Update,
                condition=pgtrigger.Q(
                    new__persoon__isnull=False, old__persoon__df=pgtrigger.F("new__persoon")
                ),
            ),
            pgtrigger.Protect(name="toegangslog_niet_verwijderen", operation=pgtrigger.Delete),
        ]

    def __str__(self) -> str:
        return f"{self.moment:%d-%m-%Y %H:%M} {self.gebruiker_id} → {self.persoon_uuid}"
