from allauth.mfa.adapter import get_adapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from demo import personen as demo


class Command(BaseCommand):
    help = "Toont per demo-login de gebruikersnaam, het wachtwoord en de TOTP-sleutel."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="ook zonder DEBUG uitvoeren")

    def handle(self, *args, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Demo-sleutels horen niet in productie. Zet KOERS_DEBUG=true.")
        adapter = get_adapter()
        self.stdout.write(
            "Tweede stap bij het inloggen: zet de sleutel in een authenticator-app "
            "(of scan de otpauth-link als QR-code)."
        )
        for username, *_rest in demo.DEMO_GEBRUIKERS:
            user = User.objects.filter(username=username).first()
            geheim = demo.demo_totp_geheim(username)
            if (
                user is None
                or not Authenticator.objects.filter(
                    user=user, type=Authenticator.Type.TOTP
                ).exists()
            ):
                continue
            self.stdout.write(
                f"  {username:<11} wachtwoord {demo.DEMO_WACHTWOORD}  TOTP-sleutel {geheim}\n"
                f"  {'':<11} {adapter.build_totp_url(user, geheim)}"
            )
