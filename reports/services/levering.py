"""Functioneel beheer marks a gemeente's quarterly CBS delivery as done, or undoes that."""

import datetime

import pghistory
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.validators import datum_in_bereik

from ..constants import EERSTE_JAAR, LAATSTE_JAAR
from ..models import CbsLevering
from ..selectors.levering import kwartaal_einde, kwartaal_label
from .taakstelling import alleen_beheer_van, getal_controleren


def _kwartaal_controleren(jaar, kwartaal) -> None:
    fouten = {
        "jaar": getal_controleren(jaar, EERSTE_JAAR, LAATSTE_JAAR, _("een jaar")),
        "kwartaal": getal_controleren(kwartaal, 1, 4, _("een kwartaal")),
    }
    fouten = {veld: berichten for veld, berichten in fouten.items() if berichten}
    if fouten:
        raise ValidationError(fouten)


@transaction.atomic
def levering_gemeld(
    *, gemeente, jaar: int, kwartaal: int, geleverd_op: datetime.date, door
) -> CbsLevering:
    """The quarter's statistics were delivered on `geleverd_op`: not in the future, and not
    before the quarter ended. Marking it again changes the date."""
    alleen_beheer_van(gemeente=gemeente, door=door)
    _kwartaal_controleren(jaar, kwartaal)
    if not isinstance(geleverd_op, datetime.date) or not datum_in_bereik(geleverd_op):
        raise ValidationError({"geleverd_op": _("Vul een datum tussen 1900 en 2100 in.")})
    if geleverd_op > timezone.localdate():
        raise ValidationError(
            {"geleverd_op": _("Deze datum ligt in de toekomst; vul de dag van levering in.")}
        )
    einde = kwartaal_einde(jaar, kwartaal)
    if geleverd_op < einde:
        raise ValidationError(
            {
                "geleverd_op": _(
                    "Het %(kwartaal)s eindigt op %(einde)s; een levering erover ligt niet eerder."
                )
                % {"kwartaal": kwartaal_label(jaar, kwartaal), "einde": f"{einde:%d-%m-%Y}"}
            }
        )
    with pghistory.context(user=door.pk):
        levering, _nieuw = CbsLevering.objects.update_or_create(
            gemeente=gemeente,
            jaar=jaar,
            kwartaal=kwartaal,
            defaults={"geleverd_op": geleverd_op, "door": door},
        )
    return levering


@transaction.atomic
def levering_ongedaan(*, gemeente, jaar: int, kwartaal: int, door) -> None:
    """The delivery was marked by mistake: the quarter is open again."""
    alleen_beheer_van(gemeente=gemeente, door=door)
    with pghistory.context(user=door.pk):
        verwijderd, _soorten = CbsLevering.objects.filter(
            gemeente=gemeente, jaar=jaar, kwartaal=kwartaal
        ).delete()
    if not verwijderd:
        raise ValidationError(_("Deze levering was niet als geleverd gemeld."))
