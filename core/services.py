from core.models import Toegangslog


def toegang_vastleggen(*, gebruiker, persoon, pad: str) -> Toegangslog:
    """Record that `gebruiker` opened a page of `persoon`'s dossier."""
    return Toegangslog.objects.create(
        gebruiker=gebruiker, persoon=persoon, persoon_uuid=persoon.uuid, pad=pad[:300]
    )


def toegang_geweigerd_vastleggen(*, gebruiker, persoon_uuid=None, pad: str) -> Toegangslog | None:
    """Record that `gebruiker` asked for a dossier page outside their scope and was refused.
    The person is linked when they exist, so the privacy officer finds the attempt by name."""
    if not getattr(gebruiker, "is_authenticated", False):
        return None
    persoon_model = Toegangslog._meta.get_field("persoon").related_model
    persoon_id = (
        persoon_model.objects.filter(uuid=persoon_uuid).values_list("pk", flat=True).first()
        if persoon_uuid
        else None
    )
    return Toegangslog.objects.create(
        gebruiker=gebruiker,
        persoon_id=persoon_id,
        persoon_uuid=persoon_uuid,
        pad=pad[:300],
        toegestaan=False,
    )
