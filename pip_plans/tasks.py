from celery import shared_task

from .services import plan_pdf_mislukt, plan_pdf_opslaan


@shared_task(
    bind=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=3,
    acks_late=True,
)
def plan_pdf_maken(self, versie_id: int) -> None:
    """Render a fixed PIP version to PDF; retried on passing failures (disk, fonts)."""
    try:
        plan_pdf_opslaan(versie_id=versie_id)
    except OSError:
        if self.request.retries >= self.max_retries:
            plan_pdf_mislukt(versie_id=versie_id)
        raise
    except Exception:
        plan_pdf_mislukt(versie_id=versie_id)  # not passing: show it, so someone can act
        raise
