from datetime import timedelta

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .constants import Gebeurtenis, Rol
from .models import User
from .services import gebeurtenis_vastleggen

# How long after setting up the first second factor it can be looked at without reauthentication.
EERSTE_INSTELLING_SECONDEN = 5 * 60


class KoersAccountAdapter(DefaultAccountAdapter):
    """Accounts are made by functioneel beheer only: nobody signs up."""

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "username_password_mismatch": gettext_lazy(
            "Gebruikersnaam of wachtwoord klopt niet. Let op hoofdletters en kleine letters."
        ),
        "too_many_login_attempts": gettext_lazy(
            "Te veel mislukte inlogpogingen. Inloggen met dit account of vanaf dit adres is "
            "tijdelijk geblokkeerd; probeer het over een kwartier opnieuw of neem contact op "
            "met functioneel beheer."
        ),
        "invalid_or_expired_key": gettext_lazy(
            "Deze link is ongeldig of verlopen. Vraag een nieuwe link aan om uw wachtwoord te "
            "herstellen."
        ),
        "invalid_password_reset": gettext_lazy(
            "Deze link is ongeldig of verlopen. Vraag een nieuwe link aan om uw wachtwoord te "
            "herstellen."
        ),
        "incorrect_password": gettext_lazy("Dit wachtwoord klopt niet."),
        "enter_current_password": gettext_lazy("Vul uw huidige wachtwoord in."),
        "rate_limited": gettext_lazy("U doet te veel verzoeken achter elkaar. Wacht even."),
    }

    def is_open_for_signup(self, request) -> bool:
        return False

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        # The first second factor is set up right after the password login that demanded it,
        # and its recovery codes shown; asking for the password again there helps nobody.
        # Changing the second factor later does ask.
        request = context.request
        if (
            app == "allauth.mfa"
            and request is not None
            and request.user.is_authenticated
            and not Authenticator.objects.filter(
                user=request.user,
                created_at__lt=timezone.now() - timedelta(seconds=EERSTE_INSTELLING_SECONDEN),
            ).exists()
        ):
            return False
        return super().is_reauthentication_required(app=app, **kwargs)

    def pre_authenticate(self, request, **credentials) -> None:
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            gebruikersnaam = credentials.get("username", "")
            gebeurtenis_vastleggen(
                soort=Gebeurtenis.GEBLOKKEERD,
                request=request,
                user=User.objects.filter(username=gebruikersnaam).first()
                if gebruikersnaam
                else None,
                gebruikersnaam=gebruikersnaam,
            )
            raise


def staf_bij_email(email: str) -> User | None:
    """The one active staff account (not a partner) with this e-mail address, if exactly one."""
    kandidaten = list(
        User.objects.filter(email__iexact=email.strip(), is_active=True)
        .exclude(rol=Rol.PARTNER_MEDEWERKER)
        .exclude(email="")[:2]
    )
    return kandidaten[0] if len(kandidaten) == 1 else None


class KoersSocialAccountAdapter(DefaultSocialAccountAdapter):
    """Staff log in through the gemeente's identity provider with an account that functioneel
    beheer already made: matched once by a verified e-mail address, never created here.
    Partners use their local account with a second factor."""

    def is_open_for_signup(self, request, sociallogin) -> bool:
        return False

    def pre_social_login(self, request, sociallogin) -> None:
        if sociallogin.state.get("process") == "connect":
            # Linking is done by matching at login, never by a logged-in user.
            self._weigeren(request, sociallogin, user=None)
        if sociallogin.is_existing:
            user = sociallogin.user
            if user.is_active and user.rol != Rol.PARTNER_MEDEWERKER:
                return
            self._weigeren(request, sociallogin, user=user)
        geverifieerd = [a.email for a in sociallogin.email_addresses if a.verified and a.email]
        for email in geverifieerd:
            user = staf_bij_email(email)
            if user is not None:
                sociallogin.connect(request, user)
                return
        self._weigeren(request, sociallogin, user=None, email=", ".join(geverifieerd))

    def _weigeren(self, request, sociallogin, *, user, email: str = "") -> None:
        gebeurtenis_vastleggen(
            soort=Gebeurtenis.OIDC_GEWEIGERD,
            request=request,
            user=user,
            gebruikersnaam=email,
            toelichting=sociallogin.account.provider,
        )
        messages.error(
            request,
            _(
                "Met dit account van uw organisatie kunt u niet inloggen bij Koers: er is geen "
                "actief medewerkersaccount met een bevestigd e-mailadres dat erbij hoort. "
                "Neem contact op met functioneel beheer."
            ),
        )
        raise ImmediateHttpResponse(redirect("accounts:login"))


class KoersMFAAdapter(DefaultMFAAdapter):
    """While a second factor is required, the last one cannot be removed: a session that
    logged in with it would otherwise go on without any."""

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        if not settings.KOERS_MFA_VERPLICHT:
            return True
        factoren = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
        if authenticator.type not in factoren:
            return True
        return (
            Authenticator.objects.filter(user_id=authenticator.user_id, type__in=factoren)
            .exclude(pk=authenticator.pk)
            .exists()
        )
