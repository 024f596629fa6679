"""Every write of a person dossier. History rows are written by database triggers; the
`pghistory.context` here makes sure they name the user, also outside a web request."""

import datetime
from typing import Any

import pghistory
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import scope
from accounts.models import User
from accounts.scope import Doel
from accounts.selectors import beheerbare_gemeenten
from core.validators import datums_controleren

from .constants import Bestandsgroep, DossierMutatie, Relatie, Uitstroomreden
from .models import Contactmoment, DossierAfsluiting, Gemeente, Gezinsrelatie, Huishouden, Persoon
from .signals import dossierdatums_gewijzigd

# Fields a regisseur edits on the person form; regisseur and huishouden have their own steps.
PERSOON_VELDEN = (
    "gemeente",
    "bsn",
    "v_nummer",
    "voornamen",
    "achternaam",
    "geboortedatum",
    "geslacht",
    "nationaliteit",
    "talen",
    "voorkeurstaal",
    "doelgroep",
    "azc",
    "verblijfsvergunning_datum",
    "koppeling_datum",
    "woning_aangeboden_op",
    "huisvesting_datum",
    "brp_inschrijving_op",
    "duo_kennisgeving_op",
    "bijstand_sinds",
    "straat",
    "huisnummer",
    "postcode",
    "woonplaats",
    "telefoon",
    "email",
    "bestandsgroep",
)


def _eist_gemeente(door: User, gemeente: Gemeente) -> None:
    if not scope.mag(door, gemeente, Doel.DOSSIER):
        raise ValidationError({"gemeente": _("U werkt niet voor de gemeente %s.") % gemeente})


@transaction.atomic
def persoon_aanmaken(
    *,
    door: User,
    gegevens: dict[str, Any],
    huishouden: Huishouden | None = None,
    nieuw_huishouden: str = "",
    regisseur: User | None = None,
) -> Persoon:
    """Create a person; with `nieuw_huishouden` a household of that name is created too."""
    persoon = Persoon(**{k: v for k, v in gegevens.items() if k in PERSOON_VELDEN})
    _eist_gemeente(door, persoon.gemeente)
    with pghistory.context(user=door.pk):
        if nieuw_huishouden:
            huishouden = Huishouden.objects.create(gemeente=persoon.gemeente, naam=nieuw_huishouden)
        persoon.huishouden = huishouden
        persoon.regisseur = regisseur if regisseur is not None else door
        _regisseur_controleren(persoon=persoon, regisseur=persoon.regisseur)
        persoon.full_clean()
        persoon.save()
        if huishouden is not None and huishouden.hoofdpersoon_id is None:
            _hoofdpersoon_worden(huishouden, persoon)
        dossierdatums_gewijzigd.send(sender=Persoon, persoon=persoon)
    return persoon


def _hoofdpersoon_worden(huishouden: Huishouden, persoon: Persoon) -> None:
    huishouden.hoofdpersoon = persoon
    huishouden.save(update_fields=["hoofdpersoon"])


@transaction.atomic
def gezinslid_toevoegen(
    *, persoon: Persoon, door: User, relatie: str, gegevens: dict[str, Any]
) -> Persoon:
    """A new person in `persoon`'s household, with how they are related. A person without a
    household gets one named after them, with them as its main person."""
    if relatie not in Relatie.values:
        raise ValidationError({"relatie": _("Kies hoe het gezinslid verwant is.")})
    if persoon.is_afgesloten:
        raise ValidationError(
            _("Het dossier is afgesloten; heropen het om een gezinslid toe te voegen.")
        )
    _eist_gemeente(door, persoon.gemeente)
    with pghistory.context(user=door.pk):
        huishouden = persoon.huishouden
        if huishouden is None:
            huishouden = Huishouden.objects.create(
                gemeente=persoon.gemeente,
                naam=_("Huishouden %s") % persoon.achternaam,
                hoofdpersoon=persoon,
            )
            persoon.huishouden = huishouden
            persoon.save(update_fields=["huishouden", "updated_at"])
        adres = {v: getattr(persoon, v) for v in ("straat", "huisnummer", "postcode", "woonplaats")}
        lid = persoon_aanmaken(
            door=door,
            gegevens={**adres, **gegevens, "gemeente": persoon.gemeente},
            huishouden=huishouden,
            regisseur=persoon.regisseur or door,
        )
        Gezinsrelatie.objects.create(persoon=persoon, gezinslid=lid, relatie=relatie)
    return lid


@transaction.atomic
def persoon_bijwerken(*, persoon: Persoon, door: User, gegevens: dict[str, Any]) -> Persoon:
    for naam, waarde in gegevens.items():
        if naam in PERSOON_VELDEN:
            setattr(persoon, naam, waarde)
    _eist_gemeente(door, persoon.gemeente)
    if persoon.huishouden and persoon.huishouden.gemeente_id != persoon.gemeente_id:
        # Moving to another gemeente leaves the household behind.
        persoon.huishouden = None
    with pghistory.context(user=door.pk):
        persoon.full_clean()
        persoon.save()
        dossierdatums_gewijzigd.send(sender=Persoon, persoon=persoon)
    return persoon


def _regisseur_controleren(*, persoon: Persoon, regisseur: User | None) -> None:
    if regisseur is None:
        return
    if not scope.mag(regisseur, persoon.gemeente_id, Doel.DOSSIER):
        raise ValidationError(
            {"regisseur": _("%s werkt niet als regisseur voor deze gemeente.") % regisseur}
        )


@transaction.atomic
def regisseur_toewijzen(*, persoon: Persoon, regisseur: User | None, door: User) -> Persoon:
    _regisseur_controleren(persoon=persoon, regisseur=regisseur)
    with pghistory.context(user=door.pk):
        persoon.regisseur = regisseur
        persoon.save(update_fields=["regisseur", "updated_at"])
    return persoon


@transaction.atomic
def bestandsgroep_wijzigen(*, persoon: Persoon, groep: str, door: User) -> Persoon:
    """Move the person to another bestand group (intake, actief traject, zorg en rust)."""
    if groep not in Bestandsgroep.values:
        raise ValidationError({"bestandsgroep": _("Kies een bestaande bestandsgroep.")})
    if persoon.bestandsgroep == groep:
        return persoon
    with pghistory.context(user=door.pk):
        persoon.bestandsgroep = groep
        persoon.save(update_fields=["bestandsgroep", "updated_at"])
    return persoon


@transaction.atomic
def huishouden_wijzigen(
    *,
    persoon: Persoon,
    door: User,
    huishouden: Huishouden | None = None,
    nieuw_huishouden: str = "",
) -> Persoon:
    """Move the person into another household, a new one, or none (huishouden=None)."""
    if huishouden is not None and nieuw_huishouden:
        raise ValidationError(_("Kies een bestaand huishouden óf geef een nieuw huishouden op."))
    with pghistory.context(user=door.pk):
        if nieuw_huishouden:
            huishouden = Huishouden.objects.create(
                gemeente=persoon.gemeente, naam=nieuw_huishouden, hoofdpersoon=persoon
            )
        if huishouden is not None and huishouden.gemeente_id != persoon.gemeente_id:
            raise ValidationError(
                {"huishouden": _("Dit huishouden hoort bij een andere gemeente.")}
            )
        vorig = persoon.huishouden
        persoon.huishouden = huishouden
        persoon.save(update_fields=["huishouden", "updated_at"])
        if vorig is not None and vorig != huishouden:
            # Relations belong to the household the person leaves.
            Gezinsrelatie.objects.filter(
                Q(persoon=persoon, gezinslid__huishouden=vorig)
                | Q(gezinslid=persoon, persoon__huishouden=vorig)
            ).delete()
            if vorig.hoofdpersoon_id == persoon.pk:
                opvolger = vorig.leden.order_by("geboortedatum", "id").first()
                vorig.hoofdpersoon = opvolger
                vorig.save(update_fields=["hoofdpersoon"])
        if huishouden is not None and huishouden.hoofdpersoon_id is None:
            _hoofdpersoon_worden(huishouden, persoon)
    return persoon


@transaction.atomic
def contactmoment_toevoegen(
    *,
    persoon: Persoon,
    door: User,
    moment: datetime.datetime,
    soort: str,
    onderwerp: str,
    notitie: str = "",
) -> Contactmoment:
    datums_controleren(moment=moment)
    contactmoment = Contactmoment(
        persoon=persoon, door=door, moment=moment, soort=soort, onderwerp=onderwerp, notitie=notitie
    )
    with pghistory.context(user=door.pk):
        contactmoment.full_clean()
        contactmoment.save()
    return contactmoment


@transaction.atomic
def dossier_afsluiten(
    *,
    persoon: Persoon,
    door: User,
    afgesloten_op: datetime.date,
    uitstroomreden: str,
    toelichting: str = "",
) -> Persoon:
    """Close the dossier (uitstroom): it leaves the worklists and reminders, stays readable and
    can be reopened. Audited, with the reason."""
    datums_controleren(afgesloten_op=afgesloten_op)
    persoon = Persoon.objects.select_for_update().get(pk=persoon.pk)
    _eist_gemeente(door, persoon.gemeente)
    fouten = {}
    if persoon.is_afgesloten:
        raise ValidationError(
            _("Dit dossier is al afgesloten op %s.") % persoon.afgesloten_op.strftime("%d-%m-%Y")
        )
    if uitstroomreden not in Uitstroomreden.values:
        fouten["uitstroomreden"] = _("Kies de reden waarom het dossier wordt afgesloten.")
    if afgesloten_op is None:
        fouten["afgesloten_op"] = _("Vul de einddatum in.")
    elif afgesloten_op > timezone.localdate():
        fouten["afgesloten_op"] = _("Een dossier sluit u af op of na de einddatum, niet ervoor.")
    elif persoon.koppeling_datum and afgesloten_op < persoon.koppeling_datum:
        fouten["afgesloten_op"] = _("De einddatum ligt vóór de koppeling (%s).") % (
            persoon.koppeling_datum.strftime("%d-%m-%Y")
        )
    if fouten:
        raise ValidationError(fouten)
    with pghistory.context(user=door.pk):
        persoon.afgesloten_op, persoon.uitstroomreden = afgesloten_op, uitstroomreden
        persoon.save(update_fields=["afgesloten_op", "uitstroomreden", "updated_at"])
        DossierAfsluiting.objects.create(
            persoon=persoon,
            soort=DossierMutatie.AFGESLOTEN,
            datum=afgesloten_op,
            uitstroomreden=uitstroomreden,
            toelichting=toelichting.strip(),
            door=door,
        )
    return persoon


@transaction.atomic
def dossier_heropenen(*, persoon: Persoon, door: User, reden: str) -> Persoon:
    persoon = Persoon.objects.select_for_update().get(pk=persoon.pk)
    _eist_gemeente(door, persoon.gemeente)
    if not persoon.is_afgesloten:
        raise ValidationError(_("Dit dossier is niet afgesloten."))
    if not (reden or "").strip():
        raise ValidationError({"reden": _("Leg vast waarom het dossier weer open gaat.")})
    with pghistory.context(user=door.pk):
        persoon.afgesloten_op, persoon.uitstroomreden = None, ""
        persoon.save(update_fields=["afgesloten_op", "uitstroomreden", "updated_at"])
        DossierAfsluiting.objects.create(
            persoon=persoon,
            soort=DossierMutatie.HEROPEND,
            datum=timezone.localdate(),
            toelichting=reden.strip(),
            door=door,
        )
    return persoon


@transaction.atomic
def gemeente_opslaan(
    *, door: User, naam: str, cbs_code: str, gemeente: Gemeente | None = None
) -> Gemeente:
    """A new gemeente, or a change of one the beheerder works for (or nobody does yet)."""
    if not door.is_functioneel_beheerder:
        raise ValidationError(_("Alleen functioneel beheer beheert gemeenten."))
    if gemeente is None:
        gemeente = Gemeente()
    elif not beheerbare_gemeenten(user=door).filter(pk=gemeente.pk).exists():
        raise ValidationError(_("U kunt alleen een gemeente wijzigen waarvoor u zelf werkt."))
    gemeente.naam, gemeente.cbs_code = naam, cbs_code.upper()
    gemeente.full_clean()
    with pghistory.context(user=door.pk):
        gemeente.save()
    return gemeente
