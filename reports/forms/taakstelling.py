from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import GeheelGetalVeld, KeuzeUitLijst, KoersForm
from core.validators import begrensd
from statushouders.models import Gemeente

from ..constants import EERSTE_JAAR, HOOGSTE_TAAKSTELLING, LAATSTE_JAAR

_KEUZE_FOUT = {"invalid_choice": _("Kies een waarde uit de lijst.")}


def _getal(label, minimum: int, maximum: int, wat, **kwargs) -> GeheelGetalVeld:
    bericht = begrensd(minimum, maximum, wat)[0].message
    return GeheelGetalVeld(
        label=label,
        validators=begrensd(minimum, maximum, wat),
        error_messages={"required": bericht, "invalid": bericht},
        **kwargs,
    )


class GemeenteFilterForm(KoersForm):
    """?gemeente= on the beheer pages: one of the beheerder's own gemeenten, or all."""

    gemeente = KeuzeUitLijst(
        label=_("Gemeente"),
        queryset=Gemeente.objects.none(),
        required=False,
        empty_label=_("Alle"),
        error_messages={"invalid_choice": _("Kies een gemeente uit de lijst.")},
    )

    def __init__(self, *args, gemeenten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = gemeenten


class TaakstellingForm(KoersForm):
    jaar = _getal(_("Jaar"), EERSTE_JAAR, LAATSTE_JAAR, _("een jaar"), help_text=_("Bijv. 2026."))
    halfjaar = forms.TypedChoiceField(
        label=_("Halfjaar"),
        coerce=int,
        choices=[
            (1, _("1e halfjaar (januari tot en met juni)")),
            (2, _("2e halfjaar (juli tot en met december)")),
        ],
        error_messages={**_KEUZE_FOUT, "required": _("Kies het eerste of het tweede halfjaar.")},
    )
    aantal = _getal(
        _("Taakstelling (aantal personen)"),
        0,
        HOOGSTE_TAAKSTELLING,
        _("een aantal personen"),
        help_text=_("Het aantal statushouders dat de gemeente in dit halfjaar moet huisvesten."),
    )


class TaakstellingKiezenForm(KoersForm):
    """Which half year's target a delete button names; the gemeente is in the URL."""

    jaar = _getal(_("Jaar"), EERSTE_JAAR, LAATSTE_JAAR, _("een jaar"), widget=forms.HiddenInput)
    halfjaar = _getal(_("Halfjaar"), 1, 2, _("een halfjaar"), widget=forms.HiddenInput)
