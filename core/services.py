from core.models import Toegangslog


def toegang_vastleggen(*, gebruiker, persoon, pad: str) -> Toegangslog:
    """Record that `gebruiker` opened a page of `persoon`'s dossier."""
    return Toegangslog.objects.create(
        gebruiker=gebruiker, persoon=persoon, persoon_uuid=persoon.uuid, pad=pad[:300]
    )
