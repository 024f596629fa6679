import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db import models
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from pghistory.models import Events

from core.models import Toegangslog
from core.zoeken import persoon_zoekvoorwaarde

# Bookkeeping columns that say nothing to a reader of the history.
_TECHNISCHE_VELDEN = {"id", "uuid", "created_at", "updated_at"}
_ACTIES = {
    "insert": _("aangemaakt"),
    "update": _("gewijzigd"),
    "delete": _("verwijderd"),
    "verlengd": _("verlengd"),
}


@dataclass
class Wijziging:
    veld: str
    oud: str
    nieuw: str


@dataclass
class HistorieRegel:
    moment: datetime.datetime
    door: str
    actie: str
    onderwerp: str
    is_aanmaak: bool = False
    # A snapshot (insert, or an event like "verlengd") lists values; an update shows old → new.
    momentopname: bool = False
    wijzigingen: list[Wijziging] = field(default_factory=list)


def pagina_kiezen(rijen, *, nummer, per_pagina: int) -> Page:
    """The asked page of a list. Whatever else arrives as a page number (text, 0, a number past
    the end, a NUL byte) gives the first or the last page, never an error."""
    paginator = Paginator(rijen, per_pagina)
    try:
        return paginator.page(nummer)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(1 if int(nummer) < 1 else paginator.num_pages)


def toegangslog_zoeken(
    *,
    user,
    zoek: str = "",
    gebruiker=None,
    toegang: str = "",
    persoon_uuid=None,
    van: datetime.date | None = None,
    tot: datetime.date | None = None,
) -> models.QuerySet[Toegangslog]:
    """The dossier access log, for functioneel beheer only, newest first."""
    if not (user.is_authenticated and user.is_functioneel_beheerder):
        return Toegangslog.objects.none()
    rows = Toegangslog.objects.select_related("gebruiker", "persoon")
    if toegang:
        rows = rows.filter(toegestaan=toegang == "toegestaan")
    if zoek:
        # By name or BSN as in the person list; a deleted person is found by id only.
        rows = rows.filter(persoon_zoekvoorwaarde(zoek, via="persoon__"))
    if gebruiker:
        rows = rows.filter(gebruiker=gebruiker)
    if persoon_uuid:
        rows = rows.filter(persoon_uuid=persoon_uuid)
    if van:
        rows = rows.filter(moment__date__gte=van)
    if tot:
        rows = rows.filter(moment__date__lte=tot)
    return rows


def historie_events(obj) -> models.QuerySet:
    """Every history event of `obj` and of the rows that point at it, newest first."""
    return Events.objects.references(obj).order_by("-pgh_created_at", "-pgh_id")


def historie_regels(events, *, verberg: tuple[str, ...] = ()) -> list[HistorieRegel]:
    """Turn raw history events into lines a regisseur can read: field labels, old → new.

    `verberg` names fields not worth repeating, such as the link back to the dossier itself.
    """
    events = list(events)
    user_ids = {(event.pgh_context or {}).get("user") for event in events if event.pgh_context} - {
        None
    }
    users = {u.pk: str(u) for u in get_user_model().objects.filter(pk__in=user_ids)}
    lookups = _foreign_key_lookups(events)
    regels = []
    for event in events:
        model = apps.get_model(event.pgh_obj_model)
        if event.pgh_label == "update":
            paren = event.pgh_diff or {}
        elif event.pgh_label == "delete":  # what was there, and is gone
            paren = {k: [v, None] for k, v in (event.pgh_data or {}).items()}
        else:
            paren = {k: [None, v] for k, v in (event.pgh_data or {}).items()}
        wijzigingen = [
            Wijziging(
                veld=str(veld.verbose_name),
                oud=waarde_tonen(veld, paren[veld.attname][0], lookups),
                nieuw=waarde_tonen(veld, paren[veld.attname][1], lookups),
            )
            for veld in model._meta.concrete_fields  # in the order of the form
            if veld.attname in paren
            and veld.attname not in _TECHNISCHE_VELDEN
            and veld.name not in verberg
            and (
                event.pgh_label == "update"
                or any(w not in (None, "", []) for w in paren[veld.attname])
            )
        ]
        context = event.pgh_context or {}
        regels.append(
            HistorieRegel(
                moment=event.pgh_created_at,
                door=users.get(context.get("user"), str(_("systeem"))),
                actie=str(_ACTIES.get(event.pgh_label, event.pgh_label)),
                onderwerp=str(model._meta.verbose_name),
                is_aanmaak=event.pgh_label == "insert",
                momentopname=event.pgh_label not in ("update", "delete"),
                wijzigingen=wijzigingen,
            )
        )
    return regels


def _foreign_key_lookups(events) -> dict:
    """Labels for every foreign key value in the events, one query per related model."""
    wanted: dict[type[models.Model], set] = {}
    for event in events:
        model = apps.get_model(event.pgh_obj_model)
        data, diff = event.pgh_data or {}, event.pgh_diff or {}
        for f in model._meta.concrete_fields:
            if f.is_relation:
                values = {data.get(f.attname), *diff.get(f.attname, ())} - {None}
                wanted.setdefault(f.related_model, set()).update(values)
    return {
        related: {obj.pk: str(obj) for obj in related._default_manager.filter(pk__in=pks)}
        for related, pks in wanted.items()
        if pks
    }


def waarde_tonen(veld, waarde, lookups=None) -> str:
    """A stored value as a reader sees it: choice labels, Ja/Nee, dd-mm-jjjj, related names.

    A list (an ArrayField, such as a multiple choice of options) is shown as its items'
    labels, comma-separated.
    """
    if waarde in (None, "") or waarde == []:
        return "—"
    if isinstance(waarde, list | tuple):
        onderdeel = getattr(veld, "base_field", veld)
        return ", ".join(waarde_tonen(onderdeel, w, lookups) for w in waarde)
    if veld.is_relation:
        return (lookups or {}).get(veld.related_model, {}).get(waarde, str(_("(verwijderd)")))
    if veld.choices:
        return str(dict(veld.flatchoices).get(waarde, waarde))
    if isinstance(waarde, bool):
        return str(_("Ja") if waarde else _("Nee"))
    if isinstance(veld, models.DateTimeField):
        moment = parse_datetime(str(waarde))
        return date_format(localtime(moment), "DATETIME_FORMAT") if moment else str(waarde)
    if isinstance(veld, models.DateField):
        datum = parse_date(str(waarde))
        return date_format(datum, "DATE_FORMAT") if datum else str(waarde)
    return str(waarde)
