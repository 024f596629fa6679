"""Functioneel beheer marks the quarterly CBS delivery of its gemeenten as done."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.selectors import beheer_gemeenten
from core.views import beheer_vereist, formulier_uitvoeren

from ..forms.levering import LeveringForm, LeveringOngedaanForm
from ..selectors.levering import cbs_leveringen, cbs_leveringen_geleverd, kwartaal_label
from ..services.levering import levering_gemeld, levering_ongedaan
from .taakstelling import gemeenten_kiezen

GELEVERD_GETOOND = 20


def _tonen(request, *, mislukt=None, mislukt_voor=None):
    keuze, gemeenten = gemeenten_kiezen(
        request, beheer_gemeenten(user=request.user).order_by("naam")
    )
    if mislukt_voor is not None and mislukt_voor not in gemeenten:
        gemeenten = [mislukt_voor, *gemeenten]
    regels = []
    geplaatst = False
    for regel in cbs_leveringen(gemeenten=gemeenten, vandaag=timezone.localdate()):
        form = None
        if not regel.geleverd_op:
            sleutel = (regel.gemeente.pk, str(regel.jaar), str(regel.kwartaal))
            if mislukt is not None and sleutel == (
                mislukt_voor.pk,
                mislukt.data.get("jaar"),
                mislukt.data.get("kwartaal"),
            ):
                form, geplaatst = mislukt, True
            else:
                form = LeveringForm(
                    auto_id=f"l{regel.gemeente.pk}_{regel.jaar}_{regel.kwartaal}_%s",
                    initial={"jaar": regel.jaar, "kwartaal": regel.kwartaal},
                )
        regels.append((regel, form))
    if mislukt is not None and not geplaatst:
        # A quarter that is not on the page (a changed hidden field): the errors above it.
        messages.error(request, " ".join(e for fouten in mislukt.errors.values() for e in fouten))
    return render(
        request,
        "reports/cbs_levering.html",
        {
            "keuze": keuze,
            "regels": regels,
            "geleverd": cbs_leveringen_geleverd(gemeenten=gemeenten)[:GELEVERD_GETOOND],
        },
        status=422 if mislukt is not None else 200,
    )


@beheer_vereist
def cbs_levering_lijst(request):
    return _tonen(request)


@beheer_vereist
@require_http_methods(["GET", "POST"])
def cbs_levering_melden(request, gemeente):
    gemeente = get_object_or_404(beheer_gemeenten(user=request.user), pk=gemeente)
    if request.method == "GET":  # the form lives on the list
        return redirect("reports:cbs-levering")
    form = LeveringForm(
        request.POST,
        auto_id=f"l{gemeente.pk}_{request.POST.get('jaar', '')}_"
        f"{request.POST.get('kwartaal', '')}_%s",
    )

    if formulier_uitvoeren(form, partial(levering_gemeld, gemeente=gemeente, door=request.user)):
        messages.success(
            request,
            _("De levering van %(gemeente)s over het %(kwartaal)s is vastgelegd.")
            % {
                "gemeente": gemeente,
                "kwartaal": kwartaal_label(
                    form.cleaned_data["jaar"], form.cleaned_data["kwartaal"]
                ),
            },
        )
        return redirect("reports:cbs-levering")
    return _tonen(request, mislukt=form, mislukt_voor=gemeente)


@beheer_vereist
@require_http_methods(["GET", "POST"])
def cbs_levering_ongedaan(request, gemeente):
    gemeente = get_object_or_404(beheer_gemeenten(user=request.user), pk=gemeente)
    if request.method == "GET":
        return redirect("reports:cbs-levering")
    form = LeveringOngedaanForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Deze levering is niet gevonden."))
        return redirect("reports:cbs-levering")
    try:
        levering_ongedaan(gemeente=gemeente, door=request.user, **form.cleaned_data)
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    else:
        messages.success(
            request,
            _("De levering van %(gemeente)s over het %(kwartaal)s staat weer open.")
            % {"gemeente": gemeente, "kwartaal": kwartaal_label(**form.cleaned_data)},
        )
    return redirect(reverse("reports:cbs-levering"))
