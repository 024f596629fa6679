from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
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
from core.validators import begrensd, plausibele_datum
from intake.constants import Leefgebied
from statushouders.models import Persoon, track_history
from statushouders.querysets import PersoonGebondenQuerySet

from .constants import TERUGKOPPELING_MAXIMUM_UREN, PartnerSoort, ToestemmingWijze, VerwijzingStatus


@track_history
class Partner(KoersModel):
    naam = models.CharField(_("naam"), max_length=150, unique=True)
    soort = models.CharField(_("soort"), max_length=30, choices=PartnerSoort.choices)
    leefgebieden = ArrayField(
        models.CharField(max_length=30, choices=Leefgebied.choices),
        verbose_name=_("leefgebieden"),
        default=list,
        blank=True,
    )
    contact_email = models.EmailField(
        _("e-mailadres voor nieuwe verwijzingen"),
        help_text=_("Krijgt bij elke nieuwe verwijzing een bericht met alleen een link."),
    )
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["naam"]
        constraints = [*plausibele_momenten("created_at", "updated_at")]

    def __str__(self) -> str:
        return self.naam


@track_history
class Verwijzing(KoersModel):
    persoon = models.ForeignKey(
        Persoon, on_delete=models.PROTECT, related_name="verwijzingen", verbose_name=_("persoon")
    )
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="verwijzingen", verbose_name=_("partner")
    )
    leefgebied = models.CharField(_("leefgebied"), max_length=30, choices=Leefgebied.choices)
    doel = models.CharField(_("doel van de verwijzing"), max_length=300)
    notitie = models.TextField(_("toelichting voor de partner"), blank=True, max_length=LANGE_TEKST)
    adres_delen = models.BooleanField(
        _("adres delen met de partner"),
        default=False,
        help_text=_("Alleen als de partner het adres nodig heeft, zoals bij begeleiding thuis."),
    )
    # No referral without the person's consent to share: the database requires it. The consent
    # covers this partner and this purpose only; `toestemming_voor` keeps the words the person
    # agreed to, as they stood when the regisseur recorded it (`door`).
    toestemming_op = models.DateField(_("toestemming gegeven op"), validators=[plausibele_datum])
    toestemming_wijze = models.CharField(
        _("hoe is toestemming gegeven"), max_length=20, choices=ToestemmingWijze.choices
    )
    toestemming_voor = models.TextField(_("toestemming geldt voor"), max_length=1000)
    toestemming_document = models.FileField(
        _("ondertekend toestemmingsformulier"),
        storage=prive_opslag,
        upload_to="toestemmingen/",
        blank=True,
    )
    toestemming_ingetrokken_op = models.DateTimeField(
        _("toestemming ingetrokken op"), null=True, blank=True, validators=[plausibele_datum]
    )
    toestemming_ingetrokken_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("intrekking vastgelegd door"),
    )
    intrekking_reden = models.TextField(
        _("toelichting bij de intrekking"), blank=True, max_length=LANGE_TEKST
    )
    status = models.CharField(
        _("status"),
        max_length=15,
        choices=VerwijzingStatus.choices,
        default=VerwijzingStatus.VERSTUURD,
    )
    verstuurd_op = models.DateTimeField(
        _("verstuurd op"), default=timezone.now, validators=[plausibele_datum]
    )
    beantwoord_op = models.DateTimeField(
        _("beantwoord op"), null=True, blank=True, validators=[plausibele_datum]
    )
    afwijzingsreden = models.TextField(_("reden van afwijzen"), blank=True, max_length=LANGE_TEKST)
    afgesloten_op = models.DateTimeField(
        _("afgesloten op"), null=True, blank=True, validators=[plausibele_datum]
    )
    resultaat = models.TextField(_("resultaat"), blank=True, max_length=LANGE_TEKST)
    melding_verstuurd_op = models.DateTimeField(
        _("e-mail aan de partner verstuurd op"),
        null=True,
        blank=True,
        validators=[plausibele_datum],
    )
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("verwezen door"),
    )

    objects = PersoonGebondenQuerySet.as_manager()

    class Meta:
        verbose_name = _("verwijzing")
        verbose_name_plural = _("verwijzingen")
        ordering = ["-verstuurd_op", "-id"]
        indexes = [models.Index(fields=["partner", "status", "-verstuurd_op"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=VerwijzingStatus.AFGEWEZEN) | ~Q(afwijzingsreden=""),
                name="verwijzing_afwijzing_met_reden",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["afgewezen", "afgerond", "ingetrokken"])
                | Q(afgesloten_op__isnull=False),
                name="verwijzing_gesloten_met_datum",
            ),
            models.CheckConstraint(
                condition=Q(status="ingetrokken", toestemming_ingetrokken_op__isnull=False)
                | (~Q(status="ingetrokken") & Q(toestemming_ingetrokken_op__isnull=True)),
                name="verwijzing_ingetrokken_met_moment",
            ),
            models.CheckConstraint(
                condition=~Q(toestemming_voor=""), name="verwijzing_toestemming_omschreven"
            ),
            models.CheckConstraint(
                condition=Q(beantwoord_op__isnull=True) | Q(beantwoord_op__gte=F("verstuurd_op")),
                name="verwijzing_antwoord_na_versturen",
            ),
            *plausibele_datums("toestemming_op"),
            *plausibele_momenten(
                "created_at",
                "updated_at",
                "toestemming_ingetrokken_op",
                "verstuurd_op",
                "beantwoord_op",
                "afgesloten_op",
                "melding_verstuurd_op",
            ),
            *tekst_hoogstens(
                LANGE_TEKST, "notitie", "intrekking_reden", "afwijzingsreden", "resultaat"
            ),
            *tekst_hoogstens(1000, "toestemming_voor"),
        ]

    def __str__(self) -> str:
        return f"Verwijzing naar {self.partner}: {self.doel}"

    def get_portal_url(self) -> str:
        return reverse("partners:portaal-verwijzing", kwargs={"verwijzing_uuid": self.uuid})


class TerugkoppelingQuerySet(PersoonGebondenQuerySet):
    persoon_pad = "verwijzing__persoon"


@track_history
class Terugkoppeling(models.Model):
    verwijzing = models.ForeignKey(
        Verwijzing, on_delete=models.CASCADE, related_name="terugkoppelingen"
    )
    datum = models.DateField(_("datum"), validators=[plausibele_datum])
    tekst = models.TextField(_("terugkoppeling"), max_length=LANGE_TEKST)
    aanwezig = models.BooleanField(_("de persoon was aanwezig"), null=True, blank=True)
    uren = models.DecimalField(
        _("uren"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=begrensd(0, TERUGKOPPELING_MAXIMUM_UREN, _("een aantal uren")),
    )
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TerugkoppelingQuerySet.as_manager()

    class Meta:
        constraints = [
            *getallen_tussen(0, TERUGKOPPELING_MAXIMUM_UREN, "uren"),
            *plausibele_datums("datum"),
            *plausibele_momenten("created_at"),
            *tekst_hoogstens(LANGE_TEKST, "tekst"),
        ]
        verbose_name = _("terugkoppeling")
        verbose_name_plural = _("terugkoppelingen")
        ordering = ["-datum", "-id"]

    def __str__(self) -> str:
        return f"Terugkoppeling van {self.datum:%d-%m-%Y}"
