from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import KeuzeUitLijst

from .constants import Gebeurtenis
from .models import User


class BeveiligingslogFilterForm(forms.Form):
    soort = forms.ChoiceField(
        label=_("Soort"),
        required=False,
        choices=[("", _("Alle")), *Gebeurtenis.choices],
        error_messages={"invalid_choice": _("Kies een soort uit de lijst.")},
    )
    gebruiker = KeuzeUitLijst(
        label=_("Gebruiker"),
        queryset=User.objects.order_by("first_name", "username"),
        required=False,
        empty_label=_("Alle"),
        error_messages={"invalid_choice": _("Kies een gebruiker uit de lijst.")},
    )
