"""The person page: the dossier with a panel from every app, and the contact moment form on
it (with htmx only the panel is swapped)."""

from functools import partial

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.views import dossier_medewerker_vereist, dossierformulier
from intake.selectors import intake_acties, laatste_intake
from ontzorging.selectors import dossier_samenvatting
from participatie.selectors import participatie_samenvatting
from partners.selectors import verwijzingen_van_persoon
from pip_plans.selectors import plan_van
from statushouders.forms import ContactmomentForm
from statushouders.models import Persoon
from statushouders.selectors import (
    dossier_historie,
    huishoudleden,
    leeftijd_van,
    recente_contactmomenten,
)
from statushouders.services import contactmoment_toevoegen
from statushouders.views import dossier_openen
from termijnen.selectors import open_termijnen, termijn_van

HISTORIE_OP_DOSSIER = 10


def _contactmomenten_context(persoon: Persoon, contactmoment_form=None) -> dict:
    recent, aantal = recente_contactmomenten(persoon=persoon)
    return {
        "persoon": persoon,
        "contactmomenten": recent,
        "aantal_contactmomenten": aantal,
        "contactmoment_form": contactmoment_form or ContactmomentForm(),
    }


def _dossier_context(persoon: Persoon, user, contactmoment_form=None) -> dict:
    intake = laatste_intake(persoon=persoon)
    return {
        **_contactmomenten_context(persoon, contactmoment_form),
        "huishoudleden": huishoudleden(persoon=persoon),
        "leeftijd": leeftijd_van(persoon),
        "historie": dossier_historie(persoon=persoon, aantal=HISTORIE_OP_DOSSIER),
        "intake": intake,
        "intake_acties": intake_acties(intake=intake, user=user),
        "plan": plan_van(persoon=persoon),
        "verwijzingen": verwijzingen_van_persoon(persoon=persoon),
        "termijnen": open_termijnen(persoon=persoon),
        "inburgeringstermijn": termijn_van(persoon=persoon, code="inburgeringstermijn"),
        "ontzorging": dossier_samenvatting(persoon=persoon),
        "participatie": participatie_samenvatting(persoon=persoon),
    }


@dossier_medewerker_vereist
def persoon_detail(request, uuid):
    persoon = dossier_openen(request, uuid)
    return render(request, "dossier/persoon_detail.html", _dossier_context(persoon, request.user))


@dossier_medewerker_vereist
@require_http_methods(["GET", "POST"])
def contactmoment_nieuw(request, uuid):
    persoon = dossier_openen(request, uuid)
    if request.method == "GET":
        return redirect(persoon.get_absolute_url() + "#contactmomenten")
    return dossierformulier(
        request,
        ContactmomentForm(request.POST),
        partial(contactmoment_toevoegen, persoon=persoon, door=request.user),
        gelukt=_("Het contactmoment is vastgelegd."),
        naar=persoon,
        # Without JavaScript the whole dossier comes back, with the errors beside the fields.
        template="dossier/persoon_detail.html",
        context=lambda form: _dossier_context(persoon, request.user, contactmoment_form=form),
        partial="dossier/persoon_detail.html#contactmomenten",
        partial_context=lambda form: _contactmomenten_context(persoon, form),
    )
