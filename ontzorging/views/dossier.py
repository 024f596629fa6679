"""The ontzorging of one person, on the dossier: period, vaste lasten, payments, handover."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.views import (
    dossier_medewerker_vereist,
    formulier_uitvoeren,
    in_scope_openen,
)
from partners.selectors import verwijzingen_van_persoon
from statushouders.selectors import persoon_ophalen

from .. import selectors, services
from ..forms import (
    BeeindigenForm,
    OvernameForm,
    PeriodeBewerkenForm,
    PeriodeForm,
    VasteLastForm,
    VerlengenForm,
)


def _persoon(request, uuid, *, loggen=True):
    return in_scope_openen(
        request, lambda: persoon_ophalen(user=request.user, uuid=uuid), loggen=loggen
    )


def _onderdeel(request, ophalen, persoon_uuid):
    """An object of the person's ontzorging: what is not theirs answers 404 and is logged as
    a refused attempt against the person it concerns. The dossier's look is logged already."""
    return in_scope_openen(request, ophalen, loggen=False, persoon_uuid=persoon_uuid)


def _periode(request, uuid, periode):
    """The period, opened through the dossier it belongs to (404 outside the user's scope)."""
    persoon = _persoon(request, uuid)
    gevonden = _onderdeel(
        request,
        lambda: selectors.periode_ophalen(persoon=persoon, uuid=periode),
        lambda: selectors.persoon_van_periode(periode),
    )
    return persoon, gevonden


def _naar_dossier(persoon):
    return redirect("ontzorging:periode-detail", uuid=persoon.uuid)


def _beeindigd(request, persoon, periode):
    """A form of an ended period opened by its address: the page says why there is none."""
    if not periode.is_beeindigd:
        return None
    messages.info(request, _("Deze ontzorgperiode is beëindigd en verandert niet meer."))
    return _naar_dossier(persoon)


def _dossierformulier(request, persoon, form, actie, *, gelukt: str, titel: str, **extra):
    """A form on the person's ontzorging: run the service, back to the page with a message,
    or the form again with the refusals beside the fields and the input kept."""
    if formulier_uitvoeren(form, actie):
        messages.success(request, gelukt)
        return _naar_dossier(persoon)
    return render(
        request,
        "ontzorging/form.html",
        {"persoon": persoon, "form": form, "titel": titel, **extra},
        status=422 if form.is_bound else 200,  # as core.views.dossierformulier answers
    )


@dossier_medewerker_vereist
def periode_detail(request, uuid):
    persoon = _persoon(request, uuid)
    periodes = list(selectors.periodes_van(persoon=persoon))
    lopend = next((p for p in periodes if not p.is_beeindigd), None)
    getoond = lopend or (periodes[0] if periodes else None)
    redenen = selectors.doelgroep_uitleg(persoon)
    instelling = selectors.instelling_van(persoon.gemeente)
    return render(
        request,
        "ontzorging/periode_detail.html",
        {
            "persoon": persoon,
            "overzicht": selectors.dossier_overzicht(periode=getoond) if getoond else None,
            "eerdere": [p for p in periodes if p is not getoond],
            "redenen": redenen,
            "lokaal_beleid_mogelijk": bool(instelling and instelling.ruimere_doelgroep),
            "acties": selectors.periode_acties(persoon=persoon, periode=getoond, user=request.user),
        },
    )


@dossier_medewerker_vereist
@require_http_methods(["GET", "POST"])
def periode_aanmaken(request, uuid):
    persoon = _persoon(request, uuid)
    form = PeriodeForm(request.POST or None)
    return _dossierformulier(
        request,
        persoon,
        form,
        partial(services.periode_aanmaken, persoon=persoon, door=request.user),
        gelukt=_("De ontzorgperiode is vastgelegd."),
        titel=_("Ontzorgperiode vastleggen"),
        redenen=selectors.doelgroep_uitleg(persoon),
    )


@dossier_medewerker_vereist
@require_http_methods(["GET", "POST"])
def periode_bewerken(request, uuid, periode):
    persoon, periode = _periode(request, uuid, periode)
    if terug := _beeindigd(request, persoon, periode):
        return terug
    form = PeriodeBewerkenForm(
        request.POST or None,
        initial={
            "machtiging_op": periode.machtiging_op,
            "machtiging_vorm": periode.machtiging_vorm,
            "beschikking_op": periode.beschikking_op,
            "budgetcoaching": periode.budgetcoaching_id,
            "voor_huishouden": periode.voor_huishouden,
        },
        verwijzingen=verwijzingen_van_persoon(persoon=periode.persoon),
    )
    return _dossierformulier(
        request,
        persoon,
        form,
        partial(services.periode_bijwerken, periode=periode, door=request.user),
        gelukt=_("De ontzorgperiode is bijgewerkt."),
        titel=_("Machtiging, besluit en budgetcoaching"),
    )


@dossier_medewerker_vereist
@require_http_methods(["GET", "POST"])
def periode_verlengen(request, uuid, periode):
    persoon, periode = _periode(request, uuid, periode)
    if terug := _beeindigd(request, persoon, periode):
        return terug
    form = VerlengenForm(request.POST or None)
    einde = selectors.einde_van(periode)
    return _dossierformulier(
        request,
        persoon,
        form,
        partial(services.periode_verlengen, periode=periode, door=request.user),
        gelukt=_("De verlenging is vastgelegd."),
        titel=_("Ontzorgperiode verlengen"),
        uitleg=_("Het huidige einde is %(datum)s.") % {"datum": f"{einde:%d-%m-%Y}"}
        if einde
        else "",
    )


@dossier_medewerker_vereist
@require_http_methods(["GET", "POST"])
def periode_beeindigen(request, uuid, periode):
    persoon, periode = _periode(request, uuid, periode)
    if terug := _beeindigd(request, persoon, periode):
        return terug
    form = BeeindigenForm(request.POST or None)
    return _dossierformulier(
        request,
        persoon,
        form,
        partial(services.periode_beeindigen, periode=periode, door=request.user),
        gelukt=_("De ontzorgperiode is beëindigd."),
        titel=_("Ontzorgperiode beëindigen"),
        uitleg=_("Geplande betalingen na het einde die nog niet in een batch zitten, vervallen."),
    )


def _soorten(periode):
    return selectors.toegestane_soorten(
        instelling=selectors.instelling_van(periode.persoon.gemeente)
    )


@dossier_medewerker_vereist
@require_http_methods(["GET", "POST"])
def last_toevoegen(request, uuid, periode):
    persoon, periode = _periode(request, uuid, periode)
    if terug := _beeindigd(request, persoon, periode):
        return terug
    form = VasteLastForm(request.POST or None, soorten=_soorten(periode))
    return _dossierformulier(
        request,
        persoon,
        form,
        _met_waarschuwingen(
            request, partial(services.vaste_last_toevoegen, periode=periode, door=request.user)
        ),
        gelukt=_("De vaste last is toegevoegd."),
        titel=_("Vaste last toevoegen"),
    )


def _met_waarschuwingen(request, actie):
    """Save the last, then name what deserves a second look about its creditor (warnings,
    not refusals) on the page the user lands on."""

    def opslaan(**gegevens):
        last = actie(**gegevens)
        for tekst in selectors.crediteur_waarschuwingen(last=last):
            messages.warning(request, tekst)
        return last

    return opslaan


def _last(request, uuid, last):
    persoon = _persoon(request, uuid)
    gevonden = _onderdeel(
        request,
        lambda: selectors.last_ophalen(user=request.user, persoon=persoon, uuid=last),
        lambda: selectors.persoon_van_last(last),
    )
    return persoon, gevonden


@dossier_medewerker_vereist
@require_http_methods(["GET", "POST"])
def last_bewerken(request, uuid, last):
    persoon, last = _last(request, uuid, last)
    if terug := _beeindigd(request, persoon, last.periode):
        return terug
    velden = (
        "soort",
        "crediteur",
        "iban",
        "bic",
        "kenmerk_soort",
        "kenmerk",
        "maandbedrag",
        "eerste_maand",
        "laatste_maand",
    )
    form = VasteLastForm(
        request.POST or None,
        initial={veld: getattr(last, veld) for veld in velden},
        soorten=_soorten(last.periode),
    )
    return _dossierformulier(
        request,
        persoon,
        form,
        _met_waarschuwingen(
            request, partial(services.vaste_last_wijzigen, last=last, door=request.user)
        ),
        gelukt=_("De vaste last is bijgewerkt."),
        titel=_("Vaste last wijzigen"),
        uitleg=_("Betalingen die al in een batch zitten of betaald zijn, blijven zoals ze zijn."),
        waarschuwingen=selectors.crediteur_waarschuwingen(last=last),
    )


@dossier_medewerker_vereist
@require_http_methods(["GET", "POST"])
def last_overname(request, uuid, last):
    persoon, last = _last(request, uuid, last)
    if terug := _beeindigd(request, persoon, last.periode):
        return terug
    form = OvernameForm(
        request.POST or None,
        initial={
            "overname_maand": last.overname_maand,
            "overname_geregeld_op": last.overname_geregeld_op,
        },
    )
    return _dossierformulier(
        request,
        persoon,
        form,
        partial(services.overname_vastleggen, last=last, door=request.user),
        gelukt=_("De overdracht is bijgewerkt."),
        titel=_("Overdracht: %(last)s") % {"last": last},
        uitleg=_("Vanaf de gekozen maand betaalt Koers deze last niet meer."),
    )


@dossier_medewerker_vereist
@require_http_methods(["GET", "POST"])
def betaling_opnieuw(request, uuid, betaling):
    persoon = _persoon(request, uuid)
    gevonden = _onderdeel(
        request,
        lambda: selectors.betaling_ophalen(user=request.user, persoon=persoon, pk=betaling),
        lambda: selectors.persoon_van_betaling(betaling),
    )
    if request.method == "GET":
        # Only a scoped lookup may tell whether the payment exists: a GET is sent back.
        return _naar_dossier(persoon)
    try:
        services.betaling_opnieuw_plannen(betaling=gevonden, door=request.user)
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    else:
        messages.success(request, _("De betaling gaat mee in de volgende batch."))
    return _naar_dossier(persoon)
