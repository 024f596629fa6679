"""Who sees which figures, and the per-person delivery: functioneel beheer only, every
download logged, never a row of another gemeente."""

import csv
import io

import openpyxl
import pytest
import time_machine
from django.urls import reverse

from reports.constants import RapportSoort
from reports.models import Leveringsdownload, Rapport
from reports.services import rapport_aanvragen
from tests.accounts.factories import UserFactory
from tests.partners.factories import PartnerFactory
from tests.reports.factories import RapportFactory
from tests.statushouders.factories import GemeenteFactory, PersoonFactory

from .dataset import VANDAAG, VERBORGEN, aadorp_en_beekdal

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _vandaag():
    with time_machine.travel(VANDAAG, tick=False):
        yield


@pytest.fixture
def gemeenten():
    return aadorp_en_beekdal()


def _urls(rapport: Rapport) -> list[str]:
    if rapport.soort == RapportSoort.LEVERING:
        namen = ["levering", "levering-status", "levering-xlsx", "levering-csv"]
    else:
        namen = [
            "kwartaalrapport",
            "kwartaalrapport-status",
            "kwartaalrapport-pdf",
            "kwartaalrapport-xlsx",
        ]
    return [reverse(f"reports:{n}", kwargs={"rapport": rapport.uuid}) for n in namen]


LIJSTEN = ["reports:dashboard", "reports:kwartaalrapporten", "reports:leveringen"]


def test_partners_en_regisseurs_krijgen_404_op_de_lijsten(client, gemeenten):
    """The lists, which the project-wide walk (tests/core/test_idor.py) opens for leaks but not
    for their answer; every report's own pages it attacks as each role."""
    aadorp, _beekdal = gemeenten
    for gebruiker in (
        UserFactory(partnermedewerker=True, partner=PartnerFactory()),
        UserFactory(gemeenten=[aadorp]),  # regisseur
    ):
        client.force_login(gebruiker)
        for url in [reverse(n) for n in LIJSTEN]:
            for methode in (client.get, client.post):
                assert methode(url).status_code == 404, (gebruiker.rol, url)


def test_regisseur_ziet_geen_rapportages_in_het_menu(client, gemeenten):
    aadorp, _beekdal = gemeenten
    client.force_login(UserFactory(gemeenten=[aadorp]))
    assert reverse("reports:dashboard") not in client.get("/", follow=True).content.decode()
    client.force_login(UserFactory(teamleider=True, gemeenten=[aadorp]))
    assert reverse("reports:dashboard") in client.get("/", follow=True).content.decode()


def test_teamleider_ziet_alleen_rapporten_van_zijn_eigen_gemeenten(client, gemeenten):
    aadorp, beekdal = gemeenten
    teamleider = UserFactory(teamleider=True, gemeenten=[aadorp])
    eigen = RapportFactory(gemeenten=[aadorp])
    samen = RapportFactory(gemeenten=[aadorp, beekdal])
    ander = RapportFactory(gemeenten=[beekdal])
    client.force_login(teamleider)
    lijst = client.get(reverse("reports:kwartaalrapporten")).content.decode()
    assert str(eigen.uuid) in lijst
    assert str(samen.uuid) not in lijst and str(ander.uuid) not in lijst
    assert client.get(_urls(eigen)[0]).status_code == 200
    for rapport in (samen, ander):
        for url in _urls(rapport):
            assert client.get(url).status_code == 404, url


def test_dashboard_kent_alleen_eigen_gemeenten_en_weigert_andere_keuzes(client, gemeenten):
    aadorp, beekdal = gemeenten
    client.force_login(UserFactory(teamleider=True, gemeenten=[aadorp]))
    for parameters in (
        {"gemeente": beekdal.pk},
        {"gemeente": "abc"},
        {"gemeente": "1\x00"},
        {"van": "31-12-9999"},
        {"van": "01-10-2026", "tot": "01-07-2026"},
        {"van": "01-01-2001", "tot": "01-01-2026"},
    ):
        antwoord = client.get(reverse("reports:dashboard"), parameters)
        tekst = antwoord.content.decode()
        assert antwoord.status_code == 200, parameters
        assert "Een filter was ongeldig en is niet toegepast." in tekst, parameters
        for naam in VERBORGEN:
            assert naam not in tekst


def test_een_rapport_van_een_andere_gemeente_aanvragen_wordt_geweigerd(client, gemeenten):
    aadorp, beekdal = gemeenten
    teamleider = UserFactory(teamleider=True, gemeenten=[aadorp])
    client.force_login(teamleider)
    antwoord = client.post(
        reverse("reports:kwartaalrapporten"),
        {"gemeenten": [aadorp.pk, beekdal.pk], "jaar": "2026", "kwartaal": "3"},
    )
    assert antwoord.status_code == 200
    assert not Rapport.objects.exists()
    with pytest.raises(Exception, match="eigen gemeenten"):
        rapport_aanvragen(
            door=teamleider,
            soort=RapportSoort.KWARTAALRAPPORT,
            gemeenten=[beekdal],
            jaar=2026,
            kwartaal=3,
        )
    # A quarter that has not begun, and a year out of range: refused beside the field.
    for jaar, kwartaal, fout in (("2027", "1", "nog niet begonnen"), ("1999", "1", "2000")):
        antwoord = client.post(
            reverse("reports:kwartaalrapporten"),
            {"gemeenten": [aadorp.pk], "jaar": jaar, "kwartaal": kwartaal},
        )
        assert fout in antwoord.content.decode()
    assert not Rapport.objects.exists()


def test_kwartaallevering_per_persoon_alleen_voor_beheer_en_elke_download_vastgelegd(
    client, gemeenten, django_capture_on_commit_callbacks
):
    aadorp, beekdal = gemeenten
    beheerder = UserFactory(beheerder=True, gemeenten=[aadorp])
    client.force_login(UserFactory(teamleider=True, gemeenten=[aadorp]))
    assert client.get(reverse("reports:leveringen")).status_code == 404

    client.force_login(beheerder)
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(
            reverse("reports:leveringen"),
            {"gemeenten": [aadorp.pk], "jaar": "2026", "kwartaal": "3"},
        )
    rapport = Rapport.objects.get(soort=RapportSoort.LEVERING)
    assert antwoord.status_code == 302
    assert rapport.status == "klaar"  # the job ran (eagerly in the tests)
    # Open in Q3: p1–p13, p15 (p14 was coupled after the quarter); p12 closed in it.
    assert rapport.aantal_personen == 14

    xlsx = client.get(_urls(rapport)[2])
    blad = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    koppen = [c.value for c in blad[1]]
    assert koppen[:5] == ["Gemeente", "BSN", "V-nummer", "Doelgroep", "Koppeling"]
    rijen = list(blad.iter_rows(min_row=2, values_only=True))
    assert len(rijen) == 14 and {r[0] for r in rijen} == {"GM9101"}
    p13 = next(r for r in rijen if r[koppen.index("Koppeling")].date().isoformat() == "2026-01-05")
    # Closed on 05-10, after the quarter: the delivery says it was still open then.
    assert p13[koppen.index("Uitstroom")] is None and p13[koppen.index("Reden uitstroom")] in (
        "",
        None,
    )
    assert blad.freeze_panes == "A2"

    csv_antwoord = client.get(_urls(rapport)[3])
    tekst = b"".join(csv_antwoord.streaming_content).decode("utf-8-sig")
    regels = list(csv.reader(io.StringIO(tekst), delimiter=";"))
    assert len(regels) == 15
    assert all(naam not in tekst for naam in VERBORGEN)
    assert Leveringsdownload.objects.filter(rapport=rapport, gebruiker=beheerder).count() == 2
    assert set(Leveringsdownload.objects.values_list("bestand", flat=True)) == {"xlsx", "csv"}

    # A beheerder of another gemeente does not reach it.
    client.force_login(UserFactory(beheerder=True, gemeenten=[beekdal]))
    for url in _urls(rapport):
        assert client.get(url).status_code == 404


def test_een_rapport_van_a_bevat_nooit_een_rij_van_b(client, gemeenten):
    """Planted names of Beekdal never reach a report of Aadorp; a report of Beekdal has them."""
    aadorp, beekdal = gemeenten
    beheerder = UserFactory(beheerder=True, gemeenten=[aadorp, beekdal])
    client.force_login(beheerder)
    for gemeente, verwacht in ((aadorp, False), (beekdal, True)):
        antwoord = client.get(
            reverse("reports:dashboard"),
            {"gemeente": gemeente.pk, "van": "01-07-2026", "tot": "30-09-2026"},
        )
        tekst = antwoord.content.decode()
        assert ("Verborgenees" in tekst) is verwacht
        assert ("Partner Verborgen" in tekst) is verwacht
        assert ("Geheime Regisseur" in tekst) is verwacht


def test_dashboard_blijft_op_een_vast_aantal_queries(
    client, gemeenten, django_assert_max_num_queries
):
    aadorp, _beekdal = gemeenten
    teamleider = UserFactory(teamleider=True, gemeenten=[aadorp])
    client.force_login(teamleider)
    url = reverse("reports:dashboard")
    with django_assert_max_num_queries(30) as weinig:
        client.get(url, {"van": "01-01-2026", "tot": "30-09-2026"})
    PersoonFactory.create_batch(40, gemeente=aadorp, koppeling_datum=VANDAAG)
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        client.get(url, {"van": "01-01-2026", "tot": "30-09-2026"})


def test_een_gemeente_zonder_gegevens_toont_lege_tabellen(client):
    leeg = GemeenteFactory(naam="Leegdorp")
    client.force_login(UserFactory(teamleider=True, gemeenten=[leeg]))
    antwoord = client.get(reverse("reports:dashboard"))
    assert antwoord.status_code == 200
    assert "Geen gegevens in deze periode." in antwoord.content.decode()


def test_een_rapport_waarvan_het_bestand_weg_is_geeft_404_geen_fout(client, db):
    from reports.constants import RapportStatus

    aadorp = GemeenteFactory()
    teamleider = UserFactory(teamleider=True, gemeenten=[aadorp])
    rapport = RapportFactory(gemeenten=[aadorp], aangevraagd_door=teamleider)
    Rapport.objects.filter(pk=rapport.pk).update(
        status=RapportStatus.KLAAR, pdf="rapporten/2026/bestaat-niet.pdf"
    )
    client.force_login(teamleider)
    url = reverse("reports:kwartaalrapport-pdf", kwargs={"rapport": rapport.uuid})
    assert client.get(url).status_code == 404
