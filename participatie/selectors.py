"""Reads of the participation on one dossier: the list on its page and the card on the dossier."""

from dataclasses import dataclass, field

from django.db import models
from django.db.models import Q
from django.utils import timezone

from statushouders.models import Persoon

from .constants import ParticipatieSoort
from .models import Participatie

# Work first, then education: what the outcome figures count as outflow comes on top.
_VOLGORDE = models.Case(
    models.When(soort=ParticipatieSoort.BETAALD_WERK, then=0),
    models.When(soort=ParticipatieSoort.OPLEIDING, then=1),
    models.When(soort=ParticipatieSoort.STAGE, then=2),
    default=3,
)


def participaties_van(*, persoon: Persoon) -> models.QuerySet[Participatie]:
    """Every participation of the person, the latest start first."""
    return Participatie.objects.filter(persoon=persoon).select_related("door")


def participatie_in_dossier(*, persoon: Persoon, uuid) -> Participatie:
    """A participation of this person (DoesNotExist for one of anyone else)."""
    return participaties_van(persoon=persoon).get(uuid=uuid)


def participatie_wijzigbaar(*, persoon: Persoon) -> bool:
    """Participation is recorded while the dossier is open; a closed dossier is read only."""
    return not persoon.is_afgesloten


def _lopend(vandaag) -> Q:
    return Q(gestart_op__lte=vandaag) & (
        Q(geeindigd_op__isnull=True) | Q(geeindigd_op__gte=vandaag)
    )


@dataclass
class ParticipatieSamenvatting:
    lopend: list[Participatie] = field(default_factory=list)
    eerder: int = 0


def participatie_samenvatting(*, persoon: Persoon) -> ParticipatieSamenvatting:
    """The card on the dossier page: what the person does now (work first), and how many
    activities ended before. One query."""
    vandaag = timezone.localdate()
    rijen = list(
        Participatie.objects.filter(persoon=persoon)
        .annotate(
            is_lopend=models.ExpressionWrapper(_lopend(vandaag), output_field=models.BooleanField())
        )
        .order_by("-is_lopend", _VOLGORDE, "-gestart_op", "-id")
    )
    lopend = [rij for rij in rijen if rij.is_lopend]
    return ParticipatieSamenvatting(lopend=lopend, eerder=len(rijen) - len(lopend))
