from django import forms
from django.core.validators import FileExtensionValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DatumVeld, KoersForm, ZonderStuurtekens
from core.validators import begrensd, geen_stuurtekens, geen_stuurtekens_regel
from intake.constants import Leefgebied

from .constants import (
    TERUGKOPPELING_MAXIMUM_UREN,
    TOESTEMMING_BESTAND_EXTENSIES,
    PartnerSoort,
    ToestemmingWijze,
)
from .selectors import partners_actief

_TEKSTVAK = forms.Textarea(attrs={"rows": 3})


class VerwijzingForm(KoersForm):
    fieldsets = (
        (_("De verwijzing"), ("partner", "leefgebied", "doel", "notitie", "adres_delen")),
        (
            _("Toestemming van de persoon voor deze partner en dit doel"),
            (
                "toestemming_op",
                "toestemming_wijze",
                "toestemming_document",
                "toestemming_bevestigd",
            ),
        ),
    )
    partner = forms.ModelChoiceField(label=_("Partner"), queryset=None)
    leefgebied = forms.ChoiceField(
        label=_("Leefgebied"),
        choices=[("", _("— Kies een leefgebied —")), *Leefgebied.choices],
        error_messages={"required": _("Kies het leefgebied waarvoor u verwijst.")},
    )
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
    # Consent is typed in every time: no date, no form of consent is filled in beforehand.
    toestemming_op = DatumVeld(
        label=_("Toestemming gegeven op"),
        help_text=_("De dag waarop de persoon toestemming gaf. Niet in de toekomst."),
        error_messages={
            "required": _(
                "Vul in wanneer de persoon toestemming gaf. Zonder toestemming kan er niet "
                "worden verwezen."
            )
        },
    )
    toestemming_wijze = forms.ChoiceField(
        label=_("Hoe is toestemming gegeven"),
        choices=ToestemmingWijze.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies hoe de persoon toestemming gaf.")},
    )
    toestemming_document = forms.FileField(
        label=_("Ondertekend toestemmingsformulier"),
        required=False,
        help_text=_("Bij schriftelijke toestemming: een PDF, JPG of PNG van hoogstens 5 MB."),
        validators=[FileExtensionValidator(TOESTEMMING_BESTAND_EXTENSIES)],
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )
    toestemming_bevestigd = forms.BooleanField(
        label=_(
            "De persoon gaf toestemming om deze gegevens te delen met deze partner, voor dit "
            "doel, en weet dat die toestemming altijd kan worden ingetrokken."
        ),
        error_messages={
            "required": _("Bevestig dat de persoon toestemming gaf voor deze partner en dit doel.")
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners_actief()

    def full_clean(self):
        super().full_clean()
        if self.errors and self.files.get("toestemming_document"):
            # A browser never sends a chosen file again: say so, or it is silently lost.
            self.add_error(
                "toestemming_document",
                _("Kies het ondertekende formulier opnieuw; het is nog niet opgeslagen."),
            )


class ToestemmingIntrekkenForm(KoersForm):
    reden = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=1000,
        widget=_TEKSTVAK,
        help_text=_("Bijvoorbeeld: mondeling ingetrokken tijdens het gesprek van vandaag."),
        validators=[geen_stuurtekens],
    )


class PortaalFilterForm(KoersForm):
    """The portal's tab and search words; anything else falls back to the unfiltered tab."""

    tab = forms.ChoiceField(
        choices=[("nieuw", _("Nieuw")), ("lopend", _("Lopend")), ("gesloten", _("Gesloten"))],
        required=False,
    )
    q = forms.CharField(
        label=_("Zoek op naam of doel"),
        required=False,
        max_length=100,
        validators=[geen_stuurtekens_regel],
    )


class AfwijzenForm(KoersForm):
    reden = forms.CharField(label=_("Reden van afwijzen"), widget=_TEKSTVAK)


class AfrondenForm(KoersForm):
    resultaat = forms.CharField(label=_("Resultaat"), widget=_TEKSTVAK)


class TerugkoppelingForm(KoersForm):
    datum = DatumVeld(label=_("Datum"))
    tekst = forms.CharField(label=_("Terugkoppeling"), widget=_TEKSTVAK)
    aanwezig = forms.NullBooleanField(
        label=_("Was de persoon aanwezig?"),
        required=False,
        widget=forms.Select(choices=[("unknown", "—"), ("true", _("Ja")), ("false", _("Nee"))]),
    )
    uren = forms.DecimalField(
        label=_("Uren"),
        required=False,
        max_digits=5,
        decimal_places=1,
        localize=True,
        validators=begrensd(0, TERUGKOPPELING_MAXIMUM_UREN, _("een aantal uren")),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["datum"].initial = timezone.localdate()


class PartnerForm(ZonderStuurtekens, forms.Form):
    naam = forms.CharField(label=_("Naam"), max_length=150)
    soort = forms.ChoiceField(
        label=_("Soort"),
        choices=PartnerSoort.choices,
        error_messages={"invalid_choice": _("Kies een soort uit de lijst.")},
    )
    leefgebieden = forms.MultipleChoiceField(
        label=_("Leefgebieden"),
        choices=Leefgebied.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Kies leefgebieden uit de lijst.")},
    )
    contact_email = forms.EmailField(
        label=_("E-mailadres voor nieuwe verwijzingen"),
        max_length=254,
        help_text=_("Krijgt bij elke nieuwe verwijzing een bericht met alleen een link."),
        error_messages={"invalid": _("Vul een geldig e-mailadres in, zoals info@partner.nl.")},
    )
    actief = forms.BooleanField(
        label=_("Actief"),
        required=False,
        initial=True,
        help_text=_("Een partner die niet actief is, krijgt geen nieuwe verwijzingen."),
    )
