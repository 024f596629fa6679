"""Functioneel beheer sets the gemeente's payment account and how the bank books a batch."""

import pytest
from django.urls import reverse

from ontzorging.models import Betaalinstelling
from tests.ontzorging.factories import IBAN_GEMEENTE

pytestmark = pytest.mark.django_db

INSTELLING = {
    "rekeninghouder": "Gemeente Weert",
    "iban": "NL91 ABNA 0417 1643 00",
    "bic": "",
    "beleid": "",
}


def test_batchboeking_staat_standaard_uit(beheer_client, weert):
    response = beheer_client.post(
        reverse("beheer:ontzorging-instelling", args=[weert.pk]), INSTELLING
    )
    assert response.status_code == 302
    instelling = Betaalinstelling.objects.get(gemeente=weert)
    assert (instelling.iban, instelling.batchboeking) == (IBAN_GEMEENTE, False)


def test_batchboeking_aan_en_weer_uit_in_het_beheerscherm(beheer_client, weert):
    url = reverse("beheer:ontzorging-instelling", args=[weert.pk])
    pagina = beheer_client.get(url).content.decode()
    assert "batchboeking" in pagina and "als één totaalbedrag" in pagina
    beheer_client.post(url, INSTELLING | {"batchboeking": "on"})
    assert Betaalinstelling.objects.get(gemeente=weert).batchboeking
    assert beheer_client.get(url).context["form"]["batchboeking"].value() is True
    beheer_client.post(url, INSTELLING)
    assert not Betaalinstelling.objects.get(gemeente=weert).batchboeking
