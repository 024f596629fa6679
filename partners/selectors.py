"""Reads of partners and referrals. A partner user sees only its own organisation's referrals,
and a closed one only for a limited time."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import CharField, OuterRef, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from termijnen.selectors import vervaldatum_subquery

from .constants import GESLOTEN, VerwijzingStatus
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


def partners_actief() -> models.QuerySet[Partner]:
    return Partner.objects.filter(actief=True)


def verwijzingen_van_persoon(*, persoon) -> models.QuerySet[Verwijzing]:
    """For the regisseur's dossier (the caller has already checked access to the person)."""
    return _met_reactie_uiterlijk(
        persoon.verwijzingen.select_related("partner", "door").prefetch_related(
            "terugkoppelingen__door"
        )
    )


def portaal_verwijzingen(*, user) -> models.QuerySet[Verwijzing]:
    if not (user.is_authenticated and user.is_partner_medewerker):
        return Verwijzing.objects.none()
    grens = timezone.now() - datetime.timedelta(days=settings.PARTNER_TOEGANG_NA_AFSLUITEN_DAGEN)
    return _met_reactie_uiterlijk(
        Verwijzing.objects.filter(partner_id=user.partner_id)
        .filter(~Q(status__in=GESLOTEN) | Q(afgesloten_op__gte=grens))
        .select_related("persoon")
    )


PORTAAL_TABS = {
    "nieuw": (VerwijzingStatus.VERSTUURD,),
    "lopend": (VerwijzingStatus.GEACCEPTEERD,),
    "gesloten": GESLOTEN,
}


def portaal_lijst(*, user, tab: str, zoek: str = "") -> models.QuerySet[Verwijzing]:
    rijen = portaal_verwijzingen(user=user).filter(status__in=PORTAAL_TABS.get(tab, ()))
    for woord in zoek.split():
        rijen = rijen.filter(
            Q(persoon__voornamen__icontains=woord)
            | Q(persoon__achternaam__icontains=woord)
            | Q(doel__icontains=woord)
        )
    return rijen.order_by("reactie_uiterlijk", "-verstuurd_op", "id")


def portaal_verwijzing(*, user, verwijzing_uuid) -> Verwijzing:
    """One referral of the user's own partner; DoesNotExist for anything else."""
    return (
        portaal_verwijzingen(user=user)
        .prefetch_related("terugkoppelingen")
        .get(uuid=verwijzing_uuid)
    )
