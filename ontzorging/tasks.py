from functools import partial

from celery import shared_task
from django.utils import timezone

from . import services
from .geld import volgende_maand
from .models import Afschrift, Betaalbatch


@shared_task(acks_late=True)
def betalingen_plannen_task() -> int:
    """Daily: move periods along by date and plan next month's payments. Planning is one
    INSERT … ON CONFLICT DO NOTHING, so a second run or a second worker plans nothing twice."""
    return services.betalingen_plannen(maand=volgende_maand(timezone.localdate()))


@shared_task(acks_late=True)
def batch_exporteren_task(batch_id: int) -> None:
    batch = Betaalbatch.objects.get(pk=batch_id)
    try:
        services.batch_exporteren(batch=batch, voortgang=partial(_batch_voortgang, batch_id))
    except Exception:
        services.batch_export_mislukt(batch_id=batch_id)  # shown on the page, to try again
        raise


def _batch_voortgang(batch_id: int, procent: int) -> None:
    services.batch_voortgang(batch_id=batch_id, procent=procent)


@shared_task(acks_late=True)
def afschrift_verwerken_task(afschrift_id: int) -> None:
    afschrift = Afschrift.objects.get(pk=afschrift_id)
    try:
        services.afschrift_verwerken(
            afschrift=afschrift,
            voortgang=lambda procent: services.afschrift_voortgang(
                afschrift_id=afschrift_id, procent=procent
            ),
        )
    except Exception:
        services.afschrift_mislukt(afschrift_id=afschrift_id)
        raise
