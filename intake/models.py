from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.constraints import (
    LANGE_TEKST,
    getallen_tussen,
    plausibele_datums,
    plausibele_momenten,
    tekst_hoogstens,
)
from core.models import KoersModel
from core.validators import begrensd, plausibele_datum
from statushouders.models import Persoon, track_history
from statushouders.querysets import PersoonGebondenQuerySet

from .constants import (
    POSITIEVE_GEZONDHEID,
    ZRM_DOMEINEN,
    DiplomaWaardering,
    EersteStap,
    IntakeStatus,
    Leefgebied,
    Leerroute,
    Locatie,
    Opleidingsniveau,
    Taalniveau,
    ZrmScore,
)


def _taalniveau(label):
    return models.CharField(label, max_length=2, choices=Taalniveau.choices, blank=True)


_SCORE_0_10 = _("Vul een score van 0 tot en met 10 in.")


def _gezondheidsscore(label):
    return models.PositiveSmallIntegerField(
        label,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, _SCORE_0_10), MaxValueValidator(10, _SCORE_0_10)],
    )


def _zrm_score(label):
    return models.PositiveSmallIntegerField(label, null=True, blank=True, choices=ZrmScore.choices)


class IntakeGebondenQuerySet(PersoonGebondenQuerySet):
    """The parts of a brede intake, seen with the intake's person."""

    persoon_pad = "intake__persoon"


@track_history
class BredeIntake(KoersModel):
    persoon = models.ForeignKey(
        Persoon, verbose_name=_("persoon"), on_delete=models.PROTECT, related_name="intakes"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=IntakeStatus.choices, default=IntakeStatus.OPEN
    )
    gestart_op = models.DateField(_("startdatum"), validators=[plausibele_datum])
    afgerond_op = models.DateField(
        _("datum afgerond"), null=True, blank=True, validators=[plausibele_datum]
    )
    locatie = models.CharField(_("locatie"), max_length=20, choices=Locatie.choices)
    azc_naam = models.CharField(_("naam AZC"), max_length=120, blank=True)
    tolk_taal = models.CharField(
        _("tolk in de taal"),
        max_length=60,
        blank=True,
        help_text=_("Leeg laten als er geen tolk was."),
    )

    # Taal
    taal_lezen = _taalniveau(_("Nederlands lezen"))
    taal_luisteren = _taalniveau(_("Nederlands luisteren"))
    taal_spreken = _taalniveau(_("Nederlands spreken"))
    taal_schrijven = _taalniveau(_("Nederlands schrijven"))
    andere_talen = models.CharField(
        _("andere talen die de persoon spreekt"), max_length=200, blank=True
    )
    # Opleiding
    hoogste_opleiding = models.CharField(
        _("hoogst gevolgde opleiding"), max_length=12, choices=Opleidingsniveau.choices, blank=True
    )
    opleiding_jaren = models.PositiveSmallIntegerField(
        _("aantal jaren onderwijs"), null=True, blank=True, validators=[MaxValueValidator(40)]
    )
    opleiding_land = models.CharField(_("land van de opleiding"), max_length=60, blank=True)
    diplomas = models.TextField(_("diploma's"), blank=True, max_length=LANGE_TEKST)
    diploma_waardering = models.CharField(
        _("diplomawaardering"), max_length=20, choices=DiplomaWaardering.choices, blank=True
    )
    # Gezin en kinderen
    kinderopvang_nodig = models.BooleanField(_("kinderopvang nodig"), default=False)
    # Ambities
    broodbaan = models.CharField(_("broodbaan"), max_length=200, blank=True)
    droombaan = models.CharField(_("droombaan"), max_length=200, blank=True)

    # Positieve gezondheid (0–10 per dimension, scored by the person)
    pg_lichaamsfuncties = _gezondheidsscore(_("lichaamsfuncties"))
    pg_mentaal_welbevinden = _gezondheidsscore(_("mentaal welbevinden"))
    pg_zingeving = _gezondheidsscore(_("zingeving"))
    pg_kwaliteit_van_leven = _gezondheidsscore(_("kwaliteit van leven"))
    pg_meedoen = _gezondheidsscore(_("meedoen"))
    pg_dagelijks_functioneren = _gezondheidsscore(_("dagelijks functioneren"))

    # Leerbaarheidstoets
    leerbaarheidstoets_datum = models.DateField(
        _("datum leerbaarheidstoets"), null=True, blank=True, validators=[plausibele_datum]
    )
    leerbaarheidstoets_uitkomst = models.CharField(
        _("uitkomst leerbaarheidstoets"), max_length=200, blank=True
    )
    leerbaarheidstoets_vrijstelling = models.CharField(
        _("reden vrijstelling"),
        max_length=300,
        blank=True,
        help_text=_("Bijvoorbeeld een visuele of auditieve beperking."),
    )

    # Advies
    advies_leerroute = models.CharField(
        _("geadviseerde leerroute"), max_length=10, choices=Leerroute.choices, blank=True
    )
    advies_motivatie = models.TextField(
        _("motivatie van het advies"), blank=True, max_length=LANGE_TEKST
    )
    advies_eerste_stappen = ArrayField(
        models.CharField(max_length=20, choices=EersteStap.choices),
        verbose_name=_("geadviseerde eerste stappen"),
        default=list,
        blank=True,
    )
    advies_toelichting = models.TextField(
        _("toelichting op de eerste stappen"), blank=True, max_length=LANGE_TEKST
    )

    zorg_en_rust_reden = models.TextField(
        _("reden voor zorg en rust"),
        blank=True,
        help_text=_("Alleen als de persoon na de intake in zorg en rust komt."),
        max_length=LANGE_TEKST,
    )

    objects = PersoonGebondenQuerySet.as_manager()

    class Meta:
        verbose_name = _("brede intake")
        verbose_name_plural = _("brede intakes")
        ordering = ["-gestart_op", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["persoon"],
                condition=Q(status=IntakeStatus.OPEN),
                name="intake_een_open_per_persoon",
                violation_error_message=_("Deze persoon heeft al een brede intake die loopt."),
            ),
            models.CheckConstraint(
                condition=Q(afgerond_op__isnull=True) | Q(afgerond_op__gte=F("gestart_op")),
                name="intake_afgerond_niet_voor_start",
            ),
            models.CheckConstraint(
                condition=~Q(status=IntakeStatus.AFGEROND) | Q(afgerond_op__isnull=False),
                name="intake_afgerond_heeft_datum",
            ),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"pg_{code}__isnull": True})
                    | Q(**{f"pg_{code}__range": (0, 10)}),
                    name=f"intake_pg_{code}_0_tot_10",
                )
                for code, _label in POSITIEVE_GEZONDHEID
            ),
            *plausibele_datums("gestart_op", "afgerond_op", "leerbaarheidstoets_datum"),
            *plausibele_momenten("created_at", "updated_at"),
            *tekst_hoogstens(
                LANGE_TEKST,
                "diplomas",
                "advies_motivatie",
                "advies_toelichting",
                "zorg_en_rust_reden",
            ),
        ]

    def __str__(self) -> str:
        return f"Brede intake van {self.gestart_op:%d-%m-%Y}"

    @property
    def is_afgerond(self) -> bool:
        return self.status == IntakeStatus.AFGEROND


@track_history
class Gesprek(models.Model):
    intake = models.ForeignKey(
        BredeIntake, on_delete=models.CASCADE, related_name="gesprekken", verbose_name=_("intake")
    )
    datum = models.DateField(_("datum"), validators=[plausibele_datum])
    deelnemers = models.CharField(
        _("wie deden mee"), max_length=300, help_text=_("Bijvoorbeeld: persoon, partner, tolk.")
    )
    notities = models.TextField(_("notities"), blank=True, max_length=LANGE_TEKST)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = IntakeGebondenQuerySet.as_manager()

    class Meta:
        constraints = [
            *plausibele_datums("datum"),
            *tekst_hoogstens(LANGE_TEKST, "notities"),
        ]
        verbose_name = _("gesprek")
        verbose_name_plural = _("gesprekken")
        ordering = ["datum", "id"]

    def __str__(self) -> str:
        return f"Gesprek van {self.datum:%d-%m-%Y}"


@track_history
class LeefgebiedBevinding(models.Model):
    """What the intake found on one life domain: findings, the person's wishes, concerns."""

    intake = models.ForeignKey(
        BredeIntake, on_delete=models.CASCADE, related_name="leefgebieden", verbose_name=_("intake")
    )
    leefgebied = models.CharField(_("leefgebied"), max_length=30, choices=Leefgebied.choices)
    bevindingen = models.TextField(_("bevindingen"), blank=True, max_length=LANGE_TEKST)
    wensen = models.TextField(_("wensen van de persoon"), blank=True, max_length=LANGE_TEKST)
    zorgen = models.TextField(_("zorgen"), blank=True, max_length=LANGE_TEKST)

    objects = IntakeGebondenQuerySet.as_manager()

    class Meta:
        verbose_name = _("leefgebied")
        verbose_name_plural = _("leefgebieden")
        constraints = [
            models.UniqueConstraint(fields=["intake", "leefgebied"], name="leefgebied_uniek"),
            *tekst_hoogstens(LANGE_TEKST, "bevindingen", "wensen", "zorgen"),
        ]

    def __str__(self) -> str:
        return self.get_leefgebied_display()


@track_history
class Werkervaring(models.Model):
    intake = models.ForeignKey(
        BredeIntake, on_delete=models.CASCADE, related_name="werkervaring", verbose_name=_("intake")
    )
    functie = models.CharField(_("functie"), max_length=120)
    sector = models.CharField(_("sector"), max_length=120, blank=True)
    jaren = models.DecimalField(
        _("jaren"),
        max_digits=4,
        decimal_places=1,
        validators=begrensd(0, 60, _("een aantal jaren")),
    )

    objects = IntakeGebondenQuerySet.as_manager()

    class Meta:
        constraints = getallen_tussen(0, 60, "jaren")
        verbose_name = _("werkervaring")
        verbose_name_plural = _("werkervaring")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.functie


@track_history
class ZrmMeting(models.Model):
    """One measurement of the zelfredzaamheidsmatrix; the intake has one, the PIP adds more."""

    persoon = models.ForeignKey(
        Persoon, on_delete=models.PROTECT, related_name="zrm_metingen", verbose_name=_("persoon")
    )
    intake = models.OneToOneField(
        BredeIntake,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="zrm",
        verbose_name=_("intake"),
    )
    datum = models.DateField(_("datum meting"), validators=[plausibele_datum])
    financien = _zrm_score(_("Financiën"))
    werk_opleiding = _zrm_score(_("Werk & opleiding"))
    tijdsbesteding = _zrm_score(_("Tijdsbesteding"))
    huisvesting = _zrm_score(_("Huisvesting"))
    huiselijke_relaties = _zrm_score(_("Huiselijke relaties"))
    geestelijke_gezondheid = _zrm_score(_("Geestelijke gezondheid"))
    lichamelijke_gezondheid = _zrm_score(_("Lichamelijke gezondheid"))
    middelengebruik = _zrm_score(_("Middelengebruik"))
    basale_adl = _zrm_score(_("Basale ADL"))
    instrumentele_adl = _zrm_score(_("Instrumentele ADL"))
    sociaal_netwerk = _zrm_score(_("Sociaal netwerk"))
    maatschappelijke_participatie = _zrm_score(_("Maatschappelijke participatie"))
    justitie = _zrm_score(_("Justitie"))

    objects = PersoonGebondenQuerySet.as_manager()

    class Meta:
        verbose_name = _("ZRM-meting")
        verbose_name_plural = _("ZRM-metingen")
        ordering = ["datum", "id"]
        constraints = [
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{code}__isnull": True}) | Q(**{f"{code}__range": (1, 5)}),
                    name=f"zrm_{code}_1_tot_5",
                )
                for code, _label in ZRM_DOMEINEN
            ),
            *plausibele_datums("datum"),
        ]

    def __str__(self) -> str:
        return f"ZRM-meting van {self.datum:%d-%m-%Y}"

    @property
    def scores(self) -> list[tuple[str, str, int | None]]:
        return [(code, str(label), getattr(self, code)) for code, label in ZRM_DOMEINEN]

    @property
    def ontbrekende_domeinen(self) -> list[str]:
        return [label for _code, label, score in self.scores if score is None]


@track_history
class Heropening(models.Model):
    """A completed intake opened again for a correction, with the reason why."""

    intake = models.ForeignKey(
        BredeIntake, on_delete=models.CASCADE, related_name="heropeningen", verbose_name=_("intake")
    )
    reden = models.TextField(_("reden"), max_length=LANGE_TEKST)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    moment = models.DateTimeField(_("moment"), auto_now_add=True)

    objects = IntakeGebondenQuerySet.as_manager()

    class Meta:
        constraints = [
            *plausibele_momenten("moment"),
            *tekst_hoogstens(LANGE_TEKST, "reden"),
        ]
        verbose_name = _("heropening")
        verbose_name_plural = _("heropeningen")
        ordering = ["-moment"]

    def __str__(self) -> str:
        return f"Heropend op {self.moment:%d-%m-%Y}"
