from celery import shared_task

from .avg.bewaren import bewaartermijnen_toepassen
from .avg.inzage import inzage_maken as inzage_maken_service
from .avg.inzage import inzage_mislukt


@shared_task(bind=True, acks_late=True, soft_time_limit=15 * 60, time_limit=16 * 60)
def inzage_maken(self, inzage_id: int) -> None:
    """Make the export of one person; a finished export is left as it is."""
    try:
        inzage_maken_service(inzage_id=inzage_id)
    except Exception:
        inzage_mislukt(inzage_id=inzage_id)  # shown on the page, so someone can try again
        raise


@shared_task(acks_late=True, soft_time_limit=60 * 60, time_limit=61 * 60)
def bewaartermijnen_verwijderen() -> int:
    """Daily: purge closed dossiers past their retention period. Running twice finds nothing
    left to purge the second time."""
    return sum(v.aantal_personen for v in bewaartermijnen_toepassen())
