import datetime
import io
from unittest import mock

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.urls import reverse
from pypdf import PdfReader

from pip_plans import services
from pip_plans.constants import PdfStatus
from pip_plans.tasks import plan_pdf_maken
from tests.pip_plans.factories import PlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def versie(persoon):
    plan = PlanFactory(
        intake__persoon=persoon,
        vastgesteld=True,  # on 15-04-2026
        vaststelling__bekendmaking_op=datetime.date(2026, 4, 16),
        vaststelling__doelen=["Twee dagen per week vrijwilligerswerk"],
    )
    return plan.versies.get()


def _tekst(versie) -> str:
    with versie.pdf.open("rb") as pdf:
        tekst = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.read())).pages)
    return " ".join(tekst.split())  # line breaks of the layout are not content


def test_pdf_bevat_naam_leerroute_bezwaartermijn_en_paginanummers(versie, persoon):
    plan_pdf_maken.apply(args=[versie.pk]).get()
    versie.refresh_from_db()
    assert versie.pdf_status == PdfStatus.KLAAR
    tekst = _tekst(versie)
    assert persoon.naam in tekst
    assert "B1-route" in tekst
    assert "28 mei 2026" in tekst  # bekendmaking 16 april + 6 weeks
    assert "Twee dagen per week vrijwilligerswerk" in tekst
    assert "pagina 1 van" in tekst
    assert f"Gemeente {persoon.gemeente.naam}" in tekst


def test_twee_keer_draaien_geeft_een_bestand(versie, private_bestanden):
    plan_pdf_maken.apply(args=[versie.pk]).get()
    versie.refresh_from_db()
    eerste = versie.pdf.name
    plan_pdf_maken.apply(args=[versie.pk]).get()
    versie.refresh_from_db()
    assert versie.pdf.name == eerste
    assert len(list(private_bestanden.rglob("*.pdf"))) == 1


def test_tijdelijke_fout_wordt_opnieuw_geprobeerd(versie):
    """The first rendering fails; the task tries again and the version gets its PDF."""
    echte = services.html_naar_pdf
    mislukt = []

    def eerst_mislukken(*args, **kwargs):
        if not mislukt:
            mislukt.append(OSError("lettertype tijdelijk niet leesbaar"))
            raise mislukt[0]
        return echte(*args, **kwargs)

    with mock.patch.object(services, "html_naar_pdf", side_effect=eerst_mislukken):
        plan_pdf_maken.apply(args=[versie.pk]).get()
    versie.refresh_from_db()
    assert versie.pdf_status == PdfStatus.KLAAR and versie.pdf


def test_blijvende_fout_wordt_zichtbaar_als_mislukt(versie):
    with mock.patch.object(services, "html_naar_pdf", side_effect=OSError("schijf vol")):
        resultaat = plan_pdf_maken.apply(args=[versie.pk])
    assert resultaat.failed()
    versie.refresh_from_db()
    assert versie.pdf_status == PdfStatus.MISLUKT and not versie.pdf


def test_opnieuw_maken_vervangt_de_pdf_maar_niet_de_inhoud(
    versie, regisseur, private_bestanden, django_capture_on_commit_callbacks
):
    plan_pdf_maken.apply(args=[versie.pk]).get()
    versie.refresh_from_db()
    inhoud = versie.inhoud
    with django_capture_on_commit_callbacks(execute=True):
        services.plan_pdf_opnieuw(versie=versie, door=regisseur)
    versie.refresh_from_db()
    assert versie.pdf_status == PdfStatus.KLAAR and versie.inhoud == inhoud
    assert len(list(private_bestanden.rglob("*.pdf"))) == 1


def test_pdf_die_te_lang_duurt_wordt_afgebroken_en_zichtbaar_als_mislukt(versie, client, regisseur):
    with mock.patch.object(services, "html_naar_pdf", side_effect=SoftTimeLimitExceeded()):
        resultaat = plan_pdf_maken.apply(args=[versie.pk])
    assert resultaat.failed()
    versie.refresh_from_db()
    assert versie.pdf_status == PdfStatus.MISLUKT and not versie.pdf
    client.force_login(regisseur)
    pagina = client.get(reverse("pip_plans:plan-detail", args=[versie.plan.persoon.uuid]))
    assert "De PDF kon niet worden gemaakt." in pagina.content.decode()


def test_pdf_taak_heeft_een_tijdslimiet(settings):
    assert plan_pdf_maken.soft_time_limit == settings.KOERS_PDF_TIJDSLIMIET
    assert plan_pdf_maken.time_limit == settings.KOERS_PDF_TIJDSLIMIET_HARD
    assert plan_pdf_maken.soft_time_limit < plan_pdf_maken.time_limit
