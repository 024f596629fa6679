import datetime

import pytest
from django.urls import reverse

from pip_plans import services
from pip_plans.models import Plan
from tests.accounts.factories import UserFactory
from tests.intake.factories import BredeIntakeFactory
from tests.pip_plans.factories import PlanDoelFactory, PlanFactory
from tests.urlwalk import dossier_urls, pip_termijn

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(persoon):
    return PlanFactory(intake__persoon=persoon)


@pytest.fixture
def versie(plan, regisseur, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the PDF task runs (eagerly)
        return services.plan_vaststellen(
            plan=plan, door=regisseur, bekendmaking_op=datetime.date.today()
        )


def _url(naam, plan, **extra):
    return reverse(f"pip_plans:{naam}", kwargs={"uuid": plan.persoon.uuid, **extra})


@pytest.mark.parametrize("methode", ["get", "post"])
def test_partner_krijgt_404_op_elke_plan_en_pdf_url(client, weert, plan, versie, methode):
    versie.refresh_from_db()
    assert versie.pdf  # there is a PDF to protect
    doel = PlanDoelFactory(plan=plan)
    client.force_login(UserFactory(gemeenten=[weert], partnermedewerker=True))
    pip_urls = [
        (naam, url)
        for naam, url in dossier_urls(
            uuid=plan.persoon.uuid,
            termijn_id=pip_termijn(plan.persoon),
            intake_uuid=plan.intake.uuid,
            sectie="zrm",
            nummer=1,
            doel_uuid=doel.uuid,
        )
        if naam.startswith("pip_plans:")
    ]
    assert len(pip_urls) == 14
    for naam, url in pip_urls:
        response = getattr(client, methode)(url)
        assert response.status_code == 404, naam
        assert b"%PDF" not in b"".join(getattr(response, "streaming_content", [response.content]))


def test_regisseur_downloadt_de_pdf(regisseur_client, plan, versie):
    response = regisseur_client.get(_url("versie-pdf", plan, nummer=1))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]


def test_pdf_status_fragment_pollt_tot_de_pdf_er_is(regisseur_client, plan, regisseur):
    versie = services.plan_vaststellen(
        plan=plan, door=regisseur, bekendmaking_op=datetime.date.today()
    )
    html = regisseur_client.get(_url("versie-pdf-status", plan, nummer=1)).content.decode()
    assert 'hx-trigger="load delay:2s"' in html and "wacht op verwerking" in html
    services.plan_pdf_opslaan(versie_id=versie.pk)
    html = regisseur_client.get(_url("versie-pdf-status", plan, nummer=1)).content.decode()
    assert "hx-trigger" not in html and "downloaden" in html


def test_plan_opstellen_vanuit_het_dossier(regisseur_client, persoon):
    intake = BredeIntakeFactory(persoon=persoon, afgerond=True)
    assert "PIP opstellen" in regisseur_client.get(persoon.get_absolute_url()).content.decode()
    response = regisseur_client.post(
        reverse(
            "pip_plans:plan-aanmaken", kwargs={"uuid": persoon.uuid, "intake_uuid": intake.uuid}
        )
    )
    assert response.url == reverse("pip_plans:plan-bewerken", kwargs={"uuid": persoon.uuid})
    assert Plan.objects.get().leerroute == "b1"


def test_bewerken_met_norm_onder_minimum_mag_en_waarschuwt(regisseur_client, plan):
    gegevens = {
        "leerroute": "z",
        "leerroute_motivatie": "Analfabeet in eigen taal",
        "pvt_uren": "12",
        "map_uren": "40",
        "z_taal_uren": "500",
        "z_participatie_uren": "800",
    }
    response = regisseur_client.post(_url("plan-bewerken", plan), gegevens, follow=True)
    html = response.content.decode()
    assert "Het plan is opgeslagen." in html
    assert "Z-route: minimaal 800 uur Nederlands, gepland 500." in html
    plan.refresh_from_db()
    assert plan.leerroute == "z"


def test_bewerken_met_fouten_houdt_de_invoer(regisseur_client, plan):
    response = regisseur_client.post(
        _url("plan-bewerken", plan),
        {
            "leerroute": "",
            "leerroute_motivatie": "Blijft staan",
            "pvt_uren": "twaalf",
            "pvt_ondertekend_op": "31-02-2026",
        },
    )
    form = response.context["form"]
    assert form.errors["leerroute"] == ["Dit veld is verplicht."]
    assert form.errors["pvt_uren"] == ["Voer een geheel getal in."]
    assert "dd-mm-jjjj" in form.errors["pvt_ondertekend_op"][0]
    html = response.content.decode()
    assert "Blijft staan" in html and 'value="31-02-2026"' in html


def test_vaststellen_toont_de_waarschuwingen_nog_een_keer(regisseur_client, plan):
    plan.pvt_uren = 6
    plan.save()
    html = regisseur_client.get(_url("plan-vaststellen", plan)).content.decode()
    assert "PVT: minimaal 12 uur, gepland 6." in html
    response = regisseur_client.post(
        _url("plan-vaststellen", plan),
        {"bekendmaking_op": datetime.date.today().strftime("%d-%m-%Y")},
    )
    assert response.status_code == 302
    assert plan.versies.count() == 1


def test_vaststellen_met_een_verkeerde_datum_legt_uit(regisseur_client, plan):
    response = regisseur_client.post(
        _url("plan-vaststellen", plan), {"bekendmaking_op": "01-01-2020"}
    )
    assert "meer dan 30 dagen terug" in response.context["form"].errors["bekendmaking_op"][0]
    assert not plan.versies.exists()


def test_vastgesteld_plan_bewerken_stuurt_terug(regisseur_client, plan, versie):
    response = regisseur_client.get(_url("plan-bewerken", plan), follow=True)
    assert "Wijziging starten" in response.content.decode()


def test_doel_voor_partner_zonder_naam_wordt_uitgelegd(regisseur_client, plan):
    response = regisseur_client.post(
        _url("doel-create", plan),
        {
            "leefgebied": "taal",
            "doel": "Taalmaatje vinden",
            "verantwoordelijke": "partner",
            "status": "open",
        },
    )
    assert response.context["form"].errors["partner_naam"] == ["Welke partner is verantwoordelijk?"]
    assert 'value="Taalmaatje vinden"' in response.content.decode()


def test_versies_vergelijken_pagina(regisseur_client, plan, versie, regisseur):
    services.plan_wijzigen(plan=plan, door=regisseur)
    services.plan_bijwerken(plan=plan, door=regisseur, gegevens={"taalschool": "ROC Weert"})
    services.plan_vaststellen(plan=plan, door=regisseur, bekendmaking_op=datetime.date.today())
    html = regisseur_client.get(_url("versies-vergelijken", plan)).content.decode()
    assert "Taalschool" in html and "ROC Weert" in html and "Taalschool Weert" in html


def test_plan_pagina_met_een_vast_aantal_queries(
    regisseur_client, plan, versie, regisseur, django_assert_max_num_queries
):
    for n in range(10):
        PlanDoelFactory(plan=plan, doel=f"Doel {n}")
    services.voortgangsgesprek_vastleggen(
        plan=plan,
        door=regisseur,
        datum=datetime.date.today(),
        voortgang=dict.fromkeys(plan.doelen.all(), ("loopt", "")),
    )
    with django_assert_max_num_queries(25):
        assert regisseur_client.get(_url("plan-detail", plan)).status_code == 200


def test_voortgangsgesprek_via_de_pagina(regisseur_client, plan, versie):
    doel = PlanDoelFactory(plan=plan, doel="Fietsles")
    response = regisseur_client.post(
        _url("voortgangsgesprek-create", plan),
        {
            "datum": datetime.date.today().strftime("%d-%m-%Y"),
            "verslag": "Gaat goed",
            f"doel_{doel.pk}_status": "behaald",
            f"doel_{doel.pk}_notitie": "Fietst zelf",
            "zrm_financien": "4",
        },
    )
    assert response.status_code == 302
    doel.refresh_from_db()
    assert doel.status == "behaald"
    assert plan.voortgangsgesprekken.get().zrm.financien == 4
