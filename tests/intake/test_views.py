import datetime
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from intake.constants import ZRM_DOMEINEN
from intake.models import BredeIntake, Werkervaring
from intake.secties import SECTIES
from tests.intake.factories import BredeIntakeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def intake(persoon):
    return BredeIntakeFactory(persoon=persoon)


def _url(naam, intake, **extra):
    return reverse(
        f"intake:{naam}", kwargs={"uuid": intake.persoon.uuid, "intake_uuid": intake.uuid, **extra}
    )


def _sectie_url(intake, sectie):
    return _url("intake-sectie", intake, sectie=sectie)


class _Formulierwaarden(HTMLParser):
    """What a browser would post back from the page's text fields, as they stand."""

    def __init__(self):
        super().__init__()
        self.waarden, self._tekstvak = {}, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name") and attrs.get("type") != "checkbox":
            self.waarden[attrs["name"]] = attrs.get("value") or ""
        elif tag == "textarea":
            self._tekstvak = attrs["name"]
            self.waarden[self._tekstvak] = ""

    def handle_data(self, data):
        if self._tekstvak:
            self.waarden[self._tekstvak] += data.lstrip("\n")

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._tekstvak = None


def _formulierwaarden(html: str) -> dict:
    parser = _Formulierwaarden()
    parser.feed(html)
    parser.waarden.pop("csrfmiddlewaretoken", None)
    return parser.waarden


def _zijlijst(html: str) -> dict[str, bool]:
    """Each section in the side list, and whether it carries the "ingevuld" mark."""
    nav = html[html.index('<nav class="koers-sectienav"') :]
    nav = nav[: nav.index("</nav>")]
    return {
        label: "data-ingevuld" in rest
        for label, rest in re.findall(r">([^<>]+)</a>(.*?)</li>", nav, re.DOTALL)
    }


def test_intake_van_een_andere_persoon_onder_deze_url_geeft_404(regisseur_client, persoon, weert):
    ander = BredeIntakeFactory(persoon__gemeente=weert)
    url = reverse("intake:intake-detail", kwargs={"uuid": persoon.uuid, "intake_uuid": ander.uuid})
    assert regisseur_client.get(url).status_code == 404


def test_onbekende_sectie_geeft_404(regisseur_client, intake):
    assert regisseur_client.get(_sectie_url(intake, "bestaat-niet")).status_code == 404


def test_starten_vanuit_het_dossier(regisseur_client, persoon):
    html = regisseur_client.get(persoon.get_absolute_url()).content.decode()
    assert "Brede intake starten" in html
    response = regisseur_client.post(
        reverse("intake:intake-starten", kwargs={"uuid": persoon.uuid}),
        {"gestart_op": "10-03-2026", "locatie": "azc", "azc_naam": "AZC Weert", "tolk_taal": ""},
    )
    intake = BredeIntake.objects.get()
    assert response.url == _sectie_url(intake, "wonen")
    assert (
        "Brede intake voortzetten"
        in regisseur_client.get(persoon.get_absolute_url()).content.decode()
    )


def test_starten_in_azc_zonder_naam_wordt_uitgelegd(regisseur_client, persoon):
    response = regisseur_client.post(
        reverse("intake:intake-starten", kwargs={"uuid": persoon.uuid}),
        {"gestart_op": "10-03-2026", "locatie": "azc", "azc_naam": "", "tolk_taal": "Tigrinya"},
    )
    assert response.context["form"].errors["azc_naam"] == ["Vul in in welk AZC het gesprek was."]
    assert 'value="Tigrinya"' in response.content.decode()


@pytest.mark.parametrize("sectie", [s.code for s in SECTIES])
def test_elke_sectie_opent_met_een_vast_aantal_queries(
    regisseur_client, intake, sectie, django_assert_max_num_queries
):
    with django_assert_max_num_queries(20):
        response = regisseur_client.get(_sectie_url(intake, sectie))
    assert response.status_code == 200


def test_overzicht_met_een_vast_aantal_queries(
    regisseur_client, persoon, regisseur, django_assert_max_num_queries
):
    intake = BredeIntakeFactory(persoon=persoon, compleet=True)
    for dag in range(11, 21):
        intake.gesprekken.create(
            datum=datetime.date(2026, 3, dag), deelnemers="persoon", door=regisseur
        )
    with django_assert_max_num_queries(25):
        response = regisseur_client.get(_url("intake-detail", intake))
    assert response.status_code == 200


def test_sectie_opslaan_met_htmx_geeft_het_formulier_terug_met_opgeslagen(regisseur_client, intake):
    response = regisseur_client.post(
        _sectie_url(intake, "taal"),
        {
            "bevindingen": "Spreekt wat Engels",
            "wensen": "",
            "zorgen": "",
            "taal_lezen": "A1",
            "taal_luisteren": "A2",
            "taal_spreken": "A1",
            "taal_schrijven": "A0",
            "andere_talen": "Engels",
        },
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert "<html" not in html and "Opgeslagen om" in html
    intake.refresh_from_db()
    assert intake.taal_luisteren == "A2"
    assert intake.leefgebieden.get(leefgebied="taal").bevindingen == "Spreekt wat Engels"


def test_opslaan_en_verder_met_htmx_stuurt_naar_de_volgende_sectie(regisseur_client, intake):
    response = regisseur_client.post(
        _sectie_url(intake, "wonen"),
        {"bevindingen": "Woont nog in het AZC", "opslaan_en_verder": "1"},
        HTTP_HX_REQUEST="true",
    )
    assert response["HX-Redirect"] == _sectie_url(intake, "financien")


def test_zrm_score_buiten_bereik_wordt_uitgelegd_en_invoer_blijft(regisseur_client, intake):
    gegevens = {f"zrm-{code}": "3" for code, _label in ZRM_DOMEINEN}
    gegevens.update({"zrm-datum": "12-03-2026", "zrm-financien": "7", "zrm-justitie": "2"})
    response = regisseur_client.post(_sectie_url(intake, "zrm"), gegevens)
    form = response.context["form"]
    assert form.errors["financien"] == ["Kies een score van 1 tot en met 5."]
    html = response.content.decode()
    assert 'value="12-03-2026"' in html
    assert '<option value="2" selected>' in html  # justitie kept
    assert not hasattr(intake, "zrm") or intake.zrm is None


def test_positieve_gezondheid_buiten_bereik_wordt_uitgelegd(regisseur_client, intake):
    response = regisseur_client.post(
        _sectie_url(intake, "positieve-gezondheid"),
        {"pg_lichaamsfuncties": "11", "pg_meedoen": "7"},
    )
    form = response.context["form"]
    assert form.errors["pg_lichaamsfuncties"] == ["Vul een score van 0 tot en met 10 in."]
    assert 'value="7"' in response.content.decode()


def test_afronden_voor_de_startdatum_wordt_naast_het_veld_uitgelegd(regisseur_client, persoon):
    intake = BredeIntakeFactory(persoon=persoon, compleet=True)
    response = regisseur_client.post(
        _url("intake-afronden", intake),
        {"afgerond_op": "01-03-2026", "bestandsgroep": "actief_traject"},
    )
    assert response.status_code == 422
    form = response.context["afronden_form"]
    assert "vóór de startdatum (10-03-2026)" in form.errors["afgerond_op"][0]
    assert 'value="01-03-2026"' in response.content.decode()


def test_overzicht_noemt_wat_er_ontbreekt(regisseur_client, intake):
    html = regisseur_client.get(_url("intake-detail", intake)).content.decode()
    assert "Leerbaarheidstoets: uitkomst of reden van vrijstelling" in html
    assert "Advies: geadviseerde leerroute" in html


def test_afronden_en_daarna_alleen_lezen(regisseur_client, persoon):
    intake = BredeIntakeFactory(persoon=persoon, compleet=True)
    response = regisseur_client.post(
        _url("intake-afronden", intake),
        {"afgerond_op": "01-04-2026", "bestandsgroep": "actief_traject"},
    )
    assert response.url == persoon.get_absolute_url()
    html = regisseur_client.get(_sectie_url(intake, "wonen")).content.decode()
    assert '<fieldset class="koers-fieldset" disabled>' in html
    assert ">Opslaan</button>" not in html
    response = regisseur_client.post(_sectie_url(intake, "wonen"), {"bevindingen": "Nieuw"})
    assert "afgerond en kan niet meer worden gewijzigd" in response.content.decode()
    assert not intake.leefgebieden.exists()


def test_heropenen_via_het_overzicht(regisseur_client, persoon, regisseur):
    intake = BredeIntakeFactory(persoon=persoon, afgerond=True)
    response = regisseur_client.post(_url("intake-heropenen", intake), {"reden": ""})
    assert response.context["heropenen_form"].errors["reden"]
    regisseur_client.post(_url("intake-heropenen", intake), {"reden": "Taal verkeerd"})
    intake.refresh_from_db()
    assert intake.status == "open"
    html = regisseur_client.get(_url("intake-detail", intake)).content.decode()
    assert "Taal verkeerd" in html


def test_werkervaring_met_meerdere_banen(regisseur_client, intake):
    response = regisseur_client.post(
        _sectie_url(intake, "werkervaring"),
        {
            "bevindingen": "Veel ervaring in de bouw",
            "baan-TOTAL_FORMS": "2",
            "baan-INITIAL_FORMS": "0",
            "baan-0-functie": "Metselaar",
            "baan-0-sector": "Bouw",
            "baan-0-jaren": "8",
            "baan-1-functie": "Kok",
            "baan-1-sector": "Horeca",
            "baan-1-jaren": "2,5",
        },
    )
    assert response.status_code == 302, response.context["form"].formset.errors
    assert list(intake.werkervaring.values_list("functie", "jaren")) == [
        ("Metselaar", 8),
        ("Kok", 2.5),
    ]


def test_samenvatting_toont_advies_en_spinnenweb_met_tabel(regisseur_client, persoon):
    intake = BredeIntakeFactory(persoon=persoon, compleet=True, pg_meedoen=6, pg_zingeving=8)
    html = regisseur_client.get(_url("intake-samenvatting", intake)).content.decode()
    assert "B1-route" in html
    assert "<svg" in html and 'aria-hidden="true"' in html
    assert "Zingeving" in html and '<td class="utrecht-table__cell">8</td>' in html


def test_opslaan_met_htmx_zet_het_vinkje_in_de_zijlijst_zonder_herladen(regisseur_client, intake):
    html = regisseur_client.get(_sectie_url(intake, "mobiliteit")).content.decode()
    assert _zijlijst(html)["Mobiliteit"] is False
    response = regisseur_client.post(
        _sectie_url(intake, "mobiliteit"),
        {"bevindingen": "Fietst naar de taalles"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert "<html" not in html
    assert re.search(r'<nav [^>]*id="sectienavigatie"[^>]*hx-swap-oob="true"', html)
    zijlijst = _zijlijst(html)
    assert zijlijst["Mobiliteit"] is True
    assert zijlijst["Wonen"] is False


def test_htmx_antwoord_met_fouten_toont_de_zijlijst_zoals_opgeslagen(regisseur_client, intake):
    response = regisseur_client.post(
        _sectie_url(intake, "opleiding"),
        {"opleiding_land": "Syrië", "opleiding_jaren": "veel"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 422  # htmx swaps it in all the same (base.html)
    assert response.context["form"].errors["opleiding_jaren"]
    assert _zijlijst(html)["Opleiding"] is False  # nothing was saved


def _banen(html: str) -> int:
    return html.count('class="utrecht-form-fieldset koers-baan"')


def test_werkervaring_heeft_altijd_precies_een_leeg_blok(regisseur_client, intake):
    url = _sectie_url(intake, "werkervaring")
    html = regisseur_client.get(url).content.decode()
    assert _banen(html) == 1
    waarden = _formulierwaarden(html)
    waarden.update({"baan-0-functie": "Metselaar", "baan-0-sector": "Bouw", "baan-0-jaren": "8"})
    html = regisseur_client.post(url, waarden, HTTP_HX_REQUEST="true").content.decode()
    assert "Opgeslagen om" in html
    assert _banen(html) == 2  # the saved job and one empty block for the next
    for _keer in range(2):  # saving again as it stands adds nothing
        html = regisseur_client.post(
            url, _formulierwaarden(html), HTTP_HX_REQUEST="true"
        ).content.decode()
        assert "Opgeslagen om" in html
        assert _banen(html) == 2
    assert list(intake.werkervaring.values_list("functie", flat=True)) == ["Metselaar"]
    html = regisseur_client.get(url).content.decode()
    assert _banen(html) == 2


def _samenvatting_per_leefgebied(html: str) -> dict[str, str]:
    deel = html[html.index(">Leefgebieden</h2>") : html.index(">Gesprekken</h2>")]
    return dict(re.findall(r'<h3 class="utrecht-heading-3">([^<]+)</h3>(.*?)(?=<h3|$)', deel, re.S))


def test_samenvatting_zegt_nooit_niet_ingevuld_boven_ingevulde_gegevens(regisseur_client, persoon):
    intake = BredeIntakeFactory(
        persoon=persoon,
        taal_lezen="A1",
        taal_spreken="A2",
        hoogste_opleiding="mbo",
        opleiding_land="Syrië",
        kinderopvang_nodig=True,
        droombaan="Verpleegkundige",
        advies_eerste_stappen=["opleiding", "werk"],
    )
    Werkervaring.objects.create(intake=intake, functie="Kok", sector="Horeca", jaren="2.5")
    intake.leefgebieden.create(leefgebied="wonen", wensen="Een woning dicht bij familie")
    html = regisseur_client.get(_url("intake-samenvatting", intake)).content.decode()
    per_leefgebied = _samenvatting_per_leefgebied(html)
    assert "Niet ingevuld" not in per_leefgebied["Taal"]
    assert "A1" in per_leefgebied["Taal"] and "A2" in per_leefgebied["Taal"]
    assert "Beroepsonderwijs (mbo-niveau)" in per_leefgebied["Opleiding"]
    assert "Kok (Horeca), 2,5 jaar" in per_leefgebied["Werkervaring"]
    assert "Kinderopvang nodig</dt><dd>Ja" in per_leefgebied["Gezin en kinderen"]
    assert "Verpleegkundige" in per_leefgebied["Ambities"]
    assert "Een woning dicht bij familie" in per_leefgebied["Wonen"]
    assert "Niet ingevuld" in per_leefgebied["Mobiliteit"]
    assert "Opleiding, Werk" in html  # the advised first steps by their labels
    # The side list and the summary read the same thing: filled in, or "Niet ingevuld".
    zijlijst = _zijlijst(regisseur_client.get(_url("intake-detail", intake)).content.decode())
    for label, inhoud in per_leefgebied.items():
        assert zijlijst[label] is ("Niet ingevuld" not in inhoud), label


def test_afgeronde_intake_biedt_heropenen_en_nergens_een_nieuwe_intake(regisseur_client, persoon):
    intake = BredeIntakeFactory(persoon=persoon, afgerond=True)
    dossier = regisseur_client.get(persoon.get_absolute_url()).content.decode()
    assert "Brede intake starten" not in dossier
    assert "Intake heropenen" in dossier
    overzicht = regisseur_client.get(_url("intake-detail", intake)).content.decode()
    assert "Intake heropenen" in overzicht
    assert "Intake afronden" not in overzicht and "Gesprek toevoegen" not in overzicht
    sectie = regisseur_client.get(_sectie_url(intake, "wonen")).content.decode()
    assert "Brede intake starten" not in sectie and "#heropenen" in sectie

    starten = reverse("intake:intake-starten", kwargs={"uuid": persoon.uuid})
    assert regisseur_client.get(starten).url == _url("intake-detail", intake) + "#heropenen"
    response = regisseur_client.post(
        starten, {"gestart_op": "01-05-2026", "locatie": "thuis", "azc_naam": "", "tolk_taal": ""}
    )
    assert response.status_code == 302
    assert persoon.intakes.count() == 1


def test_heropende_intake_wordt_voortgezet(regisseur_client, persoon):
    BredeIntakeFactory(persoon=persoon, heropend=True)
    dossier = regisseur_client.get(persoon.get_absolute_url()).content.decode()
    assert "Brede intake voortzetten" in dossier
    assert "Brede intake starten" not in dossier and "Intake heropenen" not in dossier


def test_persoonshistorie_toont_eerste_stappen_met_labels(regisseur_client, persoon, regisseur):
    intake = BredeIntakeFactory(persoon=persoon)
    regisseur_client.post(
        _sectie_url(intake, "advies"),
        {"advies_eerste_stappen": ["opleiding", "vrijwilligerswerk"]},
    )
    html = regisseur_client.get(
        reverse("statushouders:persoon-historie", kwargs={"uuid": persoon.uuid})
    ).content.decode()
    assert "Opleiding, Vrijwilligerswerk" in html
    assert "[]" not in html and "&#x27;opleiding&#x27;" not in html
