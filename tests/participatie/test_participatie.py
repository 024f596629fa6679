"""Participation on the dossier: what is refused and why, the pages, who may see them, and
that every change is in the history with who made it."""

import datetime
import re

import pytest
import time_machine
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.models import Toegangslog
from participatie.constants import Contractsoort, ParticipatieSoort
from participatie.models import Participatie
from participatie.selectors import participatie_samenvatting
from participatie.services import participatie_opslaan, participatie_verwijderen
from statushouders.constants import Uitstroomreden
from statushouders.models import Persoon
from tests.accounts.factories import UserFactory
from tests.reports.factories import ParticipatieFactory
from tests.statushouders.factories import PersoonFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("vaste_dag")]

VANDAAG = datetime.date(2026, 7, 20)
ParticipatieEvent = apps.get_model("participatie", "ParticipatieEvent")


@pytest.fixture
def vaste_dag():
    with time_machine.travel(datetime.datetime(2026, 7, 20, 9, 0), tick=False):
        yield


def _werk(**anders) -> dict:
    return {
        "soort": ParticipatieSoort.BETAALD_WERK,
        "omschrijving": "Bakkerij De Korenaar",
        "gestart_op": datetime.date(2026, 5, 1),
        "geeindigd_op": None,
        "uren_per_week": 24,
        "contractsoort": Contractsoort.TIJDELIJK,
    } | anders


def _fouten(functie, **gegevens) -> dict:
    with pytest.raises(ValidationError) as fout:
        functie(**gegevens)
    if hasattr(fout.value, "error_dict"):
        return {
            veld: " ".join(m for e in fouten for m in e.messages)
            for veld, fouten in fout.value.error_dict.items()
        }
    return {None: " ".join(fout.value.messages)}


def _afsluiten(persoon):
    Persoon.objects.filter(pk=persoon.pk).update(
        afgesloten_op=datetime.date(2026, 7, 1), uitstroomreden=Uitstroomreden.BETAALD_WERK
    )
    persoon.refresh_from_db()


def _tekst(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


# --- Services ---------------------------------------------------------------------------------


def test_werk_wordt_vastgelegd_met_wie_het_deed(persoon, regisseur):
    participatie = participatie_opslaan(persoon=persoon, door=regisseur, **_werk())
    assert participatie.persoon == persoon
    assert participatie.door == regisseur
    assert participatie.uren_per_week == 24
    event = participatie.events.get()
    assert event.pgh_label == "insert"
    assert event.pgh_context.metadata["user"] == regisseur.pk


@pytest.mark.parametrize(
    ("anders", "veld", "melding"),
    [
        (
            {"geeindigd_op": datetime.date(2026, 4, 30)},
            "geeindigd_op",
            "Het einde ligt vóór de start.",
        ),
        (
            {"gestart_op": datetime.date(2026, 7, 21)},
            "gestart_op",
            "De start ligt in de toekomst.",
        ),
        (
            {"gestart_op": datetime.date(2026, 3, 1)},
            "gestart_op",
            "De start ligt vóór de koppeling aan de gemeente (02-03-2026). Wat de persoon "
            "daarvoor deed, hoort bij werkervaring en opleiding in de brede intake.",
        ),
        ({"gestart_op": None}, "gestart_op", "Vul in wanneer het begon."),
        ({"contractsoort": ""}, "contractsoort", "Kies de soort contract."),
        ({"contractsoort": "levenslang"}, "contractsoort", "Kies een soort contract uit de lijst."),
        ({"uren_per_week": None}, "uren_per_week", "Vul in hoeveel uur per week"),
        (
            {"uren_per_week": 61},
            "uren_per_week",
            "Vul een aantal uren per week in van 1 tot en met 60.",
        ),
        ({"uren_per_week": 0}, "uren_per_week", "van 1 tot en met 60"),
        ({"soort": "hobby"}, "soort", "Kies een soort uit de lijst."),
        ({"omschrijving": "Bakkerij\x00"}, "omschrijving", "onzichtbare stuurtekens"),
        ({"omschrijving": "Bakkerij\u202eDe"}, "omschrijving", "onzichtbare stuurtekens"),
        ({"omschrijving": "x" * 201}, "omschrijving", "Gebruik hoogstens 200 tekens"),
        (
            {"gestart_op": datetime.date(1800, 1, 1)},
            "gestart_op",
            "Vul een datum tussen 1900 en 2100 in.",
        ),
    ],
)
def test_service_weigert_met_een_nederlandse_melding_bij_het_veld(
    persoon, regisseur, anders, veld, melding
):
    fouten = _fouten(participatie_opslaan, persoon=persoon, door=regisseur, **_werk(**anders))
    assert melding in fouten[veld]
    assert not Participatie.objects.exists()


def test_contract_en_uren_alleen_bij_betaald_werk(persoon, regisseur):
    fouten = _fouten(
        participatie_opslaan,
        persoon=persoon,
        door=regisseur,
        **_werk(soort=ParticipatieSoort.OPLEIDING),
    )
    assert fouten["contractsoort"] == "Een soort contract hoort alleen bij betaald werk."
    assert fouten["uren_per_week"] == "Uren per week horen alleen bij betaald werk."


def test_start_vandaag_en_gepland_einde_mogen(persoon, regisseur):
    participatie = participatie_opslaan(
        persoon=persoon,
        door=regisseur,
        **_werk(
            soort=ParticipatieSoort.OPLEIDING,
            gestart_op=VANDAAG,
            geeindigd_op=datetime.date(2027, 7, 1),
            uren_per_week=None,
            contractsoort="",
        ),
    )
    assert participatie.geeindigd_op == datetime.date(2027, 7, 1)


def test_zonder_koppelingsdatum_geldt_alleen_de_andere_regels(weert, regisseur):
    persoon = PersoonFactory(gemeente=weert, koppeling_datum=None)
    participatie = participatie_opslaan(
        persoon=persoon, door=regisseur, **_werk(gestart_op=datetime.date(2025, 1, 6))
    )
    assert participatie.gestart_op == datetime.date(2025, 1, 6)


def test_afgesloten_dossier_weigert_vastleggen_wijzigen_en_verwijderen(persoon, regisseur):
    participatie = ParticipatieFactory(persoon=persoon, door=regisseur)
    _afsluiten(persoon)
    assert _fouten(participatie_opslaan, persoon=persoon, door=regisseur, **_werk()) == {
        None: "Het dossier is afgesloten; heropen het om participatie vast te leggen."
    }
    assert _fouten(
        participatie_opslaan,
        persoon=persoon,
        door=regisseur,
        participatie=participatie,
        **_werk(),
    ) == {None: "Het dossier is afgesloten; heropen het om participatie vast te leggen."}
    assert _fouten(participatie_verwijderen, participatie=participatie, door=regisseur) == {
        None: "Het dossier is afgesloten; heropen het om participatie te verwijderen."
    }
    assert Participatie.objects.get().soort == ParticipatieSoort.VRIJWILLIGERSWERK


def test_andere_gemeente_mag_niet_schrijven(persoon, regisseur_cranendonck):
    assert _fouten(
        participatie_opslaan, persoon=persoon, door=regisseur_cranendonck, **_werk()
    ) == {None: "U werkt niet in de gemeente van deze persoon."}
    participatie = ParticipatieFactory(persoon=persoon)
    assert _fouten(
        participatie_verwijderen, participatie=participatie, door=regisseur_cranendonck
    ) == {None: "U werkt niet in de gemeente van deze persoon."}


def test_participatie_van_een_ander_wordt_niet_via_deze_persoon_gewijzigd(
    persoon, regisseur, weert
):
    van_ander = ParticipatieFactory(persoon=PersoonFactory(gemeente=weert))
    assert _fouten(
        participatie_opslaan,
        persoon=persoon,
        door=regisseur,
        participatie=van_ander,
        **_werk(),
    ) == {None: "Deze participatie hoort niet bij deze persoon."}


def test_wijzigen_en_verwijderen_staan_in_de_historie(persoon, regisseur, weert):
    collega = UserFactory(gemeenten=[weert], username="collega")
    participatie = participatie_opslaan(persoon=persoon, door=regisseur, **_werk())
    participatie_opslaan(
        persoon=persoon,
        door=collega,
        participatie=participatie,
        **_werk(geeindigd_op=datetime.date(2026, 7, 1)),
    )
    participatie_verwijderen(participatie=participatie, door=collega)
    assert not Participatie.objects.exists()
    events = list(ParticipatieEvent.objects.order_by("pgh_id"))
    assert [e.pgh_label for e in events] == ["insert", "update", "delete"]
    assert [e.pgh_context.metadata["user"] for e in events] == [
        regisseur.pk,
        collega.pk,
        collega.pk,
    ]


# --- Selectors --------------------------------------------------------------------------------


def test_samenvatting_toont_lopende_activiteiten_werk_eerst(
    persoon, regisseur, django_assert_num_queries
):
    ParticipatieFactory(persoon=persoon, gestart_op=datetime.date(2026, 6, 1))
    werk = ParticipatieFactory(persoon=persoon, werk=True, gestart_op=datetime.date(2026, 4, 1))
    ParticipatieFactory(persoon=persoon, opleiding=True, beeindigd=True)
    ParticipatieFactory(persoon=persoon, opleiding=True, geeindigd_op=datetime.date(2026, 7, 1))
    ParticipatieFactory(werk=True)  # of someone else
    with django_assert_num_queries(1):
        samenvatting = participatie_samenvatting(persoon=persoon)
    assert [p.soort for p in samenvatting.lopend] == [
        ParticipatieSoort.BETAALD_WERK,
        ParticipatieSoort.OPLEIDING,  # ends 30-09-2026: still running today
        ParticipatieSoort.VRIJWILLIGERSWERK,
    ]
    assert samenvatting.lopend[0] == werk
    assert samenvatting.eerder == 1


# --- Pages ------------------------------------------------------------------------------------


def _formulier(**anders) -> dict:
    return {
        "soort": "betaald_werk",
        "omschrijving": "Bakkerij De Korenaar",
        "gestart_op": "01-05-2026",
        "geeindigd_op": "",
        "uren_per_week": "24",
        "contractsoort": "tijdelijk",
    } | anders


def test_lijst_nieuw_bewerken_en_verwijderen(regisseur_client, persoon, regisseur):
    lijst = reverse("participatie:participatie-lijst", args=[persoon.uuid])
    assert "Nog geen participatie vastgelegd." in _tekst(regisseur_client.get(lijst))

    response = regisseur_client.post(
        reverse("participatie:participatie-nieuw", args=[persoon.uuid]), _formulier()
    )
    assert response.status_code == 302
    assert response.url == lijst
    participatie = Participatie.objects.get()
    tekst = _tekst(regisseur_client.get(lijst))
    assert "Betaald werk Bakkerij De Korenaar 01-05-2026 loopt 24 Tijdelijk contract" in tekst

    bewerken = reverse("participatie:participatie-bewerken", args=[persoon.uuid, participatie.uuid])
    assert 'value="Bakkerij De Korenaar"' in regisseur_client.get(bewerken).content.decode()
    response = regisseur_client.post(bewerken, _formulier(geeindigd_op="30-06-2026"))
    assert response.status_code == 302
    participatie.refresh_from_db()
    assert participatie.geeindigd_op == datetime.date(2026, 6, 30)

    verwijderen = reverse(
        "participatie:participatie-verwijderen", args=[persoon.uuid, participatie.uuid]
    )
    assert "Betaald werk verwijderen?" in _tekst(regisseur_client.get(verwijderen))
    assert Participatie.objects.exists()
    assert regisseur_client.post(verwijderen).status_code == 302
    assert not Participatie.objects.exists()
    events = ParticipatieEvent.objects.filter(pgh_obj_id=participatie.pk)
    assert sorted(e.pgh_label for e in events) == ["delete", "insert", "update"]
    assert {e.pgh_context.metadata["user"] for e in events} == {regisseur.pk}


def test_onjuiste_invoer_houdt_wat_getypt_is_met_de_fout_bij_het_veld(regisseur_client, persoon):
    response = regisseur_client.post(
        reverse("participatie:participatie-nieuw", args=[persoon.uuid]),
        _formulier(gestart_op="01-06-2026", geeindigd_op="01-05-2026", contractsoort=""),
    )
    assert response.status_code == 422
    form = response.context["form"]
    assert form.errors["geeindigd_op"] == ["Het einde ligt vóór de start."]
    assert form.errors["contractsoort"] == ["Kies de soort contract."]
    html = response.content.decode()
    assert 'value="Bakkerij De Korenaar"' in html
    assert 'value="01-06-2026"' in html
    assert 'value="24"' in html
    # The message stands beside its field, not only in the summary.
    veld = html[html.index('id="veld_id_geeindigd_op"') :]
    assert veld.index("Het einde ligt vóór de start.") < veld.index('name="geeindigd_op"')
    assert not Participatie.objects.exists()


def test_een_onleesbare_datum_wordt_gemeld_en_niets_gaat_verloren(regisseur_client, persoon):
    response = regisseur_client.post(
        reverse("participatie:participatie-nieuw", args=[persoon.uuid]),
        _formulier(gestart_op="31-02-2026", uren_per_week="veel"),
    )
    assert response.status_code == 422
    form = response.context["form"]
    assert "dd-mm-jjjj" in form.errors["gestart_op"][0]
    assert form.errors["uren_per_week"] == ["Vul een heel aantal uren in, bijvoorbeeld 24."]
    assert 'value="31-02-2026"' in response.content.decode()


def test_contractvelden_tellen_niet_bij_een_andere_soort(regisseur_client, persoon):
    response = regisseur_client.post(
        reverse("participatie:participatie-nieuw", args=[persoon.uuid]),
        _formulier(soort="vrijwilligerswerk", uren_per_week="onzin", contractsoort="vast"),
    )
    assert response.status_code == 302
    participatie = Participatie.objects.get()
    assert participatie.uren_per_week is None
    assert participatie.contractsoort == ""


def test_contractvelden_staan_verborgen_tot_betaald_werk_gekozen_is(regisseur_client, persoon):
    html = regisseur_client.get(
        reverse("participatie:participatie-nieuw", args=[persoon.uuid])
    ).content.decode()
    assert 'data-alleen-bij="betaald_werk" hidden' in html
    assert "data-participatie-soort" in html


def test_afgesloten_dossier_toont_geen_knoppen_en_stuurt_formulieren_terug(
    regisseur_client, persoon, regisseur
):
    participatie = ParticipatieFactory(persoon=persoon, door=regisseur)
    _afsluiten(persoon)
    lijst = reverse("participatie:participatie-lijst", args=[persoon.uuid])
    tekst = _tekst(regisseur_client.get(lijst))
    assert "Het dossier is afgesloten; heropen het om participatie te wijzigen." in tekst
    assert "Participatie vastleggen" not in tekst
    for url in (
        reverse("participatie:participatie-nieuw", args=[persoon.uuid]),
        reverse("participatie:participatie-bewerken", args=[persoon.uuid, participatie.uuid]),
        reverse("participatie:participatie-verwijderen", args=[persoon.uuid, participatie.uuid]),
    ):
        response = regisseur_client.post(url, _formulier())
        assert response.status_code == 302
        assert response.url == lijst
    assert Participatie.objects.get().soort == ParticipatieSoort.VRIJWILLIGERSWERK


def _urls(persoon, participatie) -> list[str]:
    return [
        reverse("participatie:participatie-lijst", args=[persoon.uuid]),
        reverse("participatie:participatie-nieuw", args=[persoon.uuid]),
        reverse("participatie:participatie-bewerken", args=[persoon.uuid, participatie.uuid]),
        reverse("participatie:participatie-verwijderen", args=[persoon.uuid, participatie.uuid]),
    ]


def test_elke_poging_van_buiten_de_gemeente_wordt_vastgelegd(
    client, persoon, regisseur_cranendonck
):
    """That each page answers 404 to everyone outside the dossier, the project-wide walk
    proves (tests/core/test_idor.py); here each refused look and post is in the access log."""
    participatie = ParticipatieFactory(persoon=persoon)
    client.force_login(regisseur_cranendonck)
    for url in _urls(persoon, participatie):
        assert client.get(url).status_code == 404, url
        assert client.post(url, _formulier()).status_code == 404, url
    geweigerd = Toegangslog.objects.filter(gebruiker=regisseur_cranendonck, toegestaan=False)
    assert geweigerd.count() == 8
    assert set(geweigerd.values_list("persoon", flat=True)) == {persoon.pk}
    assert Participatie.objects.get().soort == ParticipatieSoort.VRIJWILLIGERSWERK


def test_participatie_van_een_ander_dossier_geeft_404_en_wordt_vastgelegd(
    regisseur_client, persoon, regisseur, weert
):
    ander = ParticipatieFactory(persoon=PersoonFactory(gemeente=weert))
    for url in _urls(persoon, ander)[2:]:
        assert regisseur_client.get(url).status_code == 404
        assert regisseur_client.post(url, _formulier()).status_code == 404
    geweigerd = Toegangslog.objects.filter(gebruiker=regisseur, toegestaan=False)
    assert geweigerd.count() == 4
    assert set(geweigerd.values_list("pad", flat=True)) == set(_urls(persoon, ander)[2:])
    ander.refresh_from_db()
    assert ander.soort == ParticipatieSoort.VRIJWILLIGERSWERK


def test_elke_blik_wordt_vastgelegd(regisseur_client, persoon, regisseur):
    participatie = ParticipatieFactory(persoon=persoon)
    urls = _urls(persoon, participatie)
    for url in urls:
        assert regisseur_client.get(url).status_code == 200
    gelogd = Toegangslog.objects.filter(gebruiker=regisseur, persoon=persoon, toegestaan=True)
    assert sorted(gelogd.values_list("pad", flat=True)) == sorted(urls)


def test_lijst_heeft_een_vast_aantal_queries(
    regisseur_client, persoon, regisseur, django_assert_max_num_queries
):
    url = reverse("participatie:participatie-lijst", args=[persoon.uuid])
    ParticipatieFactory(persoon=persoon, door=regisseur)
    with django_assert_max_num_queries(50) as weinig:
        regisseur_client.get(url)
    for _ in range(20):
        ParticipatieFactory(persoon=persoon, door=UserFactory(gemeenten=[persoon.gemeente]))
    with django_assert_max_num_queries(len(weinig)):
        response = regisseur_client.get(url)
    assert len(response.context["participaties"]) == 21


def test_dossierkaart_toont_huidig_werk_en_opleiding_met_link(regisseur_client, persoon):
    ParticipatieFactory(persoon=persoon, opleiding=True)
    ParticipatieFactory(persoon=persoon, werk=True, gestart_op=datetime.date(2026, 4, 1))
    tekst = _tekst(regisseur_client.get(persoon.get_absolute_url()))
    kaart = tekst[tekst.index("Participatie ") :]
    assert kaart.index(
        "Betaald werk bij Bakkerij De Korenaar sinds 01-04-2026 · 24 uur per week"
    ) < (kaart.index("Opleiding bij MBO Zorg sinds 02-03-2026"))
    assert "Participatie openen" in kaart
    html = regisseur_client.get(persoon.get_absolute_url()).content.decode()
    assert reverse("participatie:participatie-lijst", args=[persoon.uuid]) in html


def test_dossierkaart_zonder_participatie(regisseur_client, persoon):
    tekst = _tekst(regisseur_client.get(persoon.get_absolute_url()))
    assert "Nog geen werk, opleiding, vrijwilligerswerk of stage vastgelegd." in tekst


def test_wijzigingen_staan_in_de_historie_van_het_dossier(regisseur_client, persoon, regisseur):
    regisseur_client.post(
        reverse("participatie:participatie-nieuw", args=[persoon.uuid]),
        _formulier(omschrijving="Garage Van Dijk"),
    )
    tekst = _tekst(
        regisseur_client.get(reverse("statushouders:persoon-historie", args=[persoon.uuid]))
    )
    assert "participatie" in tekst.lower()
    assert "Garage Van Dijk" in tekst
