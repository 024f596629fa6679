import pytest
from django.db import DatabaseError, transaction
from django.urls import reverse

from accounts.constants import Gebeurtenis
from accounts.models import Beveiligingsgebeurtenis
from accounts.services import gebeurtenis_vastleggen
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder_client(client):
    client.force_login(UserFactory(beheerder=True))
    return client


def test_het_log_kan_niet_worden_gewijzigd_of_verwijderd(regisseur):
    regel = gebeurtenis_vastleggen(soort=Gebeurtenis.MISLUKT, user=regisseur)
    for poging in (
        lambda: Beveiligingsgebeurtenis.objects.filter(pk=regel.pk).update(soort="inlog"),
        lambda: Beveiligingsgebeurtenis.objects.filter(pk=regel.pk).delete(),
    ):
        with pytest.raises(DatabaseError), transaction.atomic():
            poging()
    assert Beveiligingsgebeurtenis.objects.get(pk=regel.pk).soort == Gebeurtenis.MISLUKT


def test_beheer_ziet_het_log_gefilterd_met_vaste_queries(
    beheerder_client, regisseur, django_assert_max_num_queries
):
    anderen = UserFactory.create_batch(3)
    for user in [regisseur, *anderen]:
        gebeurtenis_vastleggen(soort=Gebeurtenis.MISLUKT, user=user, gebruikersnaam=user.username)
        gebeurtenis_vastleggen(soort=Gebeurtenis.INLOG, user=user)
    with django_assert_max_num_queries(12):
        response = beheerder_client.get(reverse("accounts:beveiligingslog"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Beveiligingslog" in html and "Inloggen mislukt" in html

    response = beheerder_client.get(
        reverse("accounts:beveiligingslog"), {"soort": "mislukt", "gebruiker": regisseur.pk}
    )
    regels = list(response.context["pagina"].object_list)
    assert [(r.user, r.soort) for r in regels] == [(regisseur, Gebeurtenis.MISLUKT)]


@pytest.mark.parametrize(
    "query",
    [{"soort": "\x00"}, {"gebruiker": "abc"}, {"gebruiker": "1\x00"}, {"pagina": "\x00"}],
)
def test_een_onzinnige_filterwaarde_geeft_de_ongefilterde_lijst(beheerder_client, query):
    response = beheerder_client.get(reverse("accounts:beveiligingslog"), query)
    assert response.status_code == 200


def test_alleen_functioneel_beheer_ziet_het_log(regisseur_client):
    assert regisseur_client.get(reverse("accounts:beveiligingslog")).status_code == 403
