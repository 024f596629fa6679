import datetime

from django.core.management.base import BaseCommand

from termijnen.services import herinneringen_versturen


class Command(BaseCommand):
    help = "Verstuurt de herinneringen en dagoverzichten voor termijnen (zoals de dagelijkse taak)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--datum",
            type=datetime.date.fromisoformat,
            help="doe alsof het deze dag is (jjjj-mm-dd)",
        )

    def handle(self, *args, datum=None, **options):
        uitkomst = herinneringen_versturen(vandaag=datum)
        self.stdout.write(
            f"{uitkomst['verlopen']} termijnen verlopen, "
            f"{uitkomst['herinneringen']} meldingen gemaakt, "
            f"{uitkomst['dagoverzichten']} dagoverzichten verstuurd."
        )
