"""Every answer carries the security headers; pages and downloads with personal data are
never kept in a cache; the Content-Security-Policy allows only Koers's own files."""

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from tests.partners.factories import PartnerMedewerkerFactory, VerwijzingFactory
from tests.pip_plans.factories import PlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def productie(settings):
    """The https settings of production (the tests otherwise run as development does)."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    return settings


def _beleid(response) -> dict[str, list[str]]:
    return {
        delen[0]: delen[1:]
        for regel in response["Content-Security-Policy"].split(";")
        if (delen := regel.split())
    }


def test_dossierpagina_heeft_strikte_csp_en_beveiligingskoppen(regisseur_client, persoon):
    response = regisseur_client.get(persoon.get_absolute_url())
    assert response.status_code == 200
    beleid = _beleid(response)
    assert beleid["default-src"] == ["'self'"]
    assert beleid["object-src"] == ["'none'"]
    assert beleid["base-uri"] == ["'none'"]
    assert beleid["frame-ancestors"] == ["'none'"]
    assert beleid["form-action"] == ["'self'"]
    assert beleid["style-src"] == ["'self'"]
    assert "'unsafe-inline'" not in beleid["script-src"]
    assert "'unsafe-eval'" not in beleid["script-src"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_pagina_bevat_geen_inline_script_stijl_of_handler(regisseur_client, persoon):
    html = regisseur_client.get(persoon.get_absolute_url()).content.decode()
    assert " style=" not in html
    assert " onclick=" not in html
    assert "<script>" not in html
    assert "includeIndicatorStyles" in html  # htmx adds no <style> of its own


def test_productie_stuurt_http_naar_https_maar_niet_de_gezondheidscheck(productie, client):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 301
    assert response["Location"].startswith("https://")
    assert client.get(reverse("core:healthz")).status_code == 200


def test_productie_antwoordt_over_https_met_hsts(productie, client):
    response = client.get(reverse("accounts:login"), secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert response.cookies["csrftoken"]["secure"]
    assert response.cookies["csrftoken"]["httponly"]


def test_admin_staat_alleen_inline_stijl_toe(admin_client):
    beleid = _beleid(admin_client.get("/beheer/admin/"))
    assert beleid["style-src"] == ["'self'", "'unsafe-inline'"]
    assert "'unsafe-inline'" not in beleid["script-src"]


def _niet_bewaren(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


def test_inlogpagina_wordt_niet_bewaard(client):
    assert _niet_bewaren(client.get(reverse("accounts:login")))


def test_dossier_en_pdf_worden_niet_bewaard(regisseur_client, persoon):
    assert _niet_bewaren(regisseur_client.get(persoon.get_absolute_url()))
    plan = PlanFactory(intake__persoon=persoon, vastgesteld=True)
    versie = plan.versies.get()
    versie.pdf.save("versie.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    response = regisseur_client.get(
        reverse("pip_plans:versie-pdf", args=[persoon.uuid, versie.nummer])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert _niet_bewaren(response)


def test_partnerportaal_wordt_niet_bewaard(client, persoon):
    verwijzing = VerwijzingFactory(persoon=persoon)
    client.force_login(PartnerMedewerkerFactory(partner=verwijzing.partner))
    response = client.get(reverse("partners:portaal"))
    assert response.status_code == 200
    assert _niet_bewaren(response)


def test_statische_bestanden_blijven_in_de_cache(settings):
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    response = Client().get("/static/css/koers.css")
    assert response.status_code == 200
    assert not _niet_bewaren(response)
    assert "Content-Security-Policy" not in response
