"""Reads of partners and referrals. A partner user sees only its own organisation's referrals,
and a closed one only for a limited time."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import CharField, OuterRef, Q, Value
from django.db.models.functions import Cast, Concat
from django.db.models.lookups import Contains
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from core.selectors import HistorieRegel, historie_events, historie_regels
from core.zoeken import normaal
from termijnen.selectors import vervaldatum_subquery

from .constants import GESLOTEN, OVERGANGEN, VOOR_PARTNER_GESLOTEN, VerwijzingStatus
from .models import Partner, Verwijzing


def termijn_sleutel(verwijzing_uuid) -> str:
    """The key of a referral's deadlines among the person's deadlines."""
    return f"verwijzing:{verwijzing_uuid}"


def _met_reactie_uiterlijk(rijen: models.QuerySet[Verwijzing]) -> models.QuerySet[Verwijzing]:
    """The answer date as its deadline row holds it, in the same query as the referrals."""
    return rijen.annotate(
        reactie_uiterlijk=vervaldatum_subquery(
            code="verwijzing_reactie",
            persoon=OuterRef("persoon_id"),
            sleutel=Concat(Value("verwijzing:"), Cast(OuterRef("uuid"), CharField())),
        )
    )


def verwijzing_url(verwijzing: Verwijzing) -> str:
    """The referral's own page in the regisseur's dossier."""
    return reverse(
        "verwijzingen:verwijzing-detail",
        kwargs={"uuid": verwijzing.persoon.uuid, "verwijzing_uuid": verwijzing.uuid},
    )


_PARTNERACTIES = {
    "accepteren": _lazy("%(partner)s heeft de verwijzing ‘%(doel)s’ geaccepteerd."),
    "afwijzen": _lazy("%(partner)s heeft de verwijzing ‘%(doel)s’ afgewezen."),
    "afronden": _lazy("%(partner)s heeft de verwijzing ‘%(doel)s’ afgerond."),
    "terugkoppelen": _lazy("%(partner)s gaf terugkoppeling op de verwijzing ‘%(doel)s’."),
}


def partneractie_tekst(verwijzing: Verwijzing, actie: str) -> str:
    """The melding a regisseur gets when the partner acts on a referral."""
    doel = verwijzing.doel if len(verwijzing.doel) <= 60 else verwijzing.doel[:59] + "…"
    return str(_PARTNERACTIES[actie]) % {"partner": verwijzing.partner, "doel": doel}


def toestemming_omschrijving(*, partner: Partner, doel: str, adres_delen: bool) -> str:
    """What the person consents to, in the words the form shows them: this partner, this
    purpose, these data."""
    gegevens = _("naam, voorkeurstaal, telefoonnummer en e-mailadres")
    if adres_delen:
        gegevens = _("naam, voorkeurstaal, telefoonnummer, e-mailadres en adres")
    return _(
        "Delen met %(partner)s van %(gegevens)s, met het doel en de toelichting van deze "
        "verwijzing, voor: %(doel)s"
    ) % {"partner": partner, "gegevens": gegevens, "doel": doel.strip()}


def partners_actief() -> models.QuerySet[Partner]:
    return Partner.objects.filter(actief=True)


def verwijzingen_van_persoon(*, persoon) -> models.QuerySet[Verwijzing]:
    """For the regisseur's dossier (the caller has already checked access to the person)."""
    return _met_reactie_uiterlijk(
        persoon.verwijzingen.select_related("partner", "door").prefetch_related(
            "terugkoppelingen__door"
        )
    )


def verwijzing_in_dossier(*, persoon, verwijzing_uuid) -> Verwijzing:
    """One referral of a person whose dossier the caller may open; DoesNotExist otherwise."""
    return verwijzingen_van_persoon(persoon=persoon).get(uuid=verwijzing_uuid)


def verwijzing_historie(verwijzing: Verwijzing) -> list[HistorieRegel]:
    """The referral's own history and that of its feedback, newest first."""
    return historie_regels(historie_events(verwijzing), verberg=("persoon", "verwijzing"))


def kan_toestemming_intrekken(verwijzing: Verwijzing) -> bool:
    return verwijzing.status != VerwijzingStatus.INGETROKKEN


def portaal_verwijzingen(*, user) -> models.QuerySet[Verwijzing]:
    """The referrals a partner user may see: its own organisation's, with consent in force,
    and a closed one only for a limited time."""
    if not (user.is_authenticated and user.is_partner_medewerker):
        return Verwijzing.objects.none()
    grens = timezone.now() - datetime.timedelta(days=settings.PARTNER_TOEGANG_NA_AFSLUITEN_DAGEN)
    return _met_reactie_uiterlijk(
        Verwijzing.objects.filter(partner_id=user.partner_id, toestemming_ingetrokken_op=None)
        .filter(
            ~Q(status__in=GESLOTEN) | Q(status__in=VOOR_PARTNER_GESLOTEN, afgesloten_op__gte=grens)
        )
        .select_related("persoon", "persoon__regisseur", "door")
    )


def persoon_van_verwijzing(verwijzing_uuid):
    """Whom a referral is about, whoever asks: only to log a refused attempt against the
    person it concerns."""
    return (
        Verwijzing.objects.filter(uuid=verwijzing_uuid)
        .values_list("persoon__uuid", flat=True)
        .first()
    )


def portaal_acties(verwijzing: Verwijzing) -> set[str]:
    """What the partner may do with the referral from where it stands."""
    mogelijk = OVERGANGEN.get(verwijzing.status, set())
    acties = set()
    if VerwijzingStatus.GEACCEPTEERD in mogelijk:
        acties.add("accepteren")
    if VerwijzingStatus.AFGEWEZEN in mogelijk:
        acties.add("afwijzen")
    if VerwijzingStatus.AFGEROND in mogelijk:
        acties |= {"terugkoppelen", "afronden"}
    return acties


def contactpersoon(verwijzing: Verwijzing):
    """Whom the partner contacts about the referral: the person's regisseur, else the one who
    referred."""
    return verwijzing.persoon.regisseur or verwijzing.door


PORTAAL_TABS = {
    "nieuw": (VerwijzingStatus.VERSTUURD,),
    "lopend": (VerwijzingStatus.GEACCEPTEERD,),
    "gesloten": VOOR_PARTNER_GESLOTEN,
}


def portaal_lijst(*, user, tab: str, zoek: str = "") -> models.QuerySet[Verwijzing]:
    rijen = portaal_verwijzingen(user=user).filter(status__in=PORTAAL_TABS.get(tab, ()))
    # Name words as the regisseur's list takes them ("Şahin, Elif", "sahin"), or words of the
    # purpose; never the BSN, which a partner does not see.
    for woord in zoek.replace(",", " ").split():
        gezocht = normaal(Value(woord))
        rijen = rijen.filter(
            Q(Contains(normaal("persoon__voornamen"), gezocht))
            | Q(Contains(normaal("persoon__achternaam"), gezocht))
            | Q(Contains(normaal("doel"), gezocht))
        )
    return rijen.order_by("reactie_uiterlijk", "-verstuurd_op", "id")


def portaalverwijzing_ophalen(*, user, verwijzing_uuid) -> Verwijzing:
    """One referral of the user's own partner; DoesNotExist for anything else."""
    return (
        portaal_verwijzingen(user=user)
        .prefetch_related("terugkoppelingen")
        .get(uuid=verwijzing_uuid)
    )
