import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from pghistory.models import Events

from statushouders.models import Persoon
from statushouders.services import (
    bestandsgroep_wijzigen,
    contactmoment_toevoegen,
    huishouden_wijzigen,
    persoon_aanmaken,
    persoon_bijwerken,
    regisseur_toewijzen,
)
from tests.accounts.factories import UserFactory
from tests.statushouders.factories import HuishoudenFactory, PersoonFactory

pytestmark = pytest.mark.django_db


def _gegevens(gemeente, **extra):
    return {
        "gemeente": gemeente,
        "bsn": "123456782",
        "voornamen": "Amal",
        "achternaam": "Haddad",
        "geboortedatum": datetime.date(1991, 2, 3),
        "geslacht": "v",
        "nationaliteit": "Syrisch",
        "doelgroep": "asiel",
        **extra,
    }


def test_aanmaken_maakt_de_maker_regisseur_en_kan_een_huishouden_beginnen(regisseur, weert):
    persoon = persoon_aanmaken(
        door=regisseur, gegevens=_gegevens(weert), nieuw_huishouden="Huishouden Haddad"
    )
    assert persoon.regisseur == regisseur
    assert persoon.huishouden.naam == "Huishouden Haddad"
    assert persoon.huishouden.gemeente == weert


def test_aanmaken_in_een_gemeente_waar_de_regisseur_niet_werkt_wordt_geweigerd(
    regisseur, cranendonck
):
    with pytest.raises(ValidationError) as fout:
        persoon_aanmaken(door=regisseur, gegevens=_gegevens(cranendonck))
    assert "gemeente" in fout.value.message_dict
    assert not Persoon.objects.exists()


def test_dubbel_bsn_wordt_geweigerd(regisseur, weert):
    persoon_aanmaken(door=regisseur, gegevens=_gegevens(weert))
    with pytest.raises(ValidationError) as fout:
        persoon_aanmaken(door=regisseur, gegevens=_gegevens(weert, v_nummer="1234567890"))
    assert fout.value.message_dict["bsn"] == ["Er is al een persoon met dit BSN."]


def test_huisvesting_voor_koppeling_wordt_geweigerd_met_uitleg(regisseur, weert):
    with pytest.raises(ValidationError) as fout:
        persoon_aanmaken(
            door=regisseur,
            gegevens=_gegevens(
                weert,
                koppeling_datum=datetime.date(2026, 3, 1),
                huisvesting_datum=datetime.date(2026, 2, 1),
            ),
        )
    assert "01-03-2026" in fout.value.message_dict["huisvesting_datum"][0]


def test_de_database_weigert_huisvesting_voor_koppeling_ook_buiten_de_services(persoon):
    with pytest.raises(IntegrityError), transaction.atomic():
        Persoon.objects.filter(pk=persoon.pk).update(
            koppeling_datum=datetime.date(2026, 3, 1), huisvesting_datum=datetime.date(2026, 1, 1)
        )


def test_de_database_weigert_een_dubbel_bsn_ook_buiten_de_services(persoon, weert):
    with pytest.raises(IntegrityError), transaction.atomic():
        Persoon.objects.bulk_create([PersoonFactory.build(gemeente=weert, bsn=persoon.bsn)])


def test_de_database_weigert_een_bsn_dat_geen_negen_cijfers_heeft(persoon):
    with pytest.raises(IntegrityError), transaction.atomic():
        Persoon.objects.filter(pk=persoon.pk).update(bsn="12345")


def test_wijziging_wordt_vastgelegd_met_wie_en_oud_naar_nieuw(persoon, regisseur):
    persoon_bijwerken(persoon=persoon, door=regisseur, gegevens={"telefoon": "+31 6 12345678"})
    update = Events.objects.tracks(persoon).filter(pgh_label="update").get()
    assert update.pgh_diff["telefoon"] == ["", "+31 6 12345678"]
    assert update.pgh_context["user"] == regisseur.pk


def test_regisseur_moet_voor_de_gemeente_van_de_persoon_werken(
    persoon, regisseur, regisseur_cranendonck
):
    with pytest.raises(ValidationError):
        regisseur_toewijzen(persoon=persoon, regisseur=regisseur_cranendonck, door=regisseur)
    collega = UserFactory(gemeenten=[persoon.gemeente], teamleider=True)
    regisseur_toewijzen(persoon=persoon, regisseur=collega, door=regisseur)
    persoon.refresh_from_db()
    assert persoon.regisseur == collega


def test_een_partnermedewerker_kan_geen_regisseur_worden(persoon, regisseur):
    partner = UserFactory(gemeenten=[persoon.gemeente], partnermedewerker=True)
    with pytest.raises(ValidationError):
        regisseur_toewijzen(persoon=persoon, regisseur=partner, door=regisseur)


def test_verhuizen_naar_een_huishouden_van_een_andere_gemeente_wordt_geweigerd(
    persoon, regisseur, cranendonck
):
    elders = HuishoudenFactory(gemeente=cranendonck)
    with pytest.raises(ValidationError):
        huishouden_wijzigen(persoon=persoon, door=regisseur, huishouden=elders)


def test_verhuizen_tussen_huishoudens_en_eruit(persoon, regisseur):
    eerste = HuishoudenFactory(gemeente=persoon.gemeente)
    huishouden_wijzigen(persoon=persoon, door=regisseur, huishouden=eerste)
    assert persoon.huishouden == eerste
    huishouden_wijzigen(persoon=persoon, door=regisseur, nieuw_huishouden="Huishouden Nieuw")
    assert persoon.huishouden.naam == "Huishouden Nieuw"
    huishouden_wijzigen(persoon=persoon, door=regisseur, huishouden=None)
    persoon.refresh_from_db()
    assert persoon.huishouden is None


def test_naar_een_andere_gemeente_laat_het_huishouden_achter(persoon, regisseur, cranendonck):
    huishouden_wijzigen(persoon=persoon, door=regisseur, nieuw_huishouden="Huishouden A")
    regisseur.gemeenten.add(cranendonck)
    persoon_bijwerken(persoon=persoon, door=regisseur, gegevens={"gemeente": cranendonck})
    persoon.refresh_from_db()
    assert persoon.gemeente == cranendonck and persoon.huishouden is None


def test_contactmoment_wordt_vastgelegd_door_de_gebruiker(persoon, regisseur):
    moment = datetime.datetime(2026, 4, 2, 9, 30, tzinfo=datetime.UTC)
    contact = contactmoment_toevoegen(
        persoon=persoon, door=regisseur, moment=moment, soort="telefoon", onderwerp="Woning"
    )
    assert contact.door == regisseur
    assert list(persoon.contactmomenten.all()) == [contact]


def test_bestandsgroep_wijzigen_wordt_vastgelegd_met_wie(persoon, regisseur):
    bestandsgroep_wijzigen(persoon=persoon, groep="zorg_en_rust", door=regisseur)
    persoon.refresh_from_db()
    assert persoon.bestandsgroep == "zorg_en_rust"
    assert Events.objects.tracks(persoon).order_by("-pgh_id").first().pgh_context["user"] == (
        regisseur.pk
    )


def test_onbekende_bestandsgroep_wordt_geweigerd(persoon, regisseur):
    with pytest.raises(ValidationError) as fout:
        bestandsgroep_wijzigen(persoon=persoon, groep="weg", door=regisseur)
    assert "bestandsgroep" in fout.value.message_dict
    persoon.refresh_from_db()
    assert persoon.bestandsgroep == "intake"
