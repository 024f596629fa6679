from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.selectors import pagina_kiezen
from core.views import beheer_vereist

from .constants import Gebeurtenis
from .forms import BeveiligingslogFilterForm
from .selectors import beveiligingslog_zoeken
from .services import gebeurtenis_vastleggen

BEVEILIGINGSLOG_PER_PAGINA = 50


@login_not_required
def registreren_gesloten(request, *args, **kwargs):
    """Nobody signs up for Koers: functioneel beheer makes the accounts."""
    messages.info(request, _("Een account voor Koers krijgt u van functioneel beheer."))
    return redirect("accounts:login")


def niet_beschikbaar(request, *args, **kwargs):
    raise Http404


@require_POST
def sessie_verlengen(request):
    """The "Ingelogd blijven" button: the request itself counts as activity."""
    return JsonResponse({"ingelogd": True})


@login_not_required
def te_veel_verzoeken(request, exception=None):
    """Answer of a rate limit (429), in Dutch. A refused login attempt is logged."""
    if (
        request.method == "POST"
        and request.resolver_match
        and (request.resolver_match.url_name in ("login", "account_login"))
    ):
        gebeurtenis_vastleggen(
            soort=Gebeurtenis.GEBLOKKEERD,
            request=request,
            gebruikersnaam=request.POST.get("login", ""),
            toelichting="te veel verzoeken vanaf dit adres",
        )
    return render(request, "account/te_veel_verzoeken.html", status=429)


@beheer_vereist
def beveiligingslog(request):
    form = BeveiligingslogFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rijen = beveiligingslog_zoeken(user=request.user, **filters)
    pagina = pagina_kiezen(
        rijen, nummer=request.GET.get("pagina"), per_pagina=BEVEILIGINGSLOG_PER_PAGINA
    )
    return render(request, "account/beveiligingslog.html", {"form": form, "pagina": pagina})
