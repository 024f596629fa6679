from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DatumVeld, GeheelGetalVeld, KoersForm, KoersModelForm
from core.validators import geen_stuurtekens
from intake.constants import ZRM_DOMEINEN, ZrmScore

from .constants import (
    AFWIJKING_MOTIVATIE_VEREIST,
    DOEL_VELDEN,
    DOELNIVEAU_PER_ROUTE,
    PLAN_ONDERDELEN,
    VAARDIGHEDEN,
    DoelStatus,
    onderdeel_hoort_bij_route,
)
from .models import DuoVerlenging, Plan, PlanDoel

_TEKSTVAK = forms.Textarea(attrs={"rows": 3})
_DATUMVELDEN = ("pvt_ondertekend_op", "map_afgerond_op", "knm_afgerond_op")
_UREN = ("taal_uren", "pvt_uren", "map_uren", "z_taal_uren", "z_participatie_uren")


class PlanForm(KoersModelForm):
    class Meta:
        model = Plan
        fields = [naam for onderdeel in PLAN_ONDERDELEN for naam in onderdeel.velden]
        field_classes = {
            **dict.fromkeys(_DATUMVELDEN, DatumVeld),
            # A number of 20 digits gets a field error, not an overflow.
            **dict.fromkeys(_UREN, GeheelGetalVeld),
        }
        widgets = {
            "leerroute": forms.Select(attrs={"data-leerroute-keuze": ""}),
            **dict.fromkeys(
                (
                    "leerroute_motivatie",
                    "afspraken",
                    "verplichtingen",
                    "ontzorgen_toelichting",
                    "kinderopvang",
                ),
                _TEKSTVAK,
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The route's usual target level as a starting point; the regisseur may choose another.
        standaard = DOELNIVEAU_PER_ROUTE.get(self.instance.leerroute)
        if standaard:
            for code, _label in VAARDIGHEDEN:
                naam = f"taal_{code}_doel"
                if not getattr(self.instance, naam):
                    self.initial[naam] = standaard

    @property
    def leerroute(self) -> str:
        if self.is_bound:
            return self.data.get(self.add_prefix("leerroute"), self.instance.leerroute)
        return self.instance.leerroute

    def onderdelen(self):
        """(part, bound fields, shown) per part of the plan. A part of another leerroute is
        hidden, unless it holds a value or an error: nothing typed disappears from view."""
        leerroute = self.leerroute
        uitkomst = []
        for onderdeel in PLAN_ONDERDELEN:
            velden = [self[naam] for naam in onderdeel.velden]
            getoond = (
                onderdeel_hoort_bij_route(onderdeel, leerroute)
                or any(veld.errors for veld in velden)
                or any(veld.value() not in (None, "", False) for veld in velden)
            )
            uitkomst.append((onderdeel, velden, getoond))
        return uitkomst


class DoelForm(KoersModelForm):
    streefdatum = DatumVeld(label=_("Streefdatum"), required=False)

    class Meta:
        model = PlanDoel
        fields = DOEL_VELDEN
        widgets = {"acties": _TEKSTVAK}


class VaststellenForm(KoersForm):
    dagtekening = DatumVeld(
        label=_("Dagtekening van het besluit"),
        help_text=_(
            "De datum die op het besluit staat. De inburgeringstermijn begint de dag erna "
            "(Wet inburgering 2021 art. 11 lid 2), ook als het besluit later in Koers komt."
        ),
    )
    bekendmaking_op = DatumVeld(
        label=_("Datum bekendmaking"),
        help_text=_(
            "De dag waarop de persoon het besluit ontvangt; de bezwaartermijn telt vanaf deze dag."
        ),
    )
    afwijking_motivatie = forms.CharField(
        label=_("Motivatie afwijking van de routenormen"),
        help_text=_("Waarom wijkt dit plan af? De motivatie komt in het besluit."),
        widget=_TEKSTVAK,
        validators=[geen_stuurtekens],
        error_messages={"required": AFWIJKING_MOTIVATIE_VEREIST},
    )

    def __init__(self, *args, waarschuwingen=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dagtekening"].initial = timezone.localdate()
        self.fields["bekendmaking_op"].initial = timezone.localdate()
        if not waarschuwingen:  # nothing to motivate: the question is not asked
            del self.fields["afwijking_motivatie"]


class DuoVerlengingForm(KoersModelForm):
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


class VoortgangsgesprekForm(KoersForm):
    datum = DatumVeld(label=_("Datum"))
    verslag = forms.CharField(label=_("Verslag"), required=False, widget=_TEKSTVAK)
    volgend_gesprek_op = DatumVeld(label=_("Volgend gesprek"), required=False)
    zrm_meten = forms.BooleanField(
        label=_("Deze scores vastleggen als nieuwe ZRM-meting"),
        required=False,
        help_text=_("Een gewijzigde score wordt altijd als nieuwe meting vastgelegd."),
    )

    def __init__(self, *args, doelen, laatste_zrm=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.laatste_zrm = laatste_zrm
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
                # The latest measurement is where a new one starts.
                initial=getattr(laatste_zrm, code, None),
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
    def zrm_scores(self) -> dict[str, int | None] | None:
        """The scores of a new measurement; None when the scores were left as they were and no
        new measurement was asked for."""
        namen = [f"zrm_{code}" for code, _label in ZRM_DOMEINEN]
        if not (self.cleaned_data.get("zrm_meten") or set(namen) & set(self.changed_data)):
            return None
        return {code: self.cleaned_data.get(f"zrm_{code}") for code, _label in ZRM_DOMEINEN}

    def doel_velden(self):
        return [
            (doel, self[f"doel_{doel.pk}_status"], self[f"doel_{doel.pk}_notitie"])
            for doel in self.doelen
        ]

    def zrm_velden(self):
        return [self[f"zrm_{code}"] for code, _label in ZRM_DOMEINEN]


class VersiesVergelijkenForm(KoersForm):
    """The two versions to compare, from the query string; a value that is no version number
    leaves the default (the last two)."""

    van = GeheelGetalVeld(required=False, min_value=1)
    tot = GeheelGetalVeld(required=False, min_value=1)
