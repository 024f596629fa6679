from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.forms import DatumVeld, GeheelGetalVeld, KeuzeUitLijst, KoersForm, KoersModelForm
from core.validators import geen_stuurtekens_regel
from statushouders.models import Gemeente
from statushouders.selectors import toewijsbare_regisseurs

from .constants import GEMEENTE_TERMIJNEN, MAXIMUM_LENGTE, TERMIJNEN_ZONDER_ACTIE, lengte_tekst
from .models import Feestdag, TermijnConfig
from .services import CONFIG_VELDEN, lengte_controleren

_KEUZE_FOUT = {"invalid_choice": _("Kies een waarde uit de lijst.")}


class WerkvoorraadFilterForm(KoersForm):
    """Every query parameter of the werkvoorraad goes through here: a value that is not one of
    the choices becomes a field error, never a server error."""

    groep = forms.ChoiceField(
        label=_("Periode"),
        required=False,
        choices=[
            ("verlopen", _("Over tijd")),
            ("deze-week", _("Binnen 7 dagen")),
            ("vier-weken", _("Over 1 tot 4 weken")),
            ("alle", _("Alle open termijnen")),
        ],
        error_messages=_KEUZE_FOUT,
    )
    soort = KeuzeUitLijst(
        label=_("Soort termijn"),
        queryset=TermijnConfig.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("Alle"),
        error_messages={"invalid_choice": _("Kies een soort termijn uit de lijst.")},
    )
    gemeente = KeuzeUitLijst(
        label=_("Gemeente"),
        queryset=None,
        required=False,
        empty_label=_("Alle"),
        error_messages={"invalid_choice": _("Kies een gemeente uit de lijst.")},
    )
    regisseur = forms.TypedChoiceField(
        label=_("Regisseur"),
        required=False,
        coerce=str,
        error_messages={"invalid_choice": _("Kies een regisseur uit de lijst.")},
    )
    volgorde = forms.ChoiceField(
        label=_("Sorteren op datum"),
        required=False,
        choices=[("op", _("eerste eerst")), ("af", _("laatste eerst"))],
        error_messages=_KEUZE_FOUT,
    )

    def __init__(self, *args, user, team: bool, **kwargs):
        super().__init__(*args, **kwargs)
        # The worklist lists deadlines that ask for work: windows are not offered as a kind.
        self.fields["soort"].queryset = TermijnConfig.objects.exclude(
            code__in=(*GEMEENTE_TERMIJNEN, *TERMIJNEN_ZONDER_ACTIE)
        ).order_by("label")
        self.fields["gemeente"].queryset = Gemeente.objects.visible_to(user)
        if team:
            self.regisseurs = {str(r.pk): r for r in toewijsbare_regisseurs(user=user)}
            self.fields["regisseur"].choices = [
                ("", _("Iedereen")),
                ("geen", _("(geen regisseur)")),
                *[(pk, str(r)) for pk, r in self.regisseurs.items()],
            ]
        else:
            del self.fields["regisseur"]

    def filters(self) -> dict:
        """The valid filters only: a malformed one is left out (and shown as an error)."""
        self.is_valid()
        schoon = self.cleaned_data
        filters = {
            "groep": schoon.get("groep") or "verlopen",
            "soort": schoon.get("soort"),
            "gemeente": schoon.get("gemeente"),
            "aflopend": schoon.get("volgorde") == "af",
        }
        keuze = schoon.get("regisseur")
        if keuze == "geen":
            filters["zonder_regisseur"] = True
        elif keuze:
            filters["regisseur"] = self.regisseurs[keuze]
        return filters


class TermijnVerlengenForm(KoersForm):
    dagen = GeheelGetalVeld(
        label=_("Aantal dagen (hoogstens 14)"),
        min_value=1,
        max_value=14,
        error_messages={
            "required": _("Vul het aantal dagen in."),
            "invalid": _("Vul het aantal dagen in als een getal van 1 tot en met 14."),
            "min_value": _("Verlengen kan met 1 tot en met 14 dagen."),
            "max_value": _("Verlengen kan met 1 tot en met 14 dagen."),
        },
    )
    reden = forms.CharField(
        label=_("Op welke derde partij wordt gewacht"),
        max_length=300,
        validators=[geen_stuurtekens_regel],
        error_messages={"required": _("Leg vast op welke derde partij wordt gewacht.")},
    )


class TermijnConfigForm(KoersModelForm):
    class Meta:
        model = TermijnConfig
        fields = CONFIG_VELDEN
        field_classes = {"lengte": GeheelGetalVeld}
        error_messages = {
            "lengte": {
                "required": _("Vul de lengte in."),
                "invalid": _("Vul de lengte in als een heel getal, bijvoorbeeld 10."),
            }
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        maxima = ", ".join(lengte_tekst(m, e) for e, m in MAXIMUM_LENGTE.items())
        self.fields["lengte"].help_text = _("Minstens 1; hoogstens %s.") % maxima
        # One rule, one message: the bounds per unit are checked in clean() by the service's
        # own check, whatever the number.
        self.fields["lengte"].validators = []
        for naam in ("label", "wettelijke_basis", "berekening"):
            self.fields[naam].validators.append(geen_stuurtekens_regel)

    def clean(self):
        schoon = super().clean()
        if schoon.get("lengte") is not None and schoon.get("eenheid"):
            try:
                lengte_controleren(lengte=schoon["lengte"], eenheid=schoon["eenheid"])
            except ValidationError as fout:
                for veld, fouten in fout.error_dict.items():
                    self.add_error(veld, fouten)
        return schoon

    def _post_clean(self):
        # The service saves; the model instance must not change before it does.
        pass


class FeestdagForm(KoersForm):
    datum = DatumVeld(label=_("Datum"))
    naam = forms.CharField(
        label=_("Omschrijving"),
        max_length=Feestdag._meta.get_field("naam").max_length,
        validators=[geen_stuurtekens_regel],
        help_text=_("Bijvoorbeeld ‘Vrijdag na Hemelvaartsdag (Besluit gelijkstelling)’."),
        error_messages={"required": _("Geef aan welk besluit deze dag gelijkstelt.")},
    )
