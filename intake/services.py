"""Every write of a brede intake. A completed intake is read-only: each write checks it."""

import datetime
from decimal import Decimal
from typing import Any

import pghistory
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from core.validators import datums_controleren
from statushouders.constants import Bestandsgroep
from statushouders.models import Persoon
from statushouders.services import bestandsgroep_wijzigen

from .constants import ZRM_DOMEINEN, IntakeStatus
from .models import BredeIntake, Gesprek, Heropening, LeefgebiedBevinding, Werkervaring, ZrmMeting
from .selectors import intake_acties, laatste_intake, ontbrekende_onderdelen

# Fields of BredeIntake that the section pages edit; status and dates of completion are set
# only by intake_afronden / intake_heropenen.
INTAKE_VELDEN = {
    f.name
    for f in BredeIntake._meta.concrete_fields
    if f.name
    not in {
        "id",
        "uuid",
        "persoon",
        "status",
        "afgerond_op",
        "zorg_en_rust_reden",
        "created_at",
        "updated_at",
    }
}


def _eist_open(intake: BredeIntake) -> None:
    if intake.is_afgerond:
        raise ValidationError(
            _("Deze intake is afgerond en kan niet meer worden gewijzigd. Heropen haar eerst.")
        )


@transaction.atomic
def intake_starten(
    *,
    persoon: Persoon,
    door: User,
    gestart_op: datetime.date,
    locatie: str,
    azc_naam: str = "",
    tolk_taal: str = "",
) -> BredeIntake:
    datums_controleren(gestart_op=gestart_op)
    laatste = laatste_intake(persoon=persoon)
    if not intake_acties(intake=laatste, user=door).starten:
        if laatste is None:
            raise ValidationError(_("U kunt geen brede intake starten."))
        if laatste.is_afgerond:
            raise ValidationError(
                _(
                    "Deze persoon heeft al een afgeronde brede intake. Moet er iets worden "
                    "gecorrigeerd, heropen die dan."
                )
            )
        raise ValidationError(_("Deze persoon heeft al een brede intake die loopt."))
    intake = BredeIntake(
        persoon=persoon,
        gestart_op=gestart_op,
        locatie=locatie,
        azc_naam=azc_naam,
        tolk_taal=tolk_taal,
    )
    with pghistory.context(user=door.pk):
        intake.full_clean()
        intake.save()
    return intake


@transaction.atomic
def intake_gegevens_opslaan(*, intake: BredeIntake, door: User, gegevens: dict[str, Any]) -> None:
    """Save intake fields of one section (start, taal, opleiding, advies, …)."""
    _eist_open(intake)
    onbekend = set(gegevens) - INTAKE_VELDEN
    if onbekend:
        raise ValueError(f"geen intakevelden: {sorted(onbekend)}")
    for naam, waarde in gegevens.items():
        setattr(intake, naam, waarde)
    with pghistory.context(user=door.pk):
        intake.full_clean()
        intake.save()


@transaction.atomic
def leefgebied_opslaan(
    *,
    intake: BredeIntake,
    door: User,
    leefgebied: str,
    bevindingen: str = "",
    wensen: str = "",
    zorgen: str = "",
    gegevens: dict[str, Any] | None = None,
) -> LeefgebiedBevinding:
    """Save one life domain's findings, and the structured intake fields that belong to it."""
    _eist_open(intake)
    if gegevens:
        intake_gegevens_opslaan(intake=intake, door=door, gegevens=gegevens)
    with pghistory.context(user=door.pk):
        bevinding, _created = LeefgebiedBevinding.objects.update_or_create(
            intake=intake,
            leefgebied=leefgebied,
            defaults={"bevindingen": bevindingen, "wensen": wensen, "zorgen": zorgen},
        )
    return bevinding


@transaction.atomic
def werkervaring_opslaan(*, intake: BredeIntake, door: User, banen: list[dict[str, Any]]) -> None:
    """Replace the work history by `banen` (functie, sector, jaren); unchanged writes nothing."""
    _eist_open(intake)
    huidig = [
        {"functie": w.functie, "sector": w.sector, "jaren": w.jaren}
        for w in intake.werkervaring.all()
    ]
    nieuw = [{**baan, "jaren": Decimal(baan["jaren"])} for baan in banen]
    if huidig == nieuw:
        return
    with pghistory.context(user=door.pk):
        intake.werkervaring.all().delete()
        Werkervaring.objects.bulk_create(Werkervaring(intake=intake, **baan) for baan in nieuw)


@transaction.atomic
def zrm_opslaan(
    *, intake: BredeIntake, door: User, datum: datetime.date, scores: dict[str, int | None]
) -> ZrmMeting:
    datums_controleren(datum=datum)
    _eist_open(intake)
    meting = ZrmMeting.objects.filter(intake=intake).first() or ZrmMeting(
        intake=intake, persoon=intake.persoon
    )
    meting.datum = datum
    for domein, score in scores.items():
        setattr(meting, domein, score)
    with pghistory.context(user=door.pk):
        meting.full_clean()
        meting.save()
    return meting


@transaction.atomic
def zrm_meting_vastleggen(
    *, persoon: Persoon, door: User, datum: datetime.date, scores: dict[str, int | None]
) -> ZrmMeting:
    """A new ZRM measurement outside the intake, such as at a voortgangsgesprek."""
    datums_controleren(datum=datum)
    onbekend = set(scores) - {code for code, _label in ZRM_DOMEINEN}
    if onbekend:
        raise ValueError(f"geen ZRM-domeinen: {sorted(onbekend)}")
    meting = ZrmMeting(persoon=persoon, datum=datum, **scores)
    with pghistory.context(user=door.pk):
        meting.full_clean()
        meting.save()
    return meting


@transaction.atomic
def gesprek_toevoegen(
    *, intake: BredeIntake, door: User, datum: datetime.date, deelnemers: str, notities: str = ""
) -> Gesprek:
    datums_controleren(datum=datum)
    _eist_open(intake)
    if datum < intake.gestart_op:
        raise ValidationError(
            {
                "datum": _("Dit gesprek ligt vóór de start van de intake (%s).")
                % intake.gestart_op.strftime("%d-%m-%Y")
            }
        )
    gesprek = Gesprek(
        intake=intake, door=door, datum=datum, deelnemers=deelnemers, notities=notities
    )
    with pghistory.context(user=door.pk):
        gesprek.full_clean()
        gesprek.save()
    return gesprek


@transaction.atomic
def intake_afronden(
    *,
    intake: BredeIntake,
    door: User,
    afgerond_op: datetime.date,
    bestandsgroep: str = Bestandsgroep.ACTIEF_TRAJECT,
    zorg_en_rust_reden: str = "",
) -> BredeIntake:
    """Complete the intake and move the person on to actief traject (or zorg en rust)."""
    datums_controleren(afgerond_op=afgerond_op)
    intake = BredeIntake.objects.select_for_update().get(pk=intake.pk)
    _eist_open(intake)
    fouten: dict[str, list[str]] = {}
    ontbreekt = ontbrekende_onderdelen(intake=intake)
    if ontbreekt:
        fouten["__all__"] = [_("Nog niet compleet: %s.") % "; ".join(ontbreekt)]
    if afgerond_op < intake.gestart_op:
        fouten["afgerond_op"] = [
            _("De datum afgerond ligt vóór de startdatum (%s).")
            % intake.gestart_op.strftime("%d-%m-%Y")
        ]
    if bestandsgroep not in (Bestandsgroep.ACTIEF_TRAJECT, Bestandsgroep.ZORG_EN_RUST):
        fouten["bestandsgroep"] = [_("Kies actief traject of zorg en rust.")]
    if bestandsgroep == Bestandsgroep.ZORG_EN_RUST and not zorg_en_rust_reden.strip():
        fouten["zorg_en_rust_reden"] = [_("Geef aan waarom de persoon in zorg en rust komt.")]
    if fouten:
        raise ValidationError(fouten)
    with pghistory.context(user=door.pk):
        intake.status = IntakeStatus.AFGEROND
        intake.afgerond_op = afgerond_op
        intake.zorg_en_rust_reden = (
            zorg_en_rust_reden if bestandsgroep == Bestandsgroep.ZORG_EN_RUST else ""
        )
        intake.save(update_fields=["status", "afgerond_op", "zorg_en_rust_reden", "updated_at"])
    bestandsgroep_wijzigen(persoon=intake.persoon, groep=bestandsgroep, door=door)
    return intake


@transaction.atomic
def intake_heropenen(*, intake: BredeIntake, door: User, reden: str) -> Heropening:
    """Open a completed intake for a correction; the reason is kept and audited."""
    intake = BredeIntake.objects.select_for_update().get(pk=intake.pk)
    if not intake.is_afgerond:
        raise ValidationError(_("Deze intake loopt nog; heropenen is niet nodig."))
    if not reden.strip():
        raise ValidationError({"reden": _("Geef aan waarom de intake wordt heropend.")})
    if intake.persoon.intakes.filter(status=IntakeStatus.OPEN).exists():
        raise ValidationError(_("Deze persoon heeft al een andere brede intake die loopt."))
    with pghistory.context(user=door.pk):
        heropening = Heropening.objects.create(intake=intake, reden=reden.strip(), door=door)
        intake.status = IntakeStatus.OPEN
        intake.afgerond_op = None
        intake.save(update_fields=["status", "afgerond_op", "updated_at"])
    return heropening
