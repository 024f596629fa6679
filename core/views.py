from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache

from .forms import ToegangslogFilterForm
from .selectors import pagina_kiezen, toegangslog_zoeken
from .services import toegang_geweigerd_vastleggen, toegang_vastleggen

TOEGANGSLOG_PER_PAGINA = 50


def dossier_medewerker_vereist(view):
    """Dossier pages are for regisseurs and teamleiders. For anyone else they do not exist
    (404), as for a person outside the user's gemeenten, and the attempt is logged."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.werkt_in_dossiers:
            if "uuid" in kwargs:
                toegang_geweigerd_vastleggen(
                    gebruiker=request.user, persoon_uuid=kwargs["uuid"], pad=request.path
                )
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def in_scope_openen(
    request, ophalen, *, persoon_van=lambda obj: obj, loggen=True, persoon_uuid=None
):
    """The one way a view opens a dossier object: `ophalen()` is a selector scoped to the
    user. What it does not find answers 404 and is logged as a refused attempt; what it
    finds is logged as a look at `persoon_van(obj)` (unless `loggen` is off, as for a status
    poll that repeats a look already logged)."""
    try:
        obj = ophalen()
    except ObjectDoesNotExist:
        if callable(persoon_uuid):
            persoon_uuid = persoon_uuid()
        toegang_geweigerd_vastleggen(
            gebruiker=request.user,
            persoon_uuid=persoon_uuid
            or (request.resolver_match.kwargs.get("uuid") if request.resolver_match else None),
            pad=request.path,
        )
        raise Http404 from None
    if loggen:
        toegang_vastleggen(gebruiker=request.user, persoon=persoon_van(obj), pad=request.path)
    return obj


def beheer_vereist(view):
    """Beheer pages are for functioneel beheer; anyone else is refused (403)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_functioneel_beheerder:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def fouten_naar_formulier(form, error: ValidationError) -> None:
    """Show a service's ValidationError beside the field it names, or above the form."""
    if hasattr(error, "error_dict"):
        for veld, fouten in error.error_dict.items():
            form.add_error(veld if veld in form.fields else None, fouten)
    else:
        form.add_error(None, error)


def home(request):
    if request.user.werkt_in_dossiers:
        return redirect("statushouders:persoon-lijst")
    if request.user.is_partner_medewerker:
        return redirect("partners:portaal")
    if request.user.is_functioneel_beheerder:
        return redirect("core:toegangslog")
    return render(request, "core/home.html")


@login_not_required
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; send them to the real icon."""
    return redirect(static("favicon.svg"), permanent=True)


@login_not_required
@never_cache
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@beheer_vereist
def toegangslog(request):
    form = ToegangslogFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rijen = toegangslog_zoeken(user=request.user, **filters)
    pagina = pagina_kiezen(
        rijen, nummer=request.GET.get("pagina"), per_pagina=TOEGANGSLOG_PER_PAGINA
    )
    return render(request, "core/toegangslog.html", {"form": form, "pagina": pagina})


def formulier_uitvoeren(form, actie) -> bool:
    """Run `actie(**cleaned_data)` for a valid bound form. A refusal by the service lands beside
    the field it names, keeping what the user typed. True when the action was done."""
    if not form.is_bound or not form.is_valid():
        return False
    try:
        actie(**form.cleaned_data)
    except ValidationError as error:
        fouten_naar_formulier(form, error)
        return False
    return True


def dossierformulier(
    request, form, actie, *, gelukt, naar, template, context, partial=None, partial_context=None
):
    """A form on a dossier page, answered one way everywhere. A bound form runs
    `actie(**cleaned_data)` through `formulier_uitvoeren`.

    Success: the message `gelukt` and a redirect to `naar` (anything `redirect()` takes); either
    may be a callable, called after the action, for what only the action decides.
    Failure: `template` again, with the errors beside the fields and what the user typed, status
    422. An unbound form (a GET) shows the page with 200. `context(form)` gives the page's
    context; it is built only when the page is shown.

    With `partial` ("page.html#name") an htmx request gets that partial instead of the page,
    its context from `partial_context` (default `context`): after a success called with None,
    for a fresh form, plus `opgeslagen`, and no message (the partial says it); after a failure
    with the errors, 422 as well (the base template lets htmx swap a 422)."""
    eigen_stuk = partial if request.htmx else None
    if formulier_uitvoeren(form, actie):
        if eigen_stuk:
            inhoud = (partial_context or context)(None)
            return render(request, eigen_stuk, {**inhoud, "opgeslagen": True})
        messages.success(request, gelukt() if callable(gelukt) else gelukt)
        return redirect(naar() if callable(naar) else naar)
    status = 422 if form.is_bound else 200
    if eigen_stuk:
        return render(request, eigen_stuk, (partial_context or context)(form), status=status)
    return render(request, template, context(form), status=status)
