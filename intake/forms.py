from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from core.forms import DatumVeld, KoersForm, KoersModelForm
from core.validators import niet_in_toekomst
from statushouders.constants import Bestandsgroep

from .constants import ZRM_DOMEINEN, EersteStap, Locatie
from .models import BredeIntake, Werkervaring, ZrmMeting

_TEKSTVAK = forms.Textarea(attrs={"rows": 3})


class StartForm(KoersModelForm):
    gestart_op = DatumVeld(label=_("Startdatum"), validators=[niet_in_toekomst])

    class Meta:
        model = BredeIntake
        fields = ("gestart_op", "locatie", "azc_naam", "tolk_taal")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("locatie") == Locatie.AZC and not cleaned.get("azc_naam"):
            self.add_error("azc_naam", _("Vul in in welk AZC het gesprek was."))
        return cleaned


class LeefgebiedForm(KoersModelForm):
    """Findings, wishes and concerns of one life domain, plus the intake fields that belong
    to that domain (language levels, education, …) as the model form's own fields."""

    bevindingen = forms.CharField(label=_("Bevindingen"), required=False, widget=_TEKSTVAK)
    wensen = forms.CharField(label=_("Wensen van de persoon"), required=False, widget=_TEKSTVAK)
    zorgen = forms.CharField(label=_("Zorgen"), required=False, widget=_TEKSTVAK)

    class Meta:
        model = BredeIntake
        fields = ()

    tekstvelden = ("bevindingen", "wensen", "zorgen")

    def __init__(self, *args, bevinding=None, **kwargs):
        if bevinding is not None:
            kwargs.setdefault("initial", {})
            kwargs["initial"].update({n: getattr(bevinding, n) for n in self.tekstvelden})
        super().__init__(*args, **kwargs)

    def is_valid(self) -> bool:
        # The work history section carries a formset beside the form; both must be valid.
        formulier_ok = super().is_valid()
        formset = getattr(self, "formset", None)
        return formulier_ok and (formset is None or formset.is_valid())

    @property
    def intake_gegevens(self) -> dict:
        return {n: v for n, v in self.cleaned_data.items() if n not in self.tekstvelden}


WerkervaringFormSet = inlineformset_factory(
    BredeIntake,
    Werkervaring,
    form=KoersModelForm,
    fields=("functie", "sector", "jaren"),
    # Exactly one empty block to add a job, however often the section is saved.
    extra=1,
    can_delete=True,
    labels={"functie": _("Functie"), "sector": _("Sector"), "jaren": _("Jaren")},
    localized_fields=("jaren",),  # 2,5 jaar, as written in Dutch
)


class ZrmForm(KoersModelForm):
    datum = DatumVeld(label=_("Datum meting"), validators=[niet_in_toekomst])

    class Meta:
        model = ZrmMeting
        fields = ("datum", *(code for code, _label in ZRM_DOMEINEN))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, _label in ZRM_DOMEINEN:
            veld = self.fields[code]
            veld.error_messages["invalid_choice"] = _("Kies een score van 1 tot en met 5.")

    @property
    def scores(self) -> dict:
        return {code: self.cleaned_data.get(code) for code, _label in ZRM_DOMEINEN}


class PositieveGezondheidForm(KoersModelForm):
    class Meta:
        model = BredeIntake
        fields = (
            "pg_lichaamsfuncties",
            "pg_mentaal_welbevinden",
            "pg_zingeving",
            "pg_kwaliteit_van_leven",
            "pg_meedoen",
            "pg_dagelijks_functioneren",
        )
        widgets = {
            naam: forms.NumberInput(attrs={"min": 0, "max": 10, "inputmode": "numeric"})
            for naam in fields
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for veld in self.fields.values():
            veld.help_text = _("Score van de persoon zelf, 0 tot en met 10.")
            veld.error_messages["invalid"] = _("Vul een heel getal van 0 tot en met 10 in.")


class LeerbaarheidstoetsForm(KoersModelForm):
    leerbaarheidstoets_datum = DatumVeld(
        label=_("Datum leerbaarheidstoets"), required=False, validators=[niet_in_toekomst]
    )

    class Meta:
        model = BredeIntake
        fields = (
            "leerbaarheidstoets_datum",
            "leerbaarheidstoets_uitkomst",
            "leerbaarheidstoets_vrijstelling",
        )

    def clean(self):
        cleaned = super().clean()
        uitkomst = cleaned.get("leerbaarheidstoets_uitkomst")
        vrijstelling = cleaned.get("leerbaarheidstoets_vrijstelling")
        if uitkomst and vrijstelling:
            self.add_error(
                "leerbaarheidstoets_vrijstelling",
                _("Vul een uitkomst óf een reden van vrijstelling in, niet allebei."),
            )
        if uitkomst and not cleaned.get("leerbaarheidstoets_datum"):
            self.add_error("leerbaarheidstoets_datum", _("Vul in wanneer de toets is gedaan."))
        return cleaned


class AdviesForm(KoersModelForm):
    advies_eerste_stappen = forms.MultipleChoiceField(
        label=_("Geadviseerde eerste stappen"),
        choices=EersteStap.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = BredeIntake
        fields = (
            "advies_leerroute",
            "advies_motivatie",
            "advies_eerste_stappen",
            "advies_toelichting",
        )
        widgets = {"advies_motivatie": _TEKSTVAK, "advies_toelichting": _TEKSTVAK}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("advies_leerroute") and not cleaned.get("advies_motivatie"):
            self.add_error("advies_motivatie", _("Motiveer waarom deze leerroute past."))
        return cleaned


class GesprekForm(KoersForm):
    datum = DatumVeld(label=_("Datum"), validators=[niet_in_toekomst])
    deelnemers = forms.CharField(
        label=_("Wie deden mee"), max_length=300, help_text=_("Bijvoorbeeld: persoon, tolk.")
    )
    notities = forms.CharField(label=_("Notities"), required=False, widget=_TEKSTVAK)


class AfrondenForm(KoersForm):
    afgerond_op = DatumVeld(label=_("Datum afgerond"), validators=[niet_in_toekomst])
    bestandsgroep = forms.ChoiceField(
        label=_("Hoe verder na de intake"),
        choices=[
            (Bestandsgroep.ACTIEF_TRAJECT, _("Actief traject")),
            (Bestandsgroep.ZORG_EN_RUST, _("Zorg en rust")),
        ],
        initial=Bestandsgroep.ACTIEF_TRAJECT,
        widget=forms.RadioSelect,
    )
    zorg_en_rust_reden = forms.CharField(
        label=_("Reden voor zorg en rust"), required=False, widget=_TEKSTVAK
    )


class HeropenenForm(KoersForm):
    reden = forms.CharField(
        label=_("Reden van heropenen"),
        widget=_TEKSTVAK,
        help_text=_("Wat moet er worden gecorrigeerd? Dit komt in de historie."),
    )
