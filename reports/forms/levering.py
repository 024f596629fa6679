from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DatumVeld, KoersForm

from ..constants import EERSTE_JAAR, LAATSTE_JAAR
from .taakstelling import _getal


class LeveringForm(KoersForm):
    """One quarter of one gemeente marked delivered; the quarter comes along hidden."""

    jaar = _getal(_("Jaar"), EERSTE_JAAR, LAATSTE_JAAR, _("een jaar"), widget=forms.HiddenInput)
    kwartaal = _getal(_("Kwartaal"), 1, 4, _("een kwartaal"), widget=forms.HiddenInput)
    geleverd_op = DatumVeld(
        label=_("Geleverd op"),
        error_messages={"required": _("Vul de dag van levering in als dd-mm-jjjj.")},
    )


class LeveringOngedaanForm(KoersForm):
    jaar = _getal(_("Jaar"), EERSTE_JAAR, LAATSTE_JAAR, _("een jaar"), widget=forms.HiddenInput)
    kwartaal = _getal(_("Kwartaal"), 1, 4, _("een kwartaal"), widget=forms.HiddenInput)
