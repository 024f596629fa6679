from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import KoersForm, ZoekVeld
from core.validators import geen_stuurtekens_regel


class InzageZoekForm(KoersForm):
    zoek = ZoekVeld(label=_("Naam of BSN"))


class BewaartermijnForm(KoersForm):
    bewaartermijn_jaren = forms.IntegerField(
        label=_("Bewaartermijn (jaren na afsluiten)"),
        required=False,
        min_value=1,
        max_value=120,
        help_text=_("Leeg laten zolang de gemeente niet heeft besloten: dan wordt niets gewist."),
        error_messages={
            "invalid": _("Vul een aantal jaren in, bijvoorbeeld 7."),
            "min_value": _("Kies een termijn van 1 tot 120 jaar."),
            "max_value": _("Kies een termijn van 1 tot 120 jaar."),
        },
    )
    selectielijst_categorie = forms.CharField(
        label=_("Grondslag in de selectielijst"),
        required=False,
        max_length=300,
        validators=[geen_stuurtekens_regel],
        help_text=_(
            "Bijvoorbeeld: Selectielijst gemeenten en intergemeentelijke organen 2020, "
            "categorie en omschrijving."
        ),
        error_messages={"max_length": _("Gebruik hoogstens %(limit_value)d tekens.")},
    )
