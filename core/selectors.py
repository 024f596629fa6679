import datetime
import json
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db import models
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format, number_format
from django.utils.functional import cached_property
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


# Up to this many rows a list counts them; above it the list says "meer dan 10.000" and takes
# the number of pages from the database's estimate, so no page waits for a count of 100,000.
TEL_TOT = 10_000


class GroteLijstPaginator(Paginator):
    """Counts at most TEL_TOT + 1 rows; `geschat` says there are more, how many unknown.

    A large list (`via_ids`) asks the planner first: when it expects far more rows (the whole
    caseload of a region), nothing is counted at all.
    """

    geschat = False

    def __init__(self, *args, via_ids: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.via_ids = via_ids

    def validate_number(self, number) -> int:
        """An estimated list has no known last page: any page from 1 on may be asked."""
        if self.count and self.geschat:
            try:
                nummer = int(number)
            except (TypeError, ValueError) as fout:
                raise PageNotAnInteger(_("That page number is not an integer")) from fout
            if nummer < 1:
                raise EmptyPage(_("That page number is less than 1"))
            return nummer
        return super().validate_number(number)

    def page(self, number) -> Page:
        """A page of the list. With `via_ids` it is found in two steps: the ids of its rows
        in the list's order, then those rows. The first step can be read from an index alone,
        so page 2,000 costs about what page 1 does instead of fetching the 50,000 rows before
        it. An estimated count never cuts a page short: what a page holds corrects it."""
        if not isinstance(self.object_list, models.QuerySet):
            return super().page(number)
        number = self.validate_number(number)
        onder = (number - 1) * self.per_page
        boven = onder + self.per_page
        if not self.geschat:
            boven = min(boven, self.count)
        if self.via_ids:
            ids = list(self.object_list.values_list("pk", flat=True)[onder:boven])
            per_id = {rij.pk: rij for rij in self.object_list.order_by().filter(pk__in=ids)}
            rijen = [per_id[i] for i in ids if i in per_id]
        else:
            rijen = list(self.object_list[onder:boven])
        if self.geschat:
            # The estimate only says "more than 10,000". The pages offered are those known to
            # hold rows: up to this one and, when it is full, the next. A page that is not
            # full is the end, and makes the count exact.
            echt = onder + len(rijen)
            if len(rijen) == boven - onder:
                self.__dict__["count"] = echt + 1
            elif rijen:
                self.__dict__["count"], self.geschat = echt, False
            else:
                self.__dict__["count"] = echt
            self.__dict__.pop("num_pages", None)
        return self._get_page(rijen, number, self)

    @cached_property
    def count(self) -> int:
        if not isinstance(self.object_list, models.QuerySet):
            return super().count
        rijen = self.object_list.order_by()
        if self.via_ids:
            # The large lists ask the planner first: a whole region's caseload is not counted.
            plan = json.loads(rijen.explain(format="json"))
            if int(plan[0]["Plan"]["Plan Rows"]) > 5 * TEL_TOT:
                self.geschat = True
                return TEL_TOT + 1
        geteld = rijen[: TEL_TOT + 1].count()
        if geteld > TEL_TOT:
            self.geschat = True
        return geteld

    @property
    def aantal_tekst(self) -> str:
        """The count as a list says it: "meer dan 10.000" when it is an estimate."""
        if self.count and self.geschat:
            return _("Meer dan %s") % number_format(TEL_TOT, force_grouping=True)
        return number_format(self.count, force_grouping=True)


def pagina_kiezen(rijen, *, nummer, per_pagina: int, via_ids: bool = False) -> Page:
    """The asked page of a list. Whatever else arrives as a page number (text, 0, a number past
    the end, a NUL byte) gives the first or the last page, never an error. `via_ids`: see
    `GroteLijstPaginator.page`."""
    paginator = GroteLijstPaginator(rijen, per_pagina, via_ids=via_ids)
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
    rows = Toegangslog.objects.visible_to(user).select_related("gebruiker", "persoon")
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
