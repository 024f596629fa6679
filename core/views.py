from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from .forms import ToegangslogFilterForm
from .selectors import WERKVOORRAAD_GROEPEN, toegangslog_zoeken
from .selectors import werkvoorraad as werkvoorraad_selector
from .services import meldingen_gelezen


def dossier_medewerker_vereist(view):
    """Dossier pages are for regisseurs and teamleiders. For anyone else they do not exist
    (404), as for a person outside the user's gemeenten."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.werkt_in_dossiers:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def fouten_naar_formulier(form, error: ValidationError) -> None:
    """Show a service's ValidationError beside the field it names, or above the form."""
    if hasattr(error, "error_dict"):
        for veld, fouten in error.error_dict.items():
            form.add_error(veld if veld in form.fields else None, fouten)
    else:
        form.add_error(None, error)


def home(request):
    if request.user.werkt_in_dossiers:
        return redirect("statushouders:persoon-list")
    if request.user.is_partner_medewerker:
        return redirect("partners:portaal")
    if request.user.is_functioneel_beheerder:
        return redirect("core:toegangslog")
    return render(request, "core/home.html")


@login_not_required
@never_cache
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def toegangslog(request):
    if not request.user.is_functioneel_beheerder:
        raise PermissionDenied
    form = ToegangslogFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rijen = toegangslog_zoeken(user=request.user, **filters)
    pagina = Paginator(rijen, 50).get_page(request.GET.get("pagina"))
    querystring = request.GET.copy()
    querystring.pop("pagina", None)
    return render(
        request,
        "core/toegangslog.html",
        {"form": form, "pagina": pagina, "querystring": querystring.urlencode()},
    )


@dossier_medewerker_vereist
def werkvoorraad(request, team=False):
    """'Mijn werkvoorraad' (own persons) or, for a teamleider, the team's."""
    if team and request.user.rol != "teamleider":
        raise Http404
    groep = request.GET.get("groep", "verlopen")
    if groep not in WERKVOORRAAD_GROEPEN:
        groep = "verlopen"
    regisseur = None
    if team and request.GET.get("regisseur"):
        regisseur = _regisseurs_voor(request.user).filter(pk=request.GET["regisseur"]).first()
    rijen = werkvoorraad_selector(user=request.user, groep=groep, team=team, regisseur=regisseur)
    pagina = Paginator(rijen, 25).get_page(request.GET.get("pagina"))
    querystring = request.GET.copy()
    querystring.pop("pagina", None)
    return render(
        request,
        "core/werkvoorraad.html",
        {
            "team": team,
            "groep": groep,
            "pagina": pagina,
            "querystring": querystring.urlencode(),
            "vandaag": timezone.localdate(),
            "groepen": [
                ("verlopen", _("Verlopen")),
                ("deze-week", _("Deze week")),
                ("vier-weken", _("Komende vier weken")),
            ],
            "regisseurs": _regisseurs_voor(request.user) if team else [],
            "gekozen_regisseur": regisseur,
        },
    )


def _regisseurs_voor(user):
    from statushouders.selectors import regisseurs_voor

    return regisseurs_voor(user=user)


def meldingen(request):
    rijen = list(request.user.meldingen.all()[:50])
    if request.method == "POST":
        meldingen_gelezen(gebruiker=request.user)
        return redirect("core:meldingen")
    return render(request, "core/meldingen.html", {"meldingen": rijen})


def formulier_uitvoeren(form, actie) -> bool:
    """Run `actie(**cleaned_data)` for a valid bound form. A refusal by the service lands beside
    the field it names, keeping what the user typed. True when the action was done."""
    if not form.is_bound or not form.is_valid():
        return False
    try:
        actie(**form.cleaned_data)
    except ValidationError as error:
        fouten_naar_formulier(form, error)
        return False
    return True
