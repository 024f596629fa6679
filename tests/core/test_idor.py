"""No one reaches an object outside their scope by typing its identifier, and no list or search
shows what another scope holds. The URLs come from walking the project's patterns, so a page
added later is attacked without an edit here; a parameter this file cannot fill fails."""

import datetime
import re
from collections import Counter
from urllib.parse import quote_plus, urlencode, urlsplit

import pytest
import time_machine
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from intake.secties import SECTIES
from termijnen.models import Feestdag, TermijnConfig
from tests.formulieren import formulieren
from tests.twee_gemeenten import (
    GEHEIME_CREDITEUR,
    GEHEIME_NAMEN,
    Dossier,
    Wereld,
    wereld_bouwen,
)
from tests.urlwalk import alle_patronen, url_voor

pytestmark = pytest.mark.django_db

# Every parameter a URL may take, and the kind of object it names. A new parameter name
# must be added here (with how an out-of-scope value is found), or the walk fails.
SOORTEN = {
    "uuid": "persoon",
    "intake_uuid": "intake",
    "doel_uuid": "doel",
    "verwijzing_uuid": "verwijzing",
    "termijn_id": "termijn",
    # Relative to the person in the same URL: out of scope exactly when the person is.
    "nummer": "versie",
    "sectie": "sectie",
    # Configuration: the same for the whole installation, only beheer may open it.
    "code": "termijnconfig",
    # Ontzorging in a dossier: each names an object that must be this person's.
    "periode": "periode",
    "last": "last",
    "betaling": "betaling",
    # Participation in a dossier: must be this person's.
    "participatie": "participatie",
    # Ontzorging of a gemeente: out of scope exactly when the gemeente is not the user's.
    "batch": "batch",
    "afschrift": "afschrift",
    # The payment settings of a gemeente: functioneel beheer of that gemeente only.
    "gemeente": "gemeente",
    # A produced report: only for teamleiders (the delivery: functioneel beheer) of every
    # gemeente it covers.
    "rapport": "rapport",
}
# A bare `pk` names a different object per part of the site.
PK_SOORTEN = {"meldingen/": "melding", "beheer/feestdagen/": "feestdag"}
# Objects of their own that a URL names independently of the person in it.
LOSSE_OBJECTEN = {
    "intake", "doel", "verwijzing", "termijn", "periode", "last", "betaling", "participatie",
}  # fmt: skip
BEHEER_OBJECTEN = {"termijnconfig", "feestdag"}
# Objects of a gemeente that no person's URL carries: a payment batch, a bank statement.
GEMEENTE_OBJECTEN = {"batch", "afschrift"}

# The Django admin is for superusers only and answers everyone else with its login page;
# its own test walks it per role. So are the beheer screens of accounts, partners and
# gemeenten (tests/accounts/test_beheer.py walks every /beheer/ URL as each role) and the
# AVG pages, which only a beheerder of the person's gemeente opens
# (tests/statushouders/test_avg_inzage.py).
# The login, second-factor and identity-provider pages of django-allauth name no object of a
# person (tests/accounts walks them).
OVERGESLAGEN_NAMESPACES = (
    "admin:", "beheer:", "avg:", "account_", "mfa_", "openid_connect_", "socialaccount_",
)  # fmt: skip
OVERGESLAGEN_LIJSTEN = {"accounts:logout", "core:healthz", "core:favicon"}

# Out-of-scope persons without objects of their own, tried on each page that names only a
# person: enough to show that scoping is a rule and not a coincidence of ids.
KALE_PERSONEN_PER_AANVALLER = 2


def _parameters(route):
    return re.findall(r"<(?:\w+:)?(\w+)>", route)


def _soort(route, naam):
    if naam == "pk":
        for prefix, soort in PK_SOORTEN.items():
            if route.startswith(prefix):
                return soort
        pytest.fail(f"{route}: <pk> zonder object; voeg het voorvoegsel toe aan PK_SOORTEN")
    if naam not in SOORTEN:
        pytest.fail(f"{route}: parameter <{naam}> heeft geen object; voeg het toe aan SOORTEN")
    return SOORTEN[naam]


def _url(route, waarden) -> str:
    url = url_voor(route, {**waarden, "overig": "<ontbreekt>"})[0]
    assert "<ontbreekt>" not in url, f"{route}: geen waarde voor een parameter in {waarden}"
    return url


def _waarden(dossier: Dossier, *, verwijzing=None) -> dict:
    return {
        "uuid": dossier.persoon.uuid,
        "intake_uuid": dossier.intake_uuid,
        "doel_uuid": dossier.doel_uuid,
        "verwijzing_uuid": (verwijzing or dossier.verwijzing_a).uuid,
        "termijn_id": dossier.termijn_id,
        "nummer": dossier.nummer,
        "sectie": SECTIES[0].code,
        "pk": dossier.melding_id,
        "periode": dossier.periode_uuid,
        "last": dossier.last_uuid,
        "betaling": dossier.betaling_id,
        "participatie": dossier.participatie_uuid,
    }


def _betaalwaarden(wereld: Wereld, gemeente: str) -> dict:
    betalen = wereld.betalen[gemeente]
    return {
        "batch": betalen.batch_uuid,
        "afschrift": betalen.afschrift_uuid,
        "gemeente": wereld.dossiers[gemeente][0].persoon.gemeente_id,
    }


def _routes():
    routes = []
    for route, naam in alle_patronen():
        if naam.startswith(OVERGESLAGEN_NAMESPACES):
            continue
        parameters = _parameters(route)
        if parameters:
            routes.append((route, naam, {p: _soort(route, p) for p in parameters}))
    return routes


def _gemeente(wereld: Wereld, sleutel: str) -> str | None:
    user = wereld.gebruikers[sleutel]
    if not user.werkt_in_dossiers:
        return None
    return user.gemeenten.get().naam


def _pogingen(wereld: Wereld):
    """(attacker, url, expected status) for every out-of-scope object of every kind."""
    alle_dossiers = [d for lijst in wereld.dossiers.values() for d in lijst]
    config_waarden = {
        "code": TermijnConfig.objects.values_list("code", flat=True).first(),
        "pk": Feestdag.objects.values_list("pk", flat=True).first(),
    }
    for sleutel, user in wereld.gebruikers.items():
        gemeente = _gemeente(wereld, sleutel)
        eigen = wereld.dossiers.get(gemeente, [])
        vreemd = [d for d in alle_dossiers if d not in eigen]
        kaal = [p for p in wereld.personen if p.gemeente.naam != gemeente][
            :KALE_PERSONEN_PER_AANVALLER
        ]
        if user.is_partner_medewerker:
            vreemde_verwijzingen = [
                v
                for d in alle_dossiers
                for v in (d.verwijzing_a, d.verwijzing_b)
                if v.partner_id != user.partner_id
            ] + [wereld.verwijzing_a_ingetrokken] * (
                wereld.verwijzing_a_ingetrokken.partner_id == user.partner_id
            )
        else:
            vreemde_verwijzingen = [d.verwijzing_a for d in alle_dossiers]
        for route, naam, soorten in _routes():
            kinds = set(soorten.values())
            if kinds & BEHEER_OBJECTEN:
                if not user.is_functioneel_beheerder:
                    yield sleutel, naam, _url(route, config_waarden), 403
                continue
            if "gemeente" in kinds:
                # Beheer of one gemeente's payment settings: refused (403) as every beheer
                # page to anyone but functioneel beheer; a gemeente not its own does not exist.
                for naam_gemeente in wereld.betalen:
                    if (
                        user.is_functioneel_beheerder
                        and user.gemeenten.filter(naam=naam_gemeente).exists()
                    ):
                        continue
                    verwacht = 404 if user.is_functioneel_beheerder else 403
                    yield (
                        sleutel,
                        naam,
                        _url(route, _betaalwaarden(wereld, naam_gemeente)),
                        verwacht,
                    )
                continue
            if "rapport" in kinds:
                for naam_gemeente, rapporten in wereld.rapporten.items():
                    for rapport in rapporten:
                        eigen_rapport = (
                            rapport.soort == "kwartaalrapport"
                            and user.is_teamleider
                            and naam_gemeente == gemeente
                        )
                        if not eigen_rapport:
                            yield sleutel, naam, _url(route, {"rapport": rapport.uuid}), 404
                continue
            if kinds & GEMEENTE_OBJECTEN:
                for naam_gemeente in wereld.betalen:
                    if naam_gemeente != gemeente:
                        yield sleutel, naam, _url(route, _betaalwaarden(wereld, naam_gemeente)), 404
                continue
            if "melding" in kinds:
                for d in alle_dossiers:
                    if d.melding_id not in user.meldingen.values_list("pk", flat=True):
                        yield sleutel, naam, _url(route, {"pk": d.melding_id}), 404
                continue
            if "persoon" not in kinds:
                # A referral in the partner portal.
                for verwijzing in vreemde_verwijzingen:
                    yield (
                        sleutel,
                        naam,
                        _url(route, {"verwijzing_uuid": verwijzing.uuid}),
                        404,
                    )
                continue
            for d in vreemd:
                yield sleutel, naam, _url(route, _waarden(d)), 404
            if kinds == {"persoon"}:
                for persoon in kaal:
                    yield sleutel, naam, _url(route, {"uuid": persoon.uuid}), 404
            if kinds & LOSSE_OBJECTEN and eigen:
                # One's own person with another person's object: in scope or not, it is not
                # this person's.
                for ander in vreemd + eigen[1:]:
                    waarden = _waarden(ander)
                    waarden["uuid"] = eigen[0].persoon.uuid
                    yield sleutel, naam, _url(route, waarden), 404


def _geheimen_voor(wereld: Wereld, sleutel: str) -> list[str]:
    return [t for g in wereld.geheimen if sleutel not in g.zichtbaar_voor for t in g.teksten]


def _gelekt(response, geheimen) -> list[str]:
    tekst = _inhoud(response)
    return [g for g in geheimen if g in tekst]


@pytest.fixture(autouse=True)
def _vaste_dag():
    with time_machine.travel(datetime.datetime(2026, 4, 15, 10, tzinfo=datetime.UTC)):
        yield


@pytest.fixture
def wereld(private_bestanden):
    return wereld_bouwen()


@pytest.fixture
def clients(wereld):
    clients = {}
    for sleutel, user in wereld.gebruikers.items():
        clients[sleutel] = Client()
        clients[sleutel].force_login(user)
    return clients


def _eigenaar_opent_elke_pagina(wereld, clients):
    """The identifiers the attack uses are real: their owner opens each page (no 404), so a
    refusal means scoping, not a mistyped URL."""
    eigenaar = {"Weert": "regisseur_weert", "Cranendonck": "regisseur_cranendonck"}
    niet_gevonden = []
    for gemeente, dossiers in wereld.dossiers.items():
        client = clients[eigenaar[gemeente]]
        for route, naam, soorten in _routes():
            kinds = set(soorten.values())
            if "persoon" not in kinds:
                continue
            url = _url(route, _waarden(dossiers[0]))
            if client.get(url).status_code == 404:
                niet_gevonden.append((naam, url))
        for route, naam, soorten in _routes():
            if set(soorten.values()) & GEMEENTE_OBJECTEN:
                url = _url(route, _betaalwaarden(wereld, gemeente))
                if client.get(url).status_code == 404:
                    niet_gevonden.append((naam, url))
    for gemeente, (rapport, _levering) in wereld.rapporten.items():
        client = clients[f"teamleider_{gemeente.lower()}"]
        url = reverse("reports:kwartaalrapport", kwargs={"rapport": rapport.uuid})
        if client.get(url).status_code == 404:
            niet_gevonden.append(("reports:kwartaalrapport", url))
    portaal = clients["partner_a1"]
    for route, naam, soorten in _routes():
        if set(soorten.values()) == {"verwijzing"} and route.startswith("partner/"):
            eigen = wereld.dossiers["Weert"][0].verwijzing_a
            url = _url(route, {"verwijzing_uuid": eigen.uuid})
            if portaal.get(url).status_code == 404:
                niet_gevonden.append((naam, url))
    assert not niet_gevonden, niet_gevonden


@pytest.mark.traag
def test_elk_object_buiten_de_eigen_scope_antwoordt_404(wereld, clients):
    _eigenaar_opent_elke_pagina(wereld, clients)
    pogingen = Counter()
    fouten = []
    lekken = []
    for sleutel, naam, url, verwacht in _pogingen(wereld):
        client = clients[sleutel]
        geheimen = _geheimen_voor(wereld, sleutel)
        for methode in ("get", "post"):
            response = getattr(client, methode)(url)
            pogingen[naam] += 1
            if response.status_code != verwacht:
                fouten.append((sleutel, methode.upper(), url, response.status_code, verwacht))
            if gelekt := _gelekt(response, geheimen):
                lekken.append((sleutel, methode.upper(), url, gelekt))
    assert sum(pogingen.values()) >= 1000, pogingen
    assert not fouten, "\n".join(map(str, fouten[:50])) + f"\n({len(fouten)} in totaal)"
    assert not lekken, lekken


def _zoekvelden(html, url) -> set[str]:
    """The free-text fields of the page's search and filter forms."""
    return {
        veld.naam
        for formulier in formulieren(html, url)
        if formulier.methode == "get"
        for veld in formulier.invulbaar
        if veld.soort in ("text", "search")
    }


_PAGINA = re.compile(r'href="(\?[^"]*(?:pagina|page)=\d+[^"]*)"')
# A search for a marker must not find more of it than a search for a word nobody has finds
# of that word: what remains is the page repeating what was typed.
CONTROLE = {True: "999990044", False: "Nergensgevonden"}


def _inhoud(response) -> str:
    inhoud = b"".join(response.streaming_content) if response.streaming else response.content
    return inhoud.decode(errors="replace")


def _bekijken(client, adres, geheimen, gezocht=None) -> tuple:
    """The page, and the markers it shows that the user may not read."""
    if urlsplit(adres).path == reverse("core:toegangslog"):
        geheimen = [g for g in geheimen if g not in GEHEIME_NAMEN]
    response = client.get(adres)
    assert response.status_code < 500, adres
    tekst = _inhoud(response)
    gelekt = []
    for geheim in geheimen:
        aantal = tekst.count(geheim)
        if geheim == gezocht:
            controle = CONTROLE[geheim.isdigit()]
            echo = client.get(adres.replace(quote_plus(geheim), controle))
            aantal -= _inhoud(echo).count(controle)
        if aantal > 0:
            gelekt.append(geheim)
    return response, tekst, gelekt


@pytest.mark.traag
def test_geen_lijst_of_zoekopdracht_toont_wat_een_andere_scope_heeft(wereld, clients):
    lekken = []
    bekeken = 0
    lijsten = [
        "/" + route
        for route, naam in alle_patronen()
        if not naam.startswith(OVERGESLAGEN_NAMESPACES)
        and naam not in OVERGESLAGEN_LIJSTEN
        and not _parameters(route)
    ]
    for sleutel, client in clients.items():
        geheimen = _geheimen_voor(wereld, sleutel)
        links = {}
        for url in lijsten:
            response, tekst, gelekt = _bekijken(client, url, geheimen)
            adressen = [(url, gelekt)]
            if response.status_code == 200 and not response.streaming:
                adressen += _verder_op_de_pagina(client, url, tekst, wereld, geheimen)
                links.update(dict.fromkeys(_LINK.findall(tekst)))
            bekeken += len(adressen)
            lekken += [(sleutel, adres, gelekt) for adres, gelekt in adressen if gelekt]
        # What a click on a list leads to: the rows the user may open.
        for link in [link for link in links if _is_pagina(link)][:LINKS_PER_GEBRUIKER]:
            bekeken += 1
            if gelekt := _bekijken(client, link, geheimen)[2]:
                lekken.append((sleutel, link, gelekt))
    assert bekeken > 100
    assert not lekken, lekken


_LINK = re.compile(r'href="(/[^"?#]+/)"')
LINKS_PER_GEBRUIKER = 40


def _is_pagina(link) -> bool:
    """A page with an identifier that a GET may open without side effects on the session."""
    try:
        match = resolve(link)
    except Resolver404:
        return False
    return bool(match.kwargs) and not match.view_name.startswith(OVERGESLAGEN_NAMESPACES)


def _verder_op_de_pagina(client, url, tekst, wereld, geheimen):
    """The list's further pages, and a search for each marker in each of its search fields."""
    adressen = []
    for href in list(dict.fromkeys(_PAGINA.findall(tekst)))[:10]:
        adres = url + href.replace("&amp;", "&")
        adressen.append((adres, _bekijken(client, adres, geheimen)[2]))
    for veld in _zoekvelden(tekst, url):
        for geheim in (t for g in wereld.geheimen for t in g.teksten):
            adres = f"{url}?{urlencode({veld: geheim})}"
            adressen.append((adres, _bekijken(client, adres, geheimen, geheim)[2]))
    return adressen


def test_betalingen_van_een_andere_gemeente_blijven_verborgen(wereld, clients):
    """The payments page and the withholding export take a gemeente from the query string:
    another gemeente's pk shows nothing of it, and a value that is no gemeente at all gives the
    page with a notice, not an error."""
    weert = wereld.dossiers["Weert"][0].persoon.gemeente_id
    cranendonck = wereld.dossiers["Cranendonck"][0].persoon.gemeente_id
    lijst = reverse("ontzorging:betalingen")
    export = reverse("ontzorging:inhoudingen-csv")
    # Weert's own page shows the planted creditor, so its absence elsewhere means something.
    eigen = _inhoud(clients["regisseur_weert"].get(lijst, {"gemeente": weert}))
    assert GEHEIME_CREDITEUR in eigen
    for sleutel in ("regisseur_cranendonck", "teamleider_cranendonck", "partner_a1", "partner_b1"):
        client = clients[sleutel]
        for url, parameters in (
            (lijst, {"gemeente": weert}),
            (export, {"gemeente": weert, "van": "01-2026", "tot": "12-2026"}),
        ):
            response = client.get(url, parameters)
            assert response.status_code in (200, 404), (sleutel, url)
            tekst = _inhoud(response)
            assert GEHEIME_CREDITEUR not in tekst, (sleutel, url)
            assert str(wereld.betalen["Weert"].batch_uuid) not in tekst, (sleutel, url)
        if user_werkt := wereld.gebruikers[sleutel].werkt_in_dossiers:
            pagina = _inhoud(client.get(lijst, {"gemeente": weert}))
            assert "Een filter was ongeldig en is niet toegepast." in pagina
        for ongeldig in ("%00", "abc", "1e309", str(cranendonck + weert + 1000)):
            response = client.get(lijst, {"gemeente": ongeldig})
            assert response.status_code == (200 if user_werkt else 404), (sleutel, ongeldig)
            if user_werkt:
                assert "Een filter was ongeldig en is niet toegepast." in _inhoud(response)
        # A control character: the filter's notice, or the project's own 400 page.
        response = client.get(lijst, {"gemeente": "\x00"})
        assert response.status_code in ((200, 400) if user_werkt else (400, 404)), sleutel
        if response.status_code == 200:
            assert "Een filter was ongeldig en is niet toegepast." in _inhoud(response)
