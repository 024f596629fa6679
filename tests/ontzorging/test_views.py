import datetime
import re
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from ontzorging import services
from ontzorging.constants import BatchStatus, BetalingStatus
from ontzorging.models import Betaalbatch, Betaling, VasteLast
from tests.accounts.factories import UserFactory

from .factories import IBAN_ENERGIE, doelgroeppersoon, instelling, last, periode

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("vaste_dag"),
]

VANDAAG = datetime.datetime(2026, 7, 20, 9, 0)


@pytest.fixture
def vaste_dag():
    with time_machine.travel(VANDAAG, tick=False):
        yield


@pytest.fixture
def teamleider(weert):
    return UserFactory(teamleider=True, gemeenten=[weert], username="tineke")


@pytest.fixture
def opgezet(weert, regisseur):
    instelling(weert)
    persoon = doelgroeppersoon(gemeente=weert, regisseur=regisseur)
    p = periode(persoon, regisseur)
    return persoon, p


def _tekst(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_dossier_toont_periode_lasten_en_totalen(client, regisseur, opgezet):
    persoon, p = opgezet
    for nummer in range(3):
        last(
            p,
            regisseur,
            maandbedrag=Decimal("0.10"),
            kenmerk=f"Contract {nummer}",
            eerste_maand=datetime.date(2026, 7, 1),
        )
    services.betalingen_plannen(maand=datetime.date(2026, 8, 1))
    client.force_login(regisseur)
    response = client.get(reverse("ontzorging:periode-detail", args=[persoon.uuid]))
    assert response.status_code == 200
    tekst = _tekst(response)
    assert "Per maand € 0,30" in tekst
    assert "Gepland of onderweg € 0,60" in tekst  # July and August, planned with the lasten
    assert "Einde 31-12-2026" in tekst  # six months from 01-07-2026, the first day counted
    dossier = client.get(persoon.get_absolute_url())
    assert "€ 0,30 per maand" in _tekst(dossier)


def test_ongeldig_iban_geeft_foutmelding_bij_het_veld_en_bewaart_invoer(client, regisseur, opgezet):
    persoon, p = opgezet
    client.force_login(regisseur)
    url = reverse("ontzorging:last-nieuw", args=[persoon.uuid, p.uuid])
    response = client.post(
        url,
        {
            "soort": "huur",
            "crediteur": "Woonstichting De Kempen",
            "iban": "NL00 FOUT 0000 0000 00",
            "kenmerk_soort": "omschrijving",
            "kenmerk": "Huur",
            "maandbedrag": "0",
            "eerste_maand": "09-2026",
            "laatste_maand": "08-2026",
        },
    )
    assert response.status_code == 422
    form = response.context["form"]
    assert "Dit is geen geldig IBAN" in " ".join(form.errors["iban"])
    assert "groter zijn dan € 0,00" in " ".join(form.errors["maandbedrag"])
    assert "vóór de eerste maand" in " ".join(form.errors["laatste_maand"])
    assert 'value="Woonstichting De Kempen"' in response.content.decode()
    assert not VasteLast.objects.exists()


def test_bedrag_met_komma_wordt_precies_opgeslagen(client, regisseur, opgezet):
    persoon, p = opgezet
    client.force_login(regisseur)
    response = client.post(
        reverse("ontzorging:last-nieuw", args=[persoon.uuid, p.uuid]),
        {
            "soort": "energie",
            "crediteur": "Energie Direct",
            "iban": IBAN_ENERGIE,
            "kenmerk_soort": "betalingskenmerk",
            "kenmerk": "8234 5678 9012 3456",
            "maandbedrag": "234,56",
            "eerste_maand": "08-2026",
            "laatste_maand": "01-2027",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    opgeslagen = VasteLast.objects.get()
    assert opgeslagen.maandbedrag == Decimal("234.56")
    assert opgeslagen.kenmerk == "8234567890123456"
    assert opgeslagen.bic == "RABONL2U"


def test_vier_ogen_in_de_schermen(
    client, regisseur, teamleider, opgezet, weert, django_capture_on_commit_callbacks
):
    persoon, p = opgezet
    last(p, regisseur)
    services.betalingen_plannen(maand=datetime.date(2026, 8, 1))
    client.force_login(regisseur)
    response = client.post(
        reverse("ontzorging:batch-samenstellen"),
        {"gemeente": weert.pk, "tot_maand": "08-2026", "uitvoerdatum": "22-07-2026"},
    )
    batch = Betaalbatch.objects.get()
    assert response.status_code == 302
    detail = client.get(reverse("ontzorging:batch-detail", args=[batch.uuid]))
    assert "Alleen een teamleider kan een betaalbatch goedkeuren." in _tekst(detail)
    client.post(reverse("ontzorging:batch-goedkeuren", args=[batch.uuid]))
    batch.refresh_from_db()
    assert batch.status == BatchStatus.SAMENGESTELD

    client.force_login(teamleider)
    # A first payment to the account: the teamleider confirms having seen the warning.
    weigering = client.post(reverse("ontzorging:batch-goedkeuren", args=[batch.uuid]))
    assert weigering.status_code == 422
    client.post(
        reverse("ontzorging:batch-goedkeuren", args=[batch.uuid]), {"waarschuwingen_gezien": "on"}
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("ontzorging:batch-exporteren", args=[batch.uuid]))
    batch.refresh_from_db()
    assert batch.status == BatchStatus.GEEXPORTEERD
    xml = client.get(reverse("ontzorging:batch-download", args=[batch.uuid]))
    assert xml["Content-Type"] == "application/xml"
    assert b"<CtrlSum>612.50</CtrlSum>" in xml.content
    assert Betaling.objects.get().status == BetalingStatus.IN_BATCH


def test_betalingenpagina_vaste_aantal_queries(
    client, regisseur, opgezet, django_assert_max_num_queries, weert
):
    persoon, p = opgezet
    last(p, regisseur)
    services.betalingen_plannen(maand=datetime.date(2026, 8, 1))
    client.force_login(regisseur)
    url = reverse("ontzorging:betalingen")
    with django_assert_max_num_queries(25) as eerst:
        assert client.get(url).status_code == 200
    for _ in range(5):
        anders = doelgroeppersoon(gemeente=weert, regisseur=regisseur)
        last(periode(anders, regisseur), regisseur)
    services.betalingen_plannen(maand=datetime.date(2026, 8, 1))
    services.batch_samenstellen(
        gemeente=weert, door=regisseur, uitvoerdatum=datetime.date(2026, 7, 22)
    )
    with django_assert_max_num_queries(len(eerst.captured_queries) + 2):
        assert client.get(url).status_code == 200


def _betaald_maken(batch):
    """What a processed bank statement does: every payment of the batch paid."""
    Betaling.objects.filter(batchregels__batch=batch).update(
        status=BetalingStatus.BETAALD, betaald_op=datetime.date(2026, 7, 28)
    )


def test_inhoudingen_csv_per_persoon_per_maand(client, regisseur, teamleider, opgezet, weert):
    persoon, p = opgezet
    last(p, regisseur, maandbedrag=Decimal("612.50"))
    last(
        p,
        regisseur,
        soort="energie",
        crediteur="Energie Brabant",
        iban=IBAN_ENERGIE,
        kenmerk="Klant 88121",
        maandbedrag=Decimal("98.25"),
    )
    gevaarlijk = doelgroeppersoon(
        gemeente=weert, regisseur=regisseur, achternaam="=HYPERLINK(1)", bsn="999990044"
    )
    last(periode(gevaarlijk, regisseur), regisseur, maandbedrag=Decimal("0.10"))
    services.betalingen_plannen(maand=datetime.date(2026, 8, 1))
    batch = services.batch_samenstellen(
        gemeente=weert, door=regisseur, uitvoerdatum=datetime.date(2026, 7, 22)
    )
    _betaald_maken(batch)
    client.force_login(regisseur)
    response = client.get(
        reverse("ontzorging:inhoudingen-csv"),
        {"gemeente": weert.pk, "van": "07-2026", "tot": "08-2026"},
    )
    assert response.status_code == 200
    regels = response.content.decode("utf-8-sig").splitlines()
    assert regels[0] == "BSN;Achternaam;Voornamen;Maand;Bedrag;Betalingen"
    assert f"{persoon.bsn};{persoon.achternaam};{persoon.voornamen};2026-08;710,75;2" in regels
    assert "999990044;'=HYPERLINK(1);" in response.content.decode("utf-8-sig")


def test_inhoudingen_met_omgekeerde_maanden_geeft_foutmelding(client, regisseur, weert):
    client.force_login(regisseur)
    response = client.get(
        reverse("ontzorging:inhoudingen-csv"),
        {"gemeente": weert.pk, "van": "09-2026", "tot": "08-2026"},
    )
    assert response.status_code == 200
    assert "De laatste maand ligt vóór de eerste maand." in response.content.decode()


def test_teamleider_die_samenstelde_kan_niet_goedkeuren(client, teamleider, opgezet, weert):
    persoon, p = opgezet
    last(p, teamleider)
    services.betalingen_plannen(maand=datetime.date(2026, 8, 1))
    client.force_login(teamleider)
    client.post(
        reverse("ontzorging:batch-samenstellen"),
        {"gemeente": weert.pk, "tot_maand": "08-2026", "uitvoerdatum": "22-07-2026"},
    )
    batch = Betaalbatch.objects.get()
    detail = client.get(reverse("ontzorging:batch-detail", args=[batch.uuid]))
    assert "een andere teamleider keurt hem goed" in _tekst(detail)
    client.post(reverse("ontzorging:batch-goedkeuren", args=[batch.uuid]))
    batch.refresh_from_db()
    assert batch.status == BatchStatus.SAMENGESTELD


def test_geen_machtiging_staat_op_de_pagina(client, regisseur, weert):
    instelling(weert)
    persoon = doelgroeppersoon(gemeente=weert, regisseur=regisseur)
    periode(persoon, regisseur, machtiging=False)
    client.force_login(regisseur)
    tekst = _tekst(client.get(reverse("ontzorging:periode-detail", args=[persoon.uuid])))
    assert "zonder getekende machtiging van de persoon kan Koers geen betaling plannen" in tekst


def test_persoon_buiten_doelgroep_krijgt_de_reden(client, regisseur, weert):
    instelling(weert)
    persoon = doelgroeppersoon(gemeente=weert, regisseur=regisseur, doelgroep="gezinsmigrant")
    client.force_login(regisseur)
    response = client.post(
        reverse("ontzorging:periode-nieuw", args=[persoon.uuid]),
        {"machtiging_op": "01-07-2026", "machtiging_vorm": "schriftelijk"},
    )
    assert response.status_code == 422
    tekst = _tekst(response)
    assert "hoort bij een andere doelgroep" in tekst
    assert 'value="01-07-2026"' in response.content.decode()
