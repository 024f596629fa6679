"""An inzage opened through another person's address answers 404 and is logged as a refused
attempt against the person it concerns; one's own shows its progress."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from core.models import Toegangslog
from statushouders.models import Inzage, InzageStatus
from tests.accounts.factories import UserFactory
from tests.statushouders.factories import PersoonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def vaste_dag():
    with time_machine.travel(datetime.datetime(2026, 5, 4, 9, 30, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def beheerder_client(weert):
    client = Client()
    client.force_login(UserFactory(beheerder=True, gemeenten=[weert]))
    return client


@pytest.mark.parametrize("naam", ["avg:inzage-status", "avg:inzage-downloaden"])
def test_inzage_van_een_ander_in_het_adres_wordt_geweigerd_en_gelogd(
    beheerder_client, persoon, weert, naam
):
    ander = PersoonFactory(gemeente=weert)
    inzage = Inzage.objects.create(
        persoon=ander, aangevraagd_door=persoon.regisseur, status=InzageStatus.KLAAR
    )
    url = reverse(naam, kwargs={"uuid": persoon.uuid, "inzage_uuid": inzage.uuid})
    assert beheerder_client.get(url).status_code == 404
    regel = Toegangslog.objects.get(toegestaan=False)
    assert (regel.persoon, regel.pad) == (ander, url)


def test_eigen_inzage_toont_voortgang_zonder_weigering(beheerder_client, persoon):
    inzage = Inzage.objects.create(
        persoon=persoon, aangevraagd_door=persoon.regisseur, status=InzageStatus.WACHT
    )
    url = reverse("avg:inzage-status", kwargs={"uuid": persoon.uuid, "inzage_uuid": inzage.uuid})
    html = beheerder_client.get(url).content.decode()
    assert f'hx-get="{url}"' in html and "<progress" in html
    assert not Toegangslog.objects.filter(toegestaan=False).exists()
