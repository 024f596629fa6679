from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from core.selectors import pagina_kiezen
from core.services import toegang_vastleggen
from core.views import beheer_vereist, dossierformulier, in_scope_openen

from ..models import Gemeente, InzageStatus
from . import selectors
from .bewaren import bewaartermijn_instellen
from .forms import BewaartermijnForm, InzageZoekForm
from .inzage import inzage_aanvragen, toegangslog_van_persoon

TOEGANG_PER_PAGINA = 50


def _persoon(request, uuid, *, loggen=False):
    return in_scope_openen(
        request,
        lambda: selectors.betrokkene_ophalen(user=request.user, uuid=uuid),
        loggen=loggen,
    )


@beheer_vereist
@require_GET
@never_cache
def inzage_zoeken(request):
    form = InzageZoekForm(request.GET or None)
    zoek = form.cleaned_data["zoek"] if form.is_valid() else ""
    return render(
        request,
        "statushouders/avg_inzage_zoeken.html",
        {
            "form": form,
            "zoek": zoek,
            "personen": selectors.inzage_zoeken(user=request.user, zoek=zoek),
        },
    )


def _inzage(request, persoon, inzage_uuid):
    """One inzage of the person; another's answers 404 and is logged as a refused attempt
    against whom it concerns."""
    return in_scope_openen(
        request,
        lambda: selectors.inzage_ophalen(persoon=persoon, uuid=inzage_uuid),
        loggen=False,
        persoon_uuid=lambda: selectors.persoon_van_inzage(inzage_uuid),
    )


@beheer_vereist
@require_http_methods(["GET", "POST"])
@never_cache
def inzage(request, uuid):
    persoon = _persoon(request, uuid, loggen=request.method == "POST")
    if request.method == "POST":
        try:
            inzage_aanvragen(persoon=persoon, door=request.user)
            messages.success(request, _("De inzage wordt gemaakt. Deze pagina toont de voortgang."))
        except ValidationError as fout:
            messages.error(request, " ".join(fout.messages))
        return redirect("avg:inzage", uuid=persoon.uuid)
    return render(
        request,
        "statushouders/avg_inzage.html",
        {"persoon": persoon, "inzagen": selectors.inzagen_van(persoon)},
    )


@beheer_vereist
@require_GET
@never_cache
def inzage_status(request, uuid, inzage_uuid):
    persoon = _persoon(request, uuid)
    inzage_ = _inzage(request, persoon, inzage_uuid)
    return render(
        request,
        "statushouders/_avg_inzage_status.html",
        {"persoon": persoon, "inzage": inzage_},
    )


@beheer_vereist
@require_GET
@never_cache
def inzage_downloaden(request, uuid, inzage_uuid):
    persoon = _persoon(request, uuid)
    inzage_ = _inzage(request, persoon, inzage_uuid)
    if inzage_.status != InzageStatus.KLAAR or not inzage_.bestand:
        raise Http404
    toegang_vastleggen(gebruiker=request.user, persoon=persoon, pad=request.path)
    return FileResponse(
        inzage_.bestand.open("rb"),
        as_attachment=True,
        filename=f"inzage-{inzage_.aangevraagd_op:%Y%m%d-%H%M}.zip",
        content_type="application/zip",
    )


@beheer_vereist
@require_GET
@never_cache
def inzage_toegang(request, uuid):
    """Who opened this person's dossier, and when (also refused attempts)."""
    persoon = _persoon(request, uuid)
    pagina = pagina_kiezen(
        toegangslog_van_persoon(persoon),
        nummer=request.GET.get("pagina"),
        per_pagina=TOEGANG_PER_PAGINA,
    )
    return render(
        request, "statushouders/avg_inzage_toegang.html", {"persoon": persoon, "pagina": pagina}
    )


@beheer_vereist
@require_GET
def bewaartermijn_lijst(request):
    return render(
        request,
        "beheer/bewaartermijnen.html",
        {"rijen": selectors.bewaartermijn_overzicht(user=request.user)},
    )


@beheer_vereist
@require_http_methods(["GET", "POST"])
def bewaartermijn_bewerken(request, cbs_code):
    try:
        gemeente = selectors.gemeente_ophalen(user=request.user, cbs_code=cbs_code)
    except Gemeente.DoesNotExist:
        raise Http404 from None
    form = BewaartermijnForm(
        request.POST or None,
        initial={
            "bewaartermijn_jaren": gemeente.bewaartermijn_jaren,
            "selectielijst_categorie": gemeente.selectielijst_categorie,
        },
    )

    def tonen(form):
        gemeente.refresh_from_db()
        return {
            "gemeente": gemeente,
            "form": form,
            "verslagen": selectors.verwijderverslagen(gemeente=gemeente)[:20],
        }

    return dossierformulier(
        request,
        form,
        lambda **velden: bewaartermijn_instellen(gemeente=gemeente, door=request.user, **velden),
        gelukt=_("De bewaartermijn van %s is opgeslagen.") % gemeente.naam,
        naar="avg:bewaartermijn-lijst",
        template="beheer/bewaartermijn_bewerken.html",
        context=tonen,
    )
