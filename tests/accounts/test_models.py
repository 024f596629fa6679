import pghistory
import pytest
from pghistory.models import Events

from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_wijziging_van_gemeenten_van_een_gebruiker_wordt_vastgelegd(weert, cranendonck):
    beheerder = UserFactory(beheerder=True)
    gebruiker = UserFactory(gemeenten=[weert])
    with pghistory.context(user=beheerder.pk):
        gebruiker.gemeenten.set([cranendonck])
    labels = {
        (e.pgh_label, e.pgh_data["gemeente_id"], (e.pgh_context or {}).get("user"))
        for e in Events.objects.references(gebruiker)
        if e.pgh_obj_model == "accounts.GemeenteLidmaatschap"
    }
    assert ("delete", weert.pk, beheerder.pk) in labels
    assert ("insert", cranendonck.pk, beheerder.pk) in labels


def test_rolwijziging_wordt_vastgelegd_zonder_wachtwoord(regisseur):
    regisseur.rol = "teamleider"
    regisseur.set_password("iets-nieuws-en-lang")
    regisseur.save()
    update = Events.objects.tracks(regisseur).filter(pgh_label="update").get()
    assert update.pgh_diff["rol"] == ["regisseur", "teamleider"]
    assert "password" not in update.pgh_data
