"""Who sees which figures. Teamleiders see the figures of their gemeenten and functioneel
beheer those of the gemeenten they manage; regisseurs and partners have no dashboard (the
team figures, such as the caseload per regisseur, are management information). The
per-person delivery is for functioneel beheer only."""

from django.db import models

from accounts import scope
from accounts.scope import Doel
from statushouders.models import Gemeente

from ..models import Rapport


def rapportage_gemeenten(*, user) -> models.QuerySet[Gemeente]:
    return scope.gemeenten(user, Doel.RAPPORTAGE).order_by("naam")


def mag_rapportages_zien(user) -> bool:
    return user.is_authenticated and (user.is_teamleider or user.is_functioneel_beheerder)


def levering_gemeenten(*, user) -> models.QuerySet[Gemeente]:
    return scope.gemeenten(user, Doel.BEHEER).order_by("naam")


def rapporten_van(*, user, soort: str) -> models.QuerySet[Rapport]:
    """The reports of this kind the user may download: every gemeente of a report must be one
    of theirs, so a report of A and B is never shown to someone who has only A."""
    return (
        Rapport.objects.visible_to(user)
        .filter(soort=soort)
        .select_related("aangevraagd_door")
        .prefetch_related("gemeenten")
    )


def rapport_ophalen(*, user, uuid, soort: str) -> Rapport:
    """The report if the user may have it; DoesNotExist otherwise."""
    return rapporten_van(user=user, soort=soort).get(uuid=uuid)
