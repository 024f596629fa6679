from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DatumVeld, GeheelGetalVeld, ZonderStuurtekens

from .constants import OMSCHRIJVING, Contractsoort, ParticipatieSoort
from .models import Participatie

# Fields that belong to paid work only; for any other kind they are hidden and ignored.
ALLEEN_BIJ_WERK = ("uren_per_week", "contractsoort")


class ParticipatieForm(ZonderStuurtekens, forms.Form):
    soort = forms.ChoiceField(
        label=_("Soort"),
        choices=[("", "—"), *ParticipatieSoort.choices],
        widget=forms.Select(attrs={"data-participatie-soort": ""}),
        error_messages={
            "required": _("Kies een soort."),
            "invalid_choice": _("Kies een soort uit de lijst."),
        },
    )
    omschrijving = forms.CharField(
        label=_("Bij wie of wat"),
        max_length=OMSCHRIJVING,
        required=False,
        help_text=Participatie._meta.get_field("omschrijving").help_text,
    )
    gestart_op = DatumVeld(
        label=_("Gestart op"), error_messages={"required": _("Vul in wanneer het begon.")}
    )
    geeindigd_op = DatumVeld(
        label=_("Geëindigd op"),
        required=False,
        help_text=_(
            "Leeg laten zolang het loopt; een geplande einddatum mag in de toekomst liggen. "
            "Schrijf als dd-mm-jjjj."
        ),
    )
    uren_per_week = GeheelGetalVeld(
        label=_("Uren per week"),
        required=False,
        error_messages={"invalid": _("Vul een heel aantal uren in, bijvoorbeeld 24.")},
    )
    contractsoort = forms.ChoiceField(
        label=_("Soort contract"),
        choices=[("", "—"), *Contractsoort.choices],
        required=False,
        error_messages={"invalid_choice": _("Kies een soort contract uit de lijst.")},
    )

    def __init__(self, *args, participatie: Participatie | None = None, **kwargs):
        if participatie is not None:
            kwargs.setdefault(
                "initial", {veld: getattr(participatie, veld) for veld in self.base_fields}
            )
        super().__init__(*args, **kwargs)

    @property
    def is_werk(self) -> bool:
        waarde = self["soort"].value()
        return waarde == ParticipatieSoort.BETAALD_WERK

    @property
    def algemeen(self):
        return [self[veld] for veld in self.fields if veld not in ALLEEN_BIJ_WERK]

    @property
    def werk(self):
        return [self[veld] for veld in ALLEEN_BIJ_WERK]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("soort") != ParticipatieSoort.BETAALD_WERK:
            # Hidden for this kind: what was typed there before the kind changed does not count.
            for veld in ALLEEN_BIJ_WERK:
                self.errors.pop(veld, None)
                cleaned[veld] = None if veld == "uren_per_week" else ""
        return cleaned
