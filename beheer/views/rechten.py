"""Koers's own beheer screens for functioneel beheer: accounts and their rights, gemeenten,
partners. The rules live in the services and selectors; an account, request or gemeente
outside the beheerder's gemeenten answers 404."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts import selectors, services
from core.selectors import pagina_kiezen
from core.views import beheer_vereist, formulier_uitvoeren
from partners.forms import PartnerForm
from partners.models import Partner
from partners.services import partner_opslaan
from statushouders.forms import GemeenteForm
from statushouders.services import gemeente_opslaan

from ..forms import (
    BeoordelenForm,
    GebruikerAanmakenForm,
    GebruikerFilterForm,
    GebruikerWijzigenForm,
    GemeenteAanvragenForm,
    RechtenaanvraagFilterForm,
    RolAanvragenForm,
)

PER_PAGINA = 25


def _querystring(request) -> str:
    querystring = request.GET.copy()
    querystring.pop("pagina", None)
    return querystring.urlencode()


def _of_404(ophalen):
    try:
        return ophalen()
    except ObjectDoesNotExist:
        raise Http404 from None


def _gebruiker(request, pk):
    return _of_404(lambda: selectors.gebruiker_ophalen(user=request.user, pk=pk))


def _status(form) -> int:
    return 422 if form.errors else 200


# --- Gebruikers -------------------------------------------------------------------------------


@beheer_vereist
def gebruiker_lijst(request):
    form = GebruikerFilterForm(request.GET)
    filters = form.filters()
    if form.errors:
        messages.error(request, _("Een filter was ongeldig en is niet toegepast."))
    pagina = pagina_kiezen(
        selectors.gebruikers_lijst(user=request.user, **filters),
        nummer=request.GET.get("pagina"),
        per_pagina=PER_PAGINA,
    )
    return render(
        request,
        "beheer/gebruiker_lijst.html",
        {
            "form": form,
            "pagina": pagina,
            "querystring": _querystring(request),
            "open_aanvragen": selectors.rechtenaanvragen_voor(
                user=request.user, status="open"
            ).count(),
        },
    )


@beheer_vereist
@require_http_methods(["GET", "POST"])
def gebruiker_nieuw(request):
    form = GebruikerAanmakenForm(request.POST or None)
    gemaakt = []

    def aanmaken(**velden):
        gemaakt.append(services.gebruiker_aanmaken(door=request.user, **velden))

    if formulier_uitvoeren(form, aanmaken):
        messages.success(
            request,
            _(
                "Het account is aangemaakt, nog zonder wachtwoord en zonder gemeenten. De "
                "gebruiker kiest een wachtwoord via ‘wachtwoord vergeten’ op de inlogpagina. "
                "Een andere rol dan regisseur wacht op de goedkeuring van een tweede "
                "functioneel beheerder."
            ),
        )
        return redirect("beheer:gebruiker-detail", pk=gemaakt[0].pk)
    return render(request, "beheer/gebruiker_nieuw.html", {"form": form}, status=_status(form))


@beheer_vereist
@require_http_methods(["GET", "POST"])
def gebruiker_detail(request, pk):
    gebruiker = _gebruiker(request, pk)
    initial = {
        veld: getattr(gebruiker, veld) for veld in ("first_name", "last_name", "email", "telefoon")
    }
    form = GebruikerWijzigenForm(request.POST or None, initial=initial)
    if formulier_uitvoeren(
        form, partial(services.gebruiker_wijzigen, gebruiker=gebruiker, door=request.user)
    ):
        messages.success(request, _("De gegevens zijn opgeslagen."))
        return redirect("beheer:gebruiker-detail", pk=gebruiker.pk)
    return render(
        request,
        "beheer/gebruiker_detail.html",
        {
            "gebruiker": gebruiker,
            "form": form,
            "gemeenten": selectors.toegekende_gemeenten(gebruiker=gebruiker),
            "intrekbaar": set(
                selectors.beheerbare_gemeenten(user=request.user).values_list("pk", flat=True)
            ),
            "acties": selectors.gebruiker_acties(gebruiker=gebruiker, user=request.user),
            "aanvragen": selectors.rechtenaanvragen_voor(user=request.user).filter(
                gebruiker=gebruiker
            )[:20],
        },
        status=_status(form),
    )


def _actie(request, pk, service, gelukt):
    gebruiker = _gebruiker(request, pk)
    try:
        service(gebruiker=gebruiker, door=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, gelukt)
    return redirect("beheer:gebruiker-detail", pk=gebruiker.pk)


@beheer_vereist
@require_POST
def gebruiker_deactiveren(request, pk):
    return _actie(
        request,
        pk,
        services.gebruiker_deactiveren,
        _("Het account is gedeactiveerd; deze gebruiker kan niet meer inloggen."),
    )


@beheer_vereist
@require_POST
def gebruiker_heractiveren(request, pk):
    return _actie(request, pk, services.gebruiker_heractiveren, _("Het account is weer actief."))


@beheer_vereist
@require_POST
def gemeente_intrekken(request, pk, gemeente_pk):
    gebruiker = _gebruiker(request, pk)
    gemeente = get_object_or_404(
        selectors.toegekende_gemeenten(gebruiker=gebruiker), pk=gemeente_pk
    )
    try:
        services.gemeente_intrekken(gebruiker=gebruiker, door=request.user, gemeente=gemeente)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De gemeente %s is ingetrokken.") % gemeente)
    return redirect("beheer:gebruiker-detail", pk=gebruiker.pk)


def _aanvragen(request, pk, form_class, service, titel, **form_kwargs):
    gebruiker = _gebruiker(request, pk)
    form = form_class(request.POST or None, **form_kwargs)
    if formulier_uitvoeren(form, partial(service, gebruiker=gebruiker, door=request.user)):
        messages.success(
            request,
            _("De aanvraag is ingediend. Een tweede functioneel beheerder beoordeelt haar."),
        )
        return redirect("beheer:gebruiker-detail", pk=gebruiker.pk)
    return render(
        request,
        "beheer/rechten_aanvragen.html",
        {"gebruiker": gebruiker, "form": form, "titel": titel},
        status=_status(form),
    )


@beheer_vereist
@require_http_methods(["GET", "POST"])
def rol_aanvragen(request, pk):
    return _aanvragen(request, pk, RolAanvragenForm, services.rol_aanvragen, _("Andere rol"))


@beheer_vereist
@require_http_methods(["GET", "POST"])
def gemeente_aanvragen(request, pk):
    return _aanvragen(
        request,
        pk,
        GemeenteAanvragenForm,
        services.gemeente_aanvragen,
        _("Gemeente toevoegen"),
        gemeenten=selectors.beheerbare_gemeenten(user=request.user).order_by("naam"),
    )


# --- Rechtenaanvragen -------------------------------------------------------------------------


@beheer_vereist
def rechtenaanvraag_lijst(request):
    form = RechtenaanvraagFilterForm(request.GET)
    filters = form.filters()
    if form.errors:
        messages.error(request, _("Een filter was ongeldig en is niet toegepast."))
    pagina = pagina_kiezen(
        selectors.rechtenaanvragen_voor(user=request.user, **filters),
        nummer=request.GET.get("pagina"),
        per_pagina=PER_PAGINA,
    )
    return render(
        request,
        "beheer/rechtenaanvraag_lijst.html",
        {"form": form, "pagina": pagina, "querystring": _querystring(request)},
    )


@beheer_vereist
@require_http_methods(["GET", "POST"])
def rechtenaanvraag_detail(request, pk):
    aanvraag = _of_404(lambda: selectors.rechtenaanvraag_ophalen(user=request.user, pk=pk))
    geweigerd = selectors.beoordelen_geweigerd(aanvraag=aanvraag, user=request.user)
    form = BeoordelenForm(request.POST or None)

    def beoordelen(*, besluit, toelichting):
        if besluit == "goedkeuren":
            services.rechtenaanvraag_goedkeuren(
                aanvraag=aanvraag, door=request.user, toelichting=toelichting
            )
        else:
            services.rechtenaanvraag_afwijzen(
                aanvraag=aanvraag, door=request.user, toelichting=toelichting
            )

    if not geweigerd and formulier_uitvoeren(form, beoordelen):
        messages.success(request, _("De aanvraag is beoordeeld."))
        return redirect("beheer:rechtenaanvraag-lijst")
    if geweigerd and request.method == "POST":
        messages.error(request, geweigerd)
    return render(
        request,
        "beheer/rechtenaanvraag_detail.html",
        {"aanvraag": aanvraag, "form": form, "geweigerd": geweigerd},
        status=_status(form),
    )


# --- Gemeenten --------------------------------------------------------------------------------


@beheer_vereist
def gemeente_lijst(request):
    return render(
        request,
        "beheer/gemeente_lijst.html",
        {"gemeenten": selectors.beheerbare_gemeenten(user=request.user).order_by("naam")},
    )


@beheer_vereist
@require_http_methods(["GET", "POST"])
def gemeente_bewerken(request, pk=None):
    gemeente = None
    if pk is not None:
        gemeente = get_object_or_404(selectors.beheerbare_gemeenten(user=request.user), pk=pk)
    initial = {"naam": gemeente.naam, "cbs_code": gemeente.cbs_code} if gemeente else None
    form = GemeenteForm(request.POST or None, initial=initial)
    if formulier_uitvoeren(form, partial(gemeente_opslaan, door=request.user, gemeente=gemeente)):
        messages.success(request, _("De gemeente is opgeslagen."))
        return redirect("beheer:gemeente-lijst")
    return render(
        request,
        "beheer/gemeente_form.html",
        {"gemeente": gemeente, "form": form},
        status=_status(form),
    )


# --- Partners ---------------------------------------------------------------------------------


@beheer_vereist
def partner_lijst(request):
    return render(
        request, "beheer/partner_lijst.html", {"partners": Partner.objects.order_by("naam")}
    )


@beheer_vereist
@require_http_methods(["GET", "POST"])
def partner_bewerken(request, uuid=None):
    partner = get_object_or_404(Partner, uuid=uuid) if uuid else None
    velden = ("naam", "soort", "leefgebieden", "contact_email", "actief")
    initial = {veld: getattr(partner, veld) for veld in velden} if partner else None
    form = PartnerForm(request.POST or None, initial=initial)
    if formulier_uitvoeren(form, partial(partner_opslaan, door=request.user, partner=partner)):
        messages.success(request, _("De partner is opgeslagen."))
        return redirect("beheer:partner-lijst")
    return render(
        request,
        "beheer/partner_form.html",
        {"partner": partner, "form": form},
        status=_status(form),
    )
