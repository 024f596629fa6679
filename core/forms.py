from django import forms
from django.utils.translation import gettext_lazy as _


class DatumVeld(forms.DateField):
    """A date typed as dd-mm-jjjj in a text box (browsers show type=date in US order)."""

    widget = forms.DateInput(attrs={"placeholder": "dd-mm-jjjj", "inputmode": "numeric"})
    default_error_messages = {
        "invalid": _("Vul een geldige datum in als dd-mm-jjjj, bijvoorbeeld 31-01-2025."),
    }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", _("Schrijf als dd-mm-jjjj."))
        super().__init__(*args, **kwargs)


class DatumTijdVeld(forms.DateTimeField):
    widget = forms.DateTimeInput(attrs={"placeholder": "dd-mm-jjjj uu:mm"})
    default_error_messages = {
        "invalid": _("Vul datum en tijd in als dd-mm-jjjj uu:mm, bijvoorbeeld 31-01-2025 14:30."),
    }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", _("Schrijf als dd-mm-jjjj uu:mm."))
        super().__init__(*args, **kwargs)


class ToegangslogFilterForm(forms.Form):
    gebruiker = forms.ModelChoiceField(label=_("Gebruiker"), queryset=None, required=False)
    persoon_uuid = forms.UUIDField(
        label=_("Persoon-id"),
        required=False,
        help_text=_("Het id uit het adres van het dossier (/personen/<id>/)."),
        error_messages={"invalid": _("Dit is geen geldig persoon-id.")},
    )
    van = DatumVeld(label=_("Van"), required=False)
    tot = DatumVeld(label=_("Tot en met"), required=False)

    def __init__(self, *args, **kwargs):
        from accounts.models import User

        super().__init__(*args, **kwargs)
        self.fields["gebruiker"].queryset = User.objects.order_by("first_name", "username")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("van") and cleaned.get("tot") and cleaned["tot"] < cleaned["van"]:
            self.add_error("tot", _("De einddatum ligt vóór de begindatum."))
        return cleaned
