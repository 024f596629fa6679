import datetime
import re

import pytest
import time_machine
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.constants import Gebeurtenis
from accounts.models import Beveiligingsgebeurtenis

pytestmark = pytest.mark.django_db

BEGIN = datetime.datetime(2026, 11, 16, 9, 0, tzinfo=datetime.UTC)


def test_een_wachtwoord_heeft_minstens_twaalf_tekens():
    with pytest.raises(ValidationError, match="12"):
        validate_password("Kort-maar-1")  # eleven characters
    validate_password("lang-genoeg-Koers-2026")


def test_een_veelgebruikt_wachtwoord_wordt_geweigerd():
    with pytest.raises(ValidationError):
        validate_password("password1234")


def _link_aanvragen(client, user) -> str:
    client.post(reverse("account_reset_password"), {"email": user.email})
    (bericht,) = mail.outbox
    return re.search(r"https?://[^\s]+/password/reset/key/[^\s]+", bericht.body).group(0)


def test_herstellink_werkt_binnen_het_uur(client, regisseur, settings):
    regisseur.email = "ingrid@weert.example"
    regisseur.save()
    with time_machine.travel(BEGIN, tick=False) as reis:
        link = _link_aanvragen(client, regisseur)
        reis.shift(datetime.timedelta(minutes=50))
        response = client.get(link, follow=True)
        assert "Nieuw wachtwoord kiezen" in response.content.decode()
        response = client.post(
            response.redirect_chain[-1][0],
            {"password1": "nieuw-lang-wachtwoord-7", "password2": "nieuw-lang-wachtwoord-7"},
        )
        assert response.status_code == 302
    regisseur.refresh_from_db()
    assert regisseur.check_password("nieuw-lang-wachtwoord-7")
    assert Beveiligingsgebeurtenis.objects.filter(
        user=regisseur, soort=Gebeurtenis.WACHTWOORD_HERSTELD
    ).exists()


def test_een_verlopen_herstellink_wordt_geweigerd(client, regisseur):
    regisseur.email = "ingrid@weert.example"
    regisseur.save()
    with time_machine.travel(BEGIN, tick=False) as reis:
        link = _link_aanvragen(client, regisseur)
        reis.shift(datetime.timedelta(hours=1, minutes=1))
        response = client.get(link, follow=True)
        assert "Deze link werkt niet meer" in response.content.decode()
    regisseur.refresh_from_db()
    assert not regisseur.check_password("nieuw-lang-wachtwoord-7")


def test_te_kort_nieuw_wachtwoord_geeft_uitleg_bij_het_veld(client, regisseur):
    client.force_login(regisseur)
    from tests.accounts.factories import WACHTWOORD

    response = client.post(
        reverse("accounts:password-change"),
        {"oldpassword": WACHTWOORD, "password1": "kort-11-tkn", "password2": "kort-11-tkn"},
    )
    assert response.status_code == 200
    assert "12" in response.content.decode()


def test_te_kort_wachtwoord_wordt_in_het_nederlands_geweigerd():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as fout:
        validate_password("kort-maar-1")
    assert "Dit wachtwoord is te kort. Het moet minstens 12 tekens bevatten." in fout.value.messages
