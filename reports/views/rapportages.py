"""The dashboard and the produced reports. Anyone without the right answers 404: the pages
do not exist for them, as a person outside their gemeenten does not."""

import logging
from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from core.views import formulier_uitvoeren, in_scope_openen

from .. import selectors, services
from ..constants import RapportSoort, RapportStatus
from ..forms import DashboardFilterForm, LeveringAanvragenForm, RapportAanvragenForm
from ..grafiek import met_grafieken

RAPPORTEN_PER_PAGINA = 20

logger = logging.getLogger(__name__)


def rapportages_vereist(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not selectors.mag_rapportages_zien(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def levering_vereist(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_functioneel_beheerder:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


@rapportages_vereist
@require_safe
def dashboard(request):
    gemeenten = selectors.rapportage_gemeenten(user=request.user)
    form = DashboardFilterForm(request.GET or None, gemeenten=gemeenten)
    if form.is_bound and not form.is_valid():
        messages.warning(request, _("Een filter was ongeldig en is niet toegepast."))
    gekozen, van, tot = form.gekozen(timezone.localdate())
    cijfers = (
        met_grafieken(
            selectors.rapportage(gemeenten=gekozen, van=van, tot=tot, vandaag=timezone.localdate())
        )
        if gekozen
        else None
    )
    return render(
        request,
        "reports/dashboard.html",
        {
            "form": form,
            "cijfers": cijfers,
        },
    )


_SOORTEN = {
    RapportSoort.KWARTAALRAPPORT: {
        "form": RapportAanvragenForm,
        "gemeenten": selectors.rapportage_gemeenten,
        "lijst": "reports:kwartaalrapporten",
        "detail": "reports:kwartaalrapport",
        "titel": _("Kwartaalrapportage"),
    },
    RapportSoort.LEVERING: {
        "form": LeveringAanvragenForm,
        "gemeenten": selectors.levering_gemeenten,
        "lijst": "reports:leveringen",
        "detail": "reports:levering",
        "titel": _("Kwartaallevering per persoon"),
    },
}


def _rapporten(request, soort):
    instellingen = _SOORTEN[soort]
    gemeenten = instellingen["gemeenten"](user=request.user)
    form = instellingen["form"](request.POST or None, gemeenten=gemeenten)
    if request.method == "POST":
        uitkomst = {}

        def aanvragen(gemeenten, jaar, kwartaal):
            uitkomst["rapport"] = services.rapport_aanvragen(
                door=request.user, soort=soort, gemeenten=gemeenten, jaar=jaar, kwartaal=kwartaal
            )

        if formulier_uitvoeren(form, aanvragen):
            return redirect(instellingen["detail"], rapport=uitkomst["rapport"].uuid)
    pagina = Paginator(
        selectors.rapporten_van(user=request.user, soort=soort), RAPPORTEN_PER_PAGINA
    ).get_page(request.GET.get("pagina"))
    context = {"form": form, "pagina": pagina, "soort": soort, "instellingen": instellingen}
    if soort == RapportSoort.LEVERING:
        context["levering_termijn"] = selectors.levering_termijn_tekst()
    return render(request, "reports/rapporten.html", context)


class _AlleenLezen(Exception):
    pass


def _rapport(request, soort, rapport):
    """The report if the user may have it, else 404 — asked first, so that another's report
    answers 404 to every method, as it does not exist for them. That refusal is logged by its
    address (a report names no person); opening one is no look at a dossier."""
    try:
        gevonden = in_scope_openen(
            request,
            lambda: selectors.rapport_ophalen(user=request.user, uuid=rapport, soort=soort),
            loggen=False,
        )
    except ValidationError:
        raise Http404 from None
    if request.method not in ("GET", "HEAD"):
        raise _AlleenLezen
    return gevonden


def _lezen(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except _AlleenLezen:
            return HttpResponseNotAllowed(["GET"])

    return wrapper


@rapportages_vereist
@require_http_methods(["GET", "POST"])
def kwartaalrapporten(request):
    return _rapporten(request, RapportSoort.KWARTAALRAPPORT)


@levering_vereist
@require_http_methods(["GET", "POST"])
def leveringen(request):
    return _rapporten(request, RapportSoort.LEVERING)


def _detail(request, soort, rapport, template):
    return render(
        request,
        template,
        {
            "rapport": _rapport(request, soort, rapport),
            "soort": soort,
            "instellingen": _SOORTEN[soort],
        },
    )


@rapportages_vereist
@_lezen
def kwartaalrapport(request, rapport):
    return _detail(request, RapportSoort.KWARTAALRAPPORT, rapport, "reports/rapport_detail.html")


@rapportages_vereist
@_lezen
def kwartaalrapport_status(request, rapport):
    return _detail(request, RapportSoort.KWARTAALRAPPORT, rapport, "reports/_rapport_status.html")


@levering_vereist
@_lezen
def levering(request, rapport):
    return _detail(request, RapportSoort.LEVERING, rapport, "reports/rapport_detail.html")


@levering_vereist
@_lezen
def levering_status(request, rapport):
    return _detail(request, RapportSoort.LEVERING, rapport, "reports/_rapport_status.html")


def _bestand(rapport, veld: str, inhoudstype: str):
    bestand = getattr(rapport, veld)
    if rapport.status != RapportStatus.KLAAR or not bestand:
        raise Http404
    try:
        inhoud = bestand.open("rb")
    except FileNotFoundError:
        # The record says ready, but the file is gone (a restored database, storage that was
        # cleared): the report must be made again, which the list allows.
        logger.warning("Bestand van rapport %s ontbreekt: %s", rapport.uuid, bestand.name)
        raise Http404(
            _("Het bestand van dit rapport is er niet meer; vraag het opnieuw aan.")
        ) from None
    return FileResponse(
        inhoud,
        as_attachment=True,
        filename=bestand.name.rsplit("/", 1)[-1],
        content_type=inhoudstype,
    )


PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"


@rapportages_vereist
@_lezen
def kwartaalrapport_pdf(request, rapport):
    return _bestand(_rapport(request, RapportSoort.KWARTAALRAPPORT, rapport), "pdf", PDF)


@rapportages_vereist
@_lezen
def kwartaalrapport_xlsx(request, rapport):
    return _bestand(_rapport(request, RapportSoort.KWARTAALRAPPORT, rapport), "xlsx", XLSX)


def _levering_bestand(request, rapport, veld, inhoudstype):
    gevonden = _rapport(request, RapportSoort.LEVERING, rapport)
    antwoord = _bestand(gevonden, veld, inhoudstype)
    services.levering_gedownload(rapport=gevonden, gebruiker=request.user, bestand=veld)
    return antwoord


@levering_vereist
@_lezen
def levering_xlsx(request, rapport):
    return _levering_bestand(request, rapport, "xlsx", XLSX)


@levering_vereist
@_lezen
def levering_csv(request, rapport):
    return _levering_bestand(request, rapport, "csv", CSV)
