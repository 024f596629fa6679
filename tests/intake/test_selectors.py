import pytest

from intake import services
from intake.selectors import IntakeActies, intake_acties
from statushouders.selectors import dossier_historie
from tests.accounts.factories import UserFactory
from tests.intake.factories import BredeIntakeFactory

pytestmark = pytest.mark.django_db


def test_zonder_intake_mag_alleen_starten(regisseur):
    assert intake_acties(intake=None, user=regisseur) == IntakeActies(starten=True)


def test_lopende_intake_mag_worden_gewijzigd_niet_opnieuw_gestart(persoon, regisseur):
    intake = BredeIntakeFactory(persoon=persoon)
    assert intake_acties(intake=intake, user=regisseur) == IntakeActies(wijzigen=True)


def test_afgeronde_intake_mag_alleen_worden_heropend(persoon, regisseur):
    intake = BredeIntakeFactory(persoon=persoon, afgerond=True)
    assert intake_acties(intake=intake, user=regisseur) == IntakeActies(heropenen=True)


def test_heropende_intake_loopt_weer(persoon, regisseur):
    intake = BredeIntakeFactory(persoon=persoon, heropend=True)
    assert intake_acties(intake=intake, user=regisseur) == IntakeActies(wijzigen=True)


def test_afgeronde_intake_naast_een_lopende_wordt_niet_heropend(persoon, regisseur):
    eerdere = BredeIntakeFactory(persoon=persoon, afgerond=True)
    BredeIntakeFactory(persoon=persoon)
    assert intake_acties(intake=eerdere, user=regisseur) == IntakeActies()


def test_partnermedewerker_mag_niets_met_een_intake(persoon, weert):
    partner = UserFactory(gemeenten=[weert], partnermedewerker=True)
    assert intake_acties(intake=None, user=partner) == IntakeActies()
    assert intake_acties(intake=BredeIntakeFactory(persoon=persoon), user=partner) == (
        IntakeActies()
    )


def _intake_wijziging(persoon):
    return next(
        regel
        for regel in dossier_historie(persoon=persoon)
        if (regel.onderwerp, regel.actie) == ("brede intake", "gewijzigd")
    )


def test_historie_toont_meerkeuzewaarden_en_ja_nee_als_tekst(persoon, regisseur):
    intake = BredeIntakeFactory(persoon=persoon)
    services.intake_gegevens_opslaan(
        intake=intake,
        door=regisseur,
        gegevens={"advies_eerste_stappen": ["opleiding"], "kinderopvang_nodig": True},
    )
    wijzigingen = {w.veld: (w.oud, w.nieuw) for w in _intake_wijziging(persoon).wijzigingen}
    assert wijzigingen == {
        "kinderopvang nodig": ("Nee", "Ja"),
        "geadviseerde eerste stappen": ("—", "Opleiding"),
    }


def test_historie_toont_een_lijst_van_keuzes_als_labels_met_komma(persoon, regisseur):
    intake = BredeIntakeFactory(persoon=persoon, advies_eerste_stappen=["opleiding"])
    services.intake_gegevens_opslaan(
        intake=intake, door=regisseur, gegevens={"advies_eerste_stappen": ["opleiding", "werk"]}
    )
    [wijziging] = _intake_wijziging(persoon).wijzigingen
    assert (wijziging.oud, wijziging.nieuw) == ("Opleiding", "Opleiding, Werk")
