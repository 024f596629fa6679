from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django_htmx.http import HttpResponseClientRedirect

from core.selectors import historie_events, historie_regels, waarde_tonen
from core.views import (
    dossier_medewerker_vereist,
    dossierformulier,
    fouten_naar_formulier,
    in_scope_openen,
)
from statushouders.views import dossier_openen

from . import services
from .charts import spinnenweb_svg
from .constants import Leefgebied
from .forms import AfrondenForm, GesprekForm, HeropenenForm, StartForm
from .models import BredeIntake
from .secties import SECTIES, SECTIES_PER_CODE, volgende
from .selectors import (
    intake_acties,
    intake_ophalen,
    laatste_intake,
    ontbrekende_onderdelen,
    positieve_gezondheid,
    zrm_van,
    zrm_verloop,
)

HISTORIE_OP_INTAKE = 20


def _intake(request, uuid, intake_uuid) -> BredeIntake:
    """The intake if the user may open this dossier (404 otherwise); the look is logged."""
    return in_scope_openen(
        request,
        lambda: intake_ophalen(user=request.user, persoon_uuid=uuid, intake_uuid=intake_uuid),
        persoon_van=lambda intake: intake.persoon,
    )


def _overzicht_context(intake: BredeIntake, user, **extra) -> dict:
    gezondheid = positieve_gezondheid(intake)
    return {
        "intake": intake,
        "persoon": intake.persoon,
        "acties": intake_acties(intake=intake, user=user),
        "secties": [(sectie, sectie.ingevuld(intake)) for sectie in SECTIES],
        "ontbreekt": ontbrekende_onderdelen(intake=intake),
        "gesprekken": intake.gesprekken.select_related("door"),
        "zrm": zrm_verloop(persoon=intake.persoon),
        "gezondheid": gezondheid,
        "spinnenweb": spinnenweb_svg(gezondheid)
        if any(s is not None for _l, s in gezondheid)
        else "",
        "heropeningen": intake.heropeningen.select_related("door"),
        "historie": historie_regels(historie_events(intake)[:HISTORIE_OP_INTAKE]),
        "gesprek_form": extra.pop("gesprek_form", None)
        or GesprekForm(initial={"datum": timezone.localdate()}),
        "afronden_form": extra.pop("afronden_form", None)
        or AfrondenForm(initial={"afgerond_op": timezone.localdate()}),
        "heropenen_form": extra.pop("heropenen_form", None) or HeropenenForm(),
        **extra,
    }


@dossier_medewerker_vereist
@require_http_methods(["GET", "POST"])
def intake_starten(request, uuid):
    persoon = dossier_openen(request, uuid)
    laatste = laatste_intake(persoon=persoon)
    if not intake_acties(intake=laatste, user=request.user).starten:
        if laatste is None:
            return redirect(persoon)
        url = reverse("intake:intake-detail", kwargs={"uuid": uuid, "intake_uuid": laatste.uuid})
        if laatste.is_afgerond:
            messages.info(
                request,
                _(
                    "De brede intake van deze persoon is al afgerond. Moet er iets worden "
                    "gecorrigeerd, heropen haar dan."
                ),
            )
            url += "#heropenen"
        return redirect(url)
    form = StartForm(
        request.POST or None,
        initial={
            "gestart_op": timezone.localdate(),
            "azc_naam": persoon.azc,
            "tolk_taal": persoon.voorkeurstaal,
        },
    )
    gestart = []

    def starten(**gegevens):
        gestart.append(services.intake_starten(persoon=persoon, door=request.user, **gegevens))

    return dossierformulier(
        request,
        form,
        starten,
        gelukt=_("De brede intake is gestart."),
        naar=lambda: reverse(
            "intake:intake-sectie",
            kwargs={"uuid": uuid, "intake_uuid": gestart[0].uuid, "sectie": SECTIES[1].code},
        ),
        template="intake/intake_starten.html",
        context=lambda form: {"persoon": persoon, "form": form},
    )


@dossier_medewerker_vereist
def intake_detail(request, uuid, intake_uuid):
    intake = _intake(request, uuid, intake_uuid)
    return render(request, "intake/intake_detail.html", _overzicht_context(intake, request.user))


@dossier_medewerker_vereist
@require_http_methods(["GET", "POST"])
def intake_sectie(request, uuid, intake_uuid, sectie):
    intake = _intake(request, uuid, intake_uuid)
    huidige = SECTIES_PER_CODE.get(sectie)
    if huidige is None:
        raise Http404
    # Read before the form is bound: a model form writes what was typed onto the intake.
    secties = [(s, s.ingevuld(intake)) for s in SECTIES]
    form = huidige.maak_formulier(request.POST if request.method == "POST" else None, intake)
    opgeslagen_om = None
    if request.method == "POST" and form.is_valid():
        try:
            huidige.opslaan(intake, request.user, form)
        except ValidationError as error:
            fouten_naar_formulier(form, error)
        else:
            verder = volgende(huidige)
            if verder and "opslaan_en_verder" in request.POST:
                url = reverse(
                    "intake:intake-sectie",
                    kwargs={"uuid": uuid, "intake_uuid": intake_uuid, "sectie": verder.code},
                )
                messages.success(request, _("%s is opgeslagen.") % huidige.label)
                return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
            if not request.htmx:
                messages.success(request, _("%s is opgeslagen.") % huidige.label)
                return redirect(request.path)
            opgeslagen_om = timezone.localtime()
            intake = intake_ophalen(user=request.user, persoon_uuid=uuid, intake_uuid=intake_uuid)
            secties = [(s, s.ingevuld(intake)) for s in SECTIES]
            form = huidige.maak_formulier(None, intake)
    context = {
        "intake": intake,
        "persoon": intake.persoon,
        "acties": intake_acties(intake=intake, user=request.user),
        "sectie": huidige,
        "volgende": volgende(huidige),
        "secties": secties,
        "form": form,
        "opgeslagen_om": opgeslagen_om,
    }
    template = "intake/intake_sectie.html"
    # A form with errors answers 422, as dossierformulier does (this autosaving form sends some
    # successes on to the next section, so it has its own flow). The htmx answer carries the side
    # list as well, so its marks follow what was just saved.
    return render(
        request,
        f"{template}#htmx-antwoord" if request.htmx else template,
        context,
        status=422 if form.errors else 200,
    )


def _overzicht_actie(form_class, service, formnaam: str, melding: str, naar_dossier=False):
    """An action posted from the intake overview (gesprek, afronden, heropenen): on a refusal
    the overview comes back with the errors beside the fields of that form."""

    @dossier_medewerker_vereist
    @require_http_methods(["GET", "POST"])
    def view(request, uuid, intake_uuid):
        intake = _intake(request, uuid, intake_uuid)
        overzicht = reverse(
            "intake:intake-detail", kwargs={"uuid": uuid, "intake_uuid": intake_uuid}
        )
        if request.method == "GET":
            return redirect(overzicht)
        return dossierformulier(
            request,
            form_class(request.POST),
            partial(service, intake=intake, door=request.user),
            gelukt=melding,
            naar=intake.persoon if naar_dossier else overzicht,
            template="intake/intake_detail.html",
            context=lambda form: _overzicht_context(intake, request.user, **{formnaam: form}),
        )

    return view


gesprek_create = _overzicht_actie(
    GesprekForm,
    services.gesprek_toevoegen,
    "gesprek_form",
    gettext_lazy("Het gesprek is vastgelegd."),
)
intake_afronden = _overzicht_actie(
    AfrondenForm,
    services.intake_afronden,
    "afronden_form",
    gettext_lazy("De brede intake is afgerond."),
    naar_dossier=True,
)
intake_heropenen = _overzicht_actie(
    HeropenenForm,
    services.intake_heropenen,
    "heropenen_form",
    gettext_lazy("De intake is heropend; u kunt haar weer wijzigen."),
)


@dossier_medewerker_vereist
def intake_samenvatting(request, uuid, intake_uuid):
    intake = _intake(request, uuid, intake_uuid)
    return render(
        request,
        "intake/intake_samenvatting.html",
        {
            **_overzicht_context(intake, request.user),
            "leefgebieden": [
                (sectie, sectie.gegevens(intake))
                for sectie in SECTIES
                if sectie.code in Leefgebied.values
            ],
            "eerste_stappen": waarde_tonen(
                BredeIntake._meta.get_field("advies_eerste_stappen"), intake.advies_eerste_stappen
            ),
            "zrm_meting": zrm_van(intake),
        },
    )
