from celery import shared_task

from . import services
from .models import Rapport


@shared_task(acks_late=True)
def rapport_maken_task(rapport_id: int) -> None:
    rapport = Rapport.objects.get(pk=rapport_id)
    try:
        services.rapport_maken(rapport=rapport)
    except Exception:
        services.rapport_mislukt(rapport_id=rapport_id)  # shown on the page, to ask again
        raise
