"""What functioneel beheer sets for ontzorging: the gemeente's account and local policy, and
planning a month at once."""

from functools import partial

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.views import (
    beheer_vereist,
    formulier_uitvoeren,
)
from ontzorging import selectors, services
from ontzorging.forms import BetaalinstellingForm, PlannenForm
from ontzorging.geld import volgende_maand


@beheer_vereist
@require_http_methods(["GET", "POST"])
def beheer_overzicht(request):
    gemeenten = selectors.beheer_gemeenten_met_instelling(user=request.user)
    form = PlannenForm(
        request.POST or None, initial={"maand": volgende_maand(timezone.localdate())}
    )
    if request.method == "POST" and form.is_valid():
        aantal = 0
        for gemeente in gemeenten:
            aantal += services.betalingen_plannen(
                maand=form.cleaned_data["maand"], gemeente=gemeente, door=request.user
            )
        messages.success(
            request,
            _("%(aantal)s betalingen gepland voor %(maand)s; wat al gepland was, bleef staan.")
            % {"aantal": aantal, "maand": f"{form.cleaned_data['maand']:%m-%Y}"},
        )
        return redirect("beheer:ontzorging")
    return render(request, "beheer/ontzorging.html", {"gemeenten": gemeenten, "form": form})


@beheer_vereist
@require_http_methods(["GET", "POST"])
def beheer_instelling(request, gemeente):
    gevonden = (
        selectors.beheer_gemeenten_met_instelling(user=request.user).filter(pk=gemeente).first()
    )
    if gevonden is None:
        raise Http404
    instelling = selectors.instelling_van(gevonden)
    velden = (
        "rekeninghouder",
        "iban",
        "bic",
        "ruimere_doelgroep",
        "ruimere_lasten",
        "beleid",
        "batchboeking",
    )
    form = BetaalinstellingForm(
        request.POST or None,
        initial={veld: getattr(instelling, veld) for veld in velden} if instelling else {},
    )
    if formulier_uitvoeren(
        form, partial(services.betaalinstelling_opslaan, gemeente=gevonden, door=request.user)
    ):
        messages.success(request, _("De betaalinstelling van %s is opgeslagen.") % gevonden)
        return redirect("beheer:ontzorging")
    return render(
        request,
        "beheer/ontzorging_instelling.html",
        {"form": form, "gemeente": gevonden},
    )
