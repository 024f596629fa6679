from functools import partial

from celery import shared_task

from . import services
from .models import Afschrift, Betaalbatch


@shared_task(acks_late=True)
def betalingen_plannen_task() -> dict[str, int]:
    """Daily: move periods along by date, plan next month's payments and catch up any earlier
    month that was missed (its regisseur is told); tell the teamleiders about a batch the bank
    has not confirmed five bank days after its execution date. Planning is one INSERT … ON
    CONFLICT DO NOTHING, so a second run or a second worker plans nothing twice and tells no
    one again."""
    uitkomst = services.betalingen_bijplannen()
    uitkomst["onbevestigd_gemeld"] = services.onbevestigde_batches_melden()
    return uitkomst


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
