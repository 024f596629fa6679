"""Retention: a closed dossier is purged once the period functioneel beheer set for its
gemeente (from the gemeente's archive selection list) has passed. Until a period is set,
nothing of that gemeente is purged."""

import datetime
import hashlib
import hmac
import json
import logging

import pghistory
import pgtrigger
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.scope import Doel, gemeenten

from ..models import Gemeente, Persoon, Verwijderverslag
from .graaf import historie_van_eigen_rijen, persoonsmodellen, rijen_van_persoon

logger = logging.getLogger(__name__)

# Persons purged in one transaction (and one report), so a large first run stays manageable.
PER_KEER = 100


def jaren_eerder(datum: datetime.date, jaren: int) -> datetime.date:
    try:
        return datum.replace(year=datum.year - jaren)
    except ValueError:  # 29 February in a year without it
        return datum.replace(year=datum.year - jaren, day=28)


def te_wissen(*, gemeente: Gemeente, peildatum: datetime.date) -> models.QuerySet[Persoon]:
    """Closed dossiers of `gemeente` whose retention period has passed on `peildatum`."""
    if gemeente.bewaartermijn_jaren is None:
        return Persoon.objects.none()
    grens = jaren_eerder(peildatum, gemeente.bewaartermijn_jaren)
    return Persoon.objects.filter(
        gemeente=gemeente, afgesloten_op__isnull=False, afgesloten_op__lt=grens
    ).order_by("pk")


def gemeenten_bewaartermijnen(*, user) -> models.QuerySet[Gemeente]:
    """The gemeenten whose retention period this user may set: functioneel beheer of them."""
    return gemeenten(user, Doel.BEHEER).order_by("naam")


def pseudoniem(persoon: Persoon) -> str:
    """A keyed hash of the person's id: says nothing by itself, yet answers 'was this person
    purged?' for whoever holds the installation's key and the id."""
    sleutel = settings.SECRET_KEY.encode()
    return hmac.new(sleutel, str(persoon.uuid).encode(), hashlib.sha256).hexdigest()[:24]


@transaction.atomic
def bewaartermijn_instellen(
    *, gemeente: Gemeente, door, bewaartermijn_jaren: int | None, selectielijst_categorie: str
) -> Gemeente:
    if not gemeenten_bewaartermijnen(user=door).filter(pk=gemeente.pk).exists():
        raise ValidationError(_("Alleen functioneel beheer van deze gemeente stelt dit in."))
    selectielijst_categorie = (selectielijst_categorie or "").strip()
    if bewaartermijn_jaren is not None and not selectielijst_categorie:
        raise ValidationError(
            {
                "selectielijst_categorie": _(
                    "Noem de categorie uit de selectielijst waarop deze termijn berust."
                )
            }
        )
    if bewaartermijn_jaren is not None and not 1 <= bewaartermijn_jaren <= 120:
        raise ValidationError({"bewaartermijn_jaren": _("Kies een termijn van 1 tot 120 jaar.")})
    with pghistory.context(user=door.pk):
        gemeente.bewaartermijn_jaren = bewaartermijn_jaren
        gemeente.selectielijst_categorie = selectielijst_categorie
        gemeente.save(update_fields=["bewaartermijn_jaren", "selectielijst_categorie"])
    return gemeente


def _verwijdervolgorde(modellen) -> list:
    """Models ordered so that rows pointing at another model's rows go first (a PIP version
    before its plan, the plan before the person)."""
    volgorde, gezien = [], set()

    def bezoek(model):
        if model in gezien:
            return
        gezien.add(model)
        for ander in modellen:
            if ander is not model and any(
                f.is_relation and f.related_model is model for f in ander._meta.concrete_fields
            ):
                bezoek(ander)
        volgorde.append(model)

    for model in modellen:
        bezoek(model)
    return volgorde


def _bestanden(vondst) -> list[tuple]:
    bestanden = []
    for model, ids in vondst.eigen.items():
        velden = [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]
        if not velden or not ids:
            continue
        for obj in model._base_manager.filter(pk__in=ids):
            for veld in velden:
                bestand = getattr(obj, veld.attname)
                if bestand:
                    bestanden.append((bestand.storage, bestand.name))
    return bestanden


def persoon_wissen(*, persoon: Persoon) -> None:
    """Remove the person, every row that belongs to them, their files, the history of those
    rows and the access log about them. Households and the other members stay.

    History and access log are append-only; their rows go through one database function,
    koers_persoon_wissen, which runs as the owner of those tables and refuses a person whose
    dossier is open or whose gemeente has no retention period."""
    vondst = rijen_van_persoon(persoon)
    bestanden = _bestanden(vondst)
    historie = {
        model._meta.db_table: sorted(ids) for model, ids in historie_van_eigen_rijen(vondst).items()
    }
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT koers_persoon_wissen(%s, %s, %s::jsonb)",
            [persoon.pk, persoon.uuid, json.dumps(historie)],
        )
    modellen = [m for m, ids in vondst.eigen.items() if ids]
    # Rows that only refer to the person (a household's main person) keep existing, emptied.
    for model, wegen in persoonsmodellen().items():
        for koppeling in wegen:
            if koppeling.remote_field.on_delete is not models.SET_NULL:
                continue
            doel = vondst.eigen.get(koppeling.related_model)
            rijen = model._base_manager.filter(**{f"{koppeling.attname}__in": doel or ()})
            rijen = rijen.exclude(pk__in=vondst.eigen.get(model, ()))
            if doel and rijen.exists():
                rijen.update(**{koppeling.attname: None})
    # The rows go without new history lines (which would keep what is being removed), and
    # past the guards that keep a fixed PIP version from being deleted in normal work. Plain
    # DELETE statements: every row that refers to them is gone or emptied above, and foreign
    # keys are checked at commit.
    triggers = [
        f"{model._meta.label}:{trigger.name}"
        for model, trigger in pgtrigger.registered()
        if model in modellen
    ]
    with pgtrigger.ignore(*triggers), connection.cursor() as cursor:
        for model in _verwijdervolgorde(modellen):
            cursor.execute(
                f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)} "  # noqa: S608
                f"WHERE {connection.ops.quote_name(model._meta.pk.column)} = ANY(%s)",
                [sorted(vondst.eigen[model])],
            )
    transaction.on_commit(lambda: [opslag.delete(naam) for opslag, naam in bestanden])


def bewaartermijnen_toepassen(*, peildatum: datetime.date | None = None) -> list[Verwijderverslag]:
    """Purge every closed dossier past its gemeente's retention period; one report for each
    batch. Gemeenten without a period are skipped."""
    peildatum = peildatum or timezone.localdate()
    verslagen = []
    for gemeente in Gemeente.objects.filter(bewaartermijn_jaren__isnull=False).order_by("pk"):
        while True:
            with transaction.atomic():
                personen = list(
                    te_wissen(gemeente=gemeente, peildatum=peildatum)
                    .select_for_update(of=("self",))
                    .select_related("gemeente")[:PER_KEER]
                )
                if not personen:
                    break
                pseudoniemen = [pseudoniem(p) for p in personen]
                for persoon in personen:
                    persoon_wissen(persoon=persoon)
                verslag = Verwijderverslag.objects.create(
                    gemeente=gemeente,
                    aantal_personen=len(personen),
                    bewaartermijn_jaren=gemeente.bewaartermijn_jaren,
                    selectielijst_categorie=gemeente.selectielijst_categorie,
                    pseudoniemen=pseudoniemen,
                )
            logger.info(
                "bewaartermijn verstreken: %s dossiers van gemeente %s verwijderd (verslag %s)",
                verslag.aantal_personen,
                gemeente.pk,
                verslag.pk,
            )
            verslagen.append(verslag)
    return verslagen
