import pgtrigger
from django.conf import settings
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
from core.storage import prive_opslag
from core.validators import begrensd, niet_in_toekomst, plausibele_datum
from intake.constants import Leefgebied, Leerroute, Taalniveau
from intake.models import BredeIntake, ZrmMeting
from statushouders.models import Persoon, track_history
from statushouders.querysets import PersoonGebondenQuerySet

from .constants import (
    BEWERKBAAR,
    PLAN_MAXIMUM_UREN,
    DoelStatus,
    PdfStatus,
    PlanStatus,
    Verantwoordelijke,
    hoort_bij_route,
)


def _niveau(label):
    return models.CharField(label, max_length=2, choices=Taalniveau.choices, blank=True)


def _uren(label):
    return models.PositiveIntegerField(
        label,
        null=True,
        blank=True,
        validators=begrensd(0, PLAN_MAXIMUM_UREN, _("een aantal uren")),
    )


_UREN = ("taal_uren", "pvt_uren", "map_uren", "z_taal_uren", "z_participatie_uren")


class PlanGebondenQuerySet(PersoonGebondenQuerySet):
    """The parts of a PIP, seen with the plan's person."""

    persoon_pad = "plan__persoon"


class DoelVoortgangQuerySet(PersoonGebondenQuerySet):
    persoon_pad = "gesprek__plan__persoon"


@track_history
class Plan(KoersModel):
    """The PIP as it is being worked on. Each vaststelling freezes it into a PlanVersie."""

    persoon = models.OneToOneField(
        Persoon, on_delete=models.PROTECT, related_name="plan", verbose_name=_("persoon")
    )
    intake = models.ForeignKey(
        BredeIntake, on_delete=models.PROTECT, related_name="+", verbose_name=_("brede intake")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.CONCEPT
    )

    leerroute = models.CharField(_("leerroute"), max_length=10, choices=Leerroute.choices)
    leerroute_motivatie = models.TextField(_("motivatie leerroute"), max_length=LANGE_TEKST)

    taal_lezen_huidig = _niveau(_("lezen: huidig niveau"))
    taal_lezen_doel = _niveau(_("lezen: doelniveau"))
    taal_luisteren_huidig = _niveau(_("luisteren: huidig niveau"))
    taal_luisteren_doel = _niveau(_("luisteren: doelniveau"))
    taal_spreken_huidig = _niveau(_("spreken: huidig niveau"))
    taal_spreken_doel = _niveau(_("spreken: doelniveau"))
    taal_schrijven_huidig = _niveau(_("schrijven: huidig niveau"))
    taal_schrijven_doel = _niveau(_("schrijven: doelniveau"))
    taalschool = models.CharField(_("taalschool"), max_length=120, blank=True)
    taal_uren = _uren(_("gecontracteerde uren taal"))

    pvt_aanbieder = models.CharField(_("PVT: aanbieder"), max_length=120, blank=True)
    pvt_uren = _uren(_("PVT: geplande uren"))
    pvt_ondertekend_op = models.DateField(
        _("PVT: participatieverklaring ondertekend op"),
        null=True,
        blank=True,
        validators=[plausibele_datum, niet_in_toekomst],
    )
    map_aanbieder = models.CharField(_("MAP: aanbieder"), max_length=120, blank=True)
    map_uren = _uren(_("MAP: geplande uren praktijk"))
    map_afgerond_op = models.DateField(
        _("MAP: afgerond op"),
        null=True,
        blank=True,
        validators=[plausibele_datum, niet_in_toekomst],
    )
    knm_aanbieder = models.CharField(_("KNM: aanbieder"), max_length=120, blank=True)
    knm_afgerond_op = models.DateField(
        _("KNM: afgerond op"),
        null=True,
        blank=True,
        validators=[plausibele_datum, niet_in_toekomst],
    )
    z_taal_uren = _uren(_("Z-route: geplande uren Nederlands"))
    z_participatie_uren = _uren(_("Z-route: geplande uren participatie"))

    afspraken = models.TextField(_("afspraken"), blank=True, max_length=LANGE_TEKST)
    verplichtingen = models.TextField(_("verplichtingen"), blank=True, max_length=LANGE_TEKST)
    ontzorgen = models.BooleanField(_("ontzorgen afgesproken"), default=False)
    ontzorgen_toelichting = models.TextField(
        _("wat wordt ontzorgd"), blank=True, max_length=LANGE_TEKST
    )
    kinderopvang = models.TextField(_("kinderopvang en VVE"), blank=True, max_length=LANGE_TEKST)

    # Set by the first vaststelling; later versions never move it. The deadlines that count
    # from it (inburgeringstermijn, leerroute wisselen) live in termijnen only.
    eerste_vaststelling_op = models.DateField(
        _("eerste PIP vastgesteld op"), null=True, blank=True, validators=[plausibele_datum]
    )

    objects = PersoonGebondenQuerySet.as_manager()

    class Meta:
        constraints = [
            *getallen_tussen(0, PLAN_MAXIMUM_UREN, *_UREN),
            *plausibele_datums(
                "pvt_ondertekend_op", "map_afgerond_op", "knm_afgerond_op", "eerste_vaststelling_op"
            ),
            *plausibele_momenten("created_at", "updated_at"),
            *tekst_hoogstens(
                LANGE_TEKST,
                "leerroute_motivatie",
                "afspraken",
                "verplichtingen",
                "ontzorgen_toelichting",
                "kinderopvang",
            ),
        ]
        verbose_name = _("PIP")
        verbose_name_plural = _("PIP's")

    def __str__(self) -> str:
        return f"PIP van {self.persoon}"

    @property
    def is_bewerkbaar(self) -> bool:
        return self.status in BEWERKBAAR

    @property
    def wijziging_mogelijk(self) -> bool:
        """A change starts from a fixed plan, not from one already being changed."""
        return self.status == PlanStatus.VASTGESTELD

    @property
    def heeft_map(self) -> bool:
        return hoort_bij_route("map_uren", self.leerroute)


@track_history
class PlanDoel(KoersModel):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="doelen")
    leefgebied = models.CharField(_("leefgebied"), max_length=30, choices=Leefgebied.choices)
    doel = models.CharField(_("doel"), max_length=300)
    acties = models.TextField(_("acties"), blank=True, max_length=LANGE_TEKST)
    verantwoordelijke = models.CharField(
        _("wie is verantwoordelijk"), max_length=10, choices=Verantwoordelijke.choices
    )
    partner_naam = models.CharField(
        _("welke partner"), max_length=120, blank=True, help_text=_("Alleen bij een partner.")
    )
    streefdatum = models.DateField(
        _("streefdatum"), null=True, blank=True, validators=[plausibele_datum]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=DoelStatus.choices, default=DoelStatus.OPEN
    )

    objects = PlanGebondenQuerySet.as_manager()

    class Meta:
        constraints = [
            *plausibele_momenten("created_at", "updated_at"),
            *plausibele_datums("streefdatum"),
            *tekst_hoogstens(LANGE_TEKST, "acties"),
        ]
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")
        ordering = ["leefgebied", "streefdatum", "id"]

    def __str__(self) -> str:
        return self.doel


@track_history
class PlanVersie(models.Model):
    """A vastgesteld version: the decision as it was made. The database refuses any change to
    its content; only the generated PDF may be (re)attached."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="versies")
    nummer = models.PositiveIntegerField(_("versie"))
    inhoud = models.JSONField(_("inhoud"))
    vastgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("vastgesteld door"),
    )
    vastgesteld_op = models.DateTimeField(_("vastgesteld op"), validators=[plausibele_datum])
    bekendmaking_op = models.DateField(_("datum bekendmaking"), validators=[plausibele_datum])
    # The date written on the decision: the first version's starts the inburgeringstermijn
    # (Wi art. 11 lid 2), whatever day it was recorded in Koers.
    dagtekening = models.DateField(_("dagtekening"), validators=[plausibele_datum])
    # Why the plan deviates from the route norms it was checked on (inhoud["afwijkingen"]);
    # required when there were any.
    afwijking_motivatie = models.TextField(
        _("motivatie afwijking van de routenormen"), blank=True, max_length=LANGE_TEKST
    )

    pdf = models.FileField(_("PDF"), storage=prive_opslag, upload_to="plannen/", blank=True)
    pdf_status = models.CharField(
        _("status PDF"), max_length=10, choices=PdfStatus.choices, default=PdfStatus.WACHT
    )
    pdf_gemaakt_op = models.DateTimeField(
        _("PDF gemaakt op"), null=True, blank=True, validators=[plausibele_datum]
    )

    objects = PlanGebondenQuerySet.as_manager()

    class Meta:
        verbose_name = _("PIP-versie")
        verbose_name_plural = _("PIP-versies")
        ordering = ["plan", "nummer"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "nummer"], name="versie_nummer_uniek"),
            *plausibele_datums("bekendmaking_op", "dagtekening"),
            *plausibele_momenten("vastgesteld_op", "pdf_gemaakt_op"),
            models.CheckConstraint(
                condition=Q(bekendmaking_op__gte=F("dagtekening")),
                name="versie_bekendmaking_na_dagtekening",
            ),
            *tekst_hoogstens(LANGE_TEKST, "afwijking_motivatie"),
        ]
        triggers = [
            pgtrigger.Protect(
                name="versie_inhoud_onveranderlijk",
                operation=pgtrigger.Update,
                condition=pgtrigger.AnyChange(
                    "plan",
                    "nummer",
                    "inhoud",
                    "vastgesteld_door",
                    "vastgesteld_op",
                    "bekendmaking_op",
                    "dagtekening",
                    "afwijking_motivatie",
                ),
            ),
            pgtrigger.Protect(name="versie_niet_verwijderen", operation=pgtrigger.Delete),
        ]

    def __str__(self) -> str:
        return f"Versie {self.nummer}"

    @property
    def pdf_wordt_gemaakt(self) -> bool:
        return self.pdf_status in (PdfStatus.WACHT, PdfStatus.BEZIG)


@track_history
class DuoVerlenging(models.Model):
    """DUO extended the inburgeringstermijn: a new end date with its reason."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="verlengingen")
    besluit_op = models.DateField(_("datum besluit DUO"), validators=[plausibele_datum])
    nieuwe_einddatum = models.DateField(
        _("nieuwe einddatum inburgeringstermijn"), validators=[plausibele_datum]
    )
    reden = models.TextField(_("reden"), max_length=LANGE_TEKST)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = PlanGebondenQuerySet.as_manager()

    class Meta:
        constraints = [
            *plausibele_datums("besluit_op", "nieuwe_einddatum"),
            *tekst_hoogstens(LANGE_TEKST, "reden"),
        ]
        verbose_name = _("verlenging door DUO")
        verbose_name_plural = _("verlengingen door DUO")
        ordering = ["besluit_op", "id"]

    def __str__(self) -> str:
        return f"Verlengd tot {self.nieuwe_einddatum:%d-%m-%Y}"


@track_history
class Voortgangsgesprek(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="voortgangsgesprekken")
    datum = models.DateField(_("datum"), validators=[plausibele_datum])
    verslag = models.TextField(_("verslag"), blank=True, max_length=LANGE_TEKST)
    volgend_gesprek_op = models.DateField(
        _("volgend gesprek"), null=True, blank=True, validators=[plausibele_datum]
    )
    zrm = models.OneToOneField(
        ZrmMeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ZRM-meting"),
    )
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = PlanGebondenQuerySet.as_manager()

    class Meta:
        verbose_name = _("voortgangsgesprek")
        verbose_name_plural = _("voortgangsgesprekken")
        ordering = ["-datum", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(volgend_gesprek_op__isnull=True) | Q(volgend_gesprek_op__gt=F("datum")),
                name="voortgang_volgende_na_datum",
            ),
            *plausibele_datums("datum", "volgend_gesprek_op"),
            *tekst_hoogstens(LANGE_TEKST, "verslag"),
        ]

    def __str__(self) -> str:
        return f"Voortgangsgesprek van {self.datum:%d-%m-%Y}"


@track_history
class DoelVoortgang(models.Model):
    gesprek = models.ForeignKey(
        Voortgangsgesprek, on_delete=models.CASCADE, related_name="voortgang"
    )
    doel = models.ForeignKey(PlanDoel, on_delete=models.CASCADE, related_name="voortgang")
    status = models.CharField(_("status"), max_length=10, choices=DoelStatus.choices)
    notitie = models.TextField(_("notitie"), blank=True, max_length=LANGE_TEKST)

    objects = DoelVoortgangQuerySet.as_manager()

    class Meta:
        constraints = [
            *tekst_hoogstens(LANGE_TEKST, "notitie"),
        ]
        verbose_name = _("voortgang op een doel")
        verbose_name_plural = _("voortgang op doelen")

    def __str__(self) -> str:
        return f"{self.doel}: {self.get_status_display()}"
