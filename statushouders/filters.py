import django_filters
from django.utils.translation import gettext_lazy as _

from core.forms import KoersForm, ZoekVeld
from core.zoeken import te_weinig_bsn_cijfers

from .constants import Bestandsgroep, Doelgroep
from .models import Gemeente, Persoon
from .selectors import (
    SORTEERKOLOMMEN,
    personen_sorteren,
    personen_zoeken,
    toewijsbare_regisseurs,
)

ALLE = _("Alle")


class ZoekFilter(django_filters.CharFilter):
    field_class = ZoekVeld


class PersoonFilter(django_filters.FilterSet):
    q = ZoekFilter(
        label=_("Zoeken"),
        method="zoeken",
        help_text=_("Naam, BSN (of minstens 4 cijfers ervan) of V-nummer"),
    )
    gemeente = django_filters.ModelChoiceFilter(
        label=_("Gemeente"), queryset=None, empty_label=ALLE
    )
    regisseur = django_filters.ModelChoiceFilter(
        label=_("Regisseur"), queryset=None, empty_label=ALLE
    )
    doelgroep = django_filters.ChoiceFilter(
        label=_("Doelgroep"), choices=Doelgroep.choices, empty_label=ALLE
    )
    bestandsgroep = django_filters.ChoiceFilter(
        label=_("Bestandsgroep"), choices=Bestandsgroep.choices, empty_label=ALLE
    )
    dossier = django_filters.ChoiceFilter(
        label=_("Dossier"),
        choices=[("afgesloten", _("Afgesloten")), ("alle", _("Alle"))],
        empty_label=_("Lopend"),
        method="dossierstatus",
    )
    # Validates the sort parameter of the column headers; the order itself is set in `qs`.
    sorteer = django_filters.OrderingFilter(
        label=_("Sorteren op"), fields=[(k, k) for k in SORTEERKOLOMMEN], method="sorteert_in_qs"
    )

    class Meta:
        model = Persoon
        fields = ["q", "gemeente", "regisseur", "doelgroep", "bestandsgroep", "dossier"]
        form = KoersForm

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["gemeente"].queryset = Gemeente.objects.visible_to(user)
        self.filters["regisseur"].queryset = toewijsbare_regisseurs(user=user)

    def zoeken(self, queryset, name, value):
        return personen_zoeken(queryset, zoekterm=value)

    def dossierstatus(self, queryset, name, value):
        if value == "afgesloten":
            return queryset.filter(afgesloten_op__isnull=False)
        return queryset  # "alle"

    def sorteert_in_qs(self, queryset, name, value):
        return queryset

    @property
    def qs(self):
        rijen = super().qs
        gekozen = self.form.cleaned_data if self.is_bound else {}
        # Without a choice the list shows the running dossiers; closed ones stay findable.
        if not gekozen.get("dossier"):
            rijen = rijen.filter(afgesloten_op__isnull=True)
        return personen_sorteren(
            rijen, sorteer=gekozen.get("sorteer"), zoekterm=gekozen.get("q") or ""
        )

    @property
    def zoekt(self) -> bool:
        """Whether the user narrowed the list, so an empty result is about the search."""
        if not self.is_bound:
            return False
        self.form.is_valid()
        return any(
            self.form.cleaned_data.get(naam) for naam in self.form.fields if naam != "sorteer"
        )

    @property
    def bsn_te_kort(self) -> bool:
        """A search of a few digits only: too few to look in the BSN."""
        return self.zoekt and te_weinig_bsn_cijfers(self.form.cleaned_data.get("q") or "")
