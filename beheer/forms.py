from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.constants import AanvraagStatus, Rol
from core.forms import KeuzeUitLijst, KoersForm, ZoekVeld, ZonderStuurtekens
from core.validators import (
    telefoon_normaliseren,
    telefoon_validator,
)
from partners.models import Partner

_KEUZE_FOUT = {"invalid_choice": _("Kies een waarde uit de lijst.")}


class _FilterForm(KoersForm):
    def filters(self) -> dict:
        """The valid filters only: a malformed one is left out (and shown as an error)."""
        self.is_valid()
        return {naam: self.cleaned_data[naam] for naam in self.fields if naam in self.cleaned_data}


class GebruikerFilterForm(_FilterForm):
    """Every query parameter of the user list goes through here."""

    zoek = ZoekVeld(label=_("Zoeken"), help_text=_("Gebruikersnaam, naam of e-mailadres."))
    rol = forms.ChoiceField(
        label=_("Rol"),
        required=False,
        choices=[("", _("Alle")), *Rol.choices],
        error_messages=_KEUZE_FOUT,
    )
    actief = forms.ChoiceField(
        label=_("Actief"),
        required=False,
        choices=[("", _("Alle")), ("ja", _("Actief")), ("nee", _("Gedeactiveerd"))],
        error_messages=_KEUZE_FOUT,
    )


class RechtenaanvraagFilterForm(_FilterForm):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle")), *AanvraagStatus.choices],
        error_messages=_KEUZE_FOUT,
    )


class _ContactVelden(ZonderStuurtekens, forms.Form):
    first_name = forms.CharField(label=_("Voornaam"), max_length=150)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150)
    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        error_messages={"invalid": _("Vul een geldig e-mailadres in, zoals naam@gemeente.nl.")},
    )
    telefoon = forms.CharField(
        label=_("Telefoonnummer (werk)"),
        max_length=20,
        required=False,
        help_text=_("Partners zien dit nummer bij de verwijzingen van deze regisseur."),
    )

    def clean_telefoon(self):
        telefoon = self.cleaned_data.get("telefoon", "")
        if telefoon:
            telefoon_validator(telefoon)
            return telefoon_normaliseren(telefoon)
        return ""


class GebruikerWijzigenForm(_ContactVelden):
    """Name and contact only: role, gemeenten and the admin flags are no fields of any form in
    beheer, so nothing posted under those names is ever read."""


class GebruikerAanmakenForm(_ContactVelden):
    username = forms.RegexField(
        label=_("Gebruikersnaam"),
        max_length=150,
        regex=r"^[\w.@+-]+\Z",
        error_messages={
            "invalid": _("Gebruik alleen letters, cijfers en de tekens . @ + - _ (geen spaties).")
        },
    )
    rol = forms.ChoiceField(label=_("Rol"), choices=Rol.choices, error_messages=_KEUZE_FOUT)
    partner = KeuzeUitLijst(
        label=_("Partner"),
        queryset=Partner.objects.none(),
        required=False,
        help_text=_("Alleen voor een partnermedewerker: de organisatie waarvoor die werkt."),
        error_messages={"invalid_choice": _("Kies een partner uit de lijst.")},
    )

    field_order = ["username", "first_name", "last_name", "email", "telefoon", "rol", "partner"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = Partner.objects.filter(actief=True).order_by("naam")


class RolAanvragenForm(ZonderStuurtekens, forms.Form):
    nieuwe_rol = forms.ChoiceField(
        label=_("Nieuwe rol"),
        choices=[(r.value, r.label) for r in Rol if r != Rol.PARTNER_MEDEWERKER],
        error_messages=_KEUZE_FOUT,
    )
    reden = forms.CharField(
        label=_("Reden"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class GemeenteAanvragenForm(ZonderStuurtekens, forms.Form):
    gemeente = KeuzeUitLijst(
        label=_("Gemeente"),
        queryset=None,
        error_messages={"invalid_choice": _("Kies een gemeente uit de lijst.")},
    )
    reden = forms.CharField(
        label=_("Reden"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, gemeenten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = gemeenten


class BeoordelenForm(ZonderStuurtekens, forms.Form):
    besluit = forms.ChoiceField(
        label=_("Besluit"),
        choices=[("goedkeuren", _("Goedkeuren")), ("afwijzen", _("Afwijzen"))],
        widget=forms.RadioSelect,
        error_messages=_KEUZE_FOUT,
    )
    toelichting = forms.CharField(
        label=_("Toelichting"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht bij afwijzen."),
    )
