"""What the PIP page offers follows the rules its services check, and a goal or version that is
not this person's answers 404 and is logged as a refused attempt."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from core.models import Toegangslog
from pip_plans import services
from tests.pip_plans.factories import PlanDoelFactory, PlanFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("vaste_dag")]

WIJZIGING_STARTEN = "Wijziging starten"
PDF_OPNIEUW = "PDF opnieuw maken"


@pytest.fixture
def vaste_dag():
    with time_machine.travel(datetime.datetime(2026, 5, 4, 9, 30, tzinfo=datetime.UTC), tick=False):
        yield


def _pagina(client, plan) -> str:
    response = client.get(reverse("pip_plans:plan-detail", kwargs={"uuid": plan.persoon.uuid}))
    assert response.status_code == 200
    return response.content.decode()


def test_concept_biedt_geen_wijziging(regisseur_client, persoon):
    html = _pagina(regisseur_client, PlanFactory(intake__persoon=persoon))
    assert "Vaststellen" in html and WIJZIGING_STARTEN not in html


def test_vastgesteld_plan_biedt_wijziging_tot_die_loopt(regisseur_client, persoon, regisseur):
    plan = PlanFactory(intake__persoon=persoon, vastgesteld=True)
    assert WIJZIGING_STARTEN in _pagina(regisseur_client, plan)
    services.plan_wijzigen(plan=plan, door=regisseur)
    html = _pagina(regisseur_client, plan)
    assert WIJZIGING_STARTEN not in html and "Plan bewerken" in html


def test_pdf_opnieuw_maken_pas_als_de_pdf_niet_meer_wordt_gemaakt(regisseur_client, persoon):
    plan = PlanFactory(intake__persoon=persoon, vastgesteld=True)  # the PDF task not yet run
    assert PDF_OPNIEUW not in _pagina(regisseur_client, plan)
    services.plan_pdf_opslaan(versie_id=plan.versies.get().pk)
    assert PDF_OPNIEUW in _pagina(regisseur_client, plan)


def test_doel_van_een_ander_wordt_geweigerd_en_gelogd(regisseur_client, persoon, regisseur):
    eigen = PlanFactory(intake__persoon=persoon)
    ander = PlanDoelFactory(plan=PlanFactory(intake__persoon__gemeente=persoon.gemeente))
    url = reverse(
        "pip_plans:doel-bewerken", kwargs={"uuid": eigen.persoon.uuid, "doel_uuid": ander.uuid}
    )
    assert regisseur_client.get(url).status_code == 404
    regel = Toegangslog.objects.get(toegestaan=False)
    assert (regel.gebruiker, regel.persoon, regel.pad) == (regisseur, ander.plan.persoon, url)


def test_onbekende_versie_wordt_geweigerd_en_gelogd(regisseur_client, persoon):
    plan = PlanFactory(intake__persoon=persoon, vastgesteld=True)
    url = reverse("pip_plans:versie-detail", kwargs={"uuid": plan.persoon.uuid, "nummer": 7})
    assert regisseur_client.get(url).status_code == 404
    assert Toegangslog.objects.get(toegestaan=False).pad == url
