import datetime

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from accounts.constants import Gebeurtenis
from accounts.models import Beveiligingsgebeurtenis, GemeenteLidmaatschap
from accounts.services import sessies_beeindigen
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

BEGIN = datetime.datetime(2026, 11, 16, 9, 0, tzinfo=datetime.UTC)


def _ingelogd(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_na_een_kwartier_zonder_verzoek_is_de_sessie_voorbij(regisseur):
    with time_machine.travel(BEGIN, tick=False) as reis:
        client = _ingelogd(regisseur)
        assert client.get("/personen/").status_code == 200
        reis.shift(datetime.timedelta(minutes=14))
        assert client.get("/personen/").status_code == 200  # activity: the quarter restarts
        reis.shift(datetime.timedelta(minutes=14))
        assert client.get("/personen/").status_code == 200
        reis.shift(datetime.timedelta(minutes=15, seconds=1))
        response = client.get("/personen/?pagina=2")
        assert response.status_code == 302
        assert response.url == f"{reverse('accounts:login')}?next=/personen/%3Fpagina%3D2"
        pagina = client.get(response.url).content.decode()
        assert "Uw sessie is verlopen" in pagina and "15 minuten niet actief" in pagina
        assert client.get("/personen/").status_code == 302
    assert Beveiligingsgebeurtenis.objects.filter(
        user=regisseur, soort=Gebeurtenis.SESSIE_VERLOPEN
    ).exists()


def test_htmx_verzoeken_tellen_als_activiteit_en_krijgen_een_htmx_doorverwijzing(regisseur):
    with time_machine.travel(BEGIN, tick=False) as reis:
        client = _ingelogd(regisseur)
        for _ in range(3):
            reis.shift(datetime.timedelta(minutes=10))
            assert client.get("/personen/", HTTP_HX_REQUEST="true").status_code == 200
        reis.shift(datetime.timedelta(minutes=16))
        response = client.get("/personen/", HTTP_HX_REQUEST="true")
        assert response["HX-Redirect"] == reverse("accounts:login")


def test_ingelogd_blijven_verlengt_de_sessie(regisseur):
    with time_machine.travel(BEGIN, tick=False) as reis:
        client = _ingelogd(regisseur)
        reis.shift(datetime.timedelta(minutes=14))
        assert client.post(reverse("accounts:sessie-verlengen")).json() == {"ingelogd": True}
        reis.shift(datetime.timedelta(minutes=14))
        assert client.get("/personen/").status_code == 200


def test_na_tien_uur_is_de_sessie_voorbij_ook_bij_activiteit(regisseur):
    with time_machine.travel(BEGIN, tick=False) as reis:
        client = _ingelogd(regisseur)
        for _ in range(9 * 6 + 5):  # every ten minutes, for nine hours and fifty minutes
            reis.shift(datetime.timedelta(minutes=10))
            assert client.get("/personen/").status_code == 200
        reis.shift(datetime.timedelta(minutes=10, seconds=1))
        response = client.get("/personen/")
        assert response.status_code == 302
        assert "10 uur ingelogd" in client.get(response.url).content.decode()


def test_de_waarschuwing_staat_klaar_zonder_inline_script(regisseur_client):
    html = regisseur_client.get("/personen/").content.decode()
    assert 'id="sessie-waarschuwing"' in html
    assert 'data-inactief-seconden="900"' in html
    assert "Ingelogd blijven" in html
    assert "js/sessie.js" in html
    assert " onclick=" not in html


def _sessies(user) -> int:
    return sum(
        1 for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(user.pk)
    )


def test_uitloggen_beeindigt_de_sessies_op_alle_apparaten(regisseur):
    laptop, telefoon = _ingelogd(regisseur), _ingelogd(regisseur)
    ander = _ingelogd(UserFactory(gemeenten=list(regisseur.gemeenten.all())))
    assert _sessies(regisseur) == 2
    laptop.post(reverse("accounts:logout"))
    assert _sessies(regisseur) == 0
    assert telefoon.get("/personen/").status_code == 302
    assert ander.get("/personen/").status_code == 200
    assert Beveiligingsgebeurtenis.objects.filter(
        user=regisseur, soort=Gebeurtenis.UITGELOGD
    ).exists()


def test_deactiveren_beeindigt_alle_sessies_waar_het_ook_gebeurt(regisseur):
    client = _ingelogd(regisseur)
    regisseur.is_active = False
    regisseur.save()
    assert _sessies(regisseur) == 0
    assert client.get("/personen/").status_code == 302


def test_een_bulkwijziging_van_is_active_gaat_langs_de_dienst(regisseur):
    # A queryset update bypasses signals; the service is the one way to end sessions then.
    _ingelogd(regisseur)
    type(regisseur).objects.filter(pk=regisseur.pk).update(is_active=False)
    assert sessies_beeindigen(user=regisseur) == 1
    assert _sessies(regisseur) == 0


def test_de_laatste_gemeente_kwijt_beeindigt_alle_sessies(regisseur, weert, cranendonck):
    regisseur.gemeenten.add(cranendonck)
    client = _ingelogd(regisseur)
    regisseur.gemeenten.remove(weert)
    assert client.get("/personen/").status_code == 200  # still one gemeente left
    GemeenteLidmaatschap.objects.filter(user=regisseur).delete()
    assert _sessies(regisseur) == 0
    assert client.get("/personen/").status_code == 302


def test_gemeenten_leegmaken_via_set_beeindigt_alle_sessies(regisseur):
    client = _ingelogd(regisseur)
    regisseur.gemeenten.set([])
    assert client.get("/personen/").status_code == 302


def test_het_register_vergeet_sessies_die_vanzelf_zijn_geeindigd(regisseur):
    from accounts.models import Sessie
    from accounts.tasks import sessieregister_opschonen

    _ingelogd(regisseur)
    blijft = _ingelogd(regisseur)
    Session.objects.exclude(session_key=blijft.session.session_key).delete()
    assert sessieregister_opschonen() == 1
    assert sessieregister_opschonen() == 0
    assert list(Sessie.objects.values_list("session_key", flat=True)) == [
        blijft.session.session_key
    ]
