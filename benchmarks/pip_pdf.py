"""PIP PDFs as the Celery task renders them (without the broker): seconds per PDF."""

import statistics
import tempfile
import time

from django.test import override_settings

AANTAL = 30


def meten(uitkomst: dict) -> None:
    from pip_plans import services
    from pip_plans.models import PlanVersie

    versies = list(PlanVersie.objects.order_by("-id").values_list("id", flat=True)[: AANTAL + 1])
    with tempfile.TemporaryDirectory() as map_, override_settings(PRIVATE_MEDIA_ROOT=map_):
        services.plan_pdf_opslaan(versie_id=versies.pop())  # warm: fonts, templates
        tijden = []
        for versie_id in versies:
            begin = time.perf_counter()
            services.plan_pdf_opslaan(versie_id=versie_id)
            tijden.append(time.perf_counter() - begin)
    uitkomst["pip_pdf"] = {
        "aantal": len(tijden),
        "mediaan_s": round(statistics.median(tijden), 3),
        "max_s": round(max(tijden), 3),
    }
    print(
        f"PIP-PDF: {len(tijden)} stuks, mediaan {statistics.median(tijden):.3f} s per PDF, "
        f"langzaamste {max(tijden):.3f} s",
        flush=True,
    )
