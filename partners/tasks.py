from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Verwijzing


@shared_task(acks_late=True)
def verwijzing_melden(verwijzing_id: int) -> bool:
    """E-mail the partner that a referral waits: a link only, never personal data.

    At most once: the referral is claimed by one conditional UPDATE that commits before the
    mail goes out, so no row lock is held while talking to the mail server and a second run
    (or a redelivered task) finds it claimed. A mail server that fails after the claim costs
    that one e-mail; the referral still waits in the portal and its answer term still runs."""
    geclaimd = Verwijzing.objects.filter(
        pk=verwijzing_id, melding_verstuurd_op__isnull=True, toestemming_ingetrokken_op=None
    ).update(melding_verstuurd_op=timezone.now())
    if not geclaimd:
        return False
    verwijzing = Verwijzing.objects.select_related("partner").get(pk=verwijzing_id)
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
    return True
