"""Which rows of the whole database are about one person, found by walking the model graph.

Every model with a foreign key to the person, or to a row that is about the person, counts,
however many steps away (intake → gesprekken, plan → versies → …). The walk reads the models
Django knows, so a model added later is found without anyone listing it here. History events
(django-pghistory) are kept apart: they are the history of the rows found, not rows themselves.
"""

from collections import defaultdict
from dataclasses import dataclass, field

import pghistory.models
from django.apps import apps
from django.db import models
from django.db.models import Q

PERSOON = "statushouders.Persoon"


def is_historie(model) -> bool:
    return issubclass(model, pghistory.models.Event)


def _koppelingen(model) -> list[models.ForeignKey]:
    """Forward foreign keys and one-to-one fields of a model, in field order."""
    return [
        f
        for f in model._meta.concrete_fields
        if f.is_relation and (f.many_to_one or f.one_to_one) and f.related_model is not None
    ]


def persoonsmodellen() -> dict[type[models.Model], list[models.ForeignKey]]:
    """Every model whose rows can be about a person, with the foreign keys that lead there
    (directly to the person or to another such model). The person itself comes first."""
    persoon = apps.get_model(PERSOON)
    kandidaten = [
        m
        # Hidden many-to-many tables too: a link row to the person is about the person.
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy and not is_historie(m) and m is not persoon
    ]
    gevonden: dict[type[models.Model], list[models.ForeignKey]] = {persoon: []}
    veranderd = True
    while veranderd:  # until no model joins: chains of any length, in any order
        veranderd = False
        for model in kandidaten:
            wegen = [f for f in _koppelingen(model) if f.related_model in gevonden]
            if wegen and wegen != gevonden.get(model):
                gevonden[model] = wegen
                veranderd = True
    return gevonden


def historiemodellen(model) -> list[type[models.Model]]:
    """The pghistory event models that keep the history of `model`."""
    return [
        m
        for m in apps.get_models()
        if is_historie(m) and getattr(m, "pgh_tracked_model", None) is model
    ]


def is_eigen(koppeling: models.ForeignKey) -> bool:
    """A row belongs to what its key points at when it cannot exist without it (cascade or
    protect); a key that is emptied when its target goes (a household's main person, a line
    of the access log) only refers to it."""
    return koppeling.remote_field.on_delete in (models.CASCADE, models.PROTECT)


@dataclass
class Vondst:
    """Ids of every row about one person, per model, and of their history events."""

    rijen: dict[type[models.Model], set] = field(default_factory=lambda: defaultdict(set))
    eigen: dict[type[models.Model], set] = field(default_factory=lambda: defaultdict(set))
    historie: dict[type[models.Model], set] = field(default_factory=lambda: defaultdict(set))


def _voorwaarde(wegen, ids, *, alleen_eigen: bool, velden=None) -> Q | None:
    voorwaarde = None
    for koppeling in wegen:
        if alleen_eigen and not is_eigen(koppeling):
            continue
        if velden is not None and koppeling.attname not in velden:
            continue
        doel = ids.get(koppeling.related_model)
        if not doel:
            continue
        deel = Q(**{f"{koppeling.attname}__in": doel})
        voorwaarde = deel if voorwaarde is None else voorwaarde | deel
    return voorwaarde


def rijen_van_persoon(persoon) -> Vondst:
    """Every row about `persoon`: `rijen` all of them, `eigen` those that go when the person
    goes (reached through keys that cascade or protect only), and the history events of the
    rows found. Rows deleted earlier are found through their history events, which still
    carry the key that tied them to the person, so the rows under them are found too."""
    modellen = persoonsmodellen()
    persoonsmodel = apps.get_model(PERSOON)
    historie_van = {model: historiemodellen(model) for model in modellen}
    vondst = Vondst()
    vondst.rijen[persoonsmodel] = {persoon.pk}
    vondst.eigen[persoonsmodel] = {persoon.pk}
    veranderd = True
    while veranderd:
        veranderd = False
        for model, wegen in modellen.items():
            if model is persoonsmodel:
                continue
            for doelset, alleen_eigen in ((vondst.rijen, False), (vondst.eigen, True)):
                voorwaarde = _voorwaarde(wegen, doelset, alleen_eigen=alleen_eigen)
                if voorwaarde is None:
                    continue
                ids = set(model._base_manager.filter(voorwaarde).values_list("pk", flat=True))
                for historie in historie_van[model]:
                    velden = {f.attname for f in historie._meta.concrete_fields}
                    op_sleutel = _voorwaarde(
                        wegen, doelset, alleen_eigen=alleen_eigen, velden=velden
                    )
                    if op_sleutel is not None:
                        ids |= set(
                            historie.objects.filter(op_sleutel).values_list("pgh_obj_id", flat=True)
                        )
                if not ids <= doelset[model]:
                    doelset[model] |= ids
                    veranderd = True
    for model in modellen:
        for historie in historie_van[model]:
            if vondst.rijen[model]:
                vondst.historie[historie] = set(
                    historie.objects.filter(pgh_obj_id__in=vondst.rijen[model]).values_list(
                        "pgh_id", flat=True
                    )
                )
    return vondst


def historie_van_eigen_rijen(vondst: Vondst) -> dict[type[models.Model], set]:
    """The history events of the rows that go with the person (not of a household that stays)."""
    uitkomst = {}
    for historie in vondst.historie:
        eigen = vondst.eigen.get(historie.pgh_tracked_model)
        if eigen:
            uitkomst[historie] = set(
                historie.objects.filter(pgh_obj_id__in=eigen).values_list("pgh_id", flat=True)
            )
    return uitkomst
