from django.db import models

from accounts.scope import Doel, gemeenten
from core.zoeken import persoon_zoekvoorwaarde

from ..models import Gemeente, Inzage, Persoon, Verwijderverslag

ZOEKRESULTATEN = 25


def personen_voor_inzage(*, user) -> models.QuerySet[Persoon]:
    """Persons whose AVG requests this user handles: functioneel beheer of their gemeente."""
    return Persoon.objects.filter(gemeente__in=gemeenten(user, Doel.BEHEER))


def inzage_zoeken(*, user, zoek: str) -> list[Persoon]:
    if not zoek:
        return []
    return list(
        personen_voor_inzage(user=user)
        .filter(persoon_zoekvoorwaarde(zoek))
        .select_related("gemeente")
        .order_by("achternaam", "voornamen", "id")[:ZOEKRESULTATEN]
    )


def persoon_voor_inzage(*, user, uuid) -> Persoon:
    """The person, if this user handles their AVG requests; DoesNotExist otherwise."""
    return personen_voor_inzage(user=user).select_related("gemeente").get(uuid=uuid)


def inzagen_van(persoon: Persoon) -> models.QuerySet[Inzage]:
    return persoon.inzagen.select_related("aangevraagd_door").order_by("-aangevraagd_op", "-id")


def inzage_van(*, persoon: Persoon, uuid) -> Inzage:
    return persoon.inzagen.get(uuid=uuid)


def bewaartermijn_overzicht(*, user) -> list[dict]:
    """Per gemeente of this user: the period, its basis, and the last purges."""
    from .bewaren import gemeenten_bewaartermijnen

    gemeenten = list(gemeenten_bewaartermijnen(user=user))
    laatste = {}
    for verslag in Verwijderverslag.objects.filter(gemeente__in=gemeenten).order_by(
        "gemeente_id", "-tijdstip"
    ):
        laatste.setdefault(verslag.gemeente_id, verslag)
    return [{"gemeente": g, "laatste_verslag": laatste.get(g.pk)} for g in gemeenten]


def gemeente_voor_bewaartermijn(*, user, cbs_code: str) -> Gemeente:
    from .bewaren import gemeenten_bewaartermijnen

    return gemeenten_bewaartermijnen(user=user).get(cbs_code=cbs_code)


def verwijderverslagen(*, gemeente: Gemeente) -> models.QuerySet[Verwijderverslag]:
    return gemeente.verwijderverslagen.order_by("-tijdstip", "-id")
