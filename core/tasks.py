from celery import shared_task
from django.contrib.sessions.models import Session
from django.utils import timezone


@shared_task
def verlopen_sessies_opschonen() -> int:
    """Remove expired login sessions; safe to run any number of times."""
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted


@shared_task(acks_late=True)
def termijnen_herinneren() -> dict:
    """Daily: mark passed deadlines and remind regisseurs, each reminder at most once."""
    from core.services import herinneringen_versturen

    return herinneringen_versturen()
