import datetime
import re

import pytest
from django.urls import reverse

from core.models import Toegangslog
from pip_plans import services
from pip_plans.models import Plan
from tests.intake.factories import BredeIntakeFactory
from tests.pip_plans.factories import PlanDoelFactory, PlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(persoon):
    return PlanFactory(intake__persoon=persoon)


@pytest.fixture
def versie(persoon, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the PDF task runs (eagerly)
        plan = PlanFactory(intake__persoon=persoon, vastgesteld=True)
    return plan.versies.get()


def _url(naam, plan, **extra):
    return reverse(f"pip_plans:{naam}", kwargs={"uuid": plan.persoon.uuid, **extra})


def test_regisseur_downloadt_de_pdf(regisseur_client, versie):
    plan = versie.plan
    response = regisseur_client.get(_url("versie-pdf", plan, nummer=1))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]


def test_pdf_status_fragment_pollt_tot_de_pdf_er_is(regisseur_client, persoon):
    plan = PlanFactory(intake__persoon=persoon, vastgesteld=True)  # the PDF task not yet run
    versie = plan.versies.get()
    html = regisseur_client.get(_url("versie-pdf-status", plan, nummer=1)).content.decode()
    assert 'hx-trigger="load delay:2s"' in html and "wacht op verwerking" in html
    services.plan_pdf_opslaan(versie_id=versie.pk)
    html = regisseur_client.get(_url("versie-pdf-status", plan, nummer=1)).content.decode()
    assert "hx-trigger" not in html and "downloaden" in html


def test_plan_opstellen_vanuit_het_dossier(regisseur_client, persoon):
    intake = BredeIntakeFactory(persoon=persoon, afgerond=True)
    assert "PIP opstellen" in regisseur_client.get(persoon.get_absolute_url()).content.decode()
    response = regisseur_client.post(
        reverse("pip_plans:plan-nieuw", kwargs={"uuid": persoon.uuid, "intake_uuid": intake.uuid})
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


def test_vaststellen_met_afwijking_vraagt_de_motivatie(regisseur_client, plan):
    plan.pvt_uren = 6
    plan.save()
    html = regisseur_client.get(_url("plan-vaststellen", plan)).content.decode()
    assert "PVT: minimaal 12 uur, gepland 6." in html
    assert "Motivatie afwijking van de routenormen" in html
    response = regisseur_client.post(
        _url("plan-vaststellen", plan),
        {"dagtekening": "15-04-2026", "bekendmaking_op": "16-04-2026"},
    )
    assert response.status_code == 422
    assert response.context["form"].errors["afwijking_motivatie"] == [
        "Het plan wijkt af van de routenormen. Leg vast waarom, voordat u het vaststelt."
    ]
    assert 'value="16-04-2026"' in response.content.decode()  # what was typed stays
    assert not plan.versies.exists()

    response = regisseur_client.post(
        _url("plan-vaststellen", plan),
        {
            "dagtekening": "15-04-2026",
            "bekendmaking_op": "16-04-2026",
            "afwijking_motivatie": "PVT-aanbieder heeft pas in juni plek; de uren volgen.",
        },
    )
    assert response.status_code == 302
    versie = plan.versies.get()
    assert versie.afwijking_motivatie == "PVT-aanbieder heeft pas in juni plek; de uren volgen."
    html = regisseur_client.get(_url("versie-detail", plan, nummer=1)).content.decode()
    assert "Afwijking van de routenormen" in html
    assert "PVT: minimaal 12 uur, gepland 6." in html
    assert "PVT-aanbieder heeft pas in juni plek; de uren volgen." in html


def test_vaststellen_zonder_afwijking_vraagt_geen_motivatie(regisseur_client, plan):
    html = regisseur_client.get(_url("plan-vaststellen", plan)).content.decode()
    assert "afwijking_motivatie" not in html
    response = regisseur_client.post(
        _url("plan-vaststellen", plan),
        {"dagtekening": "15-04-2026", "bekendmaking_op": "16-04-2026"},
    )
    assert response.status_code == 302 and plan.versies.count() == 1


def test_vaststellen_met_een_verkeerde_datum_legt_uit(regisseur_client, plan):
    response = regisseur_client.post(
        _url("plan-vaststellen", plan),
        {"dagtekening": "01-01-2020", "bekendmaking_op": "01-01-2020"},
    )
    assert "meer dan 30 dagen terug" in response.context["form"].errors["bekendmaking_op"][0]
    assert not plan.versies.exists()


def test_vaststellen_vraagt_de_dagtekening(regisseur_client, plan):
    html = regisseur_client.get(_url("plan-vaststellen", plan)).content.decode()
    assert "Dagtekening van het besluit" in html
    response = regisseur_client.post(
        _url("plan-vaststellen", plan), {"dagtekening": "", "bekendmaking_op": "16-04-2026"}
    )
    assert response.status_code == 422
    assert response.context["form"].errors["dagtekening"]
    assert 'value="16-04-2026"' in response.content.decode()
    assert not plan.versies.exists()


def test_vastgesteld_plan_bewerken_stuurt_terug(regisseur_client, versie):
    response = regisseur_client.get(_url("plan-bewerken", versie.plan), follow=True)
    assert "Wijziging starten" in response.content.decode()


def test_doel_voor_partner_zonder_naam_wordt_uitgelegd(regisseur_client, plan):
    response = regisseur_client.post(
        _url("doel-nieuw", plan),
        {
            "leefgebied": "taal",
            "doel": "Taalmaatje vinden",
            "verantwoordelijke": "partner",
            "status": "open",
        },
    )
    assert response.context["form"].errors["partner_naam"] == ["Welke partner is verantwoordelijk?"]
    assert 'value="Taalmaatje vinden"' in response.content.decode()


def test_versies_vergelijken_pagina(regisseur_client, versie, regisseur, vandaag):
    plan = versie.plan
    services.plan_wijzigen(plan=plan, door=regisseur)
    services.plan_bijwerken(plan=plan, door=regisseur, gegevens={"taalschool": "ROC Weert"})
    services.plan_vaststellen(plan=plan, door=regisseur, bekendmaking_op=vandaag)
    html = regisseur_client.get(_url("versies-vergelijken", plan)).content.decode()
    assert "Taalschool" in html and "ROC Weert" in html and "Taalschool Weert" in html


def test_plan_pagina_met_een_vast_aantal_queries(
    regisseur_client, versie, regisseur, vandaag, django_assert_max_num_queries
):
    plan = versie.plan
    for n in range(10):
        PlanDoelFactory(plan=plan, doel=f"Doel {n}")
    services.voortgangsgesprek_vastleggen(
        plan=plan,
        door=regisseur,
        datum=vandaag,
        voortgang=dict.fromkeys(plan.doelen.all(), ("loopt", "")),
    )
    with django_assert_max_num_queries(25):
        assert regisseur_client.get(_url("plan-detail", plan)).status_code == 200


def test_voortgangsgesprek_via_de_pagina(regisseur_client, versie):
    plan = versie.plan
    doel = PlanDoelFactory(plan=plan, doel="Fietsles")
    response = regisseur_client.post(
        _url("voortgangsgesprek-nieuw", plan),
        {
            "datum": "15-04-2026",
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


def test_bewerken_met_afwijking_toont_de_waarschuwing_een_keer(regisseur_client, plan):
    response = regisseur_client.post(
        _url("plan-bewerken", plan),
        {"leerroute": "b1", "leerroute_motivatie": "Leert snel", "pvt_uren": "6"},
        follow=True,
    )
    html = response.content.decode()
    assert "Het plan is opgeslagen." in html
    assert html.count("PVT: minimaal 12 uur, gepland 6.") == 1
    assert html.count("data-waarschuwingen") == 1


def _tekst(html: str) -> str:
    """The page as a reader sees it: tags gone, white space folded."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_plan_pagina_toont_het_plan_zelf(regisseur_client, persoon):
    plan = PlanFactory(
        intake__persoon=persoon,
        taal_lezen_huidig="A1",
        taal_lezen_doel="B1",
        taal_spreken_huidig="A2",
        taal_spreken_doel="B1",
        pvt_ondertekend_op=datetime.date(2026, 4, 2),
        afspraken="Elke dinsdag taalles; meldt zich af bij ziekte.",
        ontzorgen=True,
        ontzorgen_toelichting="Huur en energie via de gemeente",
        kinderopvang="Dochter naar de VVE-peuterspeelzaal",
    )
    PlanDoelFactory(plan=plan, doel="Zelf boodschappen doen", acties="Samen met buddy oefenen")
    tekst = _tekst(regisseur_client.get(_url("plan-detail", plan)).content.decode())
    for verwacht in (
        "Leerroute B1-route",
        "Motivatie leerroute Leert snel; heeft middelbare school afgerond.",
        "Lezen A1 B1",
        "Spreken A2 B1",
        "Luisteren — —",
        "Taalschool Taalschool Weert",
        "Gecontracteerde uren taal 600",
        "PVT: aanbieder Vluchtelingenwerk",
        "PVT: participatieverklaring ondertekend op 02-04-2026",
        "MAP: aanbieder Werkplein",
        "MAP: geplande uren praktijk 40",
        "KNM: aanbieder Taalschool Weert",
        "Afspraken Elke dinsdag taalles; meldt zich af bij ziekte.",
        "Ontzorgen afgesproken Ja",
        "Wat wordt ontzorgd Huur en energie via de gemeente",
        "Kinderopvang en VVE Dochter naar de VVE-peuterspeelzaal",
        "Zelf boodschappen doen Samen met buddy oefenen",
    ):
        assert verwacht in tekst, verwacht


def test_velden_van_een_andere_route_staan_niet_op_de_pagina(regisseur_client, plan):
    plan.z_taal_uren, plan.z_participatie_uren = 500, 300  # left from an earlier Z-route
    plan.save()
    html = regisseur_client.get(_url("plan-detail", plan)).content.decode()
    assert "Z-route: geplande uren Nederlands" not in html
    assert 'data-onderdeel="map"' in html
    plan.leerroute = "onderwijs"
    plan.save()
    html = regisseur_client.get(_url("plan-detail", plan)).content.decode()
    assert 'data-onderdeel="map"' not in html and 'data-onderdeel="z_route"' not in html
    plan.leerroute = "z"
    plan.save()
    html = regisseur_client.get(_url("plan-detail", plan)).content.decode()
    assert "Z-route: geplande uren Nederlands" in html and "500" in html


def test_b1_route_begint_de_doelniveaus_bij_b1_maar_dwingt_niets(regisseur_client, plan):
    form = regisseur_client.get(_url("plan-bewerken", plan)).context["form"]
    for vaardigheid in ("lezen", "luisteren", "spreken", "schrijven"):
        assert form[f"taal_{vaardigheid}_doel"].value() == "B1"
    assert form["taal_lezen_huidig"].value() == ""  # only the target levels
    gegevens = {
        "leerroute": "b1",
        "leerroute_motivatie": "Leert snel",
        "pvt_uren": "12",
        "map_uren": "40",
        "taal_lezen_doel": "A2",
        "taal_spreken_doel": "B1",
    }
    regisseur_client.post(_url("plan-bewerken", plan), gegevens)
    plan.refresh_from_db()
    assert (plan.taal_lezen_doel, plan.taal_spreken_doel, plan.taal_schrijven_doel) == (
        "A2",
        "B1",
        "",
    )
    form = regisseur_client.get(_url("plan-bewerken", plan)).context["form"]
    assert form["taal_lezen_doel"].value() == "A2"  # a chosen level stays chosen

    plan.leerroute = "z"
    plan.save()
    form = regisseur_client.get(_url("plan-bewerken", plan)).context["form"]
    assert form["taal_schrijven_doel"].value() == ""  # no default outside the B1-route


def test_planformulier_verbergt_lege_onderdelen_van_een_andere_route(regisseur_client, plan):
    def getoond(response):
        return {
            deel.sleutel: zichtbaar for deel, _v, zichtbaar in response.context["form"].onderdelen()
        }

    response = regisseur_client.get(_url("plan-bewerken", plan))
    assert getoond(response)["z_route"] is False and getoond(response)["map"] is True
    assert 'data-leerroutes="z" hidden' in response.content.decode()
    plan.z_taal_uren = 500  # a value is never hidden away
    plan.save()
    assert getoond(regisseur_client.get(_url("plan-bewerken", plan)))["z_route"] is True
    response = regisseur_client.post(
        _url("plan-bewerken", plan),
        {"leerroute": "onderwijs", "leerroute_motivatie": "x", "z_taal_uren": "veel"},
    )
    assert getoond(response)["z_route"] is True  # its error must be seen
    assert getoond(response)["map"] is False


def test_labels_houden_hun_hoofdletters_bij_het_vergelijken(regisseur_client, versie, regisseur):
    plan = versie.plan
    services.plan_wijzigen(plan=plan, door=regisseur)
    services.plan_bijwerken(
        plan=plan, door=regisseur, gegevens={"pvt_aanbieder": "Humanitas", "kinderopvang": "Ja"}
    )
    services.plan_vaststellen(plan=plan, door=regisseur, bekendmaking_op=versie.bekendmaking_op)
    html = regisseur_client.get(_url("versies-vergelijken", plan)).content.decode()
    assert "PVT: aanbieder" in html and "Kinderopvang en VVE" in html
    assert "Pvt" not in html and "vve" not in html


def test_pdf_status_pollen_schrijft_geen_toegangslog(regisseur_client, persoon):
    plan = PlanFactory(intake__persoon=persoon, vastgesteld=True)  # PDF still waiting
    assert regisseur_client.get(_url("plan-detail", plan)).status_code == 200
    assert Toegangslog.objects.filter(persoon=persoon).count() == 1  # opening the page: once
    for _poll in range(5):
        html = regisseur_client.get(_url("versie-pdf-status", plan, nummer=1)).content.decode()
        assert "hx-trigger" in html
    assert Toegangslog.objects.filter(persoon=persoon).count() == 1
