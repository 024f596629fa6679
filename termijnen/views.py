from functools import partial

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from core.selectors import historie_regels, pagina_kiezen
from core.views import (
    beheer_vereist,
    dossier_medewerker_vereist,
    dossierformulier,
    in_scope_openen,
)
from statushouders.views import dossier_openen

from . import selectors, services
from .forms import FeestdagForm, TermijnConfigForm, TermijnVerlengenForm, WerkvoorraadFilterForm
from .models import Feestdag, Melding, TermijnConfig

PER_PAGINA = 25


def _querystring(request) -> str:
    querystring = request.GET.copy()
    querystring.pop("pagina", None)
    return querystring.urlencode()


@dossier_medewerker_vereist
def werkvoorraad(request, team=False):
    """'Mijn werkvoorraad' (own persons) or, for a teamleider, the team's with counts per
    regisseur and gemeente."""
    if team and not request.user.is_teamleider:
        raise Http404
    form = WerkvoorraadFilterForm(request.GET, user=request.user, team=team)
    filters = form.filters()
    if form.errors:
        messages.error(request, _("Een filter was ongeldig en is niet toegepast."))
    rijen = selectors.werkvoorraad(user=request.user, team=team, **filters)
    pagina = pagina_kiezen(
        rijen, nummer=request.GET.get("pagina"), per_pagina=PER_PAGINA, via_ids=True
    )
    return render(
        request,
        "termijnen/werkvoorraad.html",
        {
            "team": team,
            "form": form,
            "groep": filters["groep"],
            "pagina": pagina,
            "regels": selectors.termijn_regels(pagina),
            "querystring": _querystring(request),
            "overzicht": selectors.team_overzicht(user=request.user) if team else None,
        },
    )


def meldingen(request):
    if request.method == "POST":
        aantal = services.meldingen_gelezen(gebruiker=request.user)
        messages.success(
            request,
            ngettext(
                "%d melding als gelezen gemarkeerd.", "%d meldingen als gelezen gemarkeerd.", aantal
            )
            % aantal,
        )
        return redirect("termijnen:meldingen")
    pagina = pagina_kiezen(
        selectors.meldingen_van(user=request.user),
        nummer=request.GET.get("pagina"),
        per_pagina=PER_PAGINA,
    )
    return render(
        request,
        "termijnen/meldingen.html",
        {
            "pagina": pagina,
            "regels": selectors.melding_regels(pagina),
            "ongelezen": selectors.ongelezen_meldingen(user=request.user),
        },
    )


def melding_openen(request, pk):
    """Opening a melding marks it read and leads to where the matter is handled."""
    try:
        melding = selectors.melding_ophalen(user=request.user, pk=pk)
    except Melding.DoesNotExist:
        raise Http404 from None
    link = services.melding_openen(melding=melding, gebruiker=request.user)
    if not url_has_allowed_host_and_scheme(link, allowed_hosts=None) or not link.startswith("/"):
        return redirect("termijnen:meldingen")
    return redirect(link)


@dossier_medewerker_vereist
@require_http_methods(["GET", "POST"])
def termijn_verlengen(request, uuid, termijn_id):
    """The one-time extension of the PIP term, reached from the deadline strip."""
    persoon = dossier_openen(request, uuid)
    termijn = in_scope_openen(
        request,
        lambda: selectors.verlengbare_termijn(persoon=persoon, termijn_id=termijn_id),
        loggen=False,  # dossier_openen logged the look
        persoon_uuid=lambda: selectors.persoon_van_termijn(termijn_id),
    )
    geweigerd = selectors.verlengen_geweigerd(termijn)
    if geweigerd:
        messages.info(request, geweigerd)
        return redirect(persoon.get_absolute_url() + "#termijnen")
    return dossierformulier(
        request,
        TermijnVerlengenForm(request.POST or None),
        partial(services.termijn_verlengen, termijn=termijn, door=request.user),
        gelukt=_("De termijn is verlengd."),
        naar=persoon,
        template="termijnen/termijn_verlengen.html",
        context=lambda form: {"persoon": persoon, "termijn": termijn, "form": form},
    )


# --- Beheer -----------------------------------------------------------------------------------


@beheer_vereist
def termijnconfig_lijst(request):
    return render(
        request, "termijnen/termijnconfig_lijst.html", {"configs": selectors.termijnconfigs()}
    )


@beheer_vereist
@require_http_methods(["GET", "POST"])
def termijnconfig_bewerken(request, code):
    config = get_object_or_404(TermijnConfig, code=code)
    form = TermijnConfigForm(request.POST or None, instance=config)

    def opslaan(**velden):
        aantal = services.termijnconfig_wijzigen(config=config, door=request.user, **velden)
        if aantal:
            messages.info(
                request,
                ngettext(
                    "%d openstaande termijn is opnieuw berekend.",
                    "%d openstaande termijnen zijn opnieuw berekend.",
                    aantal,
                )
                % aantal,
            )

    def opgeslagen():
        config.refresh_from_db()
        return _("De termijn ‘%s’ is opgeslagen.") % config.label

    def tonen(form):
        # The page shows the term as stored, not what the bound form wrote onto it.
        config.refresh_from_db()
        return {
            "config": config,
            "form": form,
            "historie": historie_regels(selectors.termijnconfig_historie(config)[:50]),
        }

    return dossierformulier(
        request,
        form,
        opslaan,
        gelukt=opgeslagen,
        naar="termijnen:termijnconfig-lijst",
        template="termijnen/termijnconfig_bewerken.html",
        context=tonen,
    )


@beheer_vereist
@require_http_methods(["GET", "POST"])
def feestdag_lijst(request):
    return _feestdag_formulier(
        request,
        FeestdagForm(request.POST or None),
        partial(services.feestdag_opslaan, door=request.user),
        gelukt=_("De dag is toegevoegd; lopende termijnen zijn bijgewerkt."),
    )


def _feestdag_formulier(request, form, actie, *, gelukt, bewerkt=None):
    """Adding and changing a day: both on the list of days, which shows the form."""
    return dossierformulier(
        request,
        form,
        actie,
        gelukt=gelukt,
        naar="termijnen:feestdag-lijst",
        template="termijnen/feestdag_lijst.html",
        context=lambda form: {
            "feestdagen": selectors.feestdagen(),
            "form": form,
            "bewerkt": bewerkt,
            "historie": historie_regels(selectors.feestdag_historie()[:50]),
        },
    )


@beheer_vereist
@require_http_methods(["GET", "POST"])
def feestdag_bewerken(request, pk):
    feestdag = get_object_or_404(Feestdag, pk=pk)
    form = FeestdagForm(
        request.POST or None, initial={"datum": feestdag.datum, "naam": feestdag.naam}
    )
    return _feestdag_formulier(
        request,
        form,
        partial(services.feestdag_opslaan, door=request.user, feestdag=feestdag),
        gelukt=_("De dag is gewijzigd; lopende termijnen zijn bijgewerkt."),
        bewerkt=feestdag,
    )


@beheer_vereist
@require_http_methods(["GET", "POST"])
def feestdag_verwijderen(request, pk):
    """Asks first: removing a day moves every running deadline that counts working days."""
    feestdag = get_object_or_404(Feestdag, pk=pk)
    if request.method == "GET":
        return render(request, "termijnen/feestdag_verwijderen.html", {"feestdag": feestdag})
    services.feestdag_verwijderen(feestdag=feestdag, door=request.user)
    messages.success(request, _("De dag is verwijderd; lopende termijnen zijn bijgewerkt."))
    return redirect("termijnen:feestdag-lijst")
