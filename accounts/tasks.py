from celery import shared_task
from django.contrib.sessions.models import Session

from .models import Sessie


@shared_task
def sessieregister_opschonen() -> int:
    """Forget the sessions that ended by themselves (expired, cleaned up); safe to run twice."""
    verwijderd, _ = Sessie.objects.exclude(
        session_key__in=Session.objects.values("session_key")
    ).delete()
    return verwijderd
