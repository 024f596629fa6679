"""Inzage (AVG art. 15): everything Koers holds about one person, as JSON for machines, as a
PDF for people, and the person's files, in one ZIP that only functioneel beheer of the
person's gemeente can download."""

import io
import json
import zipfile
from collections.abc import Callable
from pathlib import PurePosixPath

import pghistory
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.scope import Doel, mag
from core.models import Toegangslog
from core.pdf import html_naar_pdf
from core.selectors import waarde_tonen

from ..models import Inzage, InzageStatus, Persoon
from .graaf import rijen_van_persoon

# The access log has a section of its own (who looked, also refused attempts).
_EIGEN_ONDERDEEL = {Toegangslog}


def _waarde(veld, obj):
    waarde = veld.value_from_object(obj)
    if isinstance(veld, models.FileField):
        return waarde.name or ""
    return waarde


def _rij(model, obj, lookups) -> dict:
    return {
        "id": obj.pk,
        "velden": {veld.name: _waarde(veld, obj) for veld in model._meta.concrete_fields},
        "leesbaar": [
            {
                "veld": str(veld.verbose_name),
                "waarde": waarde_tonen(
                    veld, json.loads(json.dumps(_waarde(veld, obj), cls=DjangoJSONEncoder)), lookups
                ),
            }
            for veld in model._meta.concrete_fields
        ],
    }


def _labels(modellen_en_rijen) -> dict:
    """Labels of every related row, one query per related model."""
    wanted: dict = {}
    for model, rijen in modellen_en_rijen:
        for obj in rijen:
            for veld in model._meta.concrete_fields:
                if veld.is_relation and veld.value_from_object(obj) is not None:
                    wanted.setdefault(veld.related_model, set()).add(veld.value_from_object(obj))
    return {
        related: {o.pk: str(o) for o in related._base_manager.filter(pk__in=pks)}
        for related, pks in wanted.items()
    }


def inzage_gegevens(persoon: Persoon, *, voortgang: Callable[[int], None] = lambda p: None):
    """Everything about `persoon` as plain data: the rows of every model that refers to them,
    the history of those rows, who opened the dossier, and which files there are."""
    vondst = rijen_van_persoon(persoon)
    modellen = [m for m in vondst.rijen if m not in _EIGEN_ONDERDEEL and vondst.rijen[m]]
    onderdelen, bestanden = [], []
    geladen = []
    for model in modellen:
        rijen = list(model._base_manager.filter(pk__in=vondst.rijen[model]).order_by("pk"))
        geladen.append((model, rijen))
    voortgang(20)
    lookups = _labels(geladen)
    for model, rijen in geladen:
        onderdelen.append(
            {
                "model": model._meta.label,
                "naam": str(model._meta.verbose_name_plural),
                "rijen": [_rij(model, obj, lookups) for obj in rijen],
            }
        )
        for obj in rijen:
            for veld in model._meta.concrete_fields:
                if isinstance(veld, models.FileField) and getattr(obj, veld.attname):
                    bestanden.append((model, obj, veld))
    voortgang(40)
    historie = []
    for event_model, ids in vondst.historie.items():
        for event in (
            event_model.objects.filter(pgh_id__in=ids)
            .select_related("pgh_context")
            .order_by("pgh_created_at", "pgh_id")
        ):
            historie.append(
                {
                    "model": event_model.pgh_tracked_model._meta.label,
                    "onderwerp": str(event_model.pgh_tracked_model._meta.verbose_name),
                    "actie": event.pgh_label,
                    "moment": event.pgh_created_at,
                    "rij": event.pgh_obj_id,
                    "gegevens": {
                        f.name: _waarde(f, event)
                        for f in event_model._meta.concrete_fields
                        if not f.name.startswith("pgh_")
                    },
                    "context": _context(event),
                }
            )
    historie.sort(key=lambda r: (r["moment"], r["model"]))
    voortgang(60)
    toegang = [
        {
            "moment": regel.moment,
            "gebruiker": str(regel.gebruiker),
            "pagina": regel.pad,
            "toegestaan": regel.toegestaan,
        }
        for regel in toegangslog_van_persoon(persoon)
    ]
    return {
        "persoon": {
            "id": str(persoon.uuid),
            "naam": persoon.naam,
            "gemeente": str(persoon.gemeente),
        },
        "gemaakt_op": timezone.now(),
        "gegevens": onderdelen,
        "historie": historie,
        "toegangslog": toegang,
        "bestanden": [_bestandsnaam(m, o, v) for m, o, v in bestanden],
    }, bestanden


def _context(event) -> dict:
    context = getattr(event, "pgh_context", None)
    if context is None:
        return {}
    return {k: v for k, v in (context.metadata or {}).items() if k in ("user", "url")}


def _bestandsnaam(model, obj, veld) -> str:
    naam = PurePosixPath(getattr(obj, veld.attname).name).name
    return f"bestanden/{model._meta.label_lower}/{obj.pk}-{veld.name}-{naam}"


def toegangslog_van_persoon(persoon: Persoon) -> models.QuerySet[Toegangslog]:
    """Who opened (or tried to open) this person's dossier, newest first."""
    return (
        Toegangslog.objects.filter(models.Q(persoon=persoon) | models.Q(persoon_uuid=persoon.uuid))
        .select_related("gebruiker")
        .order_by("-moment", "-id")
    )


def _pdf(gegevens: dict) -> bytes:
    from django.conf import settings

    return html_naar_pdf(
        "statushouders/avg_inzage_pdf.html",
        {"inzage": gegevens, "logo": settings.KOERS_PDF_LOGO},
    )


@transaction.atomic
def inzage_aanvragen(*, persoon: Persoon, door) -> Inzage:
    """Start an export of everything about `persoon`; the job makes it in the background."""
    if not (mag(door, persoon.gemeente_id, Doel.BEHEER)):
        raise ValidationError(_("Alleen functioneel beheer van de gemeente van deze persoon."))
    if persoon.inzagen.filter(status__in=[InzageStatus.WACHT, InzageStatus.BEZIG]).exists():
        raise ValidationError(_("Er wordt al een inzage gemaakt; wacht tot die klaar is."))
    with pghistory.context(user=door.pk):
        inzage = Inzage.objects.create(persoon=persoon, aangevraagd_door=door)
    from ..tasks import inzage_maken

    transaction.on_commit(lambda: inzage_maken.delay(inzage.pk))
    return inzage


def inzage_maken(*, inzage_id: int) -> Inzage | None:
    """Collect, render and store the export; safe to run twice (a finished one stays)."""
    with transaction.atomic():
        inzage = Inzage.objects.select_for_update().filter(pk=inzage_id).first()
        if inzage is None or inzage.status == InzageStatus.KLAAR:
            return inzage
        inzage.status, inzage.voortgang = InzageStatus.BEZIG, 5
        inzage.save(update_fields=["status", "voortgang"])

    def voortgang(procent: int) -> None:
        # Committed at once (outside the export's reading), so the page shows it while waiting.
        Inzage.objects.filter(pk=inzage_id).update(voortgang=procent)

    persoon = Persoon.objects.select_related("gemeente").get(pk=inzage.persoon_id)
    gegevens, bestanden = inzage_gegevens(persoon, voortgang=voortgang)
    pdf = _pdf(gegevens)
    voortgang(85)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zip_:
        zip_.writestr(
            "inzage.json", json.dumps(gegevens, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        )
        zip_.writestr("inzage.pdf", pdf)
        for model, obj, veld in bestanden:
            bestand = getattr(obj, veld.attname)
            try:
                with bestand.open("rb") as f:
                    zip_.writestr(_bestandsnaam(model, obj, veld), f.read())
            except FileNotFoundError:
                zip_.writestr(_bestandsnaam(model, obj, veld) + ".ontbreekt.txt", "")
    with transaction.atomic():
        inzage = Inzage.objects.select_for_update().get(pk=inzage_id)
        inzage.bestand.save(f"{inzage.uuid}.zip", ContentFile(buffer.getvalue()), save=False)
        inzage.status, inzage.voortgang, inzage.klaar_op = InzageStatus.KLAAR, 100, timezone.now()
        inzage.save(update_fields=["bestand", "status", "voortgang", "klaar_op"])
    return inzage


def inzage_mislukt(*, inzage_id: int) -> None:
    Inzage.objects.filter(pk=inzage_id).exclude(status=InzageStatus.KLAAR).update(
        status=InzageStatus.MISLUKT
    )
