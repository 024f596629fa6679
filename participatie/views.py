"""The participation of one person, on the dossier: what they do besides the inburgering."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.views import dossier_medewerker_vereist, dossierformulier, in_scope_openen
from statushouders.views import dossier_openen

from . import services
from .forms import ParticipatieForm
from .selectors import (
    participatie_in_dossier,
    participatie_wijzigbaar,
    participaties_van,
)


def _participatie(request, uuid, participatie):
    """The participation, opened through the dossier it belongs to: one of another person, or
    of a person outside the user's scope, answers 404 and the attempt is logged."""
    persoon = dossier_openen(request, uuid)
    gevonden = in_scope_openen(
        request,
        lambda: participatie_in_dossier(persoon=persoon, uuid=participatie),
        loggen=False,  # dossier_openen logged the look
    )
    return persoon, gevonden


def _lijst_url(persoon) -> str:
    return reverse("participatie:participatie-lijst", kwargs={"uuid": persoon.uuid})


def _naar_lijst(persoon):
    return redirect(_lijst_url(persoon))


def _alleen_lezen(request, persoon):
    """A form of a closed dossier opened by its address: the page says why there is none."""
    if participatie_wijzigbaar(persoon=persoon):
        return None
    messages.info(request, _("Het dossier is afgesloten; heropen het om participatie te wijzigen."))
    return _naar_lijst(persoon)


def _formulier(request, persoon, form, actie, *, gelukt, titel, participatie=None):
    return dossierformulier(
        request,
        form,
        actie,
        gelukt=gelukt,
        naar=_lijst_url(persoon),
        template="participatie/participatie_form.html",
        context=lambda form: {
            "persoon": persoon,
            "form": form,
            "titel": titel,
            "participatie": participatie,
        },
    )


@dossier_medewerker_vereist
def participatie_lijst(request, uuid):
    persoon = dossier_openen(request, uuid)
    return render(
        request,
        "participatie/participatie_lijst.html",
        {
            "persoon": persoon,
            "participaties": participaties_van(persoon=persoon),
            "kan_wijzigen": participatie_wijzigbaar(persoon=persoon),
        },
    )


@dossier_medewerker_vereist
@require_http_methods(["GET", "POST"])
def participatie_nieuw(request, uuid):
    persoon = dossier_openen(request, uuid)
    if terug := _alleen_lezen(request, persoon):
        return terug
    return _formulier(
        request,
        persoon,
        ParticipatieForm(request.POST or None),
        partial(services.participatie_opslaan, persoon=persoon, door=request.user),
        gelukt=_("De participatie is vastgelegd."),
        titel=_("Participatie vastleggen"),
    )


@dossier_medewerker_vereist
@require_http_methods(["GET", "POST"])
def participatie_bewerken(request, uuid, participatie):
    persoon, participatie = _participatie(request, uuid, participatie)
    if terug := _alleen_lezen(request, persoon):
        return terug
    return _formulier(
        request,
        persoon,
        ParticipatieForm(request.POST or None, participatie=participatie),
        partial(
            services.participatie_opslaan,
            persoon=persoon,
            participatie=participatie,
            door=request.user,
        ),
        gelukt=_("De participatie is bijgewerkt."),
        titel=_("Participatie wijzigen"),
        participatie=participatie,
    )


@dossier_medewerker_vereist
@require_http_methods(["GET", "POST"])
def participatie_verwijderen(request, uuid, participatie):
    persoon, participatie = _participatie(request, uuid, participatie)
    if terug := _alleen_lezen(request, persoon):
        return terug
    if request.method == "POST":
        try:
            services.participatie_verwijderen(participatie=participatie, door=request.user)
        except ValidationError as fout:
            messages.error(request, " ".join(fout.messages))
        else:
            messages.success(request, _("De participatie is verwijderd."))
        return _naar_lijst(persoon)
    return render(
        request,
        "participatie/participatie_verwijderen.html",
        {"persoon": persoon, "participatie": participatie},
    )
