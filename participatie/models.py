from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.constraints import getallen_tussen, plausibele_datums, plausibele_momenten
from core.models import KoersModel
from core.validators import begrensd, plausibele_datum
from statushouders.models import Persoon, track_history
from statushouders.querysets import PersoonGebondenQuerySet

from .constants import HOOGSTE_UREN_PER_WEEK, OMSCHRIJVING, Contractsoort, ParticipatieSoort


@track_history
class Participatie(KoersModel):
    """What a person does besides the inburgering while the trajectory runs — work, education,
    volunteering, an internship — from when until when. The outcome figures count these."""

    persoon = models.ForeignKey(
        Persoon, on_delete=models.CASCADE, related_name="participaties", verbose_name=_("persoon")
    )
    soort = models.CharField(_("soort"), max_length=20, choices=ParticipatieSoort.choices)
    omschrijving = models.CharField(
        _("bij wie of wat"),
        max_length=OMSCHRIJVING,
        blank=True,
        help_text=_("De werkgever, de opleiding of de organisatie."),
    )
    gestart_op = models.DateField(_("gestart op"), validators=[plausibele_datum])
    geeindigd_op = models.DateField(
        _("geëindigd op"), null=True, blank=True, validators=[plausibele_datum]
    )
    uren_per_week = models.PositiveSmallIntegerField(
        _("uren per week"),
        null=True,
        blank=True,
        validators=begrensd(1, HOOGSTE_UREN_PER_WEEK, _("een aantal uren per week")),
    )
    contractsoort = models.CharField(
        _("soort contract"), max_length=15, choices=Contractsoort.choices, blank=True
    )
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )

    objects = PersoonGebondenQuerySet.as_manager()

    class Meta:
        verbose_name = _("participatie")
        verbose_name_plural = _("participatie")
        ordering = ["-gestart_op", "-id"]
        indexes = [models.Index(fields=["soort", "gestart_op"], name="participatie_soort_start")]
        constraints = [
            models.CheckConstraint(
                condition=Q(geeindigd_op__isnull=True) | Q(geeindigd_op__gte=F("gestart_op")),
                name="participatie_einde_na_start",
            ),
            models.CheckConstraint(
                condition=Q(soort=ParticipatieSoort.BETAALD_WERK) | Q(contractsoort=""),
                name="participatie_contract_alleen_bij_werk",
            ),
            *getallen_tussen(1, HOOGSTE_UREN_PER_WEEK, "uren_per_week"),
            *plausibele_datums("gestart_op", "geeindigd_op"),
            *plausibele_momenten("created_at", "updated_at"),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} vanaf {self.gestart_op:%d-%m-%Y}"
