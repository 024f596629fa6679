import pytest
from django.core.management import call_command
from django.urls import reverse

from demo import personen as demo
from tests.accounts.totp import totp_code

pytestmark = pytest.mark.django_db


def test_demogebruiker_logt_in_met_wachtwoord_en_de_bekende_sleutel(client):
    demo.gemeenten_en_gebruikers()
    geheim = demo.demo_totp_geheim("regisseur")
    response = client.post(
        reverse("accounts:login"), {"login": "regisseur", "password": demo.DEMO_WACHTWOORD}
    )
    assert response.url == reverse("mfa_authenticate")
    client.post(reverse("mfa_authenticate"), {"code": totp_code(geheim)})
    assert client.get("/personen/").status_code == 200


def test_de_sleutels_van_alle_demologins_worden_getoond(capsys):
    demo.gemeenten_en_gebruikers()
    demo.gemeenten_en_gebruikers()  # a second run keeps the same secrets
    call_command("demo_totp", force=True)
    uitvoer = capsys.readouterr().out
    for username, *_rest in demo.DEMO_GEBRUIKERS:
        geheim = demo.demo_totp_geheim(username)
        assert f"{username:<11} wachtwoord {demo.DEMO_WACHTWOORD}  TOTP-sleutel {geheim}" in uitvoer
        assert f"secret={geheim}" in uitvoer
    assert "otpauth://totp/" in uitvoer
