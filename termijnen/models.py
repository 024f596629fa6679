"""Deadlines: the configured terms, each person's deadline rows (the one place a due date
lives), holidays, reminders and in-app notifications.

The first four tables were created when deadlines lived in `core`; they keep their names so an
installed system keeps its data."""

import pghistory
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.constraints import plausibele_datums, plausibele_momenten
from core.validators import plausibele_datum
from statushouders.querysets import PersoonGebondenQuerySet

from .constants import MAXIMUM_LENGTE, Eenheid, TermijnStatus, lengte_tekst


def _lengte_binnen_grenzen() -> Q:
    """Per unit: at least 1, at most 120 months' worth."""
    grenzen = Q()
    for eenheid, maximum in MAXIMUM_LENGTE.items():
        grenzen |= Q(eenheid=eenheid, lengte__gte=1, lengte__lte=maximum)
    return grenzen


@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    pghistory.DeleteEvent(),
)
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
    lengte = models.PositiveIntegerField(
        _("lengte"),
        validators=[MinValueValidator(1), MaxValueValidator(max(MAXIMUM_LENGTE.values()))],
    )
    eenheid = models.CharField(_("eenheid"), max_length=10, choices=Eenheid.choices)
    atw = models.BooleanField(
        _("Algemene termijnenwet van toepassing"),
        default=False,
        help_text=_(
            "Een wettelijke termijn die op een zaterdag, zondag of feestdag zou eindigen, "
            "eindigt dan op de eerstvolgende werkdag."
        ),
    )
    geverifieerd = models.BooleanField(
        _("basis gecontroleerd in de gepubliceerde tekst"), default=False
    )
    herinneren = models.BooleanField(
        _("regisseur herinneren"),
        default=True,
        help_text=_("Uit voor termijnen die alleen informatief zijn, zoals de bezwaartermijn."),
    )
    # How the law counts it, not a policy choice: set from EERSTE_DAG_TELT, not in the form.
    eerste_dag_telt = models.BooleanField(
        _("periode die op de datum begint"),
        default=False,
        help_text=_(
            "De eerste dag telt mee: de laatste dag is de dag vóór dezelfde datum N later "
            "(01-03 + 6 maanden → 31-08), zoals bij de ontzorgperiode."
        ),
    )

    class Meta:
        verbose_name = _("termijn (configuratie)")
        verbose_name_plural = _("termijnen (configuratie)")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=_lengte_binnen_grenzen(), name="termijnconfig_lengte_binnen_grenzen"
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def lengte_tekst(self) -> str:
        return lengte_tekst(self.lengte, self.eenheid)

    @property
    def basis_tekst(self) -> str:
        return f"{self.lengte_tekst} — {self.wettelijke_basis}"


# Recomputed dates are not worth a history line each (they follow from the dossier dates,
# which have their own history); a one-time extension is a decision and is kept.
@pghistory.track(
    pghistory.UpdateEvent(
        "verlengd", condition=pghistory.AnyChange("verlenging_dagen", "verlengd_tot")
    ),
    fields=[
        "persoon",
        "config",
        "onderwerp",
        "verlenging_dagen",
        "verlenging_reden",
        "verlengd_tot",
        "vervalt_op",
    ],
    model_name="TermijnVerlenging",
)
class Termijn(models.Model):
    """A deadline of one person, or of one object of that person (a PIP version, a referral).
    Its due date lives here and nowhere else."""

    persoon = models.ForeignKey(
        "statushouders.Persoon",
        on_delete=models.CASCADE,
        related_name="termijnen",
        verbose_name=_("persoon"),
    )
    config = models.ForeignKey(
        TermijnConfig,
        on_delete=models.PROTECT,
        related_name="termijnen",
        verbose_name=_("termijn"),
    )
    # Which object of the person the deadline is about: "" for the person, or a version or
    # referral key, so that each has its own deadline.
    sleutel = models.CharField(max_length=60, blank=True, default="")
    onderwerp = models.CharField(
        _("waarover"), max_length=200, blank=True, help_text=_("Bijvoorbeeld ‘PIP-versie 2’.")
    )
    link = models.CharField(_("waar het wordt afgehandeld"), max_length=300, blank=True)
    basisdatum = models.DateField(_("telt vanaf"), validators=[plausibele_datum])
    afgesproken_op = models.DateField(
        _("afgesproken datum"),
        null=True,
        blank=True,
        help_text=_("Een afgesproken datum gaat voor de berekende, zoals een volgend gesprek."),
        validators=[plausibele_datum],
    )
    verlenging_dagen = models.PositiveSmallIntegerField(_("verlengd met dagen"), default=0)
    verlenging_reden = models.CharField(_("reden van de verlenging"), max_length=300, blank=True)
    verlengd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verlengd door"),
    )
    verlengd_op = models.DateTimeField(
        _("verlengd op"), null=True, blank=True, validators=[plausibele_datum]
    )
    verlengd_tot = models.DateField(
        _("verlengd tot (besluit)"), null=True, blank=True, validators=[plausibele_datum]
    )
    vervalt_op = models.DateField(_("uiterlijk (na verlenging)"), validators=[plausibele_datum])
    verschoven_van = models.DateField(
        _("zonder Algemene termijnenwet"),
        null=True,
        blank=True,
        help_text=_("De dag waarop de termijn zou eindigen als die geen werkdag was."),
        validators=[plausibele_datum],
    )
    verschuiving_reden = models.CharField(_("reden verschuiving"), max_length=80, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=TermijnStatus.choices, default=TermijnStatus.OPEN
    )
    gehaald_op = models.DateField(
        _("gehaald op"), null=True, blank=True, validators=[plausibele_datum]
    )

    objects = PersoonGebondenQuerySet.as_manager()

    class Meta:
        verbose_name = _("termijn")
        verbose_name_plural = _("termijnen")
        ordering = ["vervalt_op", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["persoon", "config", "sleutel"], name="termijn_uniek_per_onderwerp"
            ),
            models.CheckConstraint(
                condition=Q(verlenging_dagen__lte=14),
                name="termijn_verlenging_hoogstens_twee_weken",
            ),
            models.CheckConstraint(
                condition=Q(verlenging_dagen=0) | ~Q(verlenging_reden=""),
                name="termijn_verlenging_met_reden",
            ),
            models.CheckConstraint(
                condition=Q(vervalt_op__gte="1900-01-01", vervalt_op__lte="2200-12-31"),
                name="termijn_vervaldatum_plausibel",
            ),
            *plausibele_datums(
                "basisdatum",
                "afgesproken_op",
                "verlengd_tot",
                "vervalt_op",
                "verschoven_van",
                "gehaald_op",
            ),
            *plausibele_momenten("verlengd_op"),
        ]
        indexes = [
            models.Index(fields=["status", "vervalt_op"], name="termijn_status_vervalt"),
            # The worklists: open deadlines in date order (a team's first page is read from
            # the index), and a person's open ones (a regisseur's few hundred persons).
            models.Index(
                fields=["vervalt_op", "id"],
                condition=Q(status__in=["open", "verlopen"]),
                name="termijn_open_op_datum",
            ),
            models.Index(
                fields=["persoon", "vervalt_op"],
                condition=Q(status__in=["open", "verlopen"]),
                name="termijn_open_per_persoon",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.config.label}: {self.vervalt_op:%d-%m-%Y}"

    @property
    def omschrijving(self) -> str:
        """The label, with the object it is about: 'Bezwaartermijn PIP (PIP-versie 2)'."""
        return f"{self.config.label} ({self.onderwerp})" if self.onderwerp else self.config.label


class Feestdag(models.Model):
    """A day declared equal to a holiday (Besluit gelijkstelling), kept by functioneel beheer.
    The holidays of Atw art. 3 themselves are computed, every year."""

    datum = models.DateField(_("datum"), unique=True, validators=[plausibele_datum])
    naam = models.CharField(_("omschrijving"), max_length=120)

    class Meta:
        verbose_name = _("gelijkgestelde dag")
        verbose_name_plural = _("gelijkgestelde dagen")
        ordering = ["datum"]
        constraints = [
            models.CheckConstraint(
                condition=Q(datum__gte="1900-01-01", datum__lte="2100-12-31"),
                name="feestdag_datum_plausibel",
            ),
            *plausibele_datums("datum"),
        ]

    def __str__(self) -> str:
        return f"{self.datum:%d-%m-%Y} {self.naam}"


pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())(Feestdag)


class HerinneringQuerySet(PersoonGebondenQuerySet):
    persoon_pad = "termijn__persoon"


class Herinnering(models.Model):
    """A reminder sent for one deadline at one moment. The unique constraint is what makes
    'at most once' hold, also for two jobs running at the same time."""

    termijn = models.ForeignKey(Termijn, on_delete=models.CASCADE, related_name="herinneringen")
    moment = models.CharField(_("moment"), max_length=20)
    verstuurd_op = models.DateTimeField(_("verstuurd op"), auto_now_add=True)

    objects = HerinneringQuerySet.as_manager()

    class Meta:
        verbose_name = _("herinnering")
        verbose_name_plural = _("herinneringen")
        constraints = [
            models.UniqueConstraint(fields=["termijn", "moment"], name="herinnering_eenmalig"),
            *plausibele_momenten("verstuurd_op"),
        ]

    def __str__(self) -> str:
        return f"{self.termijn_id} {self.moment}"


class MeldingQuerySet(models.QuerySet):
    def visible_to(self, user) -> "MeldingQuerySet":
        """A notification is for its addressee alone, whichever person it names."""
        if not (user is not None and user.is_authenticated):
            return self.none()
        return self.filter(gebruiker=user)


class Melding(models.Model):
    """An in-app notification: the bell in the header counts the unread ones. It names the
    person (it is only shown inside Koers) and links to where the matter is handled."""

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meldingen"
    )
    persoon = models.ForeignKey(
        "statushouders.Persoon",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("persoon"),
    )
    termijn = models.ForeignKey(
        Termijn, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    tekst = models.CharField(_("tekst"), max_length=300)
    link = models.CharField(_("link"), max_length=300)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gelezen_op = models.DateTimeField(
        _("gelezen op"), null=True, blank=True, validators=[plausibele_datum]
    )

    objects = MeldingQuerySet.as_manager()

    class Meta:
        constraints = [
            *plausibele_momenten("aangemaakt_op", "gelezen_op"),
        ]
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-aangemaakt_op", "-id"]
        indexes = [
            models.Index(fields=["gebruiker", "gelezen_op"], name="melding_gebruiker_gelezen")
        ]

    def __str__(self) -> str:
        return self.tekst


class Dagoverzicht(models.Model):
    """The one reminder e-mail a user gets on a day: counts and a link, no personal data.
    The unique constraint makes it one per user per day, however often the job runs."""

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    datum = models.DateField(_("datum"), validators=[plausibele_datum])
    verstuurd_op = models.DateTimeField(_("verstuurd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("dagoverzicht")
        verbose_name_plural = _("dagoverzichten")
        constraints = [
            models.UniqueConstraint(fields=["gebruiker", "datum"], name="dagoverzicht_eenmalig"),
            *plausibele_datums("datum"),
            *plausibele_momenten("verstuurd_op"),
        ]

    def __str__(self) -> str:
        return f"{self.gebruiker_id} {self.datum:%d-%m-%Y}"
