"""A look at a dossier is logged, and so is an attempt outside one's scope."""

import pytest
from django.test import Client

from core.models import Toegangslog
from tests.partners.factories import PartnerMedewerkerFactory, VerwijzingFactory

pytestmark = pytest.mark.django_db


def test_regisseur_van_een_andere_gemeente_wordt_geweigerd_en_gelogd(
    client, persoon, regisseur_cranendonck
):
    client.force_login(regisseur_cranendonck)
    assert client.get(persoon.get_absolute_url()).status_code == 404
    regel = Toegangslog.objects.get()
    assert regel.toegestaan is False
    assert (regel.gebruiker, regel.persoon, regel.persoon_uuid) == (
        regisseur_cranendonck,
        persoon,
        persoon.uuid,
    )


def test_eigen_dossier_wordt_gelogd_als_toegestaan(regisseur_client, persoon, regisseur):
    assert regisseur_client.get(persoon.get_absolute_url()).status_code == 200
    regel = Toegangslog.objects.get()
    assert (regel.toegestaan, regel.persoon, regel.gebruiker) == (True, persoon, regisseur)


def test_partner_op_een_dossier_url_wordt_gelogd(persoon):
    client = Client()
    medewerker = PartnerMedewerkerFactory()
    client.force_login(medewerker)
    assert client.get(persoon.get_absolute_url()).status_code == 404
    assert Toegangslog.objects.get(toegestaan=False).persoon == persoon


def test_partner_op_een_verwijzing_van_een_ander_wordt_gelogd(persoon, regisseur):
    verwijzing = VerwijzingFactory(persoon=persoon, door=regisseur)
    client = Client()
    client.force_login(PartnerMedewerkerFactory())
    assert client.get(verwijzing.get_portal_url()).status_code == 404
    regel = Toegangslog.objects.get()
    assert (regel.toegestaan, regel.persoon_uuid) == (False, persoon.uuid)


def test_ook_in_ontwikkeling_een_nederlandse_404(regisseur_client, settings, persoon):
    settings.DEBUG = True
    for url in ("/bestaat-niet/", f"/personen/{persoon.uuid}/pip/"):
        response = regisseur_client.get(url)
        html = response.content.decode()
        assert response.status_code == 404
        assert "Niet gevonden" in html and "Page not found" not in html
        assert "beheer/admin" not in html


def test_beheer_vindt_geweigerde_pogingen_in_het_toegangslog(
    client, persoon, regisseur_cranendonck, regisseur_client
):
    from django.urls import reverse

    from tests.accounts.factories import UserFactory

    regisseur_client.get(persoon.get_absolute_url())
    indringer = Client()
    indringer.force_login(regisseur_cranendonck)
    indringer.get(persoon.get_absolute_url())
    client.force_login(UserFactory(beheerder=True))
    html = client.get(reverse("core:toegangslog"), {"toegang": "geweigerd"}).content.decode()
    assert "1 regel gevonden" in html and "geweigerd" in html
    assert persoon.naam in html and str(regisseur_cranendonck) in html
    html = client.get(reverse("core:toegangslog"), {"zoek": persoon.achternaam}).content.decode()
    assert "2 regels gevonden" in html
