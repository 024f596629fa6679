import pytest

from statushouders.selectors import dossier_historie, personen_zichtbaar, regisseurs_voor
from statushouders.services import persoon_bijwerken
from tests.accounts.factories import UserFactory
from tests.statushouders.factories import PersoonFactory

pytestmark = pytest.mark.django_db


def test_regisseur_ziet_alleen_personen_van_de_eigen_gemeenten(
    persoon, regisseur, regisseur_cranendonck, cranendonck
):
    elders = PersoonFactory(gemeente=cranendonck)
    assert list(personen_zichtbaar(user=regisseur)) == [persoon]
    assert list(personen_zichtbaar(user=regisseur_cranendonck)) == [elders]


def test_regionaal_team_ziet_alle_eigen_gemeenten(persoon, weert, cranendonck):
    elders = PersoonFactory(gemeente=cranendonck)
    teamleider = UserFactory(teamleider=True, gemeenten=[weert, cranendonck])
    assert set(personen_zichtbaar(user=teamleider)) == {persoon, elders}


@pytest.mark.parametrize("trait", ["partnermedewerker", "beheerder"])
def test_partner_en_functioneel_beheer_zien_geen_dossiers(persoon, weert, trait):
    gebruiker = UserFactory(gemeenten=[weert], **{trait: True})
    assert not personen_zichtbaar(user=gebruiker).exists()


def test_inactieve_gebruiker_ziet_geen_dossiers(persoon, regisseur):
    regisseur.is_active = False
    assert not personen_zichtbaar(user=regisseur).exists()


def test_regisseurs_voor_zijn_dossiermedewerkers_van_dezelfde_gemeenten(
    regisseur, regisseur_cranendonck, weert
):
    collega = UserFactory(gemeenten=[weert], teamleider=True)
    UserFactory(gemeenten=[weert], partnermedewerker=True)
    assert set(regisseurs_voor(user=regisseur)) == {regisseur, collega}


def test_historie_toont_veldnaam_oud_en_nieuw_en_wie(persoon, regisseur):
    persoon_bijwerken(persoon=persoon, door=regisseur, gegevens={"bestandsgroep": "zorg_en_rust"})
    laatste = dossier_historie(persoon=persoon)[0]
    assert laatste.actie == "gewijzigd"
    assert laatste.door == "Ingrid Janssen"
    assert [(w.veld, w.oud, w.nieuw) for w in laatste.wijzigingen] == [
        ("bestandsgroep", "Intake", "Zorg en rust")
    ]
