"""The one rule for 'which gemeenten may this user act on, for what' (accounts.scope)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts.scope import Doel, gemeenten, mag
from tests.accounts.factories import UserFactory
from tests.statushouders.factories import GemeenteFactory, PersoonFactory

pytestmark = pytest.mark.django_db


def _namen(user, doel):
    return set(gemeenten(user, doel).values_list("naam", flat=True))


@pytest.fixture
def drie(weert, cranendonck):
    return weert, cranendonck, GemeenteFactory(naam="Nederweert", cbs_code="GM0946")


@pytest.mark.parametrize(
    ("rol", "verwacht"),
    [
        ({}, {Doel.DOSSIER}),
        ({"teamleider": True}, {Doel.DOSSIER, Doel.RAPPORTAGE, Doel.TEAM}),
        ({"beheerder": True}, {Doel.RAPPORTAGE, Doel.BEHEER, Doel.TOEKENNEN}),
    ],
)
def test_elke_rol_werkt_alleen_in_de_eigen_gemeenten_voor_haar_eigen_doelen(drie, rol, verwacht):
    weert, cranendonck, _ = drie
    PersoonFactory(gemeente=cranendonck)  # a gemeente with dossiers is never "new"
    user = UserFactory(gemeenten=[weert], **rol)
    for doel in Doel:
        toegestaan = _namen(user, doel)
        if doel in verwacht:
            assert "Weert" in toegestaan, doel
            assert "Cranendonck" not in toegestaan, doel
        else:
            assert toegestaan == set(), doel


def test_beheer_mag_een_nieuwe_gemeente_toekennen_maar_er_niets_anders_mee(drie):
    weert, _, nederweert = drie
    beheerder = UserFactory(beheerder=True, gemeenten=[weert])
    assert mag(beheerder, nederweert, Doel.TOEKENNEN)
    assert not mag(beheerder, nederweert, Doel.BEHEER)
    PersoonFactory(gemeente=nederweert)
    assert not mag(beheerder, nederweert, Doel.TOEKENNEN)


def test_partner_anoniem_en_gedeactiveerd_hebben_geen_gemeenten(weert):
    gedeactiveerd = UserFactory(gemeenten=[weert], is_active=False)
    for user in (AnonymousUser(), gedeactiveerd, None):
        for doel in Doel:
            assert not gemeenten(user, doel).exists()
    assert not mag(UserFactory(gemeenten=[weert]), None, Doel.DOSSIER)
