import re

import pytest
from django.db import connection, transaction

from statushouders.filters import PersoonFilter
from statushouders.models import Persoon
from statushouders.selectors import (
    dossier_historie,
    personen_lijst,
    personen_sorteren,
    personen_zoeken,
    toewijsbare_regisseurs,
)
from statushouders.services import persoon_bijwerken
from tests.accounts.factories import UserFactory
from tests.statushouders.factories import PersoonFactory

pytestmark = pytest.mark.django_db


def test_regisseur_ziet_alleen_personen_van_de_eigen_gemeenten(
    persoon, regisseur, regisseur_cranendonck, cranendonck
):
    elders = PersoonFactory(gemeente=cranendonck)
    assert list(Persoon.objects.visible_to(regisseur)) == [persoon]
    assert list(Persoon.objects.visible_to(regisseur_cranendonck)) == [elders]


def test_regionaal_team_ziet_alle_eigen_gemeenten(persoon, weert, cranendonck):
    elders = PersoonFactory(gemeente=cranendonck)
    teamleider = UserFactory(teamleider=True, gemeenten=[weert, cranendonck])
    assert set(Persoon.objects.visible_to(teamleider)) == {persoon, elders}


@pytest.mark.parametrize("trait", ["partnermedewerker", "beheerder"])
def test_partner_en_functioneel_beheer_zien_geen_dossiers(persoon, weert, trait):
    gebruiker = UserFactory(gemeenten=[weert], **{trait: True})
    assert not Persoon.objects.visible_to(gebruiker).exists()


def test_inactieve_gebruiker_ziet_geen_dossiers(persoon, regisseur):
    regisseur.is_active = False
    assert not Persoon.objects.visible_to(regisseur).exists()


def test_toewijsbare_regisseurs_zijn_dossiermedewerkers_van_dezelfde_gemeenten(
    regisseur, regisseur_cranendonck, weert
):
    collega = UserFactory(gemeenten=[weert], teamleider=True)
    UserFactory(gemeenten=[weert], partnermedewerker=True)
    assert set(toewijsbare_regisseurs(user=regisseur)) == {regisseur, collega}


def test_historie_toont_veldnaam_oud_en_nieuw_en_wie(persoon, regisseur):
    persoon_bijwerken(persoon=persoon, door=regisseur, gegevens={"bestandsgroep": "zorg_en_rust"})
    laatste = dossier_historie(persoon=persoon)[0]
    assert laatste.actie == "gewijzigd"
    assert laatste.door == "Ingrid Janssen"
    assert [(w.veld, w.oud, w.nieuw) for w in laatste.wijzigingen] == [
        ("bestandsgroep", "Intake", "Zorg en rust")
    ]


def _gevonden(regisseur, zoekterm):
    return set(personen_zoeken(Persoon.objects.visible_to(regisseur), zoekterm=zoekterm))


def test_zoeken_op_vier_of_meer_cijfers_vindt_een_deel_van_het_bsn(regisseur, weert):
    amal = PersoonFactory(gemeente=weert, bsn="123456782")
    PersoonFactory(gemeente=weert, bsn="111222333")
    assert _gevonden(regisseur, "1234") == {amal}
    assert _gevonden(regisseur, "5678") == {amal}  # anywhere in the number
    assert _gevonden(regisseur, "4567 82") == {amal}  # as people type it
    assert _gevonden(regisseur, "123.456.782") == {amal}


def test_zoeken_op_minder_dan_vier_cijfers_doorzoekt_het_bsn_niet(regisseur, weert):
    PersoonFactory(gemeente=weert, bsn="123456782")
    assert _gevonden(regisseur, "123") == set()
    assert _gevonden(regisseur, "82") == set()


def test_zoeken_op_v_nummer_blijft_werken(regisseur, weert):
    amal = PersoonFactory(gemeente=weert, v_nummer="3012345678")
    assert _gevonden(regisseur, "3012345678") == {amal}


def test_zoeken_op_de_naam_zoals_de_lijst_hem_toont(regisseur, weert):
    amal = PersoonFactory(gemeente=weert, voornamen="Amal Noor", achternaam="Haddad")
    PersoonFactory(gemeente=weert, voornamen="Amal", achternaam="Tesfay")
    PersoonFactory(gemeente=weert, voornamen="Omar", achternaam="Haddad")
    assert _gevonden(regisseur, "Haddad, Amal") == {amal}
    assert _gevonden(regisseur, "Haddad, Amal Noor") == {amal}
    assert _gevonden(regisseur, "haddad,amal") == {amal}
    assert _gevonden(regisseur, "Amal Haddad") == {amal}
    assert _gevonden(regisseur, "noor hadd") == {amal}


def test_zoeken_negeert_accenten_en_hoofdletters(regisseur, weert):
    ayse = PersoonFactory(gemeente=weert, voornamen="Ayşe", achternaam="Şahin")
    emile = PersoonFactory(gemeente=weert, voornamen="Émile", achternaam="Çelik")
    assert _gevonden(regisseur, "sahin") == {ayse}
    assert _gevonden(regisseur, "SAHIN, ayse") == {ayse}
    assert _gevonden(regisseur, "Şahin") == {ayse}
    assert _gevonden(regisseur, "emile celik") == {emile}
    assert _gevonden(regisseur, "Çelik, Émile") == {emile}


def test_zoeken_met_procent_of_liggend_streepje_zoekt_die_tekens_letterlijk(regisseur, weert):
    PersoonFactory(gemeente=weert, achternaam="Haddad")
    assert _gevonden(regisseur, "%") == set()
    assert _gevonden(regisseur, "h_dd") == set()


def test_zoeken_blijft_binnen_de_eigen_gemeenten(regisseur, cranendonck):
    PersoonFactory(gemeente=cranendonck, achternaam="Şahin", bsn="123456782")
    assert _gevonden(regisseur, "sahin") == set()
    assert _gevonden(regisseur, "1234") == set()


NEDERLANDSE_VOLGORDE = [
    ("Bakker", "Jan"),
    ("Çelik", "Emre"),
    ("de Graaf", "Anna"),
    ("Dijk", "Piet"),
    ("Émond", "Lucie"),
    ("Evers", "Kees"),
    ("Ruiz", "Carmen"),
    ("Şahin", "Ayşe"),
    ("Şahin", "Émile"),
    ("Sahin", "Fatma"),
    ("Tahiri", "Omar"),
]


def test_namen_staan_in_nederlandse_alfabetische_volgorde(regisseur, weert):
    for achternaam, voornaam in reversed(NEDERLANDSE_VOLGORDE):
        PersoonFactory(gemeente=weert, achternaam=achternaam, voornamen=voornaam)
    rijen = personen_sorteren(Persoon.objects.visible_to(regisseur))
    assert [(p.achternaam, p.voornamen) for p in rijen] == NEDERLANDSE_VOLGORDE
    aflopend = personen_sorteren(Persoon.objects.visible_to(regisseur), sorteer=["-naam"])
    assert [(p.achternaam, p.voornamen) for p in aflopend] == NEDERLANDSE_VOLGORDE[::-1]


def test_bij_gelijke_waarde_beslist_de_naam(regisseur, weert):
    for achternaam, voornaam in reversed(NEDERLANDSE_VOLGORDE):
        PersoonFactory(gemeente=weert, achternaam=achternaam, voornamen=voornaam)
    rijen = personen_sorteren(Persoon.objects.visible_to(regisseur), sorteer=["-geboortedatum"])
    assert [(p.achternaam, p.voornamen) for p in rijen] == NEDERLANDSE_VOLGORDE


def _plan(queryset, **instellingen) -> str:
    """The database's plan for a query, with the given planner choices switched off, so a
    tiny test table shows which index the query can use."""
    with transaction.atomic(), connection.cursor() as cursor:
        for naam, waarde in instellingen.items():
            cursor.execute(f"SET LOCAL {naam} = {waarde}")
        return queryset.explain()


@pytest.mark.parametrize("sorteer", ["", "naam", "-naam"])
def test_de_lijst_leest_de_naamvolgorde_uit_de_index(regisseur, weert, sorteer):
    """The ORDER BY must be exactly the indexed expression; one character off and the
    database sorts the whole list itself (a Sort node in the plan)."""
    PersoonFactory.create_batch(3, gemeente=weert)
    filterset = PersoonFilter(
        {"sorteer": sorteer}, queryset=personen_lijst(user=regisseur), user=regisseur
    )
    plan = _plan(filterset.qs[:25], enable_sort="off", enable_seqscan="off")
    assert "persoon_sorteernaam" in plan
    assert "Sort" not in plan.replace("Sort Key", "")


@pytest.mark.parametrize(
    ("zoekterm", "indexen"),
    [
        ("sahin", {"persoon_achternaam_trgm", "persoon_voornamen_trgm"}),
        ("Haddad, Amal", {"persoon_achternaam_trgm", "persoon_voornamen_trgm"}),
        ("4567", {"persoon_bsn_trgm"}),
    ],
)
def test_zoeken_gebruikt_de_trigramindexen(weert, zoekterm, indexen):
    """Each search condition matches an index expression, so no search reads the whole table."""
    PersoonFactory.create_batch(3, gemeente=weert)
    plan = _plan(personen_zoeken(Persoon.objects.all(), zoekterm=zoekterm), enable_seqscan="off")
    assert indexen <= set(re.findall(r"Index Scan (?:using |on )(\w+)", plan))


ACHTERNAMEN = ["Bakker", "Çelik", "Dijk", "Haddad", "Kaya", "Rahimi", "Şahin", "Tesfay", "Yilmaz"]


@pytest.mark.parametrize("zoekterm", ["sahin", "Şahin, Ayşe", "Ayşe Şahin"])
def test_bij_zoeken_leiden_de_zoekindexen_en_niet_de_naamvolgorde(regisseur, weert, zoekterm):
    """A name's matches lie together in the alphabet: reading the name index in order and
    testing each row would pass most of the table before the first "Şahin"."""
    Persoon.objects.bulk_create(
        PersoonFactory.build(gemeente=weert, achternaam=achternaam, voornamen=f"Ayşe {i}")
        for achternaam in ACHTERNAMEN
        for i in range(200)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    filterset = PersoonFilter(
        {"q": zoekterm}, queryset=personen_lijst(user=regisseur), user=regisseur
    )
    assert "persoon_sorteernaam" not in _plan(filterset.qs[:25])
