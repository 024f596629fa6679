"""Reads for functioneel beheer: which accounts, requests and gemeenten a beheerder manages.

A beheerder manages the accounts of their own gemeenten, and accounts that belong to no
gemeente at all (a new account, a partnermedewerker). Superusers are never managed here: they
are made with `createsuperuser` and kept in the Django admin."""

from dataclasses import dataclass

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from . import scope
from .constants import AanvraagSoort, AanvraagStatus, Rol
from .models import Beveiligingsgebeurtenis, GemeenteLidmaatschap, Rechtenaanvraag, User
from .scope import Doel


def beheer_gemeenten(*, user) -> models.QuerySet:
    """The gemeenten a beheerder's own account belongs to."""
    return scope.gemeenten(user, Doel.BEHEER)


def beheerbare_gemeenten(*, user) -> models.QuerySet:
    """Gemeenten this beheerder may edit or grant to someone: their own and new ones."""
    return scope.gemeenten(user, Doel.TOEKENNEN)


def toegekende_gemeenten(*, gebruiker: User) -> models.QuerySet:
    """The gemeenten granted to an account, as its beheer page lists them."""
    return gebruiker.gemeenten.order_by("naam")


def beheerbare_gebruikers(*, user) -> models.QuerySet[User]:
    if not (user.is_authenticated and user.is_functioneel_beheerder):
        return User.objects.none()
    gedeeld = GemeenteLidmaatschap.objects.filter(
        user=OuterRef("pk"), gemeente__in=beheer_gemeenten(user=user)
    )
    enige = GemeenteLidmaatschap.objects.filter(user=OuterRef("pk"))
    return User.objects.filter(is_superuser=False).filter(Exists(gedeeld) | ~Exists(enige))


def gebruiker_ophalen(*, user, pk: int) -> User:
    """The account if this beheerder manages it; `User.DoesNotExist` otherwise (a 404)."""
    return beheerbare_gebruikers(user=user).select_related("partner").get(pk=pk)


def gebruikers_lijst(
    *, user, zoek: str = "", rol: str = "", actief: str = ""
) -> models.QuerySet[User]:
    """The beheer list of accounts, with their gemeenten in one extra query."""
    rijen = beheerbare_gebruikers(user=user).select_related("partner")
    if zoek:
        for woord in zoek.split():
            rijen = rijen.filter(
                Q(username__icontains=woord)
                | Q(first_name__icontains=woord)
                | Q(last_name__icontains=woord)
                | Q(email__icontains=woord)
            )
    if rol:
        rijen = rijen.filter(rol=rol)
    if actief:
        rijen = rijen.filter(is_active=actief == "ja")
    return rijen.prefetch_related("gemeenten").order_by("first_name", "last_name", "username")


def rechtenaanvragen_voor(*, user, status: str = "") -> models.QuerySet[Rechtenaanvraag]:
    """Requests about the accounts this beheerder manages, open ones first."""
    rijen = Rechtenaanvraag.objects.filter(
        gebruiker__in=beheerbare_gebruikers(user=user)
    ).select_related("gebruiker", "gemeente", "aangevraagd_door", "beoordeeld_door")
    if status:
        rijen = rijen.filter(status=status)
    return rijen.order_by(
        models.Case(models.When(status=AanvraagStatus.OPEN, then=0), default=1),
        "-aangevraagd_op",
        "-pk",
    )


def rechtenaanvraag_ophalen(*, user, pk: int) -> Rechtenaanvraag:
    """A request about an account this beheerder manages; DoesNotExist otherwise."""
    return rechtenaanvragen_voor(user=user).get(pk=pk)


def beoordelen_geweigerd(*, aanvraag: Rechtenaanvraag, user) -> str:
    """Why this beheerder may not approve or reject this request ("" when they may)."""
    if aanvraag.status != AanvraagStatus.OPEN:
        return _("Deze aanvraag is al beoordeeld.")
    if not user.is_functioneel_beheerder:
        return _("Alleen een functioneel beheerder beoordeelt aanvragen.")
    if aanvraag.aangevraagd_door_id == user.pk:
        return _("Een tweede functioneel beheerder beoordeelt deze aanvraag, niet de aanvrager.")
    if aanvraag.gebruiker_id == user.pk:
        return _("Niemand beoordeelt een aanvraag voor de eigen rechten.")
    if not beheerbare_gebruikers(user=user).filter(pk=aanvraag.gebruiker_id).exists():
        return _("Deze gebruiker valt buiten uw gemeenten.")
    if (
        aanvraag.soort == AanvraagSoort.GEMEENTE_TOEVOEGEN
        and not beheerbare_gemeenten(user=user).filter(pk=aanvraag.gemeente_id).exists()
    ):
        return _("U kunt alleen een gemeente toekennen waarvoor u zelf werkt.")
    return ""


@dataclass
class GebruikerActies:
    deactiveren: bool
    heractiveren: bool
    rechten_aanvragen: bool


def gebruiker_acties(*, gebruiker: User, user) -> GebruikerActies:
    """What the beheer page offers for this account: nothing that touches one's own rights."""
    zelf = gebruiker.pk == user.pk
    return GebruikerActies(
        deactiveren=gebruiker.is_active and not zelf,
        heractiveren=not gebruiker.is_active and not zelf,
        rechten_aanvragen=not zelf and gebruiker.rol != Rol.PARTNER_MEDEWERKER,
    )


def beveiligingslog_zoeken(
    *, user: User, soort: str = "", gebruiker: User | None = None
) -> models.QuerySet[Beveiligingsgebeurtenis]:
    """The security log, for functioneel beheer only, newest first."""
    if not (user.is_authenticated and user.is_functioneel_beheerder):
        return Beveiligingsgebeurtenis.objects.none()
    rijen = Beveiligingsgebeurtenis.objects.select_related("user")
    if soort:
        rijen = rijen.filter(soort=soort)
    if gebruiker:
        rijen = rijen.filter(user=gebruiker)
    return rijen
