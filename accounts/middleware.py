import time

from allauth.account.internal.flows.login import get_authentication_records
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .constants import Gebeurtenis
from .services import gebeurtenis_vastleggen
from .signals import SESSIE_INGELOGD_OP, SESSIE_LAATST_ACTIEF

# The page a password login without a second factor is sent to, and what stays reachable.
INSTELLEN_URL = "mfa_activate_totp"
BEREIKBAAR_ZONDER_TWEEDE_FACTOR = (
    "mfa_activate_totp",
    "mfa_add_webauthn",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
    "mfa_reauthenticate",
    "account_reauthenticate",
    "account_logout",
    "accounts:logout",
    "accounts:sessie-verlengen",
)
SESSIE_MFA_IN_ORDE = "koers_tweede_factor_in_orde"
# Activity is written to the session at most this often, not on every request.
ACTIVITEIT_BIJHOUDEN_SECONDEN = 10


class SessieVerloopt:
    """A session ends after KOERS_SESSIE_INACTIEF_SECONDEN without a request (htmx requests
    count) and KOERS_SESSIE_MAXIMAAL_SECONDEN after login, whatever the browser does. The
    next request goes to the login page with a message that says why."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            nu = time.time()
            sessie = request.session
            ingelogd_op = sessie.setdefault(SESSIE_INGELOGD_OP, nu)
            laatst_actief = sessie.get(SESSIE_LAATST_ACTIEF, nu)
            if nu - laatst_actief > settings.KOERS_SESSIE_INACTIEF_SECONDEN:
                minuten = settings.KOERS_SESSIE_INACTIEF_SECONDEN // 60
                return self._beeindigen(
                    request, _("U was %(minuten)d minuten niet actief.") % {"minuten": minuten}
                )
            if nu - ingelogd_op > settings.KOERS_SESSIE_MAXIMAAL_SECONDEN:
                uren = settings.KOERS_SESSIE_MAXIMAAL_SECONDEN // 3600
                return self._beeindigen(request, _("U was %(uren)d uur ingelogd.") % {"uren": uren})
            # Written when missing, then at most every few seconds; never again at the same
            # moment, so a clock that stands still (a test counting queries) writes it no more.
            if (
                SESSIE_LAATST_ACTIEF not in sessie
                or nu - laatst_actief >= ACTIVITEIT_BIJHOUDEN_SECONDEN
            ):
                sessie[SESSIE_LAATST_ACTIEF] = nu
        return self.get_response(request)

    def _beeindigen(self, request, reden: str):
        gebeurtenis_vastleggen(
            soort=Gebeurtenis.SESSIE_VERLOPEN, request=request, user=request.user, toelichting=reden
        )
        request.koers_sessie_verlopen = True
        logout(request)
        messages.info(
            request, _("Uw sessie is verlopen: %(reden)s Log opnieuw in.") % {"reden": reden}
        )
        if request.headers.get("HX-Request") == "true":
            antwoord = HttpResponse(status=204)
            antwoord["HX-Redirect"] = reverse(settings.LOGIN_URL)
            return antwoord
        volgende = request.get_full_path() if request.method == "GET" else None
        if volgende:
            return redirect_to_login(volgende)
        return redirect(settings.LOGIN_URL)


class TweedeFactorVerplicht:
    """Every password login needs a second factor. Someone who logged in with a password and
    has none yet is sent to set one up, and can do nothing else until then. A login through
    the gemeente's identity provider brings its own second factor and is not asked again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._moet_instellen(request):
            return redirect(INSTELLEN_URL)
        return self.get_response(request)

    def _moet_instellen(self, request) -> bool:
        user = request.user
        if not (settings.KOERS_MFA_VERPLICHT and user.is_authenticated):
            return False
        if request.session.get(SESSIE_MFA_IN_ORDE):
            return False
        if request.path.startswith(settings.STATIC_URL):
            return False
        methoden = {r.get("method") for r in get_authentication_records(request, user)}
        if "password" not in methoden or "socialaccount" in methoden:
            return False
        if (
            Authenticator.objects.filter(user=user)
            .exclude(type=Authenticator.Type.RECOVERY_CODES)
            .exists()
        ):
            request.session[SESSIE_MFA_IN_ORDE] = True
            return False
        match = getattr(request, "resolver_match", None) or _resolve(request.path_info)
        naam = match.view_name if match else ""
        return naam not in BEREIKBAAR_ZONDER_TWEEDE_FACTOR


def _resolve(pad: str):
    from django.urls import Resolver404, resolve

    try:
        return resolve(pad)
    except Resolver404:
        return None
