"""The sections of the intake form, in the order the regisseur walks them.

Each section knows its form, how to save it (through a service) and whether it holds data.
A life domain also lists what it holds, for the summary; "filled in" is read from that same
list, so the side list and the summary can never disagree.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.forms import modelform_factory
from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.selectors import waarde_tonen

from . import forms, services
from .constants import Leefgebied
from .models import BredeIntake, LeefgebiedBevinding
from .selectors import zrm_van


@dataclass(frozen=True)
class Sectie:
    code: str
    label: str
    maak_formulier: Callable
    opslaan: Callable
    ingevuld: Callable[[BredeIntake], bool]
    uitleg: str = ""
    extra: tuple[str, ...] = field(default=())
    # (label, value) of everything filled in, as the summary shows it; life domains only.
    gegevens: Callable[[BredeIntake], list[tuple[str, str]]] | None = None


def _bevinding(intake: BredeIntake, leefgebied: str):
    return next((b for b in intake.leefgebieden.all() if b.leefgebied == leefgebied), None)


def _leefgebied_sectie(leefgebied: Leefgebied, extra: tuple[str, ...] = (), uitleg="") -> Sectie:
    form_class = modelform_factory(BredeIntake, form=forms.LeefgebiedForm, fields=extra)

    def maak_formulier(data, intake):
        form = form_class(data, instance=intake, bevinding=_bevinding(intake, leefgebied))
        if leefgebied == Leefgebied.WERKERVARING:
            form.formset = forms.WerkervaringFormSet(data, instance=intake, prefix="baan")
        return form

    def opslaan(intake, door, form):
        services.leefgebied_opslaan(
            intake=intake,
            door=door,
            leefgebied=leefgebied,
            gegevens=form.intake_gegevens,
            **{n: form.cleaned_data[n] for n in forms.LeefgebiedForm.tekstvelden},
        )
        if hasattr(form, "formset"):
            services.werkervaring_opslaan(
                intake=intake,
                door=door,
                banen=[
                    {n: f.cleaned_data[n] for n in ("functie", "sector", "jaren")}
                    for f in form.formset.forms
                    if f.cleaned_data and not f.cleaned_data.get("DELETE")
                ],
            )

    def gegevens(intake) -> list[tuple[str, str]]:
        bevinding = _bevinding(intake, leefgebied)
        regels = [
            (str(LeefgebiedBevinding._meta.get_field(n).verbose_name), getattr(bevinding, n))
            for n in forms.LeefgebiedForm.tekstvelden
            if bevinding is not None and getattr(bevinding, n)
        ]
        for naam in extra:
            veld, waarde = BredeIntake._meta.get_field(naam), getattr(intake, naam)
            # An unticked box is the default, not an answer.
            if waarde not in ("", None, False):
                regels.append((str(veld.verbose_name), waarde_tonen(veld, waarde)))
        if leefgebied == Leefgebied.WERKERVARING:
            for nummer, baan in enumerate(intake.werkervaring.all(), start=1):
                sector = f" ({baan.sector})" if baan.sector else ""
                regels.append(
                    (
                        gettext("Baan %d") % nummer,
                        gettext("%(functie)s%(sector)s, %(jaren)s jaar")
                        % {
                            "functie": baan.functie,
                            "sector": sector,
                            "jaren": floatformat(baan.jaren, -1),
                        },
                    )
                )
        return regels

    return Sectie(
        leefgebied.value,
        leefgebied.label,
        maak_formulier,
        opslaan,
        lambda intake: bool(gegevens(intake)),
        uitleg,
        extra,
        gegevens,
    )


def _intake_sectie(code, label, form_class, uitleg="") -> Sectie:
    def opslaan(intake, door, form):
        services.intake_gegevens_opslaan(intake=intake, door=door, gegevens=form.cleaned_data)

    return Sectie(
        code,
        label,
        lambda data, intake: form_class(data, instance=intake),
        opslaan,
        lambda intake: any(
            getattr(intake, n) not in ("", None, []) for n in form_class._meta.fields
        ),
        uitleg,
    )


def _zrm_formulier(data, intake):
    return forms.ZrmForm(
        data, instance=zrm_van(intake), prefix="zrm", initial={"datum": timezone.localdate()}
    )


def _zrm_opslaan(intake, door, form):
    services.zrm_opslaan(
        intake=intake, door=door, datum=form.cleaned_data["datum"], scores=form.scores
    )


SECTIES: list[Sectie] = [
    _intake_sectie(
        "start",
        _("Start"),
        forms.StartForm,
        _("Wanneer en waar de intake begon, en met welke tolk."),
    ),
    _leefgebied_sectie(Leefgebied.WONEN),
    _leefgebied_sectie(Leefgebied.FINANCIEN),
    _leefgebied_sectie(Leefgebied.GEZONDHEID_LICHAMELIJK),
    _leefgebied_sectie(Leefgebied.GEZONDHEID_PSYCHISCH),
    _leefgebied_sectie(
        Leefgebied.TAAL,
        ("taal_lezen", "taal_luisteren", "taal_spreken", "taal_schrijven", "andere_talen"),
        _("Het niveau Nederlands per vaardigheid (A0 tot en met C1) en andere talen."),
    ),
    _leefgebied_sectie(
        Leefgebied.OPLEIDING,
        (
            "hoogste_opleiding",
            "opleiding_jaren",
            "opleiding_land",
            "diplomas",
            "diploma_waardering",
        ),
    ),
    _leefgebied_sectie(Leefgebied.WERKERVARING, uitleg=_("Eerder werk: functie, sector, jaren.")),
    _leefgebied_sectie(Leefgebied.GEZIN, ("kinderopvang_nodig",)),
    _leefgebied_sectie(Leefgebied.SOCIAAL_NETWERK),
    _leefgebied_sectie(Leefgebied.MOBILITEIT),
    _leefgebied_sectie(Leefgebied.DIGITALE_VAARDIGHEDEN),
    _leefgebied_sectie(Leefgebied.AMBITIES, ("broodbaan", "droombaan")),
    Sectie(
        "zrm",
        _("Zelfredzaamheidsmatrix (ZRM)"),
        _zrm_formulier,
        _zrm_opslaan,
        lambda intake: zrm_van(intake) is not None,
        _("Score per domein: 1 acute problematiek … 5 volledig zelfredzaam."),
    ),
    _intake_sectie(
        "positieve-gezondheid",
        _("Positieve gezondheid"),
        forms.PositieveGezondheidForm,
        _("De persoon geeft zelf per dimensie een cijfer van 0 tot en met 10."),
    ),
    _intake_sectie(
        "leerbaarheidstoets",
        _("Leerbaarheidstoets"),
        forms.LeerbaarheidstoetsForm,
        _("De uitkomst van de toets, of de reden van vrijstelling."),
    ),
    _intake_sectie(
        "advies",
        _("Advies"),
        forms.AdviesForm,
        _("De geadviseerde leerroute met motivatie, en de eerste stappen."),
    ),
]
SECTIES_PER_CODE = {sectie.code: sectie for sectie in SECTIES}


def volgende(sectie: Sectie) -> Sectie | None:
    index = SECTIES.index(sectie)
    return SECTIES[index + 1] if index + 1 < len(SECTIES) else None
