import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from accounts.scope import Doel, gemeenten
from core.constraints import getallen_tussen, plausibele_datums, plausibele_momenten
from core.models import KoersModel
from core.storage import prive_opslag
from core.validators import begrensd, plausibele_datum
from statushouders.models import Gemeente, track_history
from statushouders.querysets import GemeenteGebondenQuerySet

from .constants import (
    EERSTE_JAAR,
    HOOGSTE_TAAKSTELLING,
    LAATSTE_JAAR,
    RapportSoort,
    RapportStatus,
)


class CijferQuerySet(GemeenteGebondenQuerySet):
    # What the figures of a gemeente rest on: seen by its teamleiders on the dashboard and the
    # team worklist, and by its functioneel beheer, who enters and marks them.
    doel = Doel.RAPPORTAGE


@track_history
class Taakstelling(models.Model):
    """The number of statushouders a gemeente must house in one half year."""

    gemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.CASCADE,
        related_name="taakstellingen",
        verbose_name=_("gemeente"),
    )
    jaar = models.PositiveSmallIntegerField(
        _("jaar"), validators=begrensd(EERSTE_JAAR, LAATSTE_JAAR, _("een jaar"))
    )
    halfjaar = models.PositiveSmallIntegerField(
        _("halfjaar"), choices=[(1, _("eerste halfjaar")), (2, _("tweede halfjaar"))]
    )
    aantal = models.PositiveIntegerField(
        _("taakstelling (personen)"),
        validators=begrensd(0, HOOGSTE_TAAKSTELLING, _("een aantal personen")),
    )
    gewijzigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    gewijzigd_op = models.DateTimeField(auto_now=True)

    objects = CijferQuerySet.as_manager()

    class Meta:
        verbose_name = _("taakstelling")
        verbose_name_plural = _("taakstellingen")
        ordering = ["gemeente", "jaar", "halfjaar"]
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "jaar", "halfjaar"], name="taakstelling_eenmaal_per_halfjaar"
            ),
            *getallen_tussen(EERSTE_JAAR, LAATSTE_JAAR, "jaar"),
            *getallen_tussen(1, 2, "halfjaar"),
            *getallen_tussen(0, HOOGSTE_TAAKSTELLING, "aantal"),
            *plausibele_momenten("gewijzigd_op"),
        ]

    def __str__(self) -> str:
        return f"{self.gemeente} {self.jaar}-{self.halfjaar}: {self.aantal}"


class RapportQuerySet(models.QuerySet):
    def visible_to(self, user) -> "RapportQuerySet":
        """Reports of which the user may see every gemeente, for what the report is for: the
        per-person delivery is functioneel beheer's, the quarterly report the dashboard's. A
        report of A and B is never shown to someone who has only A."""
        per_gemeente = self.model.gemeenten.through.objects.filter(rapport=OuterRef("pk"))

        def alle_gemeenten(doel):
            return ~Exists(per_gemeente.exclude(gemeente__in=gemeenten(user, doel)))

        levering = Q(soort=RapportSoort.LEVERING)
        return self.filter(
            (levering & alle_gemeenten(Doel.BEHEER)) | (~levering & alle_gemeenten(Doel.RAPPORTAGE))
        )


class Rapport(KoersModel):
    """A produced report: the quarterly report (PDF for the council, XLSX for analysts) or
    the per-person quarterly delivery. Made by a Celery job; kept to download again."""

    soort = models.CharField(max_length=20, choices=RapportSoort.choices)
    gemeenten = models.ManyToManyField(Gemeente, related_name="+", verbose_name=_("gemeenten"))
    jaar = models.PositiveSmallIntegerField(_("jaar"))
    kwartaal = models.PositiveSmallIntegerField(_("kwartaal"))
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    aangevraagd_op = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        max_length=8, choices=RapportStatus.choices, default=RapportStatus.WACHT
    )
    voortgang = models.PositiveSmallIntegerField(default=0)
    stap = models.CharField(max_length=120, blank=True)
    pdf = models.FileField(storage=prive_opslag, upload_to="rapporten/%Y/", blank=True)
    xlsx = models.FileField(storage=prive_opslag, upload_to="rapporten/%Y/", blank=True)
    csv = models.FileField(storage=prive_opslag, upload_to="rapporten/%Y/", blank=True)
    aantal_personen = models.PositiveIntegerField(null=True, blank=True)
    klaar_op = models.DateTimeField(null=True, blank=True)
    foutmelding = models.CharField(max_length=300, blank=True)

    objects = RapportQuerySet.as_manager()

    class Meta:
        verbose_name = _("rapport")
        verbose_name_plural = _("rapporten")
        ordering = ["-aangevraagd_op", "-id"]
        constraints = [
            *getallen_tussen(EERSTE_JAAR, LAATSTE_JAAR, "jaar"),
            *getallen_tussen(1, 4, "kwartaal"),
            models.CheckConstraint(condition=Q(voortgang__lte=100), name="rapport_voortgang"),
            *plausibele_momenten("created_at", "updated_at", "aangevraagd_op", "klaar_op"),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.jaar} K{self.kwartaal}"


class LeveringsdownloadQuerySet(models.QuerySet):
    def visible_to(self, user) -> "LeveringsdownloadQuerySet":
        return self.filter(rapport__in=Rapport.objects.visible_to(user))


class Leveringsdownload(models.Model):
    """Every download of a per-person delivery: who, when, which file. Append-only."""

    # Read by `koers_databaserol`: the application role gets SELECT and INSERT only.
    alleen_toevoegen = True

    rapport = models.ForeignKey(Rapport, on_delete=models.PROTECT, related_name="downloads")
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    moment = models.DateTimeField(auto_now_add=True)
    bestand = models.CharField(max_length=4)
    aantal_personen = models.PositiveIntegerField()

    objects = LeveringsdownloadQuerySet.as_manager()

    class Meta:
        ordering = ["-moment", "-id"]
        constraints = [*plausibele_momenten("moment")]
        triggers = [
            pgtrigger.Protect(name="levering_download_vast", operation=pgtrigger.Update),
            pgtrigger.Protect(name="levering_download_blijft", operation=pgtrigger.Delete),
        ]

    def __str__(self) -> str:
        return f"{self.moment:%d-%m-%Y %H:%M} {self.gebruiker_id} {self.bestand}"


@track_history
class CbsLevering(models.Model):
    """The quarterly statistics delivery of a gemeente, marked done by functioneel beheer.
    Its deadline (`cbs_levering`) is computed from the quarter's end with the term's
    configuration; this row only says that and when it was delivered."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="+")
    jaar = models.PositiveSmallIntegerField(_("jaar"))
    kwartaal = models.PositiveSmallIntegerField(_("kwartaal"))
    geleverd_op = models.DateField(_("geleverd op"), validators=[plausibele_datum])
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = CijferQuerySet.as_manager()

    class Meta:
        verbose_name = _("CBS-levering")
        verbose_name_plural = _("CBS-leveringen")
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "jaar", "kwartaal"], name="cbs_levering_eenmaal"
            ),
            *getallen_tussen(EERSTE_JAAR, LAATSTE_JAAR, "jaar"),
            *getallen_tussen(1, 4, "kwartaal"),
            *plausibele_datums("geleverd_op"),
        ]

    def __str__(self) -> str:
        return f"{self.gemeente} {self.jaar} K{self.kwartaal}"
