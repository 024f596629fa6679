"""Functioneel beheer enters the taakstelling per half year and sees it against the persons
housed. A gemeente outside the beheerder's own answers 404."""

from functools import partial

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.selectors import beheer_gemeenten
from core.views import beheer_vereist, dossierformulier

from ..constants import EERSTE_JAAR, LAATSTE_JAAR
from ..forms.taakstelling import GemeenteFilterForm, TaakstellingForm, TaakstellingKiezenForm
from ..selectors.taakstelling import (
    DEFINITIE_TAAKSTELLING,
    TaakstellingRij,
    halfjaar_van,
    taakstelling_tabel,
    taakstelling_tabellen,
    taakstellingen_per_gemeente,
    taakstellingen_van,
)
from ..services.taakstelling import taakstelling_opslaan, taakstelling_verwijderen


def gemeenten_kiezen(request, gemeenten) -> tuple[GemeenteFilterForm, list]:
    """The beheerder's gemeenten to show: the one from ?gemeente= when valid, else all."""
    form = GemeenteFilterForm(request.GET or None, gemeenten=gemeenten)
    if form.is_bound and not form.is_valid():
        messages.error(request, _("Een filter was ongeldig en is niet toegepast."))
    gekozen = form.cleaned_data.get("gemeente") if form.is_bound and form.is_valid() else None
    return form, [gekozen] if gekozen else list(gemeenten)


def _halfjaar(jaar: int, halfjaar: int) -> str:
    return TaakstellingRij(jaar, halfjaar, 0, 0, 0, 0).label


def _gemeente_van(request, pk):
    return get_object_or_404(beheer_gemeenten(user=request.user), pk=pk)


def _blok(gemeente, vandaag, form=None, *, tabel=None, taakstellingen=None) -> dict:
    """One gemeente's section; the list passes its table and targets, read for all at once."""
    jaar, halfjaar = halfjaar_van(vandaag)
    if tabel is None:
        tabel = taakstelling_tabel(gemeente_ids=[gemeente.pk], tot=vandaag)
    if taakstellingen is None:
        taakstellingen = taakstellingen_van(gemeente=gemeente)
    return {
        "gemeente": gemeente,
        "tabel": tabel,
        "taakstellingen": taakstellingen,
        "form": form
        or TaakstellingForm(
            auto_id=f"g{gemeente.pk}_%s", initial={"jaar": jaar, "halfjaar": halfjaar}
        ),
    }


@beheer_vereist
def taakstelling_lijst(request):
    keuze, gemeenten = gemeenten_kiezen(
        request, beheer_gemeenten(user=request.user).order_by("naam")
    )
    vandaag = timezone.localdate()
    ids = [gemeente.pk for gemeente in gemeenten]
    tabellen = taakstelling_tabellen(gemeente_ids=ids, tot=vandaag)
    taakstellingen = taakstellingen_per_gemeente(gemeente_ids=ids)
    return render(
        request,
        "reports/taakstelling_lijst.html",
        {
            "keuze": keuze,
            "blokken": [
                _blok(
                    gemeente,
                    vandaag,
                    tabel=tabellen.get(gemeente.pk, []),
                    taakstellingen=taakstellingen.get(gemeente.pk, []),
                )
                for gemeente in gemeenten
            ],
            "definitie": DEFINITIE_TAAKSTELLING,
        },
    )


def _voorinvullen(request, gemeente) -> dict:
    """?jaar=&halfjaar= from the list's "Wijzigen" link: the target as it stands."""
    try:
        jaar, halfjaar = int(request.GET["jaar"]), int(request.GET["halfjaar"])
    except (KeyError, ValueError):
        return {}
    if not (EERSTE_JAAR <= jaar <= LAATSTE_JAAR and halfjaar in (1, 2)):
        return {}
    bestaand = taakstellingen_van(gemeente=gemeente).filter(jaar=jaar, halfjaar=halfjaar).first()
    return {"jaar": jaar, "halfjaar": halfjaar, "aantal": bestaand.aantal if bestaand else None}


@beheer_vereist
@require_http_methods(["GET", "POST"])
def taakstelling_bewerken(request, gemeente):
    gemeente = _gemeente_van(request, gemeente)
    form = TaakstellingForm(request.POST or None, initial=_voorinvullen(request, gemeente))

    def opgeslagen():
        gegevens = form.cleaned_data
        return _("De taakstelling van %(gemeente)s voor %(halfjaar)s is opgeslagen.") % {
            "gemeente": gemeente,
            "halfjaar": _halfjaar(gegevens["jaar"], gegevens["halfjaar"]),
        }

    return dossierformulier(
        request,
        form,
        partial(taakstelling_opslaan, gemeente=gemeente, door=request.user),
        gelukt=opgeslagen,
        naar=reverse("reports:taakstelling-lijst") + f"?gemeente={gemeente.pk}",
        template="reports/taakstelling_bewerken.html",
        context=lambda form: {"form": form, **_blok(gemeente, timezone.localdate(), form=form)},
    )


@beheer_vereist
@require_http_methods(["GET", "POST"])
def taakstelling_verwijderen_view(request, gemeente):
    gemeente = _gemeente_van(request, gemeente)
    terug = reverse("reports:taakstelling-lijst") + f"?gemeente={gemeente.pk}"
    form = TaakstellingKiezenForm(request.POST or None)
    if request.method == "GET":
        return redirect(terug)
    taakstelling = (
        taakstellingen_van(gemeente=gemeente)
        .filter(jaar=form.cleaned_data["jaar"], halfjaar=form.cleaned_data["halfjaar"])
        .first()
        if form.is_valid()
        else None
    )
    if taakstelling is None:
        messages.error(request, _("Deze taakstelling is niet gevonden."))
        return redirect(terug)
    taakstelling_verwijderen(taakstelling=taakstelling, door=request.user)
    messages.success(
        request,
        _("De taakstelling van %(gemeente)s voor %(halfjaar)s is verwijderd.")
        % {"gemeente": gemeente, "halfjaar": _halfjaar(taakstelling.jaar, taakstelling.halfjaar)},
    )
    return redirect(terug)
