"""Participation outcomes on the dossier: work, education, volunteering, an internship, from
when until when. The outcome figures count these, so each is checked before it is kept."""

import datetime

import pghistory
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.scope import Doel, mag
from core.validators import begrensd, datums_controleren, geen_stuurtekens_regel
from statushouders.models import Persoon

from .constants import (
    HOOGSTE_UREN_PER_WEEK,
    OMSCHRIJVING,
    Contractsoort,
    ParticipatieSoort,
)
from .models import Participatie


def _eist_dossierrol(door: User, persoon: Persoon) -> None:
    if not mag(door, persoon.gemeente_id, Doel.DOSSIER):
        raise ValidationError(_("U werkt niet in de gemeente van deze persoon."))


def _eist_open_dossier(persoon: Persoon, wat: str) -> None:
    if persoon.is_afgesloten:
        raise ValidationError(
            _("Het dossier is afgesloten; heropen het om %(wat)s.") % {"wat": wat}
        )


def _participatie_controleren(
    *,
    persoon: Persoon,
    soort: str,
    omschrijving: str = "",
    gestart_op: datetime.date | None,
    geeindigd_op: datetime.date | None = None,
    uren_per_week: int | None = None,
    contractsoort: str = "",
) -> dict:
    """Every field checked at once: the cleaned values, or a ValidationError with a Dutch
    message per field."""
    datums_controleren(gestart_op=gestart_op, geeindigd_op=geeindigd_op)
    fouten: dict = {}
    werk = soort == ParticipatieSoort.BETAALD_WERK
    if soort not in ParticipatieSoort.values:
        fouten["soort"] = [_("Kies een soort uit de lijst.")]
    omschrijving = (omschrijving or "").strip()
    if len(omschrijving) > OMSCHRIJVING:
        fouten["omschrijving"] = [
            _("Gebruik hoogstens %(n)s tekens (nu %(lengte)s).")
            % {"n": OMSCHRIJVING, "lengte": len(omschrijving)}
        ]
    else:
        try:
            geen_stuurtekens_regel(omschrijving)
        except ValidationError as fout:
            fouten["omschrijving"] = fout.messages
    vandaag = timezone.localdate()
    if gestart_op is None:
        fouten["gestart_op"] = [_("Vul in wanneer het begon.")]
    elif gestart_op > vandaag:
        fouten["gestart_op"] = [
            _(
                "De start ligt in de toekomst. Leg de participatie vast zodra die begonnen is; "
                "tot dan is het een afspraak in het PIP."
            )
        ]
    elif persoon.koppeling_datum and gestart_op < persoon.koppeling_datum:
        # The outcome figures follow the trajectory, which starts at the koppeling; what the
        # person did before it is their history, kept in the brede intake.
        fouten["gestart_op"] = [
            _(
                "De start ligt vóór de koppeling aan de gemeente (%(datum)s). Wat de persoon "
                "daarvoor deed, hoort bij werkervaring en opleiding in de brede intake."
            )
            % {"datum": f"{persoon.koppeling_datum:%d-%m-%Y}"}
        ]
    if gestart_op and geeindigd_op and geeindigd_op < gestart_op:
        fouten["geeindigd_op"] = [_("Het einde ligt vóór de start.")]
    if werk:
        if not contractsoort:
            fouten["contractsoort"] = [_("Kies de soort contract.")]
        elif contractsoort not in Contractsoort.values:
            fouten["contractsoort"] = [_("Kies een soort contract uit de lijst.")]
        if uren_per_week is None:
            fouten["uren_per_week"] = [_("Vul in hoeveel uur per week de persoon werkt.")]
        else:
            for grens in begrensd(1, HOOGSTE_UREN_PER_WEEK, _("een aantal uren per week")):
                try:
                    grens(uren_per_week)
                except ValidationError as fout:
                    fouten["uren_per_week"] = fout.messages
                    break
    else:
        if contractsoort:
            fouten["contractsoort"] = [_("Een soort contract hoort alleen bij betaald werk.")]
        if uren_per_week is not None:
            fouten["uren_per_week"] = [_("Uren per week horen alleen bij betaald werk.")]
    if fouten:
        raise ValidationError(fouten)
    return {
        "soort": soort,
        "omschrijving": omschrijving,
        "gestart_op": gestart_op,
        "geeindigd_op": geeindigd_op,
        "uren_per_week": uren_per_week,
        "contractsoort": contractsoort,
    }


@transaction.atomic
def participatie_opslaan(
    *,
    persoon: Persoon,
    door: User,
    participatie: Participatie | None = None,
    **gegevens,
) -> Participatie:
    """Record a new participation of `persoon`, or change `participatie`. Audited through the
    history triggers, with who did it."""
    _eist_dossierrol(door, persoon)
    persoon = Persoon.objects.select_for_update().get(pk=persoon.pk)
    _eist_open_dossier(persoon, _("participatie vast te leggen"))
    if participatie is not None:
        participatie = (
            Participatie.objects.select_for_update()
            .filter(pk=participatie.pk, persoon=persoon)
            .first()
        )
        if participatie is None:
            raise ValidationError(_("Deze participatie hoort niet bij deze persoon."))
    schoon = _participatie_controleren(persoon=persoon, **gegevens)
    with pghistory.context(user=door.pk):
        if participatie is None:
            return Participatie.objects.create(persoon=persoon, door=door, **schoon)
        for veld, waarde in schoon.items():
            setattr(participatie, veld, waarde)
        participatie.door = door
        participatie.save()
    return participatie


@transaction.atomic
def participatie_verwijderen(*, participatie: Participatie, door: User) -> None:
    """Remove a participation recorded by mistake; its history keeps what it was."""
    persoon = Persoon.objects.select_for_update().get(pk=participatie.persoon_id)
    _eist_dossierrol(door, persoon)
    _eist_open_dossier(persoon, _("participatie te verwijderen"))
    with pghistory.context(user=door.pk):
        Participatie.objects.filter(pk=participatie.pk).delete()
