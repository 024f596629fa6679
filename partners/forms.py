from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DatumVeld
from intake.constants import Leefgebied

from .constants import ToestemmingWijze
from .selectors import partners_actief

_TEKSTVAK = forms.Textarea(attrs={"rows": 3})


class VerwijzingForm(forms.Form):
    partner = forms.ModelChoiceField(label=_("Partner"), queryset=None)
    leefgebied = forms.ChoiceField(label=_("Leefgebied"), choices=Leefgebied.choices)
    doel = forms.CharField(label=_("Doel van de verwijzing"), max_length=300)
    notitie = forms.CharField(
        label=_("Toelichting voor de partner"),
        required=False,
        widget=_TEKSTVAK,
        help_text=_("Alleen wat de partner nodig heeft. Geen medische gegevens."),
    )
    adres_delen = forms.BooleanField(
        label=_("Adres delen met de partner"),
        required=False,
        help_text=_("Alleen als de partner het adres nodig heeft, zoals bij begeleiding thuis."),
    )
    toestemming_op = DatumVeld(
        label=_("Toestemming gegeven op"),
        required=False,
        help_text=_("De persoon gaf toestemming om deze gegevens met de partner te delen."),
    )
    toestemming_wijze = forms.ChoiceField(
        label=_("Hoe is toestemming gegeven"), choices=ToestemmingWijze.choices
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners_actief()
        self.fields["toestemming_op"].initial = timezone.localdate()


class AfwijzenForm(forms.Form):
    reden = forms.CharField(label=_("Reden van afwijzen"), widget=_TEKSTVAK)


class AfrondenForm(forms.Form):
    resultaat = forms.CharField(label=_("Resultaat"), widget=_TEKSTVAK)


class TerugkoppelingForm(forms.Form):
    datum = DatumVeld(label=_("Datum"))
    tekst = forms.CharField(label=_("Terugkoppeling"), widget=_TEKSTVAK)
    aanwezig = forms.NullBooleanField(
        label=_("Was de persoon aanwezig?"),
        required=False,
        widget=forms.Select(choices=[("unknown", "—"), ("true", _("Ja")), ("false", _("Nee"))]),
    )
    uren = forms.DecimalField(
        label=_("Uren"), required=False, min_value=0, max_digits=5, decimal_places=1, localize=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["datum"].initial = timezone.localdate()
