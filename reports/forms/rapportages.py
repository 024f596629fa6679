import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DatumVeld, GeheelGetalVeld, KoersForm
from core.validators import begrensd
from statushouders.models import Gemeente

from ..constants import EERSTE_JAAR, LAATSTE_JAAR
from ..selectors.levering import laatst_geeindigd_kwartaal

# The longest period the dashboard compares at once.
HOOGSTENS_JAREN = 10


class DashboardFilterForm(KoersForm):
    gemeente = forms.ChoiceField(label=_("Gemeente"), required=False)
    van = DatumVeld(label=_("Van"), required=False)
    tot = DatumVeld(label=_("Tot en met"), required=False)

    def __init__(self, *args, gemeenten, **kwargs):
        super().__init__(*args, **kwargs)
        self.gemeenten = list(gemeenten)
        keuzes = [(str(g.pk), g.naam) for g in self.gemeenten]
        if len(self.gemeenten) > 1:
            keuzes.insert(0, ("", _("Alle gemeenten samen")))
        self.fields["gemeente"].choices = keuzes

    def clean(self):
        schoon = super().clean()
        van, tot = schoon.get("van"), schoon.get("tot")
        if van and tot and tot < van:
            self.add_error("tot", _("De einddatum ligt vóór de begindatum."))
        elif van and tot and (tot - van).days > HOOGSTENS_JAREN * 366:
            self.add_error("tot", _("Kies een periode van hoogstens tien jaar."))
        return schoon

    def gekozen(self, vandaag: datetime.date):
        """(gemeenten, van, tot): what the form says, or the defaults — all gemeenten, from the
        first of January until today."""
        schoon = {}
        if self.is_bound:
            self.is_valid()  # a wrong field is left out; the fields that were right still count
            schoon = self.cleaned_data
        gemeente = schoon.get("gemeente")
        if gemeente:
            gemeenten = [g for g in self.gemeenten if str(g.pk) == gemeente]
        else:
            gemeenten = self.gemeenten
        van = schoon.get("van") or datetime.date(vandaag.year, 1, 1)
        tot = schoon.get("tot") or max(vandaag, van)
        return gemeenten, van, tot


JAAR_FOUT = _("Vul een jaar in van %(minimum)s tot en met %(maximum)s.") % {
    "minimum": EERSTE_JAAR,
    "maximum": LAATSTE_JAAR,
}


def _kwartalen():
    return [(k, _("Kwartaal %(k)s") % {"k": k}) for k in range(1, 5)]


class RapportAanvragenForm(KoersForm):
    gemeenten = forms.ModelMultipleChoiceField(
        label=_("Gemeenten"),
        queryset=Gemeente.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies ten minste één gemeente.")},
    )
    jaar = GeheelGetalVeld(
        label=_("Jaar"),
        validators=begrensd(EERSTE_JAAR, LAATSTE_JAAR, _("een jaar")),
        error_messages={"required": JAAR_FOUT, "invalid": JAAR_FOUT},
    )
    kwartaal = forms.TypedChoiceField(
        label=_("Kwartaal"),
        choices=_kwartalen,
        coerce=int,
        error_messages={
            "required": _("Kies een kwartaal."),
            "invalid_choice": _("Kies een kwartaal van 1 tot en met 4."),
        },
        help_text=_("Een kwartaal dat nog loopt, wordt gerapporteerd tot en met vandaag."),
    )

    def __init__(self, *args, gemeenten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeenten"].queryset = gemeenten
        if not self.is_bound:
            vorig = laatst_geeindigd_kwartaal(timezone.localdate())
            self.initial.setdefault("jaar", vorig[0])
            self.initial.setdefault("kwartaal", vorig[1])
            if gemeenten.count() == 1:
                self.initial.setdefault("gemeenten", list(gemeenten))


class LeveringAanvragenForm(RapportAanvragenForm):
    gemeenten = forms.ModelMultipleChoiceField(
        label=_("Gemeente"),
        queryset=Gemeente.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies ten minste één gemeente.")},
    )
