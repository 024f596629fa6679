from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Verwijzing


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5, acks_late=True)
def verwijzing_melden(verwijzing_id: int) -> bool:
    """E-mail the partner that a referral waits: a link only, never personal data. Sent once,
    also when the task runs twice: the row lock and the timestamp decide."""
    with transaction.atomic():
        verwijzing = (
            Verwijzing.objects.select_for_update().select_related("partner").get(pk=verwijzing_id)
        )
        if verwijzing.melding_verstuurd_op:
            return False
        link = settings.KOERS_BASIS_URL.rstrip("/") + verwijzing.get_portal_url()
        send_mail(
            subject=_("Nieuwe verwijzing in Koers"),
            message=_(
                "Er staat een nieuwe verwijzing voor %(partner)s klaar in Koers.\n\n"
                "Bekijk en beantwoord haar na inloggen:\n%(link)s\n\n"
                "Om de privacy te beschermen staan er in deze e-mail geen persoonsgegevens."
            )
            % {"partner": verwijzing.partner.naam, "link": link},
            from_email=None,
            recipient_list=[verwijzing.partner.contact_email],
        )
        verwijzing.melding_verstuurd_op = timezone.now()
        verwijzing.save(update_fields=["melding_verstuurd_op"])
    return True
