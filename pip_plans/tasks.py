from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings

from .services import plan_pdf_mislukt, plan_pdf_opslaan


@shared_task(
    bind=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=3,
    acks_late=True,
    # A document that takes this long to render is stuck (or made to be): stop it, show it.
    soft_time_limit=settings.KOERS_PDF_TIJDSLIMIET,
    time_limit=settings.KOERS_PDF_TIJDSLIMIET_HARD,
)
def plan_pdf_maken(self, versie_id: int) -> None:
    """Render a fixed PIP version to PDF; retried on passing failures (disk, fonts)."""
    try:
        plan_pdf_opslaan(versie_id=versie_id)
    except SoftTimeLimitExceeded:
        # Not passing: the same content would take as long again. The dossier shows the
        # failure and offers to make the PDF again.
        plan_pdf_mislukt(versie_id=versie_id)
        raise
    except OSError:
        if self.request.retries >= self.max_retries:
            plan_pdf_mislukt(versie_id=versie_id)
        raise
    except Exception:
        plan_pdf_mislukt(versie_id=versie_id)  # not passing: show it, so someone can act
        raise


# Versions waiting longer than this for their PDF lost their job (a worker stopped, a broker
# restarted) or were written in bulk; the sweep below queues them again, a batch per run.
WACHTEND_NA_MINUTEN = 10
WACHTENDE_PER_RONDE = 100


@shared_task(acks_late=True)
def wachtende_pdfs_inplannen() -> int:
    """Queue the PDF of versions that have waited too long; rendering twice is harmless
    (plan_pdf_opslaan leaves a version with a PDF alone)."""
    from .selectors import wachtende_pdf_versies

    ids = list(
        wachtende_pdf_versies(minuten=WACHTEND_NA_MINUTEN).values_list("pk", flat=True)[
            :WACHTENDE_PER_RONDE
        ]
    )
    for versie_id in ids:
        plan_pdf_maken.delay(versie_id)
    return len(ids)
