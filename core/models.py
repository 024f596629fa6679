import pghistory
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Toegangslog(models.Model):
    """One row per time a user opened a dossier page: who looked at whom, when, where."""

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
    persoon_uuid = models.UUIDField(_("persoon-id"))
    pad = models.CharField(_("pagina"), max_length=300)

    class Meta:
        verbose_name = _("toegangslogregel")
        verbose_name_plural = _("toegangslog")
        ordering = ["-moment", "-id"]
        indexes = [
            models.Index(fields=["gebruiker", "-moment"]),
            models.Index(fields=["persoon_uuid", "-moment"]),
        ]

    def __str__(self) -> str:
        return f"{self.moment:%d-%m-%Y %H:%M} {self.gebruiker_id} → {self.persoon_uuid}"


class Eenheid(models.TextChoices):
    DAGEN = "dagen", _("dagen")
    WERKDAGEN = "werkdagen", _("werkdagen")
    WEKEN = "weken", _("weken")
    MAANDEN = "maanden", _("maanden")
    JAREN = "jaren", _("jaren")


class TermijnStatus(models.TextChoices):
    OPEN = "open", _("Open")
    GEHAALD = "gehaald", _("Gehaald")
    VERLOPEN = "verlopen", _("Verlopen")
    VERVALLEN = "vervallen", _("Vervallen")


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class TermijnConfig(models.Model):
    """One legal or agreed term, as this installation applies it. Functioneel beheer changes
    the length when regulations or local policy change; open deadlines follow."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    label = models.CharField(_("omschrijving"), max_length=120)
    wettelijke_basis = models.CharField(_("wettelijke basis"), max_length=200)
    berekening = models.CharField(
        _("hoe de datum wordt berekend"),
        max_length=300,
        help_text=_("Vanaf welke datum in het dossier de termijn telt."),
    )
    lengte = models.PositiveIntegerField(_("lengte"))
    eenheid = models.CharField(_("eenheid"), max_length=10, choices=Eenheid.choices)
    geverifieerd = models.BooleanField(
        _("basis gecontroleerd in de gepubliceerde tekst"), default=False
    )
    herinneren = models.BooleanField(
        _("regisseur herinneren"),
        default=True,
        help_text=_("Uit voor termijnen die alleen informatief zijn, zoals de bezwaartermijn."),
    )

    class Meta:
        verbose_name = _("termijn (configuratie)")
        verbose_name_plural = _("termijnen (configuratie)")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.label

    @property
    def basis_tekst(self) -> str:
        return f"{self.lengte} {self.get_eenheid_display()} — {self.wettelijke_basis}"


class Termijn(models.Model):
    """A deadline of one person (or one referral, one PIP version of that person)."""

    persoon = models.ForeignKey(
        "statushouders.Persoon",
        on_delete=models.CASCADE,
        related_name="termijnen",
        verbose_name=_("persoon"),
    )
    config = models.ForeignKey(TermijnConfig, on_delete=models.PROTECT, related_name="termijnen")
    # Which object of the person the deadline is about: "" for the person, or a version or
    # referral id, so that each has its own deadline.
    sleutel = models.CharField(max_length=60, blank=True, default="")
    basisdatum = models.DateField(_("telt vanaf"))
    verlenging_dagen = models.PositiveSmallIntegerField(_("verlengd met dagen"), default=0)
    verlenging_reden = models.CharField(_("reden verlenging"), max_length=300, blank=True)
    verlengd_tot = models.DateField(_("verlengd tot (besluit)"), null=True, blank=True)
    vervalt_op = models.DateField(_("uiterlijk"))
    status = models.CharField(
        _("status"), max_length=10, choices=TermijnStatus.choices, default=TermijnStatus.OPEN
    )
    gehaald_op = models.DateField(_("gehaald op"), null=True, blank=True)

    class Meta:
        verbose_name = _("termijn")
        verbose_name_plural = _("termijnen")
        ordering = ["vervalt_op", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["persoon", "config", "sleutel"], name="termijn_uniek_per_onderwerp"
            ),
            models.CheckConstraint(
                condition=models.Q(verlenging_dagen__lte=14),
                name="termijn_verlenging_hoogstens_twee_weken",
            ),
        ]
        indexes = [models.Index(fields=["status", "vervalt_op"])]

    def __str__(self) -> str:
        return f"{self.config.label}: {self.vervalt_op:%d-%m-%Y}"


class Herinnering(models.Model):
    """A reminder sent for one deadline at one moment. The unique constraint is what makes
    'at most once' hold, also for two jobs running at the same time."""

    termijn = models.ForeignKey(Termijn, on_delete=models.CASCADE, related_name="herinneringen")
    moment = models.CharField(_("moment"), max_length=20)
    verstuurd_op = models.DateTimeField(_("verstuurd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("herinnering")
        verbose_name_plural = _("herinneringen")
        constraints = [
            models.UniqueConstraint(fields=["termijn", "moment"], name="herinnering_eenmalig")
        ]

    def __str__(self) -> str:
        return f"{self.termijn_id} {self.moment}"


class Melding(models.Model):
    """An in-app notification: the bell in the header counts the unread ones."""

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meldingen"
    )
    tekst = models.CharField(_("tekst"), max_length=300)
    link = models.CharField(_("link"), max_length=300)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gelezen_op = models.DateTimeField(_("gelezen op"), null=True, blank=True)

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-aangemaakt_op", "-id"]
        indexes = [models.Index(fields=["gebruiker", "gelezen_op"])]

    def __str__(self) -> str:
        return self.tekst
