"""Reads of brede intakes, always through the person dossiers the user may open."""

from collections import Counter
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .constants import POSITIEVE_GEZONDHEID, ZRM_DOMEINEN, IntakeStatus
from .models import BredeIntake, ZrmMeting


def intake_ophalen(*, user, persoon_uuid, intake_uuid) -> BredeIntake:
    """The intake if the user may open the person's dossier; DoesNotExist otherwise."""
    return (
        BredeIntake.objects.visible_to(user)
        .select_related("persoon", "persoon__gemeente", "zrm")
        .prefetch_related("leefgebieden", "werkervaring")
        .get(uuid=intake_uuid, persoon__uuid=persoon_uuid)
    )


def laatste_intake(*, persoon) -> BredeIntake | None:
    return persoon.intakes.order_by("-gestart_op", "-id").first()


@dataclass(frozen=True)
class IntakeActies:
    """What a user may do with a person's brede intake, for the pages to offer."""

    starten: bool = False
    wijzigen: bool = False  # sections, conversations and completing: only while it runs
    heropenen: bool = False


def intake_acties(*, intake: BredeIntake | None, user) -> IntakeActies:
    """`intake` is the person's latest intake (None when there is none yet).

    A person has one brede intake: once it is completed a correction goes through reopening
    it, never through a second intake.
    """
    if not (user.is_authenticated and user.werkt_in_dossiers):
        return IntakeActies()
    if intake is None:
        return IntakeActies(starten=True)
    if not intake.is_afgerond:
        return IntakeActies(wijzigen=True)
    andere_loopt = (
        intake.persoon.intakes.filter(status=IntakeStatus.OPEN).exclude(pk=intake.pk).exists()
    )
    return IntakeActies(heropenen=not andere_loopt)


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


def zrm_metingen(*, persoon) -> list[ZrmMeting]:
    """The person's ZRM measurements, oldest first. Several on one day keep the order they were
    recorded in, and each gets a `label` that tells them apart ("12-05-2026, 2e meting")."""
    metingen = list(ZrmMeting.objects.filter(persoon=persoon).order_by("datum", "id"))
    per_dag, volgnummer = Counter(m.datum for m in metingen), Counter()
    for meting in metingen:
        volgnummer[meting.datum] += 1
        meting.label = meting.datum.strftime("%d-%m-%Y")
        if per_dag[meting.datum] > 1:
            meting.label += _(", %se meting") % volgnummer[meting.datum]
    return metingen


def laatste_zrm_meting(*, persoon) -> ZrmMeting | None:
    """The measurement recorded last: the latest date, and of one day the one entered last."""
    metingen = zrm_metingen(persoon=persoon)
    return metingen[-1] if metingen else None


def zrm_verloop(*, persoon) -> dict:
    """Every ZRM measurement of the person as a table: one row per domain, one column per
    measurement."""
    metingen = zrm_metingen(persoon=persoon)
    rijen = [
        (str(label), [getattr(meting, code) for meting in metingen]) for code, label in ZRM_DOMEINEN
    ]
    return {"metingen": metingen, "rijen": rijen}


def positieve_gezondheid(intake: BredeIntake) -> list[tuple[str, int | None]]:
    return [(str(label), getattr(intake, f"pg_{code}")) for code, label in POSITIEVE_GEZONDHEID]
