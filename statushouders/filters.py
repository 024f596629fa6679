import re

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .constants import Bestandsgroep, Doelgroep
from .models import Persoon
from .selectors import gemeenten_van, regisseurs_voor


class PersoonFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Zoeken"), method="zoeken", help_text=_("Naam, BSN of V-nummer")
    )
    gemeente = django_filters.ModelChoiceFilter(label=_("Gemeente"), queryset=None)
    regisseur = django_filters.ModelChoiceFilter(label=_("Regisseur"), queryset=None)
    doelgroep = django_filters.ChoiceFilter(label=_("Doelgroep"), choices=Doelgroep.choices)
    bestandsgroep = django_filters.ChoiceFilter(
        label=_("Bestandsgroep"), choices=Bestandsgroep.choices
    )
    dossier = django_filters.ChoiceFilter(
        label=_("Dossier"),
        choices=[("afgesloten", _("Afgesloten")), ("alle", _("Alle"))],
        empty_label=_("Lopend"),
        method="dossierstatus",
    )
    sorteer = django_filters.OrderingFilter(
        label=_("Sorteren op"),
        fields=(
            ("achternaam", "naam"),
            ("geboortedatum", "geboortedatum"),
            ("gemeente__naam", "gemeente"),
            ("regisseur__first_name", "regisseur"),
            ("koppeling_datum", "koppeling"),
            ("bestandsgroep", "bestandsgroep"),
        ),
        field_labels={
            "achternaam": _("Naam"),
            "geboortedatum": _("Geboortedatum"),
            "gemeente__naam": _("Gemeente"),
            "regisseur__first_name": _("Regisseur"),
            "koppeling_datum": _("Datum koppeling"),
            "bestandsgroep": _("Bestandsgroep"),
        },
    )

    class Meta:
        model = Persoon
        fields = ["q", "gemeente", "regisseur", "doelgroep", "bestandsgroep", "dossier"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["gemeente"].queryset = gemeenten_van(user=user)
        self.filters["regisseur"].queryset = regisseurs_voor(user=user)

    def zoeken(self, queryset, name, value):
        value = value.strip()
        cijfers = re.sub(r"[\s.\-]", "", value)
        if cijfers.isdigit():
            return queryset.filter(Q(bsn=cijfers) | Q(v_nummer=cijfers))
        voorwaarden = Q()
        for woord in value.split():
            voorwaarden &= Q(voornamen__icontains=woord) | Q(achternaam__icontains=woord)
        return queryset.filter(voorwaarden)

    def dossierstatus(self, queryset, name, value):
        if value == "afgesloten":
            return queryset.filter(afgesloten_op__isnull=False)
        return queryset  # "alle"

    @property
    def qs(self):
        rijen = super().qs
        # Without a choice the list shows the running dossiers; closed ones stay findable.
        gekozen = self.form.cleaned_data.get("dossier") if self.is_bound else None
        if not gekozen:
            rijen = rijen.filter(afgesloten_op__isnull=True)
        # A stable order under every sort, so pages never repeat or skip a person.
        return rijen.order_by(*rijen.query.order_by or ["achternaam", "voornamen"], "id")
