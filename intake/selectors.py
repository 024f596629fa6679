"""Reads of brede intakes, always through the person dossiers the user may open."""

from django.db import models
from django.utils.translation import gettext as _

from statushouders.selectors import personen_zichtbaar

from .constants import POSITIEVE_GEZONDHEID, ZRM_DOMEINEN
from .models import BredeIntake, ZrmMeting


def intakes_zichtbaar(*, user) -> models.QuerySet[BredeIntake]:
    return BredeIntake.objects.filter(persoon__in=personen_zichtbaar(user=user))


def intake_ophalen(*, user, persoon_uuid, intake_uuid) -> BredeIntake:
    """The intake if the user may open the person's dossier; DoesNotExist otherwise."""
    return (
        intakes_zichtbaar(user=user)
        .select_related("persoon", "persoon__gemeente", "zrm")
        .prefetch_related("leefgebieden", "werkervaring")
        .get(uuid=intake_uuid, persoon__uuid=persoon_uuid)
    )


def laatste_intake(*, persoon) -> BredeIntake | None:
    return persoon.intakes.order_by("-gestart_op", "-id").first()


def zrm_van(intake: BredeIntake) -> ZrmMeting | None:
    try:
        return intake.zrm
    except ZrmMeting.DoesNotExist:
        return None


def ontbrekende_onderdelen(*, intake: BredeIntake) -> list[str]:
    """What must still be filled in before the intake can be completed, in Dutch."""
    ontbreekt = []
    if not (intake.leerbaarheidstoets_uitkomst or intake.leerbaarheidstoets_vrijstelling):
        ontbreekt.append(_("leerbaarheidstoets: uitkomst of reden van vrijstelling"))
    meting = zrm_van(intake)
    if meting is None:
        ontbreekt.append(_("ZRM: alle 13 domeinen zijn nog niet gescoord"))
    elif meting.ontbrekende_domeinen:
        ontbreekt.append(
            _("ZRM: geen score voor %s") % ", ".join(str(d) for d in meting.ontbrekende_domeinen)
        )
    if not intake.advies_leerroute:
        ontbreekt.append(_("advies: geadviseerde leerroute"))
    return ontbreekt


def zrm_verloop(*, persoon) -> dict:
    """Every ZRM measurement of the person as a table: one row per domain, one column per date."""
    metingen = list(ZrmMeting.objects.filter(persoon=persoon).order_by("datum", "id"))
    rijen = [
        (str(label), [getattr(meting, code) for meting in metingen]) for code, label in ZRM_DOMEINEN
    ]
    return {"metingen": metingen, "rijen": rijen}


def positieve_gezondheid(intake: BredeIntake) -> list[tuple[str, int | None]]:
    return [(str(label), getattr(intake, f"pg_{code}")) for code, label in POSITIEVE_GEZONDHEID]
