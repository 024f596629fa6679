from celery import shared_task
from django.contrib.sessions.models import Session
from django.utils import timezone


@shared_task
def verlopen_sessies_opschonen() -> int:
    """Remove expired login sessions; safe to run any number of times."""
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted
