"""The payments page of a gemeente: batches (four eyes), the SEPA file, bank statements and
the withholding overview."""

import csv
import datetime
from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.export import veilige_cel
from core.selectors import pagina_kiezen
from core.views import (
    dossier_medewerker_vereist,
    formulier_uitvoeren,
    in_scope_openen,
)

from .. import selectors, services
from ..forms import (
    AfschriftForm,
    BatchregelsFilterForm,
    BatchSamenstellenForm,
    BetalingenFilterForm,
    GemeenteKeuzeForm,
    GoedkeurenForm,
    InhoudingenForm,
    IntrekkenForm,
)
from ..geld import eerstvolgende_bankdag, volgende_maand


def _gemeente_kiezen(request, gemeenten):
    """The gemeente from ?gemeente=, validated; otherwise the user's own (where they keep
    most dossiers)."""
    form = GemeenteKeuzeForm(request.GET or None, gemeenten=gemeenten)
    gekozen = form.cleaned_data.get("gemeente") if form.is_valid() else None
    if form.is_bound and not form.is_valid():
        messages.warning(request, _("Een filter was ongeldig en is niet toegepast."))
    if gekozen is None:
        gekozen = selectors.standaard_betaalgemeente(user=request.user, gemeenten=gemeenten)
        form = GemeenteKeuzeForm(initial={"gemeente": gekozen}, gemeenten=gemeenten)
    return form, gekozen


def _betalingen_per_persoon(request, gemeente):
    """The filtered, paged payments of the gemeente per person, with their totals. Filters
    that are not valid are shown with their error and not applied."""
    filter_form = BetalingenFilterForm(request.GET, auto_id="betalingen_%s")
    filters = filter_form.cleaned_data if filter_form.is_valid() else {}
    rijen = selectors.betalingen_zoeken(
        gemeente=gemeente,
        status=filters.get("status", ""),
        maand=filters.get("maand"),
        zoekterm=filters.get("zoek", ""),
    )
    return {
        "filter_form": filter_form,
        "pagina": pagina_kiezen(
            rijen,
            nummer=request.GET.get("pagina", 1),
            per_pagina=selectors.BETALINGEN_PER_PAGINA,
        ),
        "totalen": selectors.betalingen_totalen(rijen),
    }


@dossier_medewerker_vereist
@require_GET
def betalingen(request):
    gemeenten = selectors.betaalgemeenten(user=request.user)
    keuze, gemeente = _gemeente_kiezen(request, gemeenten)
    if gemeente is None:
        raise Http404
    vandaag = timezone.localdate()
    # Several forms on one page: each its own ids, so every label names its own field.
    samenstellen = BatchSamenstellenForm(
        auto_id="samenstellen_%s",
        initial={
            "gemeente": gemeente.pk,
            "tot_maand": volgende_maand(vandaag),
            "uitvoerdatum": eerstvolgende_bankdag(vandaag + datetime.timedelta(days=1)),
        },
        gemeenten=gemeenten,
    )
    return render(
        request,
        "ontzorging/betalingen.html",
        {
            "keuze": keuze,
            "gemeente": gemeente,
            "meer_gemeenten": gemeenten.count() > 1,
            "stand": selectors.betaalstand(gemeente=gemeente),
            "instelling": selectors.instelling_van(gemeente),
            "batches": selectors.batches_van(user=request.user, gemeente=gemeente)[:25],
            "afschriften": selectors.afschriften_van(gemeente=gemeente)[:10],
            "samenstellen": samenstellen,
            "afschrift_form": AfschriftForm(
                auto_id="afschrift_%s", initial={"gemeente": gemeente.pk}, gemeenten=gemeenten
            ),
            **_betalingen_per_persoon(request, gemeente),
            "inhoudingen_form": InhoudingenForm(
                auto_id="inhoudingen_%s",
                initial={
                    "gemeente": gemeente.pk,
                    "van": vandaag.replace(day=1),
                    "tot": vandaag.replace(day=1),
                },
                gemeenten=gemeenten,
            ),
        },
    )


@dossier_medewerker_vereist
@require_http_methods(["GET", "POST"])
def batch_samenstellen(request):
    if request.method == "GET":  # a reload of the form after an error: back to the page
        return redirect("ontzorging:betalingen")
    gemeenten = selectors.betaalgemeenten(user=request.user)
    form = BatchSamenstellenForm(request.POST, gemeenten=gemeenten)
    uitkomst = {}

    def samenstellen(**gegevens):
        uitkomst["batch"] = services.batch_samenstellen(door=request.user, **gegevens)

    if formulier_uitvoeren(form, samenstellen):
        messages.success(request, _("De batch is samengesteld en wacht op goedkeuring."))
        return redirect("ontzorging:batch-detail", batch=uitkomst["batch"].uuid)
    gemeente = form.cleaned_data.get("gemeente") if hasattr(form, "cleaned_data") else None
    return render(
        request,
        "ontzorging/batch_samenstellen.html",
        {"form": form, "gemeente": gemeente or gemeenten.first()},
        status=200,
    )


def _gemeenteobject(request, ophalen):
    """A batch or a statement of one of the user's gemeenten. What is not answers 404 and is
    logged as a refused attempt, by its address: it names no person. Opening one is no look
    at a dossier, so nothing else is logged."""
    return in_scope_openen(request, ophalen, loggen=False)


def _batch(request, batch):
    # The pages of a batch, a statement or a period take any method, as the other dossier
    # pages do: a method check before the scoped lookup would answer 405 where only 404 may
    # tell anything about another gemeente's object. Actions send a GET back to the page.
    return _gemeenteobject(request, lambda: selectors.batch_ophalen(user=request.user, uuid=batch))


def _batch_pagina(request, batch, *, goedkeuren_form=None, intrekken_form=None, status=200):
    """The batch and everything an approver checks: its lines by creditor, paged, with the
    warnings; the approval form asks to confirm them when there are any."""
    filter_form = BatchregelsFilterForm(request.GET, auto_id="filter_%s")
    alleen = filter_form.is_valid() and filter_form.cleaned_data["waarschuwingen"]
    controle = selectors.batch_controle(
        batch=batch, pagina=request.GET.get("pagina", 1), alleen_waarschuwingen=alleen
    )
    return render(
        request,
        "ontzorging/batch_detail.html",
        {
            "batch": batch,
            "acties": selectors.batch_acties(batch=batch, user=request.user),
            "per_crediteur": selectors.per_crediteur(batch=batch),
            "controle": controle,
            "pagina": controle.pagina,
            "filter_form": filter_form,
            "uitkomst": selectors.batch_uitkomst(batch=batch),
            "goedkeuren_form": goedkeuren_form
            or GoedkeurenForm(
                auto_id="goedkeuren_%s", waarschuwingen=controle.regels_met_waarschuwing
            ),
            "intrekken_form": intrekken_form or IntrekkenForm(),
        },
        status=status,
    )


@dossier_medewerker_vereist
def batch_detail(request, batch):
    return _batch_pagina(request, _batch(request, batch))


@dossier_medewerker_vereist
def batch_status(request, batch):
    batch = _batch(request, batch)
    if batch.export_status in ("klaar", "mislukt") and request.headers.get("HX-Request"):
        # Done: the whole page changes (status, actions), so htmx reloads it.
        antwoord = HttpResponse("")
        antwoord["HX-Refresh"] = "true"
        return antwoord
    return render(request, "ontzorging/_batch_export.html", {"batch": batch})


def _batch_actie(request, batch, actie, gelukt: str):
    batch = _batch(request, batch)
    if request.method == "GET":
        return redirect("ontzorging:batch-detail", batch=batch.uuid)
    try:
        actie(batch=batch, door=request.user)
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    else:
        messages.success(request, gelukt)
    return redirect("ontzorging:batch-detail", batch=batch.uuid)


@dossier_medewerker_vereist
@require_http_methods(["GET", "POST"])
def batch_goedkeuren(request, batch):
    gevonden = _batch(request, batch)
    if request.method == "GET":
        return redirect("ontzorging:batch-detail", batch=gevonden.uuid)
    form = GoedkeurenForm(
        request.POST,
        auto_id="goedkeuren_%s",
        waarschuwingen=len(selectors.batch_waarschuwingen(batch=gevonden)),
    )
    if formulier_uitvoeren(
        form, partial(services.batch_goedkeuren, batch=gevonden, door=request.user)
    ):
        messages.success(request, _("De batch is goedgekeurd."))
        return redirect("ontzorging:batch-detail", batch=gevonden.uuid)
    if form.non_field_errors():
        # Not about the box (not a teamleider, composed it, approved already): the page says
        # why beside the batch's status, where the approval form may not even be shown.
        messages.error(request, " ".join(form.non_field_errors()))
        return redirect("ontzorging:batch-detail", batch=gevonden.uuid)
    return _batch_pagina(request, gevonden, goedkeuren_form=form, status=422)


@dossier_medewerker_vereist
@require_http_methods(["GET", "POST"])
def batch_exporteren(request, batch):
    return _batch_actie(
        request,
        batch,
        services.batch_export_starten,
        _("Het SEPA-bestand wordt gemaakt; deze pagina toont de voortgang."),
    )


@dossier_medewerker_vereist
@require_http_methods(["GET", "POST"])
def batch_intrekken(request, batch):
    gevonden = _batch(request, batch)
    if request.method == "GET":
        return redirect("ontzorging:batch-detail", batch=gevonden.uuid)
    form = IntrekkenForm(request.POST)
    if formulier_uitvoeren(
        form, partial(services.batch_intrekken, batch=gevonden, door=request.user)
    ):
        messages.success(request, _("De batch is ingetrokken; de betalingen staan weer gepland."))
        return redirect("ontzorging:batch-detail", batch=gevonden.uuid)
    return _batch_pagina(request, gevonden, intrekken_form=form, status=422)


@dossier_medewerker_vereist
def batch_download(request, batch):
    batch = _batch(request, batch)
    if not batch.sepa_xml:
        raise Http404
    antwoord = HttpResponse(batch.sepa_xml.encode("utf-8"), content_type="application/xml")
    antwoord["Content-Disposition"] = (
        f'attachment; filename="betaalbatch-{batch.gemeente.cbs_code}-{batch.uitvoerdatum:%Y%m%d}-'
        f'{batch.nummer}.xml"'
    )
    return antwoord


@dossier_medewerker_vereist
@require_http_methods(["GET", "POST"])
def afschrift_inlezen(request):
    if request.method == "GET":
        return redirect("ontzorging:betalingen")
    gemeenten = selectors.betaalgemeenten(user=request.user)
    form = AfschriftForm(request.POST, request.FILES, gemeenten=gemeenten)
    uitkomst = {}

    def inlezen(**gegevens):
        uitkomst["afschrift"] = services.afschrift_inlezen(door=request.user, **gegevens)

    if formulier_uitvoeren(form, inlezen):
        return redirect("ontzorging:afschrift-detail", afschrift=uitkomst["afschrift"].uuid)
    return render(request, "ontzorging/afschrift_form.html", {"form": form})


def _afschrift(request, afschrift):
    return _gemeenteobject(
        request, lambda: selectors.afschrift_ophalen(user=request.user, uuid=afschrift)
    )


@dossier_medewerker_vereist
def afschrift_detail(request, afschrift):
    return render(
        request,
        "ontzorging/afschrift_detail.html",
        {"afschrift": _afschrift(request, afschrift)},
    )


@dossier_medewerker_vereist
def afschrift_status(request, afschrift):
    return render(
        request, "ontzorging/_afschrift_status.html", {"afschrift": _afschrift(request, afschrift)}
    )


@dossier_medewerker_vereist
@require_GET
def inhoudingen_csv(request):
    gemeenten = selectors.betaalgemeenten(user=request.user)
    form = InhoudingenForm(request.GET, gemeenten=gemeenten)
    if not form.is_valid():
        return render(request, "ontzorging/inhoudingen_form.html", {"form": form})
    gegevens = form.cleaned_data
    rijen = selectors.inhoudingen(
        gemeente=gegevens["gemeente"], van=gegevens["van"], tot=gegevens["tot"]
    )
    antwoord = HttpResponse(content_type="text/csv; charset=utf-8")
    antwoord["Content-Disposition"] = (
        f'attachment; filename="inhoudingen-{gegevens["gemeente"].cbs_code}-'
        f'{gegevens["van"]:%Y%m}-{gegevens["tot"]:%Y%m}.csv"'
    )
    antwoord.write("\ufeff")  # Excel opens UTF-8 with the BOM
    schrijver = csv.writer(antwoord, delimiter=";")
    schrijver.writerow(["BSN", "Achternaam", "Voornamen", "Maand", "Bedrag", "Betalingen"])
    for rij in rijen:
        schrijver.writerow(
            [
                veilige_cel(rij["vaste_last__periode__persoon__bsn"]),
                veilige_cel(rij["vaste_last__periode__persoon__achternaam"]),
                veilige_cel(rij["vaste_last__periode__persoon__voornamen"]),
                f"{rij['maand']:%Y-%m}",
                f"{rij['totaal']:.2f}".replace(".", ","),
                rij["aantal"],
            ]
        )
    return antwoord
