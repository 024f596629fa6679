"""Who logged in, failed, was locked out or changed a secret goes to the security log; and a
user who loses access loses every session at once, wherever the change was made."""

import time

from allauth.account import signals as account_signals
from allauth.account.internal.flows.login import get_authentication_records
from allauth.mfa import signals as mfa_signals
from django.contrib.auth import signals as auth_signals
from django.db.models.signals import post_delete, pre_save
from django.dispatch import receiver

from .constants import Gebeurtenis
from .models import GemeenteLidmaatschap, User
from .services import gebeurtenis_vastleggen, sessie_registreren, sessies_beeindigen

# Session keys of the login moment and of the last request (seconds since the epoch).
SESSIE_INGELOGD_OP = "koers_ingelogd_op"
SESSIE_LAATST_ACTIEF = "koers_laatst_actief"


@receiver(auth_signals.user_logged_in)
def ingelogd(sender, request, user, **kwargs):
    if getattr(request, "session", None) is not None:
        nu = time.time()
        request.session[SESSIE_INGELOGD_OP] = nu
        request.session[SESSIE_LAATST_ACTIEF] = nu
        sessie_registreren(request=request, user=user)
    gebeurtenis_vastleggen(
        soort=Gebeurtenis.INLOG,
        request=request,
        user=user,
        gebruikersnaam=user.username,
        toelichting=_inlogmethoden(request, user),
    )


INLOGMETHODEN = {
    "password": "wachtwoord",
    "mfa": "tweede factor",
    "socialaccount": "identiteitsprovider",
}


def _inlogmethoden(request, user) -> str:
    """How this login was made, e.g. "wachtwoord, tweede factor"."""
    if getattr(request, "session", None) is None:
        return ""
    methoden = [r.get("method") for r in get_authentication_records(request, user)]
    return ", ".join(INLOGMETHODEN.get(m, m) for m in dict.fromkeys(methoden) if m)


@receiver(auth_signals.user_login_failed)
def inloggen_mislukt(sender, credentials, request=None, **kwargs):
    gebruikersnaam = credentials.get("username") or credentials.get("email") or ""
    gebeurtenis_vastleggen(
        soort=Gebeurtenis.MISLUKT,
        request=request,
        user=User.objects.filter(username=gebruikersnaam).first() if gebruikersnaam else None,
        gebruikersnaam=gebruikersnaam,
    )


@receiver(auth_signals.user_logged_out)
def uitgelogd(sender, request, user, **kwargs):
    if user is None:
        return
    if getattr(request, "koers_sessie_verlopen", False):
        # Idle or too long: only this session ends (logged by the middleware).
        return
    gebeurtenis_vastleggen(soort=Gebeurtenis.UITGELOGD, request=request, user=user)
    # Logging out logs out everywhere: every device of this user.
    sessies_beeindigen(user=user, request=request)


@receiver(account_signals.password_changed)
def wachtwoord_gewijzigd(sender, request, user, **kwargs):
    gebeurtenis_vastleggen(soort=Gebeurtenis.WACHTWOORD_GEWIJZIGD, request=request, user=user)


@receiver(account_signals.password_reset)
def wachtwoord_hersteld(sender, request, user, **kwargs):
    gebeurtenis_vastleggen(soort=Gebeurtenis.WACHTWOORD_HERSTELD, request=request, user=user)
    # Whoever knew the old password is logged out everywhere.
    sessies_beeindigen(user=user, request=request)


@receiver(mfa_signals.authenticator_added)
def tweede_factor_ingesteld(sender, request, user, authenticator, **kwargs):
    gebeurtenis_vastleggen(
        soort=Gebeurtenis.MFA_INGESTELD,
        request=request,
        user=user,
        toelichting=authenticator.get_type_display(),
    )


@receiver(mfa_signals.authenticator_removed)
def tweede_factor_verwijderd(sender, request, user, authenticator, **kwargs):
    gebeurtenis_vastleggen(
        soort=Gebeurtenis.MFA_VERWIJDERD,
        request=request,
        user=user,
        toelichting=authenticator.get_type_display(),
    )


@receiver(mfa_signals.authenticator_used)
def tweede_factor_gebruikt(sender, request, user, authenticator, **kwargs):
    if authenticator.type == authenticator.Type.RECOVERY_CODES:
        gebeurtenis_vastleggen(soort=Gebeurtenis.HERSTELCODE_GEBRUIKT, request=request, user=user)


@receiver(mfa_signals.authentication_failed)
def tweede_factor_onjuist(sender, request, user, **kwargs):
    gebeurtenis_vastleggen(soort=Gebeurtenis.MFA_MISLUKT, request=request, user=user)


@receiver(pre_save, sender=User)
def gedeactiveerd(sender, instance, raw=False, **kwargs):
    """A user switched to inactive loses every session, wherever the change is made."""
    if raw or not instance.pk or instance.is_active:
        return
    if User.objects.filter(pk=instance.pk, is_active=True).exists():
        sessies_beeindigen(user=instance)


@receiver(post_delete, sender=GemeenteLidmaatschap)
def lidmaatschap_verwijderd(sender, instance, **kwargs):
    """Removing a user's last gemeente (in any way: a form, `gemeenten.set()`, the admin)
    ends every session of that user. A partner user has no gemeenten to lose."""
    user = User.objects.filter(pk=instance.user_id).first()
    if user is None or user.partner_id is not None:
        return
    if not GemeenteLidmaatschap.objects.filter(user_id=user.pk).exists():
        sessies_beeindigen(user=user)
