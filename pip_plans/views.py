from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.views import dossier_medewerker_vereist, dossierformulier, in_scope_openen
from intake.selectors import intake_ophalen, laatste_zrm_meting, zrm_verloop
from termijnen.selectors import termijnconfig_van

from . import services
from .forms import (
    DoelForm,
    DuoVerlengingForm,
    PlanForm,
    VaststellenForm,
    VersiesVergelijkenForm,
    VoortgangsgesprekForm,
)
from .models import Plan
from .selectors import (
    persoon_van_doel,
    plan_acties,
    plan_inhoud,
    plan_ophalen,
    plan_termijnen,
    plan_velden,
    route_normen,
    versie_afwijkingen,
    versie_doelen,
    versie_inhoud,
    versie_verschillen,
)


def _plan(request, uuid, *, loggen: bool = True) -> Plan:
    """The person's PIP if the user may open the dossier (404 otherwise); the look is logged,
    except for a fragment polled while the page stays open (the page's own look counts)."""
    return in_scope_openen(
        request,
        lambda: plan_ophalen(user=request.user, persoon_uuid=uuid),
        persoon_van=lambda plan: plan.persoon,
        loggen=loggen,
    )


def _plan_url(plan: Plan) -> str:
    return reverse("pip_plans:plan-detail", kwargs={"uuid": plan.persoon.uuid})


def _naar_plan(plan: Plan):
    return redirect(_plan_url(plan))


@dossier_medewerker_vereist
@require_http_methods(["GET", "POST"])
def plan_aanmaken(request, uuid, intake_uuid):
    intake = in_scope_openen(
        request,
        lambda: intake_ophalen(user=request.user, persoon_uuid=uuid, intake_uuid=intake_uuid),
        persoon_van=lambda intake: intake.persoon,
    )
    if request.method == "POST":
        try:
            services.plan_aanmaken(intake=intake, door=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(intake.persoon)
        messages.success(
            request, _("Het PIP is aangemaakt als concept, met het advies uit de intake.")
        )
        return redirect("pip_plans:plan-bewerken", uuid=uuid)
    return redirect(intake.persoon)


@dossier_medewerker_vereist
def plan_detail(request, uuid):
    plan = _plan(request, uuid)
    versies = list(plan.versies.select_related("vastgesteld_door").order_by("-nummer"))
    termijnen = plan_termijnen(plan)
    return render(
        request,
        "pip_plans/plan_detail.html",
        {
            "plan": plan,
            "persoon": plan.persoon,
            "waarschuwingen": route_normen(plan),
            "onderdelen": plan_inhoud(plan_velden(plan)),
            "doelen": plan.doelen.all(),
            "versies": versies,
            "laatste": versies[0] if versies else None,
            "termijnen": termijnen,
            "bezwaar_laatste": termijnen.bezwaar.get(versies[0].nummer) if versies else None,
            "verlengingen": plan.verlengingen.select_related("door"),
            "gesprekken": plan.voortgangsgesprekken.select_related("door", "zrm").prefetch_related(
                "voortgang__doel"
            ),
            "zrm": zrm_verloop(persoon=plan.persoon),
            "acties": plan_acties(plan=plan, versies=versies),
        },
    )


@dossier_medewerker_vereist
@require_http_methods(["GET", "POST"])
def plan_bewerken(request, uuid):
    plan = _plan(request, uuid)
    if not plan.is_bewerkbaar:
        messages.error(request, _("Een vastgesteld plan wijzigt u via ‘Wijziging starten’."))
        return _naar_plan(plan)
    form = PlanForm(request.POST or None, instance=plan)
    bijwerken = partial(services.plan_bijwerken, plan=plan, door=request.user)
    return dossierformulier(
        request,
        form,
        lambda **gegevens: bijwerken(gegevens=gegevens),
        # The route norms it does not meet show on the PIP page itself, once.
        gelukt=_("Het plan is opgeslagen."),
        naar=_plan_url(plan),
        template="pip_plans/plan_form.html",
        context=lambda form: {
            "plan": plan,
            "persoon": plan.persoon,
            "form": form,
            "waarschuwingen": route_normen(plan),
            "leerroute_wissel": plan_termijnen(plan).leerroute_wissel,
        },
    )


@dossier_medewerker_vereist
@require_http_methods(["GET", "POST"])
def doel_bewerken(request, uuid, doel_uuid=None):
    plan = _plan(request, uuid)
    doel = (
        in_scope_openen(
            request,
            lambda: plan.doelen.get(uuid=doel_uuid),
            loggen=False,  # _plan logged the look
            persoon_uuid=lambda: persoon_van_doel(doel_uuid),
        )
        if doel_uuid
        else None
    )
    form = DoelForm(request.POST or None, instance=doel)
    if request.method == "POST" and "verwijderen" in request.POST and doel:
        try:
            services.doel_verwijderen(doel=doel, door=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return _naar_plan(plan)
    opslaan = partial(services.doel_opslaan, plan=plan, door=request.user, doel=doel)
    return dossierformulier(
        request,
        form,
        lambda **gegevens: opslaan(gegevens=gegevens),
        gelukt=_("Het doel is opgeslagen."),
        naar=_plan_url(plan),
        template="pip_plans/doel_form.html",
        context=lambda form: {"plan": plan, "persoon": plan.persoon, "form": form, "doel": doel},
    )


@dossier_medewerker_vereist
@require_http_methods(["GET", "POST"])
def plan_vaststellen(request, uuid):
    plan = _plan(request, uuid)
    waarschuwingen = route_normen(plan)
    return dossierformulier(
        request,
        VaststellenForm(request.POST or None, waarschuwingen=waarschuwingen),
        partial(services.plan_vaststellen, plan=plan, door=request.user),
        gelukt=lambda: (
            _("Versie %s is vastgesteld. De PDF wordt gemaakt.")
            % plan.versies.latest("nummer").nummer
        ),
        naar=_plan_url(plan),
        template="pip_plans/plan_vaststellen.html",
        context=lambda form: {
            "plan": plan,
            "persoon": plan.persoon,
            "form": form,
            "waarschuwingen": waarschuwingen,
            "bezwaar_config": termijnconfig_van(code="bezwaar_pip"),
            "inburgering_config": termijnconfig_van(code="inburgeringstermijn"),
        },
    )


@dossier_medewerker_vereist
@require_http_methods(["GET", "POST"])
def plan_wijzigen(request, uuid):
    plan = _plan(request, uuid)
    if request.method == "POST":
        try:
            services.plan_wijzigen(plan=plan, door=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("U werkt nu aan een nieuwe versie. De vastgestelde versie blijft zoals ze is."),
            )
            return redirect("pip_plans:plan-bewerken", uuid=uuid)
    return _naar_plan(plan)


def _versie(request, plan: Plan, nummer: int):
    """A version of the plan; a number it does not have answers 404 and is logged as refused.
    The plan's look is logged already (or, for a poll, need not be)."""
    return in_scope_openen(
        request,
        lambda: plan.versies.select_related("vastgesteld_door").get(nummer=nummer),
        loggen=False,
    )


@dossier_medewerker_vereist
def versie_detail(request, uuid, nummer):
    plan = _plan(request, uuid)
    versie = _versie(request, plan, nummer)
    return render(
        request,
        "pip_plans/versie_detail.html",
        {
            "plan": plan,
            "persoon": plan.persoon,
            "versie": versie,
            "bezwaar": plan_termijnen(plan).bezwaar.get(versie.nummer),
            "onderdelen": versie_inhoud(versie),
            "afwijkingen": versie_afwijkingen(versie),
            "doelen": versie_doelen(versie),
        },
    )


@dossier_medewerker_vereist
def versie_pdf_status(request, uuid, nummer):
    """The PDF's progress as a fragment; htmx polls it every few seconds until the PDF is
    ready. The page that polls logged the look already, so a poll logs none."""
    plan = _plan(request, uuid, loggen=False)
    return render(
        request,
        "pip_plans/_pdf_status.html",
        {"plan": plan, "persoon": plan.persoon, "versie": _versie(request, plan, nummer)},
    )


@dossier_medewerker_vereist
def versie_pdf(request, uuid, nummer):
    plan = _plan(request, uuid)
    versie = _versie(request, plan, nummer)
    if not versie.pdf:
        raise Http404
    return FileResponse(
        versie.pdf.open("rb"),
        as_attachment=True,
        filename=f"PIP-{plan.persoon.achternaam}-versie-{versie.nummer}.pdf",
        content_type="application/pdf",
    )


@dossier_medewerker_vereist
@require_http_methods(["GET", "POST"])
def versie_pdf_opnieuw(request, uuid, nummer):
    plan = _plan(request, uuid)
    versie = _versie(request, plan, nummer)
    if request.method == "POST":
        try:
            services.plan_pdf_opnieuw(versie=versie, door=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("De PDF van versie %s wordt opnieuw gemaakt.") % versie.nummer
            )
    return _naar_plan(plan)


@dossier_medewerker_vereist
def versies_vergelijken(request, uuid):
    plan = _plan(request, uuid)
    versies = list(plan.versies.order_by("nummer"))
    nummers = [v.nummer for v in versies]
    if not nummers:
        raise Http404
    per_nummer = {v.nummer: v for v in versies}
    form = VersiesVergelijkenForm(request.GET)
    gekozen = form.cleaned_data if form.is_valid() else {}
    van = gekozen.get("van") or nummers[max(len(nummers) - 2, 0)]
    tot = gekozen.get("tot") or nummers[-1]
    if not form.is_valid() or van not in per_nummer or tot not in per_nummer:
        if request.GET:
            messages.warning(request, _("Deze versie bestaat niet; u ziet de laatste twee."))
        van, tot = nummers[max(len(nummers) - 2, 0)], nummers[-1]
    return render(
        request,
        "pip_plans/versies_vergelijken.html",
        {
            "plan": plan,
            "persoon": plan.persoon,
            "versies": versies,
            "van": per_nummer[van],
            "tot": per_nummer[tot],
            "verschillen": versie_verschillen(per_nummer[van], per_nummer[tot]),
        },
    )


@dossier_medewerker_vereist
@require_http_methods(["GET", "POST"])
def verlenging_create(request, uuid):
    plan = _plan(request, uuid)
    form = DuoVerlengingForm(
        request.POST or None,
        huidig_einde=getattr(plan_termijnen(plan).inburgeringstermijn, "vervalt_op", None),
    )
    return dossierformulier(
        request,
        form,
        partial(services.duo_verlenging_vastleggen, plan=plan, door=request.user),
        gelukt=_("De verlenging door DUO is vastgelegd."),
        naar=_plan_url(plan),
        template="pip_plans/plan_onderdeel_form.html",
        context=lambda form: {
            "plan": plan,
            "persoon": plan.persoon,
            "form": form,
            "titel": _("Verlenging inburgeringstermijn door DUO"),
        },
    )


@dossier_medewerker_vereist
@require_http_methods(["GET", "POST"])
def voortgangsgesprek_create(request, uuid):
    plan = _plan(request, uuid)
    laatste_zrm = laatste_zrm_meting(persoon=plan.persoon)
    form = VoortgangsgesprekForm(
        request.POST or None, doelen=plan.doelen.all(), laatste_zrm=laatste_zrm
    )

    def vastleggen(*, datum, verslag, volgend_gesprek_op, **_per_doel_en_zrm):
        # The form gathers its per-goal and ZRM fields into `voortgang` and `zrm_scores`.
        services.voortgangsgesprek_vastleggen(
            plan=plan,
            door=request.user,
            datum=datum,
            verslag=verslag,
            volgend_gesprek_op=volgend_gesprek_op,
            voortgang=form.voortgang,
            zrm_scores=form.zrm_scores,
        )

    return dossierformulier(
        request,
        form,
        vastleggen,
        gelukt=_("Het voortgangsgesprek is vastgelegd."),
        naar=_plan_url(plan),
        template="pip_plans/voortgangsgesprek_form.html",
        context=lambda form: {"plan": plan, "persoon": plan.persoon, "form": form},
    )
