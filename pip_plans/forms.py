from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DatumVeld
from core.validators import geen_stuurtekens
from intake.constants import ZRM_DOMEINEN, ZrmScore

from .constants import DoelStatus
from .models import DuoVerlenging, Plan, PlanDoel

_TEKSTVAK = forms.Textarea(attrs={"rows": 3})
_DATUMVELDEN = ("pvt_ondertekend_op", "map_afgerond_op", "knm_afgerond_op")


PLAN_FIELDSETS = (
    (_("Leerroute"), ("leerroute", "leerroute_motivatie")),
    (
        _("Taal"),
        (
            "taal_lezen_huidig",
            "taal_lezen_doel",
            "taal_luisteren_huidig",
            "taal_luisteren_doel",
            "taal_spreken_huidig",
            "taal_spreken_doel",
            "taal_schrijven_huidig",
            "taal_schrijven_doel",
            "taalschool",
            "taal_uren",
        ),
    ),
    (
        _("Participatieverklaringstraject (PVT)"),
        ("pvt_aanbieder", "pvt_uren", "pvt_ondertekend_op"),
    ),
    (
        _("Module Arbeidsmarkt en Participatie (MAP) — B1- en Z-route"),
        ("map_aanbieder", "map_uren", "map_afgerond_op"),
    ),
    (_("Kennis van de Nederlandse maatschappij (KNM)"), ("knm_aanbieder", "knm_afgerond_op")),
    (_("Z-route"), ("z_taal_uren", "z_participatie_uren")),
    (
        _("Afspraken"),
        ("afspraken", "verplichtingen", "ontzorgen", "ontzorgen_toelichting", "kinderopvang"),
    ),
)


class PlanForm(forms.ModelForm):
    fieldsets = PLAN_FIELDSETS

    class Meta:
        model = Plan
        fields = [naam for _legend, namen in PLAN_FIELDSETS for naam in namen]
        field_classes = dict.fromkeys(_DATUMVELDEN, DatumVeld)
        widgets = dict.fromkeys(
            (
                "leerroute_motivatie",
                "afspraken",
                "verplichtingen",
                "ontzorgen_toelichting",
                "kinderopvang",
            ),
            _TEKSTVAK,
        )


class DoelForm(forms.ModelForm):
    streefdatum = DatumVeld(label=_("Streefdatum"), required=False)

    class Meta:
        model = PlanDoel
        fields = (
            "leefgebied",
            "doel",
            "acties",
            "verantwoordelijke",
            "partner_naam",
            "streefdatum",
            "status",
        )
        widgets = {"acties": _TEKSTVAK}


class VaststellenForm(forms.Form):
    bekendmaking_op = DatumVeld(
        label=_("Datum bekendmaking"),
        help_text=_(
            "De dag waarop de persoon het besluit ontvangt; de bezwaartermijn telt vanaf deze dag."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bekendmaking_op"].initial = timezone.localdate()


class DuoVerlengingForm(forms.ModelForm):
    besluit_op = DatumVeld(label=_("Datum besluit DUO"))
    nieuwe_einddatum = DatumVeld(label=_("Nieuwe einddatum inburgeringstermijn"))

    class Meta:
        model = DuoVerlenging
        fields = ("besluit_op", "nieuwe_einddatum", "reden")
        widgets = {"reden": _TEKSTVAK}

    def __init__(self, *args, huidig_einde=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reden"].validators.append(geen_stuurtekens)
        if huidig_einde:
            self.fields["nieuwe_einddatum"].help_text = _(
                "Nu eindigt de inburgeringstermijn op %s. Schrijf als dd-mm-jjjj."
            ) % huidig_einde.strftime("%d-%m-%Y")


class VoortgangsgesprekForm(forms.Form):
    datum = DatumVeld(label=_("Datum"))
    verslag = forms.CharField(label=_("Verslag"), required=False, widget=_TEKSTVAK)
    volgend_gesprek_op = DatumVeld(label=_("Volgend gesprek"), required=False)

    def __init__(self, *args, doelen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["datum"].initial = timezone.localdate()
        self.doelen = list(doelen)
        for doel in self.doelen:
            self.fields[f"doel_{doel.pk}_status"] = forms.ChoiceField(
                label=_("%s: status") % doel.doel, choices=DoelStatus.choices, initial=doel.status
            )
            self.fields[f"doel_{doel.pk}_notitie"] = forms.CharField(
                label=_("%s: toelichting") % doel.doel, required=False
            )
        for code, label in ZRM_DOMEINEN:
            self.fields[f"zrm_{code}"] = forms.TypedChoiceField(
                label=_("ZRM %s") % label,
                choices=[("", "—"), *ZrmScore.choices],
                coerce=int,
                empty_value=None,
                required=False,
                error_messages={"invalid_choice": _("Kies een score van 1 tot en met 5.")},
            )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("datum")
            and cleaned.get("volgend_gesprek_op")
            and cleaned["volgend_gesprek_op"] <= cleaned["datum"]
        ):
            self.add_error("volgend_gesprek_op", _("Het volgende gesprek ligt na dit gesprek."))
        return cleaned

    @property
    def voortgang(self):
        return {
            doel: (
                self.cleaned_data[f"doel_{doel.pk}_status"],
                self.cleaned_data[f"doel_{doel.pk}_notitie"],
            )
            for doel in self.doelen
        }

    @property
    def zrm_scores(self):
        return {code: self.cleaned_data.get(f"zrm_{code}") for code, _label in ZRM_DOMEINEN}

    def doel_velden(self):
        return [
            (doel, self[f"doel_{doel.pk}_status"], self[f"doel_{doel.pk}_notitie"])
            for doel in self.doelen
        ]

    def zrm_velden(self):
        return [self[f"zrm_{code}"] for code, _label in ZRM_DOMEINEN]
