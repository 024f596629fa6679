"""Every read of person dossiers, scoped to the user who asks."""

from django.db import models

from accounts.constants import DOSSIER_ROLLEN
from accounts.models import User
from core.selectors import HistorieRegel, historie_events, historie_regels

from .models import Contactmoment, Gemeente, Huishouden, Persoon


def personen_zichtbaar(*, user) -> models.QuerySet[Persoon]:
    return Persoon.objects.visible_to(user)


def personen_lijst(*, user) -> models.QuerySet[Persoon]:
    return personen_zichtbaar(user=user).select_related("gemeente", "regisseur", "huishouden")


def persoon_dossier(*, user, uuid) -> Persoon:
    """The person with this UUID if the user may open the dossier; DoesNotExist otherwise."""
    return personen_lijst(user=user).get(uuid=uuid)


def gemeenten_van(*, user) -> models.QuerySet[Gemeente]:
    if not user.werkt_in_dossiers:
        return Gemeente.objects.none()
    return user.gemeenten.all()


def regisseurs_voor(*, user) -> models.QuerySet[User]:
    """Users a person of this user's gemeenten can be assigned to."""
    return (
        User.objects.filter(
            is_active=True, rol__in=DOSSIER_ROLLEN, gemeenten__in=gemeenten_van(user=user)
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def huishoudens_voor(*, user) -> models.QuerySet[Huishouden]:
    return Huishouden.objects.filter(gemeente__in=gemeenten_van(user=user)).select_related(
        "gemeente"
    )


def huishoudleden(*, persoon: Persoon) -> list[Persoon]:
    if not persoon.huishouden_id:
        return []
    return list(
        Persoon.objects.filter(huishouden_id=persoon.huishouden_id)
        .exclude(pk=persoon.pk)
        .order_by("geboortedatum")
    )


def contactmomenten(*, persoon: Persoon) -> models.QuerySet[Contactmoment]:
    return persoon.contactmomenten.select_related("door")


def dossier_historie(*, persoon: Persoon, aantal: int | None = None) -> list[HistorieRegel]:
    events = historie_events(persoon)
    if aantal is not None:
        events = events[:aantal]
    return historie_regels(events, verberg=("persoon",))
