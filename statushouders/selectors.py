"""Every read of person dossiers, scoped to the user who asks."""

import datetime
from dataclasses import dataclass

from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.constants import DOSSIER_ROLLEN
from accounts.models import User
from core.selectors import HistorieRegel, historie_events, historie_regels
from core.zoeken import naam_volgorde, persoon_zoekvoorwaarde, zoekt_via_index

from .constants import OMGEKEERDE_RELATIE, Relatie
from .leeftijd import (
    AOW_LEEFTIJD_PER_JAAR,
    MEERDERJARIG,
    aow_datum,
    aow_datum_vastgesteld,
    inburgeringsplichtig_op_leeftijd,
    leeftijd,
)
from .models import Contactmoment, Gemeente, Gezinsrelatie, Huishouden, Persoon

# What a row of the person list shows; the list reads only these columns.
LIJST_VELDEN = (
    "uuid",
    "achternaam",
    "voornamen",
    "geboortedatum",
    "doelgroep",
    "bestandsgroep",
    "koppeling_datum",
    "afgesloten_op",
    "gemeente__naam",
    "regisseur__username",
    "regisseur__first_name",
    "regisseur__last_name",
)


def personen_lijst(*, user) -> models.QuerySet[Persoon]:
    """The rows of the person list: the columns it shows, with gemeente and regisseur."""
    return (
        Persoon.objects.visible_to(user).select_related("gemeente", "regisseur").only(*LIJST_VELDEN)
    )


# The columns the list can be sorted on, as the sort parameter names them.
SORTEERKOLOMMEN = {
    "naam": (),
    "geboortedatum": ("geboortedatum",),
    "gemeente": ("gemeente__naam",),
    "regisseur": ("regisseur__first_name", "regisseur__last_name"),
    "koppeling": ("koppeling_datum",),
    "bestandsgroep": ("bestandsgroep",),
}


def personen_zoeken(rijen: models.QuerySet[Persoon], *, zoekterm: str) -> models.QuerySet[Persoon]:
    """Persons by (part of) their name, by four or more digits of the BSN, or by V-nummer."""
    return rijen.filter(persoon_zoekvoorwaarde(zoekterm))


def personen_sorteren(
    rijen: models.QuerySet[Persoon], *, sorteer: list[str] | None = None, zoekterm: str = ""
) -> models.QuerySet[Persoon]:
    """The list in the chosen order ("naam", "-geboortedatum", ...), by name by default.

    Names follow Dutch alphabetical order (Çelik between Bakker and Dijk), sorted by the
    database on the indexed expression, never in Python. Within equal values the name decides,
    and the id last, so pages never repeat or skip a person. `zoekterm`: what the rows were
    searched for; a narrow search lets its own indexes lead (see `naam_volgorde`).
    """
    sorteer = sorteer or ["naam"]
    volgorde = []
    for sleutel in sorteer:
        aflopend = sleutel.startswith("-")
        for kolom in SORTEERKOLOMMEN.get(sleutel.lstrip("-"), ()):
            volgorde.append(
                F(kolom).desc(nulls_last=True) if aflopend else F(kolom).asc(nulls_last=True)
            )
    # Sorted on the name alone, the same direction throughout lets the index be read backwards.
    naam_aflopend = not volgorde and sorteer[0].startswith("-")
    return rijen.order_by(
        *volgorde, *naam_volgorde(aflopend=naam_aflopend, uit_index=not zoekt_via_index(zoekterm))
    )


def persoon_ophalen(*, user, uuid) -> Persoon:
    """The person with this UUID if the user may open the dossier; DoesNotExist otherwise."""
    return (
        Persoon.objects.visible_to(user)
        .select_related("gemeente", "regisseur", "huishouden")
        .get(uuid=uuid)
    )


def toewijsbare_regisseurs(*, user) -> models.QuerySet[User]:
    """The active dossier staff of this user's gemeenten: whom a person can be assigned to."""
    return (
        User.objects.filter(
            is_active=True, rol__in=DOSSIER_ROLLEN, gemeenten__in=Gemeente.objects.visible_to(user)
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def huishoudens_voor(*, user) -> models.QuerySet[Huishouden]:
    return Huishouden.objects.visible_to(user).select_related("gemeente", "hoofdpersoon")


@dataclass
class Huishoudlid:
    persoon: Persoon
    # How this member is related to the person whose dossier is open ("kind", "partner");
    # empty when nobody recorded it.
    relatie: str


def huishoudleden(*, persoon: Persoon) -> list[Huishoudlid]:
    """The other members of the person's household, each with their relation to the person
    as seen from this dossier."""
    if not persoon.huishouden_id:
        return []
    leden = list(
        Persoon.objects.filter(huishouden_id=persoon.huishouden_id)
        .exclude(pk=persoon.pk)
        .order_by("geboortedatum", "id")
    )
    relaties = {}
    for rij in Gezinsrelatie.objects.filter(
        models.Q(persoon=persoon) | models.Q(gezinslid=persoon)
    ):
        if rij.persoon_id == persoon.pk:
            relaties[rij.gezinslid_id] = Relatie(rij.relatie).label
        else:
            relaties[rij.persoon_id] = OMGEKEERDE_RELATIE[Relatie(rij.relatie)].label
    return [Huishoudlid(lid, str(relaties.get(lid.pk, ""))) for lid in leden]


def plicht_begint_op(persoon: Persoon) -> datetime.date | None:
    """The later of DUO's notice and the BRP registration: from then on the person is
    inburgeringsplichtig and the PIP term runs."""
    if persoon.duo_kennisgeving_op and persoon.brp_inschrijving_op:
        return max(persoon.duo_kennisgeving_op, persoon.brp_inschrijving_op)
    return None


@dataclass
class Leeftijd:
    jaren: int
    aow_datum: datetime.date | None
    aow_vastgesteld: bool
    # Why the law does not oblige this person to inburgeren, if it does not.
    waarschuwing: str = ""

    @property
    def aow_tekst(self) -> str:
        if self.aow_datum is None:
            return _("onbekend")
        if self.aow_datum.year < min(AOW_LEEFTIJD_PER_JAAR):
            return _("bereikt")  # long ago, under older rules not kept here
        tekst = self.aow_datum.strftime("%d-%m-%Y")
        if not self.aow_vastgesteld:
            tekst += " " + _("(verwacht; nog niet wettelijk vastgesteld)")
        return tekst


def leeftijd_van(persoon: Persoon, vandaag: datetime.date | None = None) -> Leeftijd:
    vandaag = vandaag or timezone.localdate()
    geboren = persoon.geboortedatum
    peildatum = plicht_begint_op(persoon) or vandaag
    try:
        gegevens = Leeftijd(
            jaren=leeftijd(geboren, vandaag),
            aow_datum=aow_datum(geboren),
            aow_vastgesteld=aow_datum_vastgesteld(geboren),
        )
        if inburgeringsplichtig_op_leeftijd(geboren, peildatum):
            return gegevens
    except (OverflowError, ValueError):
        # A birth date no calendar can count with (stored before the range check existed):
        # the page still opens and says what to correct.
        return Leeftijd(
            jaren=0,
            aow_datum=None,
            aow_vastgesteld=False,
            waarschuwing=_("De geboortedatum kan niet kloppen; corrigeer die in de gegevens."),
        )
    jaren_op_peildatum = leeftijd(geboren, peildatum)
    if jaren_op_peildatum < MEERDERJARIG:
        gegevens.waarschuwing = _(
            "Op %(datum)s was %(naam)s %(jaren)s jaar: jonger dan 18 en daarom niet "
            "inburgeringsplichtig. Koers berekent geen termijn voor het PIP."
        )
    else:
        gegevens.waarschuwing = _(
            "Op %(datum)s had %(naam)s de AOW-leeftijd bereikt en is daarom niet "
            "inburgeringsplichtig. Koers berekent geen termijn voor het PIP."
        )
    gegevens.waarschuwing = gegevens.waarschuwing % {
        "datum": peildatum.strftime("%d-%m-%Y"),
        "naam": persoon.naam,
        "jaren": jaren_op_peildatum,
    }
    return gegevens


# The dossier shows the latest contact moments; all of them are one click further, a page
# at a time, so a dossier of years opens as fast as a new one.
CONTACTMOMENTEN_OP_DOSSIER = 10


def contactmomenten(*, persoon: Persoon) -> models.QuerySet[Contactmoment]:
    """Newest first."""
    return persoon.contactmomenten.select_related("door")


def recente_contactmomenten(*, persoon: Persoon) -> tuple[list[Contactmoment], int]:
    """The latest contact moments for the dossier, and how many there are in all."""
    recent = list(contactmomenten(persoon=persoon)[:CONTACTMOMENTEN_OP_DOSSIER])
    return recent, persoon.contactmomenten.count()


def dossier_historie(*, persoon: Persoon, aantal: int | None = None) -> list[HistorieRegel]:
    events = historie_events(persoon)
    if aantal is not None:
        events = events[:aantal]
    return historie_regels(events, verberg=("persoon",))
