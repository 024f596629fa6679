from functools import partial

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.selectors import historie_events, historie_regels, pagina_kiezen
from core.views import dossier_medewerker_vereist, dossierformulier, in_scope_openen

from . import services
from .filters import PersoonFilter
from .forms import (
    DossierAfsluitenForm,
    DossierHeropenenForm,
    GezinslidForm,
    HuishoudenForm,
    PersoonForm,
    RegisseurForm,
)
from .models import Persoon
from .selectors import (
    contactmomenten,
    personen_lijst,
    persoon_ophalen,
)
from .services import (
    dossier_afsluiten,
    dossier_heropenen,
    huishouden_wijzigen,
    persoon_aanmaken,
    persoon_bijwerken,
    regisseur_toewijzen,
)

PER_PAGINA = 25


def dossier_openen(request, uuid) -> Persoon:
    """The person if this user may open the dossier (404 otherwise); every look is logged."""
    return in_scope_openen(request, lambda: persoon_ophalen(user=request.user, uuid=uuid))


@dossier_medewerker_vereist
def persoon_list(request):
    filterset = PersoonFilter(
        request.GET or None, queryset=personen_lijst(user=request.user), user=request.user
    )
    pagina = pagina_kiezen(
        filterset.qs, nummer=request.GET.get("pagina"), per_pagina=PER_PAGINA, via_ids=True
    )
    if filterset.is_bound and filterset.form.errors:
        messages.warning(request, _("Een filter was ongeldig en is niet toegepast."))
    sorteer = filterset.form.cleaned_data.get("sorteer") if filterset.is_bound else None
    return render(
        request,
        "statushouders/persoon_list.html",
        # The column headers show the order the list is really in, not an invalid request.
        {"filter": filterset, "pagina": pagina, "sorteer": (sorteer or [""])[0]},
    )


@dossier_medewerker_vereist
@require_http_methods(["GET", "POST"])
def persoon_create(request):
    form = PersoonForm(request.POST or None, user=request.user, nieuw=True)
    aangemaakt = []

    def aanmaken(**gegevens):
        aangemaakt.append(
            persoon_aanmaken(
                door=request.user,
                gegevens=gegevens,
                huishouden=gegevens.get("huishouden"),
                nieuw_huishouden=gegevens.get("nieuw_huishouden", ""),
                regisseur=gegevens.get("regisseur"),
            )
        )

    return dossierformulier(
        request,
        form,
        aanmaken,
        gelukt=lambda: _("Het dossier van %s is aangemaakt.") % aangemaakt[0].naam,
        naar=lambda: aangemaakt[0],
        template="statushouders/persoon_form.html",
        context=lambda form: {"form": form, "nieuw": True},
    )


@dossier_medewerker_vereist
@require_http_methods(["GET", "POST"])
def persoon_update(request, uuid):
    persoon = dossier_openen(request, uuid)
    form = PersoonForm(request.POST or None, instance=persoon, user=request.user, nieuw=False)
    bijwerken = partial(persoon_bijwerken, persoon=persoon, door=request.user)
    return dossierformulier(
        request,
        form,
        lambda **gegevens: bijwerken(gegevens=gegevens),
        gelukt=_("De gegevens zijn opgeslagen."),
        naar=persoon,
        template="statushouders/persoon_form.html",
        context=lambda form: {"form": form, "persoon": persoon, "nieuw": False},
    )


def _onderdeel_formulier(request, persoon, form, actie, *, gelukt, titel):
    """One part of the dossier (regisseur, huishouden, closing) on a page of its own."""
    return dossierformulier(
        request,
        form,
        actie,
        gelukt=gelukt,
        naar=persoon,
        template="statushouders/persoon_onderdeel_form.html",
        context=lambda form: {"form": form, "persoon": persoon, "titel": titel},
    )


@dossier_medewerker_vereist
@require_http_methods(["GET", "POST"])
def persoon_regisseur(request, uuid):
    persoon = dossier_openen(request, uuid)
    form = RegisseurForm(
        request.POST or None, user=request.user, initial={"regisseur": persoon.regisseur}
    )
    return _onderdeel_formulier(
        request,
        persoon,
        form,
        partial(regisseur_toewijzen, persoon=persoon, door=request.user),
        gelukt=_("De regisseur is gewijzigd."),
        titel=_("Regisseur van %s") % persoon.naam,
    )


@dossier_medewerker_vereist
@require_http_methods(["GET", "POST"])
def persoon_huishouden(request, uuid):
    persoon = dossier_openen(request, uuid)
    form = HuishoudenForm(
        request.POST or None, persoon=persoon, initial={"huishouden": persoon.huishouden}
    )
    return _onderdeel_formulier(
        request,
        persoon,
        form,
        partial(huishouden_wijzigen, persoon=persoon, door=request.user),
        gelukt=_("Het huishouden is gewijzigd."),
        titel=_("Huishouden van %s") % persoon.naam,
    )


@dossier_medewerker_vereist
@require_http_methods(["GET", "POST"])
def gezinslid_toevoegen(request, uuid):
    persoon = dossier_openen(request, uuid)
    form = GezinslidForm(
        request.POST or None,
        user=request.user,
        initial={"achternaam": persoon.achternaam, "nationaliteit": persoon.nationaliteit},
    )
    nieuw = []

    def toevoegen(relatie, **gegevens):
        nieuw.append(
            services.gezinslid_toevoegen(
                persoon=persoon, door=request.user, relatie=relatie, gegevens=gegevens
            )
        )

    return dossierformulier(
        request,
        form,
        toevoegen,
        gelukt=lambda: (
            _("%(lid)s is toegevoegd aan %(huishouden)s.")
            % {"lid": nieuw[0].naam, "huishouden": nieuw[0].huishouden}
        ),
        naar=persoon.get_absolute_url() + "#kop-regie",
        template="statushouders/gezinslid_form.html",
        context=lambda form: {"form": form, "persoon": persoon},
    )


@dossier_medewerker_vereist
def contactmoment_list(request, uuid):
    persoon = dossier_openen(request, uuid)
    pagina = pagina_kiezen(
        contactmomenten(persoon=persoon), nummer=request.GET.get("pagina"), per_pagina=PER_PAGINA
    )
    return render(
        request, "statushouders/contactmoment_list.html", {"persoon": persoon, "pagina": pagina}
    )


@dossier_medewerker_vereist
def persoon_historie(request, uuid):
    persoon = dossier_openen(request, uuid)
    pagina = Paginator(historie_events(persoon), 50).get_page(request.GET.get("pagina"))
    return render(
        request,
        "statushouders/persoon_historie.html",
        {
            "persoon": persoon,
            "pagina": pagina,
            "regels": historie_regels(pagina.object_list, verberg=("persoon",)),
        },
    )


def _dossier_stap(request, uuid, *, mag, form_class, service, gelukt, titel):
    """Closing and reopening: the same page, each with its own form, service and guard."""
    persoon = dossier_openen(request, uuid)
    weigering = mag(persoon)
    if weigering:
        messages.info(request, weigering)
        return redirect(persoon)
    return _onderdeel_formulier(
        request,
        persoon,
        form_class(request.POST or None),
        partial(service, persoon=persoon, door=request.user),
        gelukt=gelukt,
        titel=titel % persoon.naam,
    )


@dossier_medewerker_vereist
@require_http_methods(["GET", "POST"])
def persoon_afsluiten(request, uuid):
    return _dossier_stap(
        request,
        uuid,
        mag=lambda p: _("Dit dossier is al afgesloten.") if p.is_afgesloten else None,
        form_class=DossierAfsluitenForm,
        service=dossier_afsluiten,
        gelukt=_("Het dossier is afgesloten."),
        titel=_("Dossier van %s afsluiten"),
    )


@dossier_medewerker_vereist
@require_http_methods(["GET", "POST"])
def persoon_heropenen(request, uuid):
    return _dossier_stap(
        request,
        uuid,
        mag=lambda p: None if p.is_afgesloten else _("Dit dossier is niet afgesloten."),
        form_class=DossierHeropenenForm,
        service=dossier_heropenen,
        gelukt=_("Het dossier is heropend."),
        titel=_("Dossier van %s heropenen"),
    )
