from functools import partial, wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from core.selectors import pagina_kiezen
from core.views import (
    dossier_medewerker_vereist,
    dossierformulier,
    fouten_naar_formulier,
    in_scope_openen,
)
from statushouders.views import dossier_openen

from . import services
from .forms import (
    AfrondenForm,
    AfwijzenForm,
    PortaalFilterForm,
    TerugkoppelingForm,
    ToestemmingIntrekkenForm,
    VerwijzingForm,
)
from .models import Verwijzing
from .selectors import (
    contactpersoon,
    kan_toestemming_intrekken,
    persoon_van_verwijzing,
    portaal_acties,
    portaal_lijst,
    portaalverwijzing_ophalen,
    verwijzing_historie,
    verwijzing_in_dossier,
    verwijzing_url,
)


def partner_vereist(view):
    """The portal is for partnermedewerkers; for anyone else it does not exist."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_partner_medewerker:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


@dossier_medewerker_vereist
@require_http_methods(["GET", "POST"])
def verwijzing_create(request, uuid):
    persoon = dossier_openen(request, uuid)
    form = VerwijzingForm(request.POST or None, request.FILES or None)
    return dossierformulier(
        request,
        form,
        partial(services.verwijzing_versturen, persoon=persoon, door=request.user),
        gelukt=lambda: _("De verwijzing naar %s is verstuurd.") % form.cleaned_data["partner"],
        naar=persoon.get_absolute_url() + "#verwijzingen",
        template="partners/verwijzing_form.html",
        context=lambda form: {"persoon": persoon, "form": form},
    )


def _dossier_verwijzing(request, uuid, verwijzing_uuid) -> Verwijzing:
    persoon = dossier_openen(request, uuid)
    return in_scope_openen(
        request,
        lambda: verwijzing_in_dossier(persoon=persoon, verwijzing_uuid=verwijzing_uuid),
        loggen=False,  # dossier_openen logged the look
    )


def _verwijzing_context(verwijzing, intrekken_form=None) -> dict:
    return {
        "persoon": verwijzing.persoon,
        "verwijzing": verwijzing,
        "historie": verwijzing_historie(verwijzing),
        "kan_intrekken": kan_toestemming_intrekken(verwijzing),
        "intrekken_form": intrekken_form or ToestemmingIntrekkenForm(),
    }


@dossier_medewerker_vereist
def verwijzing_detail(request, uuid, verwijzing_uuid):
    verwijzing = _dossier_verwijzing(request, uuid, verwijzing_uuid)
    return render(request, "partners/verwijzing_detail.html", _verwijzing_context(verwijzing))


@dossier_medewerker_vereist
@require_http_methods(["GET", "POST"])
def toestemming_intrekken(request, uuid, verwijzing_uuid):
    verwijzing = _dossier_verwijzing(request, uuid, verwijzing_uuid)
    if request.method == "GET":
        return redirect(verwijzing_url(verwijzing))
    return dossierformulier(
        request,
        ToestemmingIntrekkenForm(request.POST),
        partial(services.toestemming_intrekken, verwijzing=verwijzing, door=request.user),
        gelukt=_("De toestemming is ingetrokken. %s kan deze verwijzing niet meer inzien.")
        % verwijzing.partner,
        naar=verwijzing_url(verwijzing),
        template="partners/verwijzing_detail.html",
        context=lambda form: _verwijzing_context(verwijzing, intrekken_form=form),
    )


@dossier_medewerker_vereist
def toestemming_document(request, uuid, verwijzing_uuid):
    verwijzing = _dossier_verwijzing(request, uuid, verwijzing_uuid)
    if not verwijzing.toestemming_document:
        raise Http404
    naam = verwijzing.toestemming_document.name
    return FileResponse(
        verwijzing.toestemming_document.open("rb"),
        as_attachment=True,
        filename=f"toestemming-{verwijzing.persoon.achternaam}{naam[naam.rfind('.') :]}",
    )


@partner_vereist
def portaal(request):
    form = PortaalFilterForm(request.GET)
    if form.is_valid():
        tab, zoek = form.cleaned_data["tab"] or "nieuw", form.cleaned_data["q"]
    else:
        messages.warning(request, _("De zoekopdracht kon niet worden gelezen; u ziet alles."))
        tab, zoek = "nieuw", ""
    pagina = pagina_kiezen(
        portaal_lijst(user=request.user, tab=tab, zoek=zoek),
        nummer=request.GET.get("pagina"),
        per_pagina=25,
        via_ids=True,
    )
    querystring = request.GET.copy() if form.is_valid() else QueryDict(mutable=True)
    querystring.pop("pagina", None)
    return render(
        request,
        "partners/portaal.html",
        {
            "tab": tab,
            "zoek": zoek,
            "pagina": pagina,
            "querystring": querystring.urlencode(),
            "tabs": form.fields["tab"].choices,
        },
    )


def _portaal_verwijzing(request, verwijzing_uuid) -> Verwijzing:
    return in_scope_openen(
        request,
        lambda: portaalverwijzing_ophalen(user=request.user, verwijzing_uuid=verwijzing_uuid),
        persoon_van=lambda verwijzing: verwijzing.persoon,
        persoon_uuid=lambda: persoon_van_verwijzing(verwijzing_uuid),
    )


def _portaal_pagina(request, verwijzing, status=200, **forms):
    context = {
        "verwijzing": verwijzing,
        "persoon": verwijzing.persoon,
        "acties": portaal_acties(verwijzing),
        "contactpersoon": contactpersoon(verwijzing),
        "afwijzen_form": forms.get("afwijzen_form") or AfwijzenForm(),
        "afronden_form": forms.get("afronden_form") or AfrondenForm(),
        "terugkoppeling_form": forms.get("terugkoppeling_form") or TerugkoppelingForm(),
    }
    return render(request, "partners/portaal_verwijzing.html", context, status=status)


@partner_vereist
def portaal_verwijzing_detail(request, verwijzing_uuid):
    return _portaal_pagina(request, _portaal_verwijzing(request, verwijzing_uuid))


def _actie(form_class, service, naam, melding):
    """A partner action on a referral: bind the form, call the service, explain a refusal."""

    @partner_vereist
    @require_http_methods(["GET", "POST"])
    def view(request, verwijzing_uuid):
        verwijzing = _portaal_verwijzing(request, verwijzing_uuid)
        if request.method == "GET":
            return redirect(verwijzing.get_portal_url())
        form = form_class(request.POST) if form_class else None
        if form is None or form.is_valid():
            try:
                service(
                    verwijzing=verwijzing, door=request.user, **(form.cleaned_data if form else {})
                )
            except ValidationError as error:
                if form is None or not hasattr(error, "error_dict"):
                    # A step that is not allowed from here: say why on the referral page.
                    messages.error(request, " ".join(error.messages))
                    return redirect(verwijzing.get_portal_url())
                fouten_naar_formulier(form, error)
            else:
                messages.success(request, melding)
                return redirect(verwijzing.get_portal_url())
        verwijzing.refresh_from_db()
        return _portaal_pagina(request, verwijzing, status=422, **{naam: form})

    return view


verwijzing_accepteren = _actie(
    None, services.verwijzing_accepteren, "", gettext_lazy("U heeft de verwijzing geaccepteerd.")
)
verwijzing_afwijzen = _actie(
    AfwijzenForm,
    services.verwijzing_afwijzen,
    "afwijzen_form",
    gettext_lazy("U heeft de verwijzing afgewezen."),
)
verwijzing_afronden = _actie(
    AfrondenForm,
    services.verwijzing_afronden,
    "afronden_form",
    gettext_lazy("De verwijzing is afgerond."),
)
terugkoppeling_create = _actie(
    TerugkoppelingForm,
    services.terugkoppeling_geven,
    "terugkoppeling_form",
    gettext_lazy("Uw terugkoppeling is opgeslagen."),
)
