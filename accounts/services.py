"""Writes of functioneel beheer on accounts. Nobody raises their own rights: a role or a gemeente
is asked by one beheerder and applied when a second approves (`Rechtenaanvraag`); the staff
and superuser flags are never written here at all. Every change is kept by pghistory with the
beheerder who made it. Also the writes around logging in: the security log and the sessions
of a user."""

import re
from importlib import import_module

import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .constants import AanvraagSoort, AanvraagStatus, Gebeurtenis, Rol
from .models import Beveiligingsgebeurtenis, GemeenteLidmaatschap, Rechtenaanvraag, Sessie, User
from .selectors import beheerbare_gebruikers, beheerbare_gemeenten, beoordelen_geweigerd


def _eist_beheerder(door: User) -> None:
    if not door.is_functioneel_beheerder:
        raise ValidationError(_("Alleen functioneel beheer beheert gebruikers."))


def _eist_beheerbaar(door: User, gebruiker: User) -> None:
    _eist_beheerder(door)
    if not beheerbare_gebruikers(user=door).filter(pk=gebruiker.pk).exists():
        raise ValidationError(_("Deze gebruiker valt buiten uw gemeenten."))


def _eist_ander(door: User, gebruiker: User, melding: str) -> None:
    if door.pk == gebruiker.pk:
        raise ValidationError(melding)


def _partner_bij_rol(rol: str, partner) -> None:
    if rol == Rol.PARTNER_MEDEWERKER and partner is None:
        raise ValidationError({"partner": _("Kies de partner waarvoor deze medewerker werkt.")})
    if rol != Rol.PARTNER_MEDEWERKER and partner is not None:
        raise ValidationError({"partner": _("Alleen een partnermedewerker hoort bij een partner.")})


def _email_vrij(email: str, *, behalve: User | None = None) -> None:
    """An e-mail address belongs to one account: a password reset is sent there and single
    sign-on matches on it."""
    if not email:
        return
    anderen = User.objects.filter(email__iexact=email)
    if behalve is not None:
        anderen = anderen.exclude(pk=behalve.pk)
    if anderen.exists():
        raise ValidationError(
            {"email": _("Dit e-mailadres hoort al bij een ander account; kies een ander adres.")}
        )


@transaction.atomic
def gebruiker_aanmaken(
    *,
    door: User,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    telefoon: str = "",
    rol: str,
    partner=None,
) -> User:
    """A new account without gemeenten and without a password: the user sets one through
    'wachtwoord vergeten'. Dossiers come only with a gemeente, and that needs a second
    beheerder's approval. So does any role above regisseur: the account starts as regisseur
    and the chosen role waits as a request for a second beheerder (otherwise one beheerder
    could make a second beheerder account and approve their own requests with it)."""
    _eist_beheerder(door)
    _partner_bij_rol(rol, partner)
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("Deze gebruikersnaam bestaat al.")})
    _email_vrij(email)
    gevraagde_rol = rol
    if rol != Rol.PARTNER_MEDEWERKER:
        rol = Rol.REGISSEUR
    gebruiker = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        telefoon=telefoon,
        rol=rol,
        partner=partner,
        is_staff=False,
        is_superuser=False,
    )
    gebruiker.set_unusable_password()
    gebruiker.full_clean()
    with pghistory.context(user=door.pk):
        gebruiker.save()
    if gevraagde_rol != rol:
        rol_aanvragen(
            gebruiker=gebruiker,
            door=door,
            nieuwe_rol=gevraagde_rol,
            reden=_("Rol gekozen bij het aanmaken van het account."),
        )
    return gebruiker


@transaction.atomic
def gebruiker_wijzigen(
    *,
    gebruiker: User,
    door: User,
    first_name: str,
    last_name: str,
    email: str,
    telefoon: str = "",
) -> User:
    """Name and contact details only. Once an account has been used, its e-mail address is
    the key to it (a password reset is sent there; single sign-on matches on it), so another
    beheerder no longer changes it: a typo is fixed before the first login."""
    _eist_beheerbaar(door, gebruiker)
    gebruiker = User.objects.select_for_update().get(pk=gebruiker.pk)
    if (
        gebruiker.pk != door.pk
        and gebruiker.last_login is not None
        and email.lower() != gebruiker.email.lower()
    ):
        raise ValidationError(
            {
                "email": _(
                    "Deze gebruiker heeft al ingelogd; het e-mailadres van dit account wijzigt "
                    "u niet meer. Vraag technisch beheer om dat te doen."
                )
            }
        )
    _email_vrij(email, behalve=gebruiker)
    gebruiker.first_name, gebruiker.last_name = first_name, last_name
    gebruiker.email, gebruiker.telefoon = email, telefoon
    gebruiker.full_clean()
    with pghistory.context(user=door.pk):
        gebruiker.save(update_fields=["first_name", "last_name", "email", "telefoon"])
    return gebruiker


@transaction.atomic
def gebruiker_deactiveren(*, gebruiker: User, door: User) -> User:
    _eist_beheerbaar(door, gebruiker)
    _eist_ander(door, gebruiker, _("U kunt uw eigen account niet deactiveren."))
    gebruiker = User.objects.select_for_update().get(pk=gebruiker.pk)
    gebruiker.is_active = False
    with pghistory.context(user=door.pk):
        gebruiker.save(update_fields=["is_active"])
    return gebruiker


@transaction.atomic
def gebruiker_heractiveren(*, gebruiker: User, door: User) -> User:
    """The account gets back the role and gemeenten it had, each once approved."""
    _eist_beheerbaar(door, gebruiker)
    _eist_ander(door, gebruiker, _("U kunt uw eigen account niet heractiveren."))
    gebruiker = User.objects.select_for_update().get(pk=gebruiker.pk)
    gebruiker.is_active = True
    with pghistory.context(user=door.pk):
        gebruiker.save(update_fields=["is_active"])
    return gebruiker


def _aanvraag_opslaan(aanvraag: Rechtenaanvraag, door: User) -> Rechtenaanvraag:
    aanvraag.full_clean()
    try:
        with transaction.atomic(), pghistory.context(user=door.pk):
            aanvraag.save()
    except IntegrityError:
        raise ValidationError(_("Voor deze wijziging staat al een aanvraag open.")) from None
    return aanvraag


@transaction.atomic
def rol_aanvragen(*, gebruiker: User, door: User, nieuwe_rol: str, reden: str) -> Rechtenaanvraag:
    _eist_beheerbaar(door, gebruiker)
    _eist_ander(door, gebruiker, _("Niemand vraagt een andere rol aan voor zichzelf."))
    if nieuwe_rol not in Rol.values:
        raise ValidationError({"nieuwe_rol": _("Kies een rol uit de lijst.")})
    if Rol.PARTNER_MEDEWERKER in (gebruiker.rol, nieuwe_rol):
        # A partner's account and a gemeente's account are different people's accounts.
        raise ValidationError(
            {
                "nieuwe_rol": _(
                    "Een partnermedewerker krijgt geen gemeentelijke rol en omgekeerd; "
                    "maak een nieuw account aan."
                )
            }
        )
    if nieuwe_rol == gebruiker.rol:
        raise ValidationError({"nieuwe_rol": _("Deze gebruiker heeft deze rol al.")})
    return _aanvraag_opslaan(
        Rechtenaanvraag(
            gebruiker=gebruiker,
            soort=AanvraagSoort.ROL,
            nieuwe_rol=nieuwe_rol,
            reden=reden,
            aangevraagd_door=door,
        ),
        door,
    )


@transaction.atomic
def gemeente_aanvragen(*, gebruiker: User, door: User, gemeente, reden: str) -> Rechtenaanvraag:
    _eist_beheerbaar(door, gebruiker)
    _eist_ander(door, gebruiker, _("Niemand vraagt een gemeente aan voor zichzelf."))
    if gebruiker.rol == Rol.PARTNER_MEDEWERKER:
        raise ValidationError(
            {"gemeente": _("Een partnermedewerker werkt voor een partner, niet voor een gemeente.")}
        )
    if not beheerbare_gemeenten(user=door).filter(pk=gemeente.pk).exists():
        raise ValidationError(
            {"gemeente": _("U kunt alleen een gemeente toekennen waarvoor u zelf werkt.")}
        )
    if gebruiker.gemeenten.filter(pk=gemeente.pk).exists():
        raise ValidationError({"gemeente": _("Deze gebruiker werkt al voor deze gemeente.")})
    return _aanvraag_opslaan(
        Rechtenaanvraag(
            gebruiker=gebruiker,
            soort=AanvraagSoort.GEMEENTE_TOEVOEGEN,
            gemeente=gemeente,
            reden=reden,
            aangevraagd_door=door,
        ),
        door,
    )


def _beoordeling_vastleggen(
    aanvraag: Rechtenaanvraag, door: User, status: str, toelichting: str
) -> Rechtenaanvraag:
    aanvraag.status = status
    aanvraag.beoordeeld_door = door
    aanvraag.beoordeeld_op = timezone.now()
    aanvraag.toelichting = toelichting
    aanvraag.save(update_fields=["status", "beoordeeld_door", "beoordeeld_op", "toelichting"])
    return aanvraag


def _open_aanvraag(aanvraag: Rechtenaanvraag, door: User) -> Rechtenaanvraag:
    aanvraag = Rechtenaanvraag.objects.select_for_update().get(pk=aanvraag.pk)
    geweigerd = beoordelen_geweigerd(aanvraag=aanvraag, user=door)
    if geweigerd:
        raise ValidationError(geweigerd)
    return aanvraag


@transaction.atomic
def rechtenaanvraag_goedkeuren(
    *, aanvraag: Rechtenaanvraag, door: User, toelichting: str = ""
) -> Rechtenaanvraag:
    """The second beheerder's yes: the change is made now, in the same transaction."""
    aanvraag = _open_aanvraag(aanvraag, door)
    gebruiker = User.objects.select_for_update().get(pk=aanvraag.gebruiker_id)
    with pghistory.context(user=door.pk, rechtenaanvraag=aanvraag.pk):
        if aanvraag.soort == AanvraagSoort.ROL:
            if Rol.PARTNER_MEDEWERKER in (gebruiker.rol, aanvraag.nieuwe_rol):
                raise ValidationError(_("Een partnermedewerker krijgt geen gemeentelijke rol."))
            gebruiker.rol = aanvraag.nieuwe_rol
            gebruiker.save(update_fields=["rol"])
        else:
            GemeenteLidmaatschap.objects.get_or_create(
                user=gebruiker, gemeente_id=aanvraag.gemeente_id
            )
        return _beoordeling_vastleggen(aanvraag, door, AanvraagStatus.GOEDGEKEURD, toelichting)


@transaction.atomic
def rechtenaanvraag_afwijzen(
    *, aanvraag: Rechtenaanvraag, door: User, toelichting: str
) -> Rechtenaanvraag:
    aanvraag = _open_aanvraag(aanvraag, door)
    if not toelichting.strip():
        raise ValidationError({"toelichting": _("Schrijf waarom de aanvraag wordt afgewezen.")})
    with pghistory.context(user=door.pk, rechtenaanvraag=aanvraag.pk):
        return _beoordeling_vastleggen(aanvraag, door, AanvraagStatus.AFGEWEZEN, toelichting)


@transaction.atomic
def gemeente_intrekken(*, gebruiker: User, door: User, gemeente) -> None:
    """Fewer rights need no second pair of eyes: the gemeente is taken away at once (and
    kept in the history). Only a gemeente the beheerder works for; never one's own."""
    _eist_beheerbaar(door, gebruiker)
    _eist_ander(door, gebruiker, _("Niemand wijzigt de eigen gemeenten."))
    if not beheerbare_gemeenten(user=door).filter(pk=gemeente.pk).exists():
        raise ValidationError(_("U kunt alleen een gemeente intrekken waarvoor u zelf werkt."))
    with pghistory.context(user=door.pk):
        GemeenteLidmaatschap.objects.filter(user=gebruiker, gemeente=gemeente).delete()


# Control characters and invisible direction marks; a log line shows what is readable only.
_STUURTEKENS = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")
GEBRUIKERSNAAM_MAX = 150
USER_AGENT_MAX = 300


def _ingekort(tekst: str, lengte: int) -> str:
    """Typed text as it may be stored: control characters out, no longer than the column."""
    return _STUURTEKENS.sub("", str(tekst or ""))[:lengte]


def _client_ip(request) -> str | None:
    if request is None:
        return None
    from allauth.account.adapter import get_adapter

    try:
        return get_adapter(request).get_client_ip(request) or None
    except Exception:  # an unusable proxy header must not stop a login or its record
        return request.META.get("REMOTE_ADDR") or None


def gebeurtenis_vastleggen(
    *,
    soort: Gebeurtenis,
    request=None,
    user: User | None = None,
    gebruikersnaam: str = "",
    toelichting: str = "",
) -> Beveiligingsgebeurtenis:
    """Write one row of the security log."""
    if user is not None and not getattr(user, "pk", None):
        user = None
    meta = request.META if request is not None else {}
    return Beveiligingsgebeurtenis.objects.create(
        soort=soort,
        user=user,
        ingevoerde_gebruikersnaam=_ingekort(gebruikersnaam, GEBRUIKERSNAAM_MAX),
        ip=_client_ip(request),
        user_agent=_ingekort(meta.get("HTTP_USER_AGENT", ""), USER_AGENT_MAX),
        toelichting=_ingekort(toelichting, 200),
    )


def sessie_registreren(*, request, user: User) -> None:
    """Remember the session of a fresh login, so that it can be ended from elsewhere."""
    session = getattr(request, "session", None)
    if session is None:
        return
    if not session.session_key:
        session.save()
    Sessie.objects.update_or_create(session_key=session.session_key, defaults={"user": user})


@transaction.atomic
def sessies_beeindigen(*, user: User, request=None) -> int:
    """End every session of `user` on every device at once. Returns how many were ended."""
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    sleutels = list(
        Sessie.objects.select_for_update().filter(user=user).values_list("session_key", flat=True)
    )
    for sleutel in sleutels:
        store.delete(sleutel)
    Sessie.objects.filter(user=user).delete()
    if sleutels:
        gebeurtenis_vastleggen(
            soort=Gebeurtenis.SESSIES_BEEINDIGD,
            request=request,
            user=user,
            toelichting=f"{len(sleutels)} sessie(s)",
        )
    return len(sleutels)
