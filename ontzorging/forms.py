import datetime
import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.forms import DatumVeld, KeuzeUitLijst, KoersForm, ZoekVeld
from core.validators import BUITEN_BEREIK, datum_in_bereik
from statushouders.models import Gemeente

from .constants import BetalingStatus, KenmerkSoort, LastSoort, MachtigingVorm
from .geld import kenmerk_controleren
from .models import Betaalinstelling

_TEKSTVAK = forms.Textarea(attrs={"rows": 3})


class MaandVeld(forms.Field):
    """A month typed as mm-jjjj (or a date in it); kept as the first day of the month."""

    widget = forms.TextInput(attrs={"placeholder": "mm-jjjj", "inputmode": "numeric"})
    default_error_messages = {
        "invalid": _("Vul een maand in als mm-jjjj, bijvoorbeeld 08-2026."),
    }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", _("Schrijf als mm-jjjj."))
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, datetime.date):
            return f"{value:%m-%Y}"
        return value

    def to_python(self, value):
        if isinstance(value, datetime.date):
            return value.replace(day=1)
        tekst = (value or "").strip()
        if not tekst:
            return None
        deel = re.fullmatch(r"(?:([0-9]{1,2})-)?([0-9]{1,2})-([0-9]{4})", tekst)
        if not deel:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        maand, jaar = int(deel.group(2)), int(deel.group(3))
        try:
            waarde = datetime.date(jaar, maand, 1)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if not datum_in_bereik(waarde):
            raise ValidationError(BUITEN_BEREIK, code="buiten_bereik")
        return waarde


class BedragVeld(forms.Field):
    """An amount in euros as Dutch people type it: 612,50 or 1.234,56 or 612.50."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
    default_error_messages = {
        "invalid": _("Vul een bedrag in euro’s in, bijvoorbeeld 612,50."),
    }

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return f"{value:.2f}".replace(".", ",")
        return value

    def to_python(self, value):
        tekst = (value or "").strip().replace("€", "").replace(" ", "")
        if not tekst:
            return None
        if not re.fullmatch(r"-?[0-9]{1,3}(\.[0-9]{3})*(,[0-9]+)?|-?[0-9]+([.,][0-9]+)?", tekst):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if "," in tekst:
            tekst = tekst.replace(".", "").replace(",", ".")
        elif re.fullmatch(r"-?[0-9]+\.[0-9]{3,}", tekst) or tekst.count(".") > 1:
            # 1.234 is a thousand in Dutch and one euro elsewhere: ask, never guess.
            raise ValidationError(
                _(
                    "Schrijf de centen na een komma, bijvoorbeeld 1234,00 of 1.234,00; "
                    "‘%(tekst)s’ is niet eenduidig."
                )
                % {"tekst": tekst},
                code="dubbelzinnig",
            )
        if len(tekst) > 15:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            return Decimal(tekst)
        except InvalidOperation:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class _BesluitVelden(KoersForm):
    """What a period and its later edits both record: the machtiging and the decision."""

    voor_huishouden = forms.BooleanField(
        label=_("Voor het hele huishouden (uitkering per huishouden)"), required=False
    )
    machtiging_op = DatumVeld(label=_("Machtiging getekend op"), required=False)
    machtiging_vorm = forms.ChoiceField(
        label=_("Vorm van de machtiging"),
        choices=[("", "—"), *MachtigingVorm.choices],
        required=False,
    )
    beschikking_op = DatumVeld(
        label=_("Besluit bekendgemaakt op"),
        required=False,
        help_text=_("Vanaf deze dag loopt de bezwaartermijn. Schrijf als dd-mm-jjjj."),
    )


class PeriodeForm(_BesluitVelden):
    start_bijstand = DatumVeld(
        label=_("Start bijstand"),
        required=False,
        help_text=_(
            "Leeg laten: de datum ‘bijstand sinds’ uit de gegevens (die moet zijn ingevuld). "
            "Schrijf als dd-mm-jjjj."
        ),
    )
    field_order = ["start_bijstand"]


class PeriodeBewerkenForm(_BesluitVelden):
    budgetcoaching = KeuzeUitLijst(
        label=_("Budgetcoaching (verwijzing)"),
        queryset=None,
        required=False,
        empty_label=_("Nog geen"),
        help_text=_("De verwijzing waarmee de persoon leert de lasten zelf te betalen."),
    )

    def __init__(self, *args, verwijzingen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["budgetcoaching"].queryset = verwijzingen


class VerlengenForm(KoersForm):
    tot = DatumVeld(label=_("Nieuwe einddatum"))
    besluit_op = DatumVeld(label=_("Besluit genomen op"))
    reden = forms.CharField(label=_("Reden"), max_length=300, widget=_TEKSTVAK)


class BeeindigenForm(KoersForm):
    op = DatumVeld(label=_("Laatste dag van de ontzorging"))
    reden = forms.CharField(label=_("Reden"), max_length=300, widget=_TEKSTVAK)


class VasteLastForm(KoersForm):
    soort = forms.ChoiceField(label=_("Soort"), choices=LastSoort.choices)
    crediteur = forms.CharField(label=_("Naam crediteur"), max_length=70)
    iban = forms.CharField(
        label=_("IBAN crediteur"),
        max_length=42,
        # The form of an IBAN only: an example that is a real account gets typed over.
        widget=forms.TextInput(attrs={"placeholder": "NL00 BANK 0123 4567 89"}),
        help_text=_(
            "Zoals het op de factuur of acceptgiro van de crediteur staat, in de vorm "
            "NL00 BANK 0123 4567 89."
        ),
    )
    bic = forms.CharField(
        label=_("BIC"),
        max_length=11,
        required=False,
        help_text=_("Leeg laten: Koers leidt de BIC af uit het IBAN."),
    )
    kenmerk_soort = forms.ChoiceField(
        label=_("Soort kenmerk"),
        choices=KenmerkSoort.choices,
        initial=KenmerkSoort.OMSCHRIJVING,
        widget=forms.RadioSelect,
    )
    kenmerk = forms.CharField(
        label=_("Betalingskenmerk of omschrijving"),
        max_length=140,
        help_text=_(
            "Wat de crediteur nodig heeft om de betaling te herkennen, zoals een klantnummer."
        ),
    )
    maandbedrag = BedragVeld(label=_("Bedrag per maand (€)"))
    eerste_maand = MaandVeld(label=_("Eerste maand"))
    laatste_maand = MaandVeld(
        label=_("Laatste maand"),
        help_text=_(
            "Voor één betaling (zoals de eerste huur) dezelfde maand. Schrijf als mm-jjjj."
        ),
    )

    def __init__(self, *args, soorten=None, **kwargs):
        super().__init__(*args, **kwargs)
        if soorten is not None:
            self.fields["soort"].choices = [
                (waarde, label) for waarde, label in LastSoort.choices if waarde in soorten
            ]

    def clean(self):
        schoon = super().clean()
        # A mistyped betalingskenmerk is refused here already, beside the field; the service
        # checks it again with the same function.
        if schoon.get("kenmerk_soort") == KenmerkSoort.BETALINGSKENMERK and schoon.get("kenmerk"):
            try:
                kenmerk_controleren(schoon["kenmerk"], soort=KenmerkSoort.BETALINGSKENMERK)
            except ValidationError as fout:
                self.add_error("kenmerk", fout)
        return schoon


class OvernameForm(KoersForm):
    overname_maand = MaandVeld(label=_("Persoon betaalt zelf vanaf"), required=False)
    overname_geregeld_op = DatumVeld(
        label=_("Overname geregeld op"),
        required=False,
        help_text=_(
            "De dag waarop de persoon de betaling zelf heeft geregeld. Schrijf als dd-mm-jjjj."
        ),
    )


class GemeenteKeuzeForm(KoersForm):
    gemeente = KeuzeUitLijst(
        label=_("Gemeente"), queryset=Gemeente.objects.none(), required=False, empty_label=None
    )

    def __init__(self, *args, gemeenten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = gemeenten


class BetalingenFilterForm(KoersForm):
    """The filters of the payments per person on the payments page."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle")), *BetalingStatus.choices],
        error_messages={"invalid_choice": _("Kies een status uit de lijst.")},
    )
    maand = MaandVeld(label=_("Maand"), required=False)
    zoek = ZoekVeld(
        label=_("Persoon"), help_text=_("Naam, V-nummer of minstens 4 cijfers van het BSN.")
    )


class BatchSamenstellenForm(KoersForm):
    gemeente = KeuzeUitLijst(
        label=_("Gemeente"), queryset=Gemeente.objects.none(), widget=forms.HiddenInput
    )
    tot_maand = MaandVeld(label=_("Betalingen tot en met de maand"))
    uitvoerdatum = DatumVeld(label=_("Uitvoerdatum bij de bank"))

    def __init__(self, *args, gemeenten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = gemeenten


class GoedkeurenForm(KoersForm):
    waarschuwingen_gezien = forms.BooleanField(
        label=_("Ik heb de betalingen met een waarschuwing bekeken en keur de batch toch goed"),
        required=False,
    )

    def __init__(self, *args, waarschuwingen: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        # Asked only when a line has a warning, and then required; the service checks again.
        if waarschuwingen:
            veld = self.fields["waarschuwingen_gezien"]
            veld.required = True
            veld.error_messages["required"] = ngettext(
                "Eén betaling heeft een waarschuwing. Bekijk die en bevestig dat u hem hebt "
                "gezien.",
                "%(aantal)d betalingen hebben een waarschuwing. Bekijk ze en bevestig dat u ze "
                "hebt gezien.",
                waarschuwingen,
            ) % {"aantal": waarschuwingen}


class BatchregelsFilterForm(KoersForm):
    """The approval screen's own filter: only the lines with a warning."""

    waarschuwingen = forms.BooleanField(
        label=_("Alleen betalingen met een waarschuwing"), required=False
    )


class IntrekkenForm(KoersForm):
    reden = forms.CharField(label=_("Reden van intrekken"), max_length=300)


class AfschriftForm(KoersForm):
    gemeente = KeuzeUitLijst(
        label=_("Gemeente"), queryset=Gemeente.objects.none(), widget=forms.HiddenInput
    )
    bestand = forms.FileField(
        label=_("Afschrift van de bank (camt.053)"),
        help_text=_(
            "Het XML-bestand dat de bank levert, hoogstens 20 MB: het dagafschrift (camt.053) "
            "of het statusrapport over een betaalbestand (pain.002)."
        ),
    )

    def __init__(self, *args, gemeenten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = gemeenten


class InhoudingenForm(KoersForm):
    gemeente = KeuzeUitLijst(
        label=_("Gemeente"), queryset=Gemeente.objects.none(), empty_label=None
    )
    van = MaandVeld(label=_("Van maand"))
    tot = MaandVeld(label=_("Tot en met maand"))

    def __init__(self, *args, gemeenten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = gemeenten

    def clean(self):
        schoon = super().clean()
        van, tot = schoon.get("van"), schoon.get("tot")
        if van and tot and tot < van:
            self.add_error("tot", _("De laatste maand ligt vóór de eerste maand."))
        elif van and tot and (tot.year - van.year) * 12 + tot.month - van.month >= 36:
            self.add_error("tot", _("Kies hoogstens drie jaar tegelijk."))
        return schoon


class BetaalinstellingForm(KoersForm):
    rekeninghouder = forms.CharField(label=_("Naam rekeninghouder"), max_length=70)
    iban = forms.CharField(label=_("IBAN van de gemeente"), max_length=42)
    bic = forms.CharField(
        label=_("BIC"),
        max_length=11,
        required=False,
        help_text=_("Leeg laten: afgeleid uit het IBAN."),
    )
    ruimere_doelgroep = forms.BooleanField(
        label=_("Lokaal beleid: ook buiten de wettelijke doelgroep ontzorgen"), required=False
    )
    ruimere_lasten = forms.BooleanField(
        label=_("Lokaal beleid: ook verzekeringen, gemeentelijke belastingen en overige lasten"),
        required=False,
    )
    beleid = forms.CharField(
        label=_("Beleid in het kort"), max_length=1000, required=False, widget=_TEKSTVAK
    )
    batchboeking = forms.BooleanField(
        label=_("De batch als één bedrag afschrijven (batchboeking)"),
        required=False,
        help_text=Betaalinstelling._meta.get_field("batchboeking").help_text,
    )


class PlannenForm(KoersForm):
    maand = MaandVeld(label=_("Maand"))
