import datetime
from functools import partial

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from pghistory.models import Events

from accounts.constants import AanvraagStatus, Rol
from accounts.models import Rechtenaanvraag
from accounts.services import (
    gebruiker_aanmaken,
    gebruiker_deactiveren,
    gebruiker_heractiveren,
    gebruiker_wijzigen,
    gemeente_aanvragen,
    gemeente_intrekken,
    rechtenaanvraag_afwijzen,
    rechtenaanvraag_goedkeuren,
    rol_aanvragen,
)
from tests.accounts.factories import UserFactory
from tests.partners.factories import PartnerFactory

pytestmark = pytest.mark.django_db


# A login moment of an account that has been used.
INGELOGD_OP = datetime.datetime(2026, 4, 1, 9, tzinfo=datetime.UTC)


def _gemeenten(user) -> set[str]:
    return set(user.gemeenten.values_list("naam", flat=True))


def test_nieuw_account_heeft_geen_wachtwoord_geen_gemeenten_en_geen_adminvlaggen(beheerder):
    gebruiker = gebruiker_aanmaken(
        door=beheerder,
        username="sanne",
        first_name="Sanne",
        last_name="Bos",
        email="sanne@weert.example",
        rol=Rol.TEAMLEIDER,
    )
    assert not gebruiker.has_usable_password()
    assert not gebruiker.is_staff and not gebruiker.is_superuser
    assert _gemeenten(gebruiker) == set()
    insert = Events.objects.tracks(gebruiker).get(pgh_label="insert")
    assert insert.pgh_context["user"] == beheerder.pk


def test_een_hogere_rol_bij_aanmaken_wacht_op_een_tweede_beheerder(beheerder, beheerder2):
    """Otherwise one beheerder makes a second beheerder account and approves with it."""
    gebruiker = gebruiker_aanmaken(
        door=beheerder,
        username="tweede",
        first_name="Tweede",
        last_name="Beheerder",
        email="tweede@weert.example",
        rol=Rol.FUNCTIONEEL_BEHEERDER,
    )
    assert gebruiker.rol == Rol.REGISSEUR
    aanvraag = Rechtenaanvraag.objects.get(gebruiker=gebruiker)
    assert aanvraag.status == AanvraagStatus.OPEN
    assert aanvraag.nieuwe_rol == Rol.FUNCTIONEEL_BEHEERDER
    assert aanvraag.aangevraagd_door == beheerder
    with pytest.raises(ValidationError):
        rechtenaanvraag_goedkeuren(aanvraag=aanvraag, door=beheerder)
    rechtenaanvraag_goedkeuren(aanvraag=aanvraag, door=beheerder2)
    gebruiker.refresh_from_db()
    assert gebruiker.rol == Rol.FUNCTIONEEL_BEHEERDER


def test_een_e_mailadres_hoort_bij_een_account(beheerder, regisseur):
    regisseur.email = "ingrid@weert.example"
    regisseur.save()
    velden = {"door": beheerder, "first_name": "A", "last_name": "B", "rol": Rol.REGISSEUR}
    with pytest.raises(ValidationError) as fout:
        gebruiker_aanmaken(username="kopie", email="Ingrid@Weert.example", **velden)
    assert "ander account" in fout.value.message_dict["email"][0]
    ander = gebruiker_aanmaken(username="ander", email="ander@weert.example", **velden)
    with pytest.raises(ValidationError) as fout:
        gebruiker_wijzigen(
            gebruiker=ander, door=beheerder, first_name="A", last_name="B",
            email="ingrid@weert.example",
        )  # fmt: skip
    assert "email" in fout.value.message_dict
    # Its own address again is no duplicate.
    gebruiker_wijzigen(
        gebruiker=ander, door=beheerder, first_name="A", last_name="C",
        email="ander@weert.example",
    )  # fmt: skip


def test_partnermedewerker_hoort_bij_een_partner_en_anderen_niet(beheerder):
    velden = {"door": beheerder, "first_name": "A", "last_name": "B", "email": "a@b.example"}
    with pytest.raises(ValidationError) as fout:
        gebruiker_aanmaken(username="p1", rol=Rol.PARTNER_MEDEWERKER, **velden)
    assert "partner" in fout.value.message_dict
    with pytest.raises(ValidationError):
        gebruiker_aanmaken(username="p2", rol=Rol.REGISSEUR, partner=PartnerFactory(), **velden)
    medewerker = gebruiker_aanmaken(
        username="p3", rol=Rol.PARTNER_MEDEWERKER, partner=PartnerFactory(), **velden
    )
    assert medewerker.is_partner_medewerker


def test_alleen_functioneel_beheer_maakt_accounts(regisseur):
    with pytest.raises(ValidationError):
        gebruiker_aanmaken(
            door=regisseur,
            username="x",
            first_name="X",
            last_name="Y",
            email="x@y.example",
            rol=Rol.REGISSEUR,
        )


def test_gemeente_pas_na_goedkeuring_door_een_tweede_beheerder(beheerder, beheerder2, weert):
    gebruiker = UserFactory(gemeenten=[])
    aanvraag = gemeente_aanvragen(
        gebruiker=gebruiker, door=beheerder, gemeente=weert, reden="Nieuwe collega"
    )
    assert _gemeenten(gebruiker) == set()
    with pytest.raises(ValidationError, match="niet de aanvrager"):
        rechtenaanvraag_goedkeuren(aanvraag=aanvraag, door=beheerder)
    assert _gemeenten(gebruiker) == set()
    rechtenaanvraag_goedkeuren(aanvraag=aanvraag, door=beheerder2)
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.GOEDGEKEURD
    assert aanvraag.beoordeeld_door == beheerder2
    assert _gemeenten(gebruiker) == {"Weert"}
    toegevoegd = Events.objects.get(
        pgh_obj_model="accounts.GemeenteLidmaatschap",
        pgh_label="insert",
        pgh_data__user_id=gebruiker.pk,
    )
    assert toegevoegd.pgh_context["user"] == beheerder2.pk
    assert toegevoegd.pgh_context["rechtenaanvraag"] == aanvraag.pk


def test_rol_pas_na_goedkeuring_en_afwijzen_verandert_niets(beheerder, beheerder2, weert):
    gebruiker = UserFactory(gemeenten=[weert])
    aanvraag = rol_aanvragen(
        gebruiker=gebruiker, door=beheerder, nieuwe_rol=Rol.TEAMLEIDER, reden="Teamleider"
    )
    with pytest.raises(ValidationError):
        rechtenaanvraag_afwijzen(aanvraag=aanvraag, door=beheerder2, toelichting="  ")
    rechtenaanvraag_afwijzen(aanvraag=aanvraag, door=beheerder2, toelichting="Nog niet")
    gebruiker.refresh_from_db()
    assert gebruiker.rol == Rol.REGISSEUR
    with pytest.raises(ValidationError, match="al beoordeeld"):
        rechtenaanvraag_goedkeuren(aanvraag=aanvraag, door=beheerder2)
    tweede = rol_aanvragen(
        gebruiker=gebruiker, door=beheerder, nieuwe_rol=Rol.TEAMLEIDER, reden="Nu wel"
    )
    rechtenaanvraag_goedkeuren(aanvraag=tweede, door=beheerder2)
    gebruiker.refresh_from_db()
    assert gebruiker.rol == Rol.TEAMLEIDER


def test_niemand_vraagt_rechten_aan_voor_zichzelf(beheerder, cranendonck):
    with pytest.raises(ValidationError, match="zichzelf"):
        rol_aanvragen(gebruiker=beheerder, door=beheerder, nieuwe_rol=Rol.TEAMLEIDER, reden="x")
    with pytest.raises(ValidationError, match="zichzelf"):
        gemeente_aanvragen(gebruiker=beheerder, door=beheerder, gemeente=cranendonck, reden="x")
    assert not Rechtenaanvraag.objects.exists()


def test_niemand_keurt_de_eigen_rechten_goed(beheerder, beheerder2, weert):
    derde = UserFactory(beheerder=True, gemeenten=[weert])
    aanvraag = rol_aanvragen(
        gebruiker=beheerder2, door=beheerder, nieuwe_rol=Rol.TEAMLEIDER, reden="x"
    )
    with pytest.raises(ValidationError, match="eigen rechten"):
        rechtenaanvraag_goedkeuren(aanvraag=aanvraag, door=beheerder2)
    beheerder2.refresh_from_db()
    assert beheerder2.rol == Rol.FUNCTIONEEL_BEHEERDER
    rechtenaanvraag_goedkeuren(aanvraag=aanvraag, door=derde)
    beheerder2.refresh_from_db()
    assert beheerder2.rol == Rol.TEAMLEIDER


def test_een_gemeente_die_de_beheerder_zelf_niet_heeft_wordt_niet_toegekend(
    beheerder, beheerder2, weert, cranendonck
):
    gebruiker = UserFactory(gemeenten=[weert])
    # A gemeente with a colleague and dossiers is no new gemeente.
    UserFactory(gemeenten=[cranendonck])
    with pytest.raises(ValidationError, match="zelf werkt"):
        gemeente_aanvragen(gebruiker=gebruiker, door=beheerder, gemeente=cranendonck, reden="x")


def test_een_nieuwe_gemeente_zonder_medewerkers_mag_wel_worden_aangevraagd(
    beheerder, beheerder2, weert, cranendonck
):
    gebruiker = UserFactory(gemeenten=[weert])
    aanvraag = gemeente_aanvragen(
        gebruiker=gebruiker, door=beheerder, gemeente=cranendonck, reden="Start"
    )
    rechtenaanvraag_goedkeuren(aanvraag=aanvraag, door=beheerder2)
    assert _gemeenten(gebruiker) == {"Weert", "Cranendonck"}


def test_beheerder_buiten_de_gemeente_beoordeelt_niet(beheerder, weert, cranendonck):
    gebruiker = UserFactory(gemeenten=[weert])
    aanvraag = rol_aanvragen(
        gebruiker=gebruiker, door=beheerder, nieuwe_rol=Rol.TEAMLEIDER, reden="x"
    )
    elders = UserFactory(beheerder=True, gemeenten=[cranendonck])
    with pytest.raises(ValidationError, match="buiten uw gemeenten"):
        rechtenaanvraag_goedkeuren(aanvraag=aanvraag, door=elders)


def test_gebruiker_buiten_de_gemeenten_van_de_beheerder_is_onbereikbaar(beheerder, cranendonck):
    elders = UserFactory(gemeenten=[cranendonck])
    for actie in (gebruiker_deactiveren, gebruiker_heractiveren):
        with pytest.raises(ValidationError, match="buiten uw gemeenten"):
            actie(gebruiker=elders, door=beheerder)
    with pytest.raises(ValidationError, match="buiten uw gemeenten"):
        rol_aanvragen(gebruiker=elders, door=beheerder, nieuwe_rol=Rol.TEAMLEIDER, reden="x")
    with pytest.raises(ValidationError, match="buiten uw gemeenten"):
        gebruiker_wijzigen(
            gebruiker=elders, door=beheerder, first_name="A", last_name="B", email="a@b.example"
        )


def test_intrekken_gaat_meteen_maar_niet_bij_uzelf(beheerder, beheerder2, weert):
    gebruiker = UserFactory(gemeenten=[weert])
    gemeente_intrekken(gebruiker=gebruiker, door=beheerder, gemeente=weert)
    assert _gemeenten(gebruiker) == set()
    with pytest.raises(ValidationError, match="eigen gemeenten"):
        gemeente_intrekken(gebruiker=beheerder, door=beheerder, gemeente=weert)
    assert _gemeenten(beheerder) == {"Weert"}


def test_eigen_account_niet_deactiveren_wel_een_ander(beheerder, weert):
    with pytest.raises(ValidationError):
        gebruiker_deactiveren(gebruiker=beheerder, door=beheerder)
    gebruiker = UserFactory(gemeenten=[weert])
    assert not gebruiker_deactiveren(gebruiker=gebruiker, door=beheerder).is_active
    assert gebruiker_heractiveren(gebruiker=gebruiker, door=beheerder).is_active


def test_e_mailadres_van_een_gebruikt_account_wijzigt_een_ander_niet(beheerder, weert):
    """Whoever holds the address can reset the password: no beheerder takes over an account."""
    gebruiker = UserFactory(gemeenten=[weert], email="ingrid@weert.example")
    wijzigen = partial(gebruiker_wijzigen, gebruiker=gebruiker, door=beheerder, first_name="Ingrid")
    wijzigen(last_name="Janssen", email="ingrid.j@weert.example")  # never logged in: a typo
    gebruiker.last_login = INGELOGD_OP
    gebruiker.save(update_fields=["last_login"])
    with pytest.raises(ValidationError) as fout:
        wijzigen(last_name="Janssen", email="koen@elders.example")
    assert "email" in fout.value.message_dict
    wijzigen(last_name="Janssen-Peeters", email="ingrid.j@weert.example")
    gebruiker.refresh_from_db()
    assert (gebruiker.last_name, gebruiker.email) == ("Janssen-Peeters", "ingrid.j@weert.example")
    beheerder.last_login = INGELOGD_OP
    beheerder.save(update_fields=["last_login"])
    gebruiker_wijzigen(
        gebruiker=beheerder, door=beheerder, first_name="Koen", last_name="P", email="k@w.example"
    )


def test_partner_rol_wordt_niet_aangevraagd(beheerder, weert):
    gebruiker = UserFactory(gemeenten=[weert])
    with pytest.raises(ValidationError):
        rol_aanvragen(
            gebruiker=gebruiker, door=beheerder, nieuwe_rol=Rol.PARTNER_MEDEWERKER, reden="x"
        )


def test_tweede_open_aanvraag_voor_dezelfde_wijziging_wordt_geweigerd(beheerder, weert):
    gebruiker = UserFactory(gemeenten=[weert])
    rol_aanvragen(gebruiker=gebruiker, door=beheerder, nieuwe_rol=Rol.TEAMLEIDER, reden="x")
    with pytest.raises(ValidationError):
        rol_aanvragen(gebruiker=gebruiker, door=beheerder, nieuwe_rol=Rol.TEAMLEIDER, reden="y")


@pytest.mark.parametrize(
    "velden",
    [
        {"aangevraagd_door": "gebruiker"},
        {"beoordeeld_door": "aangevraagd_door"},
        {"beoordeeld_door": "gebruiker"},
    ],
    ids=["aanvrager-is-gebruiker", "zelf-goedgekeurd", "eigen-rechten-goedgekeurd"],
)
def test_database_weigert_een_rij_zonder_vier_ogen(beheerder, beheerder2, weert, velden):
    gebruiker = UserFactory(gemeenten=[weert])
    personen = {"gebruiker": gebruiker, "aangevraagd_door": beheerder}
    rij = {
        "gebruiker": gebruiker,
        "soort": "rol",
        "nieuwe_rol": Rol.TEAMLEIDER,
        "reden": "x",
        "aangevraagd_door": beheerder,
        "status": AanvraagStatus.GOEDGEKEURD,
        "beoordeeld_door": beheerder2,
        "beoordeeld_op": "2026-06-01T10:00:00+02:00",
    }
    for veld, wie in velden.items():
        rij[veld] = personen[wie]
    with pytest.raises(IntegrityError), transaction.atomic():
        Rechtenaanvraag.objects.create(**rij)
