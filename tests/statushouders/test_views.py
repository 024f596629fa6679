import datetime
import logging
import re
from urllib.parse import urlencode

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, reverse

from core.models import Toegangslog
from statushouders import urls as statushouders_urls
from statushouders.models import Persoon
from tests.accounts.factories import UserFactory
from tests.statushouders.factories import ContactmomentFactory, HuishoudenFactory, PersoonFactory

pytestmark = pytest.mark.django_db

DOSSIER_URLS = [
    f"statushouders:{p.name}"
    for p in statushouders_urls.urlpatterns
    if isinstance(p, URLPattern) and "<uuid:uuid>" in str(p.pattern)
]


def _formulier(**extra):
    gegevens = {
        "bsn": "123456782",
        "v_nummer": "1234567890",
        "voornamen": "Amal",
        "achternaam": "Haddad",
        "geboortedatum": "03-02-1991",
        "geslacht": "v",
        "nationaliteit": "Syrisch",
        "doelgroep": "asiel",
        "bestandsgroep": "intake",
        "koppeling_datum": "01-03-2026",
    }
    gegevens.update(extra)
    return gegevens


def test_alle_dossier_urls_worden_getest():
    assert len(DOSSIER_URLS) >= 6


@pytest.mark.parametrize("naam", DOSSIER_URLS)
def test_onbekend_dossier_geeft_404(regisseur_client, naam):
    response = regisseur_client.get(
        reverse(naam, kwargs={"uuid": "00000000-0000-4000-8000-000000000000"})
    )
    assert response.status_code == 404


@pytest.mark.parametrize("trait", ["partnermedewerker", "beheerder"])
def test_partner_en_beheer_komen_niet_in_dossiers(client, persoon, weert, trait):
    client.force_login(UserFactory(gemeenten=[weert], **{trait: True}))
    assert client.get(reverse("statushouders:persoon-lijst")).status_code == 404
    assert client.get(persoon.get_absolute_url()).status_code == 404


def test_zonder_inloggen_naar_de_inlogpagina(client, persoon):
    response = client.get(persoon.get_absolute_url())
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_healthz_werkt_zonder_inloggen(client, db):
    assert client.get("/healthz").json() == {"status": "ok"}


def test_dossier_toont_gegevens_huishouden_en_contactmomenten(regisseur_client, regisseur, weert):
    huishouden = HuishoudenFactory(gemeente=weert, naam="Huishouden Haddad")
    persoon = PersoonFactory(
        gemeente=weert,
        huishouden=huishouden,
        regisseur=regisseur,
        voornamen="Amal",
        achternaam="Haddad",
    )
    kind = PersoonFactory(
        gemeente=weert,
        huishouden=huishouden,
        voornamen="Lina",
        achternaam="Haddad",
        geboortedatum=datetime.date(2015, 6, 1),
    )
    ContactmomentFactory(persoon=persoon, door=regisseur, onderwerp="Woning bezichtigd")
    html = regisseur_client.get(persoon.get_absolute_url()).content.decode()
    assert '<h1 class="utrecht-heading-1">Amal Haddad</h1>' in html
    assert kind.get_absolute_url() in html
    assert "Woning bezichtigd" in html
    assert persoon.bsn in html
    assert "02-03-2026" in html  # koppeling as dd-mm-jjjj


def test_elke_blik_in_een_dossier_komt_in_het_toegangslog(regisseur_client, regisseur, persoon):
    regisseur_client.get(persoon.get_absolute_url())
    regisseur_client.get(reverse("statushouders:persoon-historie", kwargs={"uuid": persoon.uuid}))
    rijen = Toegangslog.objects.filter(persoon=persoon, gebruiker=regisseur)
    assert rijen.count() == 2


@time_machine.travel(datetime.date(2026, 5, 4))
def test_aanmaken_met_fouten_legt_elke_fout_uit_naast_het_veld_en_houdt_de_invoer(
    regisseur_client, weert
):
    morgen = "05-05-2026"
    response = regisseur_client.post(
        reverse("statushouders:persoon-nieuw"),
        _formulier(
            gemeente=weert.pk,
            bsn="123456789",
            v_nummer="12345",
            geboortedatum=morgen,
            huisvesting_datum="01-02-2026",
            telefoon="12345",
            email="geen-email",
            voornamen="Amal Noor",
        ),
    )
    assert response.status_code == 422
    form = response.context["form"]
    assert "elfproef" in form.errors["bsn"][0]
    assert form.errors["v_nummer"] == ["Een V-nummer bestaat uit precies 10 cijfers."]
    assert form.errors["geboortedatum"] == ["Deze datum ligt in de toekomst."]
    assert "telefoonnummer" in form.errors["telefoon"][0]
    assert form.errors["email"]
    html = response.content.decode()
    assert 'value="123456789"' in html and 'value="Amal Noor"' in html
    assert f'value="{morgen}"' in html
    assert 'aria-invalid="true"' in html
    assert "Controleer de volgende gegevens" in html  # error summary above the form
    assert not Persoon.objects.exists()


def test_huisvesting_voor_koppeling_wordt_uitgelegd_naast_het_veld(regisseur_client, weert):
    response = regisseur_client.post(
        reverse("statushouders:persoon-nieuw"),
        _formulier(gemeente=weert.pk, huisvesting_datum="01-02-2026"),
    )
    errors = response.context["form"].errors
    assert "vóór de datum koppeling (01-03-2026)" in errors["huisvesting_datum"][0]


def test_verkeerde_datumnotatie_krijgt_een_voorbeeld(regisseur_client, weert):
    response = regisseur_client.post(
        reverse("statushouders:persoon-nieuw"),
        _formulier(gemeente=weert.pk, geboortedatum="1991/31/02"),
    )
    assert "dd-mm-jjjj" in response.context["form"].errors["geboortedatum"][0]


def test_dubbel_bsn_wordt_geweigerd_naast_het_veld(regisseur_client, persoon, weert):
    response = regisseur_client.post(
        reverse("statushouders:persoon-nieuw"), _formulier(gemeente=weert.pk, bsn=persoon.bsn)
    )
    assert response.context["form"].errors["bsn"] == ["Er is al een persoon met dit BSN."]


def test_aanmaken_leidt_naar_het_nieuwe_dossier(regisseur_client, regisseur, weert):
    response = regisseur_client.post(
        reverse("statushouders:persoon-nieuw"),
        _formulier(
            gemeente=weert.pk,
            bsn="123.456.782",
            postcode="6001ab",
            straat="Markt",
            telefoon="0612345678",
            nieuw_huishouden="Huishouden Haddad",
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    persoon = Persoon.objects.get()
    assert response.url == persoon.get_absolute_url()
    assert persoon.bsn == "123456782"
    assert persoon.postcode == "6001 AB"
    assert persoon.telefoon == "+31 6 12345678"
    assert persoon.regisseur == regisseur
    assert persoon.huishouden.naam == "Huishouden Haddad"


def test_gemeente_buiten_eigen_bereik_kan_niet_gekozen_worden(regisseur_client, cranendonck):
    response = regisseur_client.post(
        reverse("statushouders:persoon-nieuw"), _formulier(gemeente=cranendonck.pk)
    )
    assert "gemeente" in response.context["form"].errors
    assert not Persoon.objects.exists()


def test_bewerken_schrijft_historie_met_oud_en_nieuw(regisseur_client, persoon):
    url = reverse("statushouders:persoon-bewerken", kwargs={"uuid": persoon.uuid})
    gegevens = _formulier(
        gemeente=persoon.gemeente.pk,
        bsn=persoon.bsn,
        v_nummer=persoon.v_nummer,
        voornamen=persoon.voornamen,
        achternaam="Haddad-Nasser",
    )
    response = regisseur_client.post(url, gegevens)
    assert response.status_code == 302
    html = regisseur_client.get(persoon.get_absolute_url()).content.decode()
    assert "Persoon gewijzigd" in html
    assert f'<td class="utrecht-table__cell">{persoon.achternaam}</td>' in html
    assert '<td class="utrecht-table__cell">Haddad-Nasser</td>' in html
    assert "Ingrid Janssen" in html


def test_regisseur_toewijzen_via_het_dossier(regisseur_client, persoon, weert):
    collega = UserFactory(gemeenten=[weert], first_name="Piet", last_name="Smeets")
    url = reverse("statushouders:persoon-regisseur", kwargs={"uuid": persoon.uuid})
    assert regisseur_client.post(url, {"regisseur": collega.pk}).status_code == 302
    persoon.refresh_from_db()
    assert persoon.regisseur == collega


def test_regisseur_van_een_andere_gemeente_staat_niet_in_de_keuze(
    regisseur_client, persoon, regisseur_cranendonck
):
    url = reverse("statushouders:persoon-regisseur", kwargs={"uuid": persoon.uuid})
    response = regisseur_client.post(url, {"regisseur": regisseur_cranendonck.pk})
    assert response.status_code == 422
    assert "regisseur" in response.context["form"].errors


def test_huishouden_wijzigen_via_het_dossier(regisseur_client, persoon, weert, cranendonck):
    url = reverse("statushouders:persoon-huishouden", kwargs={"uuid": persoon.uuid})
    elders = HuishoudenFactory(gemeente=cranendonck)
    response = regisseur_client.post(url, {"huishouden": elders.pk})
    assert "huishouden" in response.context["form"].errors
    response = regisseur_client.post(url, {"nieuw_huishouden": "Huishouden Haddad"})
    assert response.status_code == 302
    persoon.refresh_from_db()
    assert persoon.huishouden.naam == "Huishouden Haddad"


def test_contactmoment_toevoegen_met_htmx_geeft_de_bijgewerkte_tijdlijn(regisseur_client, persoon):
    url = reverse("dossier:contactmoment-nieuw", kwargs={"uuid": persoon.uuid})
    response = regisseur_client.post(
        url,
        {"moment": "02-04-2026 09:30", "soort": "telefoon", "onderwerp": "Afspraak taalschool"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html  # only the timeline fragment
    assert "Afspraak taalschool" in html and "02-04-2026 09:30" in html
    assert persoon.contactmomenten.count() == 1


def test_contactmoment_met_fout_houdt_de_invoer(regisseur_client, persoon):
    url = reverse("dossier:contactmoment-nieuw", kwargs={"uuid": persoon.uuid})
    response = regisseur_client.post(
        url,
        {"moment": "gisteren", "soort": "telefoon", "onderwerp": "Bellen over huur"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert "<html" not in html  # only the timeline fragment, which htmx swaps in
    assert "dd-mm-jjjj uu:mm" in html and 'value="Bellen over huur"' in html
    assert not persoon.contactmomenten.exists()


def _lijst_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_lijst_heeft_evenveel_queries_bij_25_als_bij_2500_personen(
    regisseur_client, regisseur, weert, django_assert_max_num_queries
):
    url = reverse("statushouders:persoon-lijst") + "?sorteer=regisseur"
    PersoonFactory.create_batch(25, gemeente=weert, regisseur=regisseur)
    weinig = _lijst_queries(regisseur_client, url)
    Persoon.objects.bulk_create(
        PersoonFactory.build_batch(2475, gemeente=weert, regisseur=regisseur)
    )
    with django_assert_max_num_queries(weinig):
        response = regisseur_client.get(url)
    assert response.context["pagina"].paginator.count == 2500
    assert len(response.context["pagina"].object_list) == 25


def test_lijst_zoekt_op_naam_bsn_en_v_nummer(regisseur_client, regisseur, weert):
    amal = PersoonFactory(gemeente=weert, voornamen="Amal", achternaam="Haddad")
    yonas = PersoonFactory(gemeente=weert, voornamen="Yonas", achternaam="Tesfay")
    url = reverse("statushouders:persoon-lijst")

    def gevonden(**params):
        return list(regisseur_client.get(url, params).context["pagina"].object_list)

    assert gevonden(q="amal hadd") == [amal]
    assert gevonden(q=yonas.bsn) == [yonas]
    assert gevonden(q=amal.v_nummer) == [amal]
    assert gevonden(bestandsgroep="zorg_en_rust") == []


def test_lijst_sorteert_op_kolom(regisseur_client, weert):
    oud = PersoonFactory(gemeente=weert, geboortedatum=datetime.date(1960, 1, 1))
    jong = PersoonFactory(gemeente=weert, geboortedatum=datetime.date(2001, 1, 1))
    url = reverse("statushouders:persoon-lijst")
    response = regisseur_client.get(url, {"sorteer": "-geboortedatum"})
    assert list(response.context["pagina"].object_list) == [jong, oud]
    assert 'aria-sort="descending"' in response.content.decode()


def test_dossier_heeft_een_vast_aantal_queries(
    regisseur_client, regisseur, persoon, django_assert_max_num_queries
):
    for _ in range(30):
        ContactmomentFactory(persoon=persoon, door=regisseur)
    with django_assert_max_num_queries(20):
        regisseur_client.get(persoon.get_absolute_url())


def test_geen_bsn_of_naam_in_de_applicatielog(regisseur_client, weert, caplog):
    caplog.set_level(logging.DEBUG)
    regisseur_client.post(
        reverse("statushouders:persoon-nieuw"),
        _formulier(gemeente=weert.pk, voornamen="Zaynab", achternaam="Qassemi"),
    )
    regisseur_client.get(Persoon.objects.get().get_absolute_url())
    logtekst = "\n".join(r.getMessage() for r in caplog.records if r.name != "django.db.backends")
    assert "123456782" not in logtekst and "Qassemi" not in logtekst


def test_bestaand_en_nieuw_huishouden_tegelijk_wordt_uitgelegd(regisseur_client, weert):
    bestaand = HuishoudenFactory(gemeente=weert)
    response = regisseur_client.post(
        reverse("statushouders:persoon-nieuw"),
        _formulier(gemeente=weert.pk, huishouden=bestaand.pk, nieuw_huishouden="Huishouden X"),
    )
    assert "niet allebei" in response.context["form"].errors["nieuw_huishouden"][0]
    assert 'value="Huishouden X"' in response.content.decode()


def test_lege_keuze_in_de_filters_heet_alle(regisseur_client, persoon):
    html = regisseur_client.get(reverse("statushouders:persoon-lijst")).content.decode()
    assert "---------" not in html
    for veld in ("gemeente", "regisseur", "doelgroep", "bestandsgroep"):
        assert f'<select name="{veld}"' in html
        assert html.split(f'<select name="{veld}"')[1].split("</option>")[0].endswith(">Alle")


def test_geen_resultaat_wordt_een_keer_gezegd(regisseur_client, persoon):
    html = regisseur_client.get(
        reverse("statushouders:persoon-lijst"), {"q": "Onbekendenaam"}
    ).content.decode()
    assert html.count("Geen personen gevonden") == 1
    assert "0 personen" not in html
    assert "<table" not in html and 'aria-label="Paginering"' not in html


def test_te_weinig_cijfers_krijgt_uitleg_over_zoeken_op_bsn(regisseur_client, weert):
    PersoonFactory(gemeente=weert, bsn="123456782")
    response = regisseur_client.get(reverse("statushouders:persoon-lijst"), {"q": "123"})
    assert list(response.context["pagina"].object_list) == []
    assert "Om op BSN te zoeken typt u minstens 4 cijfers." in response.content.decode()


def test_zoeken_op_deel_van_bsn_en_naam_met_komma_via_de_lijst(regisseur_client, weert):
    ayse = PersoonFactory(gemeente=weert, voornamen="Ayşe", achternaam="Şahin", bsn="123456782")
    url = reverse("statushouders:persoon-lijst")

    def gevonden(q):
        return list(regisseur_client.get(url, {"q": q}).context["pagina"].object_list)

    assert gevonden("5678") == [ayse]
    assert gevonden("Şahin, Ayşe") == [ayse]  # copied from the list
    assert gevonden("ayse sahin") == [ayse]


@pytest.mark.parametrize("q", ["Haddad\x00", "Ha\x1bddad", "Had\u202edad"])
def test_stuurtekens_in_de_zoekterm_worden_in_het_nederlands_geweigerd(regisseur_client, q):
    response = regisseur_client.get(reverse("statushouders:persoon-lijst"), {"q": q})
    assert response.status_code == 200
    assert response.context["filter"].form.errors["q"] == [
        "Deze tekst bevat onzichtbare stuurtekens of regeleinden; typ of plak de tekst opnieuw."
    ]


def _veel_personen(aantal, **velden):
    Persoon.objects.bulk_create(PersoonFactory.build_batch(aantal, **velden))


def test_paginering_toont_paginanummers_met_weglatingen_en_houdt_filters_en_sortering(
    regisseur_client, weert
):
    _veel_personen(260, gemeente=weert)  # 11 pages of 25
    response = regisseur_client.get(
        reverse("statushouders:persoon-lijst"),
        {"bestandsgroep": "intake", "sorteer": "-naam", "pagina": "6"},
    )
    html = response.content.decode()
    nav = html.split('<nav class="utrecht-pagination')[1].split("</nav>")[0]
    assert 'aria-label="Paginering"' in nav
    nummers = re.findall(r"Pagina </span>(\d+)</a>|(…)", nav)
    assert [n or e for n, e in nummers] == ["1", "…", "4", "5", "6", "7", "8", "…", "11"]
    assert re.search(
        r'aria-current="page"><span class="koers-visually-hidden">Pagina </span>6<', nav
    )
    links = re.findall(r'href="\?([^"]+)"', nav)
    assert links and all(
        "bestandsgroep=intake" in link and "sorteer=-naam" in link for link in links
    )
    assert 'rel="prev" href="?bestandsgroep=intake&amp;sorteer=-naam&amp;pagina=5"' in nav
    assert 'rel="next" href="?bestandsgroep=intake&amp;sorteer=-naam&amp;pagina=7"' in nav


@pytest.mark.parametrize(
    ("pagina", "verwacht"),
    [
        ("abc", 1),
        ("0", 1),
        ("-3", 1),
        ("2.5", 1),
        ("1\x00", 1),
        ("9" * 5000, 1),
        ("99999999999999999999", 3),
        ("3", 3),
    ],
)
def test_ongeldig_paginanummer_toont_een_geldige_pagina(regisseur_client, weert, pagina, verwacht):
    _veel_personen(60, gemeente=weert)  # 3 pages
    response = regisseur_client.get(reverse("statushouders:persoon-lijst"), {"pagina": pagina})
    assert response.status_code == 200
    assert response.context["pagina"].number == verwacht


@pytest.mark.parametrize(
    "params", [{}, {"sorteer": "-naam"}, {"q": "haddad"}, {"q": "BSN"}, {"pagina": "3"}]
)
def test_lijst_heeft_een_vast_aantal_queries_bij_elke_zoekopdracht(
    regisseur_client, regisseur, weert, django_assert_max_num_queries, params
):
    url = reverse("statushouders:persoon-lijst")
    persoon = PersoonFactory(gemeente=weert, regisseur=regisseur, achternaam="Haddad")
    if params.get("q") == "BSN":
        params = {"q": persoon.bsn[2:6]}  # part of a BSN
    _veel_personen(80, gemeente=weert, regisseur=regisseur, achternaam="Haddad")
    weinig = _lijst_queries(regisseur_client, url + "?" + urlencode(params))
    _veel_personen(800, gemeente=weert, regisseur=regisseur, achternaam="Haddad")
    with django_assert_max_num_queries(weinig):
        response = regisseur_client.get(url, params)
    assert persoon in response.context["pagina"].paginator.object_list


def test_naamkolom_zegt_dat_de_lijst_standaard_op_naam_staat(regisseur_client, persoon):
    html = regisseur_client.get(reverse("statushouders:persoon-lijst")).content.decode()
    assert 'aria-sort="ascending"><a class="utrecht-link" href="?sorteer=-naam">Naam' in html


VIJANDIG = ["\x00", "a\x00b", "x" * 5000, "9" * 5000, "-1", "٧", "\u202eevil", "%", "' OR 1=1 --"]


@pytest.mark.parametrize(
    "veld", ["q", "gemeente", "regisseur", "doelgroep", "bestandsgroep", "dossier", "sorteer"]
)
def test_vijandige_waarden_in_de_lijst_geven_nooit_een_serverfout(regisseur_client, persoon, veld):
    url = reverse("statushouders:persoon-lijst")
    for waarde in VIJANDIG:
        response = regisseur_client.get(url, {veld: waarde, "pagina": waarde})
        assert response.status_code == 200, (veld, waarde)


def test_te_lange_zoekterm_wordt_uitgelegd(regisseur_client, persoon):
    response = regisseur_client.get(reverse("statushouders:persoon-lijst"), {"q": "x" * 101})
    assert response.context["filter"].form.errors["q"] == ["Zoek met hoogstens 100 tekens."]


def test_dossier_toont_de_laatste_tien_contactmomenten_en_verwijst_naar_alle(
    regisseur_client, persoon
):
    for dag in range(1, 13):
        ContactmomentFactory(
            persoon=persoon,
            onderwerp=f"Gesprek {dag:02d}",
            moment=datetime.datetime(2026, 4, dag, 10, 0, tzinfo=datetime.UTC),
        )
    html = regisseur_client.get(persoon.get_absolute_url()).content.decode()
    assert "Gesprek 12" in html and "Gesprek 03" in html
    assert "Gesprek 02" not in html and "Gesprek 01" not in html
    lijst = reverse("statushouders:contactmoment-lijst", kwargs={"uuid": persoon.uuid})
    assert f'href="{lijst}">Alle 12 contactmomenten</a>' in html


def test_alle_contactmomenten_een_pagina_tegelijk_de_nieuwste_eerst(
    regisseur_client, persoon, django_assert_max_num_queries
):
    for dag in range(1, 31):
        ContactmomentFactory(
            persoon=persoon,
            onderwerp=f"Gesprek {dag:02d}",
            moment=datetime.datetime(2026, 4, dag, 10, 0, tzinfo=datetime.UTC),
        )
    lijst = reverse("statushouders:contactmoment-lijst", kwargs={"uuid": persoon.uuid})
    with django_assert_max_num_queries(12):
        eerste = regisseur_client.get(lijst).content.decode()
    assert "30 contactmomenten, de nieuwste eerst." in eerste
    assert eerste.index("Gesprek 30") < eerste.index("Gesprek 29")
    assert "Gesprek 06" in eerste and "Gesprek 05" not in eerste
    tweede = regisseur_client.get(lijst, {"pagina": "2"}).content.decode()
    assert "Gesprek 05" in tweede and "Gesprek 01" in tweede and "Gesprek 06" not in tweede
    # A page number that is no number gives the first page.
    assert "Gesprek 30" in regisseur_client.get(lijst, {"pagina": "x\x00"}).content.decode()
