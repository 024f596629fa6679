import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from demo import ontzorging as ontzorging_demo
from demo import personen as demo
from demo import rapportages as reports_demo
from demo import vermenigvuldigen as demo_vermenigvuldigen
from ontzorging.models import Ontzorgperiode
from statushouders.models import Huishouden


class Command(BaseCommand):
    help = "Vult Koers met demodata: drie gemeenten, één gebruiker per rol en N personen."

    def add_arguments(self, parser):
        parser.add_argument(
            "--personen",
            type=int,
            default=250,
            help="aantal personen (250); boven de 5.000 worden dossiers gekopieerd",
        )
        parser.add_argument("--seed", type=int, default=2026, help="zelfde seed, zelfde data")
        parser.add_argument("--force", action="store_true", help="ook zonder DEBUG uitvoeren")
        parser.add_argument(
            "--if-empty", action="store_true", help="alleen als er nog geen gebruikers zijn"
        )

    def handle(self, *args, personen, seed: int, force, if_empty, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Demodata met bekende wachtwoorden hoort niet in productie. "
                "Zet KOERS_DEBUG=true of gebruik --force."
            )
        if if_empty and User.objects.exists():
            self._logins()
            return
        start = time.monotonic()
        # A large set is a smaller one built in full and then copied (see demo_vermenigvuldigen).
        resultaat = demo.seed(personen=min(personen, demo_vermenigvuldigen.BASIS), seed=seed)
        ontzorging = ontzorging_demo.seed()
        rapportage = reports_demo.seed(seed=seed)
        if personen > demo_vermenigvuldigen.BASIS:
            resultaat.personen = demo_vermenigvuldigen.vermenigvuldigen(tot=personen)
            resultaat.huishoudens = Huishouden.objects.count()
            ontzorging.periodes = Ontzorgperiode.objects.count()
            resultaat.gebruikers = User.objects.count()
        self.stdout.write(
            self.style.SUCCESS(
                f"{resultaat.personen} personen in {resultaat.huishoudens} huishoudens, "
                f"{resultaat.gemeenten} gemeenten, {resultaat.gebruikers} gebruikers "
                f"in {time.monotonic() - start:.1f} s."
            )
        )
        self._ontzorging(ontzorging)
        self.stdout.write(
            f"Rapportages: {rapportage.participaties} participaties, "
            f"{rapportage.taakstellingen} taakstellingen; dashboard op /rapportages/."
        )
        self._logins()

    def _ontzorging(self, ontzorging):
        self.stdout.write(
            f"Ontzorging: {ontzorging.periodes} ontzorgperiodes; "
            "betalingen op /ontzorging/betalingen/."
        )
        for batch in ontzorging.wacht_op_goedkeuring:
            self.stdout.write(f"  betaalbatch wacht op goedkeuring door 'teamleider': {batch}")
        if ontzorging.afschrift_pad:
            self.stdout.write(
                "  bankafschrift (camt.053) van de batch bij de bank, om in te lezen: "
                f"{ontzorging.afschrift_pad}"
            )

    def _logins(self):
        self.stdout.write(
            f"Demo-logins op http://127.0.0.1:8000 (wachtwoord: {demo.DEMO_WACHTWOORD}):"
        )
        for username, _voornaam, _achternaam, rol, gemeenten in demo.DEMO_GEBRUIKERS:
            if rol == "partner_medewerker":
                partner = demo.DEMO_PARTNER_VAN.get(username, "Vluchtelingenwerk Weert")
                bereik = f"eigen verwijzingen van {partner} (/partner/)"
            elif rol == "functioneel_beheerder":
                bereik = f"beheer (/beheer/gebruikers/) voor {', '.join(gemeenten)}; geen dossiers"
            else:
                bereik = ", ".join(gemeenten) if gemeenten else "geen dossiers"
            self.stdout.write(f"  {username:<11} {rol.label:<22} {bereik}")
