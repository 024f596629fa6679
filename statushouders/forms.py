import re

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DatumTijdVeld, DatumVeld, KoersForm, KoersModelForm, ZonderStuurtekens
from core.validators import geen_stuurtekens, telefoon_normaliseren

from .constants import ContactSoort, Relatie, Uitstroomreden
from .models import Contactmoment, Gemeente, Huishouden, Persoon
from .selectors import huishoudens_voor, toewijsbare_regisseurs
from .services import PERSOON_VELDEN

NATIONALITEITEN = [
    "Syrisch",
    "Eritrees",
    "Iraaks",
    "Afghaans",
    "Turks",
    "Jemenitisch",
    "Iraans",
    "Somalisch",
    "Soedanees",
    "Ethiopisch",
    "Palestijns",
    "Libisch",
    "Oekraïens",
    "Russisch",
    "Georgisch",
    "Nigeriaans",
    "Congolees",
    "Guinees",
    "Marokkaans",
    "Algerijns",
    "Pakistaans",
    "Sri Lankaans",
    "Staatloos",
    "Onbekend",
]


# Who someone is, as both the person form and the household member form ask it.
PERSOONSGEGEVENS = (
    "voornamen",
    "achternaam",
    "geboortedatum",
    "geslacht",
    "nationaliteit",
    "talen",
    "voorkeurstaal",
)


class HuishoudenKeuze(KoersForm):
    """An existing household or the name of a new one — not both."""

    huishouden = forms.ModelChoiceField(
        label=_("Huishouden"),
        queryset=None,
        required=False,
        empty_label=_("(geen huishouden)"),
        help_text=_("Kies het huishouden waarin de persoon woont of met wie hij/zij kwam."),
    )
    nieuw_huishouden = forms.CharField(
        label=_("Of: nieuw huishouden"),
        required=False,
        max_length=120,
        help_text=_("Naam van een nieuw huishouden, bijvoorbeeld ‘Huishouden Al-Hassan’."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "huishouden" in self.fields:
            # Two "Huishouden Sabbagh" differ by main person and place.
            self.fields["huishouden"].label_from_instance = Huishouden.omschrijving

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("huishouden") and cleaned.get("nieuw_huishouden"):
            self.add_error(
                "nieuw_huishouden",
                _("Kies een bestaand huishouden óf geef een nieuw huishouden op, niet allebei."),
            )
        return cleaned


class PersoonForm(HuishoudenKeuze, KoersModelForm):
    """The person form; gemeente choices are limited to the user's own gemeenten."""

    regisseur = forms.ModelChoiceField(
        label=_("Regisseur"),
        queryset=None,
        required=False,
        help_text=_("Leeg laten: u wordt zelf de regisseur."),
    )

    class Meta:
        model = Persoon
        fields = PERSOON_VELDEN
        field_classes = {
            "geboortedatum": DatumVeld,
            "verblijfsvergunning_datum": DatumVeld,
            "koppeling_datum": DatumVeld,
            "woning_aangeboden_op": DatumVeld,
            "huisvesting_datum": DatumVeld,
            "brp_inschrijving_op": DatumVeld,
            "duo_kennisgeving_op": DatumVeld,
            "bijstand_sinds": DatumVeld,
        }
        widgets = {
            "nationaliteit": forms.Select(
                choices=[("", "---------")] + [(n, n) for n in NATIONALITEITEN]
            ),
            "email": forms.EmailInput(attrs={"autocomplete": "off"}),
            "bsn": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            "v_nummer": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        }

    # Groups of fields as the regisseur thinks of them; rendered as <fieldset>s.
    fieldsets = (
        (_("Persoon"), PERSOONSGEGEVENS),
        (_("Identificatie"), ("bsn", "v_nummer")),
        (
            _("Gemeente en regie"),
            (
                "gemeente",
                "doelgroep",
                "bestandsgroep",
                "regisseur",
                "huishouden",
                "nieuw_huishouden",
            ),
        ),
        (
            _("Koppeling en huisvesting"),
            (
                "azc",
                "verblijfsvergunning_datum",
                "koppeling_datum",
                "woning_aangeboden_op",
                "huisvesting_datum",
                "brp_inschrijving_op",
                "duo_kennisgeving_op",
                "bijstand_sinds",
                "straat",
                "huisnummer",
                "postcode",
                "woonplaats",
            ),
        ),
        (_("Contact"), ("telefoon", "email")),
    )

    def __init__(self, *args, user, nieuw: bool, **kwargs):
        super().__init__(*args, **kwargs)
        for naam in ("bsn", "v_nummer"):
            # Room for dots and spaces as people type them; clean_<naam> strips them.
            veld = self.fields[naam]
            veld.max_length = 15
            veld.widget.attrs["maxlength"] = "15"
            veld.validators = [v for v in veld.validators if not isinstance(v, MaxLengthValidator)]
        self.fields["gemeente"].queryset = Gemeente.objects.visible_to(user)
        if len(self.fields["gemeente"].queryset) == 1:
            self.fields["gemeente"].initial = self.fields["gemeente"].queryset[0]
        if nieuw:
            self.fields["huishouden"].queryset = huishoudens_voor(user=user)
            self.fields["regisseur"].queryset = toewijsbare_regisseurs(user=user)
        else:
            # Household and regisseur have their own pages on an existing dossier.
            for naam in ("huishouden", "nieuw_huishouden", "regisseur"):
                del self.fields[naam]

    def clean_bsn(self):
        bsn = self.cleaned_data.get("bsn")
        # Accept how people write it (123.456.782 or 123 456 782); store the nine digits.
        return re.sub(r"[\s.\-]", "", bsn) if bsn else None

    def clean_v_nummer(self):
        v_nummer = self.cleaned_data.get("v_nummer")
        return re.sub(r"[\s.\-]", "", v_nummer) if v_nummer else None

    def clean_postcode(self):
        postcode = re.sub(r"\s", "", self.cleaned_data.get("postcode", "")).upper()
        return f"{postcode[:4]} {postcode[4:]}" if len(postcode) == 6 else postcode

    def clean_telefoon(self):
        telefoon = self.cleaned_data.get("telefoon", "")
        try:
            return telefoon_normaliseren(telefoon) if telefoon else ""
        except Exception:  # the model validator explains what is wrong
            return telefoon


class GezinslidForm(PersoonForm):
    """A new member of the person's household: who they are and how they are related. The
    gemeente, regisseur, household and address are the person's own."""

    relatie = forms.ChoiceField(
        label=_("Relatie tot deze persoon"),
        choices=Relatie.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies hoe het gezinslid verwant is.")},
    )

    fieldsets = (
        (_("Relatie"), ("relatie",)),
        (_("Gezinslid"), PERSOONSGEGEVENS),
        (_("Identificatie"), ("bsn", "v_nummer")),
        (
            _("Inburgering"),
            (
                "doelgroep",
                "verblijfsvergunning_datum",
                "brp_inschrijving_op",
                "duo_kennisgeving_op",
            ),
        ),
        (_("Contact"), ("telefoon", "email")),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, nieuw=False, **kwargs)
        houden = {naam for _legend, namen in self.fieldsets for naam in namen}
        for naam in list(self.fields):
            if naam not in houden:
                del self.fields[naam]


class RegisseurForm(KoersForm):
    regisseur = forms.ModelChoiceField(
        label=_("Regisseur"),
        queryset=None,
        required=False,
        empty_label=_("(nog geen regisseur)"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regisseur"].queryset = toewijsbare_regisseurs(user=user)


class HuishoudenForm(HuishoudenKeuze):
    def __init__(self, *args, persoon: Persoon, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["huishouden"].queryset = persoon.gemeente.huishoudens.select_related(
            "gemeente", "hoofdpersoon"
        )


class ContactmomentForm(KoersModelForm):
    moment = DatumTijdVeld(label=_("Datum en tijd"))

    class Meta:
        model = Contactmoment
        fields = ("moment", "soort", "onderwerp", "notitie")
        widgets = {"notitie": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["moment"].initial = timezone.localtime().replace(second=0, microsecond=0)
        self.fields["soort"].initial = ContactSoort.GESPREK


class DossierAfsluitenForm(KoersForm):
    afgesloten_op = DatumVeld(label=_("Einddatum"))
    uitstroomreden = forms.ChoiceField(
        label=_("Reden van afsluiten"),
        choices=[("", _("Kies een reden")), *Uitstroomreden.choices],
        error_messages={
            "required": _("Kies de reden waarom het dossier wordt afgesloten."),
            "invalid_choice": _("Kies een reden uit de lijst."),
        },
    )
    toelichting = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[geen_stuurtekens],
    )


class DossierHeropenenForm(KoersForm):
    reden = forms.CharField(
        label=_("Waarom gaat het dossier weer open?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[geen_stuurtekens],
        error_messages={"required": _("Leg vast waarom het dossier weer open gaat.")},
    )


class GemeenteForm(ZonderStuurtekens, forms.Form):
    naam = forms.CharField(label=_("Naam"), max_length=100)
    cbs_code = forms.RegexField(
        label=_("CBS-gemeentecode"),
        max_length=6,
        regex=r"^[Gg][Mm][0-9]{4}\Z",
        help_text=_("GM en vier cijfers, bijvoorbeeld GM0988."),
        error_messages={"invalid": _("Een CBS-gemeentecode is GM met vier cijfers, zoals GM0988.")},
    )
