"""No way up: the Django admin is for superusers only, and functioneel beheer cannot raise
anyone's rights — its own least of all — through any page under /beheer/."""

import datetime
import re
import uuid

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse

from accounts.constants import AanvraagStatus, Rol
from accounts.models import Rechtenaanvraag, User
from accounts.services import rol_aanvragen
from demo.personen import gemeenten_en_gebruikers
from partners.models import Partner
from statushouders.models import Gemeente
from statushouders.services import persoon_bijwerken
from termijnen.models import Feestdag
from termijnen.services import termijn_verlengen
from tests.accounts.factories import UserFactory
from tests.partners.factories import PartnerFactory
from tests.reports.factories import TaakstellingFactory
from tests.statushouders.factories import PersoonFactory
from tests.urlwalk import alle_patronen, url_voor

pytestmark = pytest.mark.django_db

BEHEER = [(route, naam) for route, naam in alle_patronen() if route.startswith("beheer/")]
ADMIN = [(route, naam) for route, naam in BEHEER if route.startswith("beheer/admin/")]
KOERS_BEHEER = [(route, naam) for route, naam in BEHEER if (route, naam) not in ADMIN]

# What someone trying to climb would post to every form: the admin flags, a role, gemeenten.
OMHOOG = {
    "is_superuser": "on",
    "is_staff": "on",
    "is_active": "on",
    "rol": Rol.FUNCTIONEEL_BEHEERDER,
    "nieuwe_rol": Rol.TEAMLEIDER,
    "besluit": "goedkeuren",
    "toelichting": "akkoord",
    "reden": "omhoog",
    "username": "klimmer",
    "first_name": "Klim",
    "last_name": "Mer",
    "email": "klimmer@weert.example",
    "telefoon": "",
    "naam": "Klimgemeente",
    "cbs_code": "GM9999",
    "soort": "taal",
    "contact_email": "klim@partner.example",
    "datum": "01-06-2029",
    "lengte": "10",
    "eenheid": "weken",
    "label": "x",
    "wettelijke_basis": "x",
    "berekening": "x",
    "user_permissions": "1",
    "groups": "1",
    "password": "iets-heel-geheims-42",
}


def test_de_wandeling_vindt_admin_en_beheer():
    namen = {naam for _, naam in BEHEER}
    assert {"admin:index", "admin:accounts_user_change", "admin:pghistory_events_changelist"} <= (
        namen
    )
    assert {"beheer:gebruiker-lijst", "beheer:rechtenaanvraag-detail"} <= namen
    assert {"termijnen:feestdag-lijst", "core:toegangslog"} <= namen
    assert {"beheer:ontzorging", "beheer:ontzorging-instelling"} <= namen
    assert {
        "reports:taakstelling-lijst",
        "reports:taakstelling-bewerken",
        "reports:taakstelling-verwijderen",
        "reports:cbs-levering",
        "reports:cbs-levering-melden",
        "reports:cbs-levering-ongedaan",
    } <= namen


def _url(route: str, waarden: dict) -> str:
    """The URL of a pattern, also of the admin's regular expressions (app list, catch-all)."""
    route = route.replace("^", "").replace("$", "")
    route = re.sub(r"\(\?P<app_label>[^)]*\)", "accounts", route)
    route = re.sub(r"\(\?P<url>\.\*\)", "bestaat/niet/", route)
    return url_voor(route, waarden)[0]


@pytest.fixture
def wereld(weert, cranendonck, beheerder, beheerder2):
    """Two gemeenten with people in each, requests waiting, and the strongest account that is
    not a superuser: staff with every permission."""
    collega = UserFactory(username="collega", gemeenten=[weert])
    elders = UserFactory(username="elders", gemeenten=[cranendonck])
    PersoonFactory(gemeente=cranendonck)
    staf = UserFactory(username="staf", is_staff=True, gemeenten=[weert])
    staf.user_permissions.set(Permission.objects.all())
    voor_beheerder = rol_aanvragen(
        gebruiker=beheerder, door=beheerder2, nieuwe_rol=Rol.TEAMLEIDER, reden="klimmen"
    )
    voor_collega = rol_aanvragen(
        gebruiker=collega, door=beheerder, nieuwe_rol=Rol.TEAMLEIDER, reden="zelf goedkeuren"
    )
    return {
        "weert": weert,
        "cranendonck": cranendonck,
        "beheerder": beheerder,
        "beheerder2": beheerder2,
        "collega": collega,
        "elders": elders,
        "staf": staf,
        "voor_beheerder": voor_beheerder,
        "voor_collega": voor_collega,
        "partner": PartnerFactory(),
        "feestdag": Feestdag.objects.first(),
        "taakstelling": TaakstellingFactory(gemeente=weert),
    }


def _waarden(wereld, route_naam: str, gebruiker: User) -> dict:
    pk = gebruiker.pk
    if route_naam.startswith("beheer:rechtenaanvraag"):
        pk = wereld["voor_beheerder"].pk
    elif route_naam.startswith("beheer:gemeente-bewerken"):
        pk = wereld["weert"].pk
    elif route_naam.startswith("termijnen:feestdag"):
        pk = wereld["feestdag"].pk
    return {
        "pk": pk,
        "gemeente_pk": wereld["weert"].pk,
        "gemeente": wereld["weert"].pk,
        "uuid": wereld["partner"].uuid,
        "inzage_uuid": uuid.uuid4(),
        "cbs_code": wereld["weert"].cbs_code,
        "code": "verhuizing",
        "object_id": gebruiker.pk,
        "id": gebruiker.pk,
        "content_type_id": ContentType.objects.get_for_model(User).pk,
        "overig": gebruiker.pk,
    }


def _rollen(wereld, partner) -> dict:
    return {
        "anoniem": None,
        "regisseur": wereld["collega"],
        "teamleider": UserFactory(teamleider=True, gemeenten=[wereld["weert"]]),
        "functioneel beheerder": wereld["beheerder"],
        "partnermedewerker": UserFactory(partnermedewerker=True, partner=partner),
        "staf zonder superuser": wereld["staf"],
    }


ROLLEN = [
    "anoniem",
    "regisseur",
    "teamleider",
    "functioneel beheerder",
    "partnermedewerker",
    "staf zonder superuser",
]


@pytest.mark.parametrize("rol", ROLLEN)
def test_niemand_zonder_superuser_bereikt_de_admin(client, wereld, rol):
    gebruiker = _rollen(wereld, wereld["partner"])[rol]
    if gebruiker:
        client.force_login(gebruiker)
    doel = wereld["beheerder"]
    for route, naam in ADMIN:
        url = _url(route, _waarden(wereld, naam, doel))
        for methode in ("get", "post"):
            response = getattr(client, methode)(url, OMHOOG)
            if gebruiker is None:
                assert response.status_code == 302, (methode, url)
                # Straight to Koers's login, or via the admin's, which sends there.
                assert response["Location"].startswith(
                    (reverse("accounts:login"), reverse("admin:login"))
                ), url
            else:
                assert response.status_code == 404, (rol, methode, url, response.status_code)
            assert b"technisch beheer" not in response.content, url
            assert b"django-admin" not in response.content.lower(), url
    assert not User.objects.filter(Q(is_superuser=True) | Q(is_staff=True, pk=doel.pk)).exists()


def test_de_admin_heeft_geen_eigen_inlogformulier(client):
    response = client.get(reverse("admin:login"), {"next": "/beheer/admin/"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    response = client.post(
        reverse("admin:login"), {"username": "root", "password": "iets-heel-geheims-42"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_een_superuser_bereikt_de_admin_wel(client, wereld):
    superuser = UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(superuser)
    for url in (
        reverse("admin:index"),
        reverse("admin:accounts_user_change", args=[wereld["beheerder"].pk]),
        reverse("admin:pghistory_events_changelist"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "technisch beheer" in response.content.decode()
    assert client.get(reverse("admin:login")).status_code == 302


def test_een_gedeactiveerde_superuser_bereikt_de_admin_niet(client):
    superuser = UserFactory(username="root", is_superuser=True, is_active=False)
    client.force_login(superuser)
    assert client.get(reverse("admin:index")).status_code in (302, 404)


@pytest.mark.parametrize("rol", [r for r in ROLLEN if r != "functioneel beheerder"])
def test_beheerschermen_zijn_er_alleen_voor_functioneel_beheer(client, wereld, rol):
    gebruiker = _rollen(wereld, wereld["partner"])[rol]
    if gebruiker:
        client.force_login(gebruiker)
    for route, naam in KOERS_BEHEER:
        url = _url(route, _waarden(wereld, naam, wereld["collega"]))
        for methode in ("get", "post"):
            response = getattr(client, methode)(url, OMHOOG)
            if gebruiker is None:
                assert response.status_code == 302, url
            else:
                assert response.status_code in (403, 404, 405), (rol, methode, url)
    wereld["collega"].refresh_from_db()
    assert wereld["collega"].rol == Rol.REGISSEUR and wereld["collega"].is_active
    assert not Gemeente.objects.filter(naam="Klimgemeente").exists()
    assert not Partner.objects.filter(naam="Klimgemeente").exists()


def _rechten(user: User) -> tuple:
    user.refresh_from_db()
    return (
        user.rol,
        user.is_staff,
        user.is_superuser,
        frozenset(user.gemeenten.values_list("pk", flat=True)),
    )


@pytest.mark.parametrize("doelwit", ["zichzelf", "een collega"])
def test_beheerder_verhoogt_via_geen_enkele_beheerpagina_rechten(client, wereld, doelwit):
    """Every page under /beheer/ as the beheerder, GET and POST, with the flags, a role and a
    gemeente the beheerder does not have in the post: no account gets more than it had."""
    beheerder = wereld["beheerder"]
    doel = beheerder if doelwit == "zichzelf" else wereld["collega"]
    OMHOOG_MET_GEMEENTE = {
        **OMHOOG,
        "gemeente": wereld["cranendonck"].pk,
        "gemeenten": [wereld["cranendonck"].pk, wereld["weert"].pk],
    }
    voor = {u.pk: _rechten(u) for u in User.objects.all()}
    client.force_login(beheerder)
    for route, naam in BEHEER:
        url = _url(route, _waarden(wereld, naam, doel))
        for methode in ("get", "post"):
            response = getattr(client, methode)(url, OMHOOG_MET_GEMEENTE)
            assert response.status_code < 500, (methode, url)
            if route.startswith("beheer/admin/"):
                assert response.status_code == 404, url
    for user in User.objects.all():
        rol, staff, superuser, gemeenten = _rechten(user)
        assert not staff or user.username == "staf", user
        assert not superuser, user
        if user.pk in voor:
            oud_rol, _, _, oud_gemeenten = voor[user.pk]
            assert rol == oud_rol, user
            assert gemeenten <= oud_gemeenten, user
        else:  # an account made during the walk: no gemeenten, no flags
            assert not gemeenten and not user.has_usable_password(), user
    assert _rechten(beheerder) == voor[beheerder.pk]
    assert not Rechtenaanvraag.objects.filter(status=AanvraagStatus.GOEDGEKEURD).exists()


def test_zelf_goedkeuren_via_de_pagina_wordt_geweigerd(client, wereld):
    client.force_login(wereld["beheerder"])
    for aanvraag in (wereld["voor_beheerder"], wereld["voor_collega"]):
        url = reverse("beheer:rechtenaanvraag-detail", args=[aanvraag.pk])
        pagina = client.get(url).content.decode()
        assert "Besluit vastleggen" not in pagina
        client.post(url, {"besluit": "goedkeuren"})
        aanvraag.refresh_from_db()
        assert aanvraag.status == AanvraagStatus.OPEN
    assert _rechten(wereld["beheerder"])[0] == Rol.FUNCTIONEEL_BEHEERDER
    assert _rechten(wereld["collega"])[0] == Rol.REGISSEUR


def test_tweede_beheerder_keurt_goed_via_de_pagina(client, wereld):
    client.force_login(wereld["beheerder2"])
    aanvraag = wereld["voor_collega"]
    url = reverse("beheer:rechtenaanvraag-detail", args=[aanvraag.pk])
    assert "Besluit vastleggen" in client.get(url).content.decode()
    response = client.post(url, {"besluit": "afwijzen", "toelichting": ""})
    assert response.status_code == 422
    assert "waarom" in response.content.decode()
    response = client.post(url, {"besluit": "goedkeuren", "toelichting": ""})
    assert response.status_code == 302
    assert _rechten(wereld["collega"])[0] == Rol.TEAMLEIDER


def test_aanvragen_via_de_pagina_wacht_op_een_tweede_beheerder(client, wereld):
    client.force_login(wereld["beheerder2"])
    collega = wereld["collega"]
    response = client.post(
        reverse("beheer:gemeente-aanvragen", args=[wereld["elders"].pk]),
        {"gemeente": wereld["weert"].pk, "reden": "x"},
    )
    assert response.status_code == 404  # only in Cranendonck: not this beheerder's
    response = client.post(
        reverse("beheer:rol-aanvragen", args=[wereld["beheerder"].pk]),
        {"nieuwe_rol": Rol.REGISSEUR, "reden": "x"},
    )
    assert response.status_code == 422  # one open role request for Koen already
    response = client.post(
        reverse("beheer:gemeente-aanvragen", args=[collega.pk]),
        {"gemeente": wereld["weert"].pk, "reden": "x"},
    )
    assert response.status_code == 422
    assert "al voor deze gemeente" in response.content.decode()


def test_gebruiker_buiten_de_eigen_gemeenten_antwoordt_404(client, wereld):
    client.force_login(wereld["beheerder"])
    elders = wereld["elders"]
    aanvraag = Rechtenaanvraag.objects.create(
        gebruiker=elders,
        soort="rol",
        nieuwe_rol=Rol.TEAMLEIDER,
        reden="x",
        aangevraagd_door=UserFactory(beheerder=True, gemeenten=[wereld["cranendonck"]]),
    )
    for route, naam in KOERS_BEHEER:
        if "<int:pk>" not in route and "<int:gemeente>" not in route:
            continue
        if naam.startswith("termijnen:"):
            continue
        waarden = {
            "pk": elders.pk,
            "gemeente_pk": wereld["cranendonck"].pk,
            "gemeente": wereld["cranendonck"].pk,
        }
        if naam.startswith("beheer:rechtenaanvraag"):
            waarden["pk"] = aanvraag.pk
        if naam == "beheer:gemeente-bewerken":
            waarden["pk"] = wereld["cranendonck"].pk
        url = _url(route, waarden)
        for methode in ("get", "post"):
            response = getattr(client, methode)(url, OMHOOG)
            # A page that only takes POST says so to a GET, for any id: that tells nothing.
            assert response.status_code in ((404, 405) if methode == "get" else (404,)), url
    lijst = client.get(reverse("beheer:gebruiker-lijst")).content.decode()
    assert "elders" not in lijst and "collega" in lijst
    betalen = client.get(reverse("beheer:ontzorging")).content.decode()
    assert "Cranendonck" not in betalen and "Weert" in betalen
    elders.refresh_from_db()
    assert elders.is_active and elders.first_name != "Klim"


def test_nieuwe_gebruiker_via_de_pagina(beheer_client, weert):
    response = beheer_client.post(
        reverse("beheer:gebruiker-nieuw"),
        {
            "username": "sanne",
            "first_name": "Sanne",
            "last_name": "Bos",
            "email": "sanne@weert.example",
            "telefoon": "0495 575 000",
            "rol": Rol.REGISSEUR,
            "is_superuser": "on",
            "is_staff": "on",
            "gemeenten": [weert.pk],
        },
    )
    assert response.status_code == 302
    sanne = User.objects.get(username="sanne")
    assert (sanne.is_staff, sanne.is_superuser, sanne.has_usable_password()) == (
        False,
        False,
        False,
    )
    assert not sanne.gemeenten.exists()
    assert sanne.telefoon == "+31 495 575 000"
    pagina = beheer_client.get(response["Location"]).content.decode()
    assert "wachtwoord vergeten" in pagina


def test_nul_byte_en_dubbele_naam_geven_een_nederlandse_melding(beheer_client, beheerder):
    velden = {
        "username": "sanne",
        "first_name": "San\x00ne",
        "last_name": "Bos",
        "email": "sanne@weert.example",
        "rol": Rol.REGISSEUR,
    }
    response = beheer_client.post(reverse("beheer:gebruiker-nieuw"), velden)
    assert response.status_code == 422
    assert "stuurtekens" in response.content.decode()
    response = beheer_client.post(
        reverse("beheer:gebruiker-nieuw"), {**velden, "first_name": "Sanne", "username": "koen"}
    )
    assert response.status_code == 422
    assert "bestaat al" in response.content.decode()
    assert 'value="Bos"' in response.content.decode()  # nothing typed is lost


def test_zoeken_met_een_ongeldige_parameter_toont_de_lijst(beheer_client):
    for parameters in ({"zoek": "\x00"}, {"rol": "baas"}, {"actief": "x"}, {"pagina": "\x00"}):
        response = beheer_client.get(reverse("beheer:gebruiker-lijst"), parameters)
        assert response.status_code == 200, parameters
    response = beheer_client.get(reverse("beheer:rechtenaanvraag-lijst"), {"status": "\x00"})
    assert response.status_code == 200


def test_gebruikerslijst_met_vast_aantal_queries(
    beheer_client, weert, django_assert_max_num_queries
):
    for _ in range(30):
        UserFactory(gemeenten=[weert])
    with django_assert_max_num_queries(10):
        response = beheer_client.get(reverse("beheer:gebruiker-lijst"), {"zoek": ""})
    assert response.status_code == 200
    rechtenaanvragen = reverse("beheer:rechtenaanvraag-lijst")
    with django_assert_max_num_queries(10):
        assert beheer_client.get(rechtenaanvragen).status_code == 200


def test_aanvragenlijst_met_vast_aantal_queries(
    client, beheerder, beheerder2, weert, django_assert_max_num_queries
):
    for _ in range(20):
        rol_aanvragen(
            gebruiker=UserFactory(gemeenten=[weert]),
            door=beheerder,
            nieuwe_rol=Rol.TEAMLEIDER,
            reden="x",
        )
    client.force_login(beheerder2)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("beheer:rechtenaanvraag-lijst"))
    assert response.content.decode().count("Andere rol: Teamleider") == 20


def test_deactiveren_en_heractiveren(beheer_client, beheerder, weert):
    gebruiker = UserFactory(gemeenten=[weert])
    beheer_client.post(reverse("beheer:gebruiker-deactiveren", args=[gebruiker.pk]))
    gebruiker.refresh_from_db()
    assert not gebruiker.is_active
    beheer_client.post(reverse("beheer:gebruiker-heractiveren", args=[gebruiker.pk]))
    gebruiker.refresh_from_db()
    assert gebruiker.is_active
    response = beheer_client.post(
        reverse("beheer:gebruiker-deactiveren", args=[beheerder.pk]), follow=True
    )
    assert "eigen account" in response.content.decode()
    beheerder.refresh_from_db()
    assert beheerder.is_active


def test_gemeenten_en_partners_beheren(beheer_client, weert):
    response = beheer_client.post(
        reverse("beheer:gemeente-nieuw"), {"naam": "Leudal", "cbs_code": "gm1640"}
    )
    assert response.status_code == 302
    assert Gemeente.objects.get(naam="Leudal").cbs_code == "GM1640"
    response = beheer_client.post(
        reverse("beheer:gemeente-bewerken", args=[weert.pk]), {"naam": "Weert", "cbs_code": "x"}
    )
    assert response.status_code == 422 and "GM0988" in response.content.decode()
    response = beheer_client.post(
        reverse("beheer:partner-nieuw"),
        {
            "naam": "Taalhuis Leudal",
            "soort": "taal",
            "leefgebieden": ["taal"],
            "contact_email": "info@taalhuis.example",
            "actief": "on",
        },
    )
    assert response.status_code == 302
    partner = Partner.objects.get(naam="Taalhuis Leudal")
    response = beheer_client.post(
        reverse("beheer:partner-bewerken", args=[partner.uuid]),
        {"naam": "Taalhuis Leudal", "soort": "taal", "contact_email": "info@taalhuis.example"},
    )
    partner.refresh_from_db()
    assert not partner.actief
    assert "Taalhuis Leudal" in beheer_client.get(reverse("beheer:partner-lijst")).content.decode()


def test_beheer_opent_geen_dossierhistorie(beheer_client, persoon):
    """Functioneel beheer sees no history snapshots of a dossier, also in its own gemeente."""
    response = beheer_client.get(reverse("statushouders:persoon-historie", args=[persoon.uuid]))
    assert response.status_code == 404
    for url in (
        reverse("beheer:gebruiker-lijst"),
        reverse("beheer:rechtenaanvraag-lijst"),
        reverse("core:toegangslog"),
    ):
        assert persoon.bsn not in beheer_client.get(url).content.decode()


def test_beheernavigatie_op_elke_beheerpagina(beheer_client):
    for naam in (
        "beheer:gebruiker-lijst",
        "beheer:rechtenaanvraag-lijst",
        "beheer:gemeente-lijst",
        "beheer:partner-lijst",
        "termijnen:termijnconfig-lijst",
        "termijnen:feestdag-lijst",
        "core:toegangslog",
    ):
        pagina = beheer_client.get(reverse(naam)).content.decode()
        assert 'aria-label="Beheer"' in pagina, naam
        assert 'aria-current="page"' in pagina, naam
        assert reverse("admin:index") not in pagina, naam


@time_machine.travel(datetime.date(2026, 4, 1))
def test_termijnbeheer_toont_geen_termijnen_uit_dossiers(beheer_client, regisseur, persoon):
    """The history of a configured term is the history of the configuration, not of every
    person's deadline that counts with it (a reason for an extension is dossier content)."""
    persoon_bijwerken(
        persoon=persoon,
        door=regisseur,
        gegevens={
            "duo_kennisgeving_op": datetime.date(2026, 3, 20),
            "brp_inschrijving_op": datetime.date(2026, 3, 5),
        },
    )
    termijn = persoon.termijnen.get(config__code="pip_vaststellen")
    termijn_verlengen(termijn=termijn, dagen=14, reden="Wachten op de tolk", door=regisseur)
    pagina = beheer_client.get(
        reverse("termijnen:termijnconfig-bewerken", args=["pip_vaststellen"])
    ).content.decode()
    for dossierinhoud in ("Wachten op de tolk", persoon.achternaam, persoon.bsn):
        assert dossierinhoud not in pagina


def test_demo_toont_het_vier_ogen_principe_zonder_admin_accounts(client):
    gemeenten_en_gebruikers()
    gemeenten_en_gebruikers()  # a second seed adds nothing
    assert not User.objects.filter(Q(is_staff=True) | Q(is_superuser=True)).exists()
    aanvraag = Rechtenaanvraag.objects.get()
    assert aanvraag.status == AanvraagStatus.OPEN
    assert aanvraag.aangevraagd_door.username == "beheer"
    client.force_login(User.objects.get(username="beheer2"))
    pagina = client.get(reverse("beheer:rechtenaanvraag-detail", args=[aanvraag.pk]))
    assert "Besluit vastleggen" in pagina.content.decode()
