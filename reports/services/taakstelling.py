"""Writes of the taakstelling: functioneel beheer of a gemeente enters, changes or removes the
number of statushouders the gemeente must house in a half year."""

import pghistory
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.selectors import beheer_gemeenten
from core.validators import begrensd

from ..constants import EERSTE_JAAR, HOOGSTE_TAAKSTELLING, LAATSTE_JAAR
from ..models import Taakstelling


def alleen_beheer_van(*, gemeente, door) -> None:
    """Only a functioneel beheerder who works for the gemeente sets its figures."""
    if not beheer_gemeenten(user=door).filter(pk=gemeente.pk).exists():
        raise ValidationError(_("Alleen functioneel beheer van deze gemeente stelt dit in."))


def getal_controleren(waarde, minimum: int, maximum: int, wat: str) -> list[str]:
    """The Dutch messages for a number outside its bounds (or no whole number at all)."""
    if isinstance(waarde, bool) or not isinstance(waarde, int):
        waarde = minimum - 1  # not a whole number: the same message as out of range
    fouten = []
    for validator in begrensd(minimum, maximum, wat):
        try:
            validator(waarde)
        except ValidationError as fout:
            fouten.extend(fout.messages)
    return fouten


@transaction.atomic
def taakstelling_opslaan(*, gemeente, jaar, halfjaar, aantal, door) -> Taakstelling:
    """Enter or change the target of one half year (one row per gemeente and half year)."""
    alleen_beheer_van(gemeente=gemeente, door=door)
    fouten = {
        "jaar": getal_controleren(jaar, EERSTE_JAAR, LAATSTE_JAAR, _("een jaar")),
        "halfjaar": [_("Kies het eerste of het tweede halfjaar.")]
        if isinstance(halfjaar, bool) or halfjaar not in (1, 2)
        else [],
        "aantal": getal_controleren(aantal, 0, HOOGSTE_TAAKSTELLING, _("een aantal personen")),
    }
    fouten = {veld: berichten for veld, berichten in fouten.items() if berichten}
    if fouten:
        raise ValidationError(fouten)
    with pghistory.context(user=door.pk):
        taakstelling, _nieuw = Taakstelling.objects.update_or_create(
            gemeente=gemeente,
            jaar=jaar,
            halfjaar=halfjaar,
            defaults={"aantal": aantal, "gewijzigd_door": door},
        )
    return taakstelling


@transaction.atomic
def taakstelling_verwijderen(*, taakstelling: Taakstelling, door) -> None:
    alleen_beheer_van(gemeente=taakstelling.gemeente, door=door)
    with pghistory.context(user=door.pk):
        taakstelling.delete()
