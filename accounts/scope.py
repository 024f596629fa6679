"""Which gemeenten a user may act on, and for what: the one place this rule lives.

Every `visible_to(user)` of a person- or gemeente-owned model, every selector that narrows to
a user's gemeenten and every service that checks one asks here, so a change of the rule (a
new role, say) is made once. The gemeente model is reached through the user's own membership
field: `accounts` sits below `statushouders` and does not import it.
"""

import enum

from django.db import models
from django.db.models import Exists, OuterRef

from .models import GemeenteLidmaatschap, User


class Doel(enum.StrEnum):
    """What the user wants to do in a gemeente."""

    # Open and change person dossiers, the worklists, payments: regisseur and teamleider.
    DOSSIER = "dossier"
    # The figures on the dashboard and the quarterly report: teamleider and functioneel beheer.
    RAPPORTAGE = "rapportage"
    # What a teamleider follows for the team (the CBS deliveries on the team worklist).
    TEAM = "team"
    # Configure the gemeente (retention, taakstelling, CBS delivery, ontzorging settings, AVG
    # requests, accounts): functioneel beheer of that gemeente.
    BEHEER = "beheer"
    # Grant a gemeente to an account or edit it: functioneel beheer of it, or of a new
    # gemeente that nobody works for yet and that holds no dossiers.
    TOEKENNEN = "toekennen"


def gemeente_model() -> type[models.Model]:
    return User._meta.get_field("gemeenten").related_model


def _eigen(user) -> Exists:
    return Exists(GemeenteLidmaatschap.objects.filter(gemeente=OuterRef("pk"), user=user.pk))


def gemeenten(user, doel: Doel) -> models.QuerySet:
    """The gemeenten `user` may act on for `doel`; none for an anonymous or inactive user."""
    Gemeente = gemeente_model()
    if not (user is not None and user.is_authenticated and user.is_active):
        return Gemeente.objects.none()
    if doel == Doel.DOSSIER and user.werkt_in_dossiers:
        return Gemeente.objects.filter(_eigen(user))
    if doel == Doel.RAPPORTAGE and (user.is_teamleider or user.is_functioneel_beheerder):
        return Gemeente.objects.filter(_eigen(user))
    if doel == Doel.TEAM and user.is_teamleider:
        return Gemeente.objects.filter(_eigen(user))
    if doel == Doel.BEHEER and user.is_functioneel_beheerder:
        return Gemeente.objects.filter(_eigen(user))
    if doel == Doel.TOEKENNEN and user.is_functioneel_beheerder:
        leden = GemeenteLidmaatschap.objects.filter(gemeente=OuterRef("pk"))
        Persoon = Gemeente._meta.get_field("personen").related_model
        dossiers = Persoon.objects.filter(gemeente=OuterRef("pk"))
        return Gemeente.objects.filter(_eigen(user) | (~Exists(leden) & ~Exists(dossiers)))
    return Gemeente.objects.none()


def mag(user, gemeente, doel: Doel) -> bool:
    """Whether `user` may act on this one gemeente (an object or its pk) for `doel`."""
    if gemeente is None:
        return False
    pk = getattr(gemeente, "pk", gemeente)
    return gemeenten(user, doel).filter(pk=pk).exists()
