"""Render 50 PIP PDFs (the Celery task's work, without the broker) and print seconds per PDF."""

import datetime
import statistics
import tempfile
import time
from unittest import mock

from _bench import bench_database
from django.test import override_settings

AANTAL = 50


def main() -> None:
    # The PDFs are rendered below, timed; vaststellen must not queue them on the broker.
    with (
        bench_database(),
        tempfile.TemporaryDirectory() as map_,
        override_settings(PRIVATE_MEDIA_ROOT=map_),
        mock.patch("pip_plans.services._pdf_inplannen"),
    ):
        from accounts.models import User
        from intake.models import BredeIntake
        from pip_plans import services
        from pip_plans.models import PlanDoel
        from statushouders import demo
        from statushouders.models import Persoon

        demo.seed(personen=AANTAL, seed=3)
        regisseur = User.objects.get(username="teamleider")
        versies = []
        for persoon in Persoon.objects.all()[:AANTAL]:
            intake = BredeIntake.objects.create(
                persoon=persoon,
                gestart_op=datetime.date(2026, 3, 1),
                locatie="azc",
                status="afgerond",
                afgerond_op=datetime.date(2026, 3, 20),
                advies_leerroute="b1",
                advies_motivatie="Leert snel.",
            )
            plan = services.plan_aanmaken(intake=intake, door=regisseur)
            for n in range(6):
                PlanDoel.objects.create(
                    plan=plan,
                    leefgebied="taal",
                    doel=f"Doel {n}",
                    acties="Lessen volgen, oefenen met buren.",
                    verantwoordelijke="persoon",
                )
            versies.append(
                services.plan_vaststellen(
                    plan=plan, door=regisseur, bekendmaking_op=datetime.date.today()
                )
            )
        tijden = []
        for versie in versies:
            begin = time.perf_counter()
            services.plan_pdf_opslaan(versie_id=versie.pk)
            tijden.append(time.perf_counter() - begin)
        print(
            f"PIP-PDF: {AANTAL} stuks, mediaan {statistics.median(tijden):.2f} s per PDF, "
            f"langzaamste {max(tijden):.2f} s, totaal {sum(tijden):.1f} s"
        )


if __name__ == "__main__":
    main()
