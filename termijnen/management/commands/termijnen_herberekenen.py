from django.core.management.base import BaseCommand

from termijnen.services import termijnen_herberekenen


class Command(BaseCommand):
    help = "Berekent alle openstaande termijnen opnieuw met de huidige configuratie en feestdagen."

    def handle(self, *args, **options):
        aantal = termijnen_herberekenen()
        self.stdout.write(f"{aantal} openstaande termijnen opnieuw berekend.")
