from django.db import models

from accounts.scope import Doel
from core.zoeken import persoon_zoekvoorwaarde

from ..models import Gemeente, Inzage, Persoon, Verwijderverslag

ZOEKRESULTATEN = 25


def inzage_zoeken(*, user, zoek: str) -> list[Persoon]:
    if not zoek:
        return []
    return list(
        Persoon.objects.visible_to(user, Doel.BEHEER)
        .filter(persoon_zoekvoorwaarde(zoek))
        .select_related("gemeente")
        .order_by("achternaam", "voornamen", "id")[:ZOEKRESULTATEN]
    )


def betrokkene_ophalen(*, user, uuid) -> Persoon:
    """The person, if this user handles their AVG requests (functioneel beheer of their
    gemeente); DoesNotExist otherwise."""
    return Persoon.objects.visible_to(user, Doel.BEHEER).select_related("gemeente").get(uuid=uuid)


def inzagen_van(persoon: Persoon) -> models.QuerySet[Inzage]:
    return persoon.inzagen.select_related("aangevraagd_door").order_by("-aangevraagd_op", "-id")


def inzage_ophalen(*, persoon: Persoon, uuid) -> Inzage:
    return persoon.inzagen.get(uuid=uuid)


def persoon_van_inzage(uuid):
    """Whom an inzage is about, whoever asks: only to log a refused attempt against the
    person it concerns."""
    return Inzage.objects.filter(uuid=uuid).values_list("persoon__uuid", flat=True).first()


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


def gemeente_ophalen(*, user, cbs_code: str) -> Gemeente:
    """A gemeente whose retention period this user sets; DoesNotExist otherwise."""
    from .bewaren import gemeenten_bewaartermijnen

    return gemeenten_bewaartermijnen(user=user).get(cbs_code=cbs_code)


def verwijderverslagen(*, gemeente: Gemeente) -> models.QuerySet[Verwijderverslag]:
    return gemeente.verwijderverslagen.order_by("-tijdstip", "-id")
