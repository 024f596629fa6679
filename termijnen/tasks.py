from celery import shared_task


@shared_task(acks_late=True)
def termijnen_herinneren() -> dict:
    """Daily: mark passed deadlines, make meldingen and send each user one digest; safe to run
    twice (every reminder and every digest is claimed once in the database)."""
    from .services import herinneringen_versturen

    return herinneringen_versturen()
