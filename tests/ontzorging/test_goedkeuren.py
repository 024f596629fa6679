"""The approval screen of a payment batch: the teamleider sees every line (person, last,
month, amount, creditor, IBAN, reference) grouped by creditor with subtotals, paged, with the
warnings, and confirms having seen them before the batch may go to the bank."""

import datetime
import re
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from ontzorging import services
from ontzorging.constants import BatchStatus, BetalingStatus
from ontzorging.models import Betaalbatch, Betaling
from tests.accounts.factories import UserFactory

from .factories import (
    IBAN_WATER,
    batch_naar_de_bank,
    doelgroeppersoon,
    instelling,
    last,
    periode,
)

pytestmark = pytest.mark.django_db

AUGUSTUS = datetime.date(2026, 8, 1)
SEPTEMBER = datetime.date(2026, 9, 1)


@pytest.fixture(autouse=True)
def juli():
    with time_machine.travel(datetime.datetime(2026, 7, 20, 9, 0), tick=False):
        yield


@pytest.fixture
def teamleider(weert):
    return UserFactory(teamleider=True, gemeenten=[weert], username="tineke")


def _tekst(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def _september_met_hogere_huur(weert, regisseur):
    """August paid; in September the rent went up from € 612,50 to € 650,00 and the water
    stays the same. Returns the September batch, composed and waiting for approval."""
    instelling(weert)
    persoon = doelgroeppersoon(
        gemeente=weert, regisseur=regisseur, voornamen="Amal", achternaam="Haddad"
    )
    p = periode(persoon, regisseur)
    huur = last(p, regisseur)
    last(
        p,
        regisseur,
        soort="water",
        crediteur="Waterbedrijf Limburg",
        iban=IBAN_WATER,
        kenmerk="Klant 778899",
        maandbedrag=Decimal("21.09"),
    )
    augustus = batch_naar_de_bank(weert, regisseur, maand=AUGUSTUS)
    Betaling.objects.filter(batchregels__batch=augustus).update(
        status=BetalingStatus.BETAALD, betaald_op=datetime.date(2026, 7, 28)
    )
    with time_machine.travel(datetime.datetime(2026, 8, 20, 9, 0), tick=False):
        services.betalingen_plannen(maand=SEPTEMBER)
        Betaling.objects.filter(vaste_last=huur, maand=SEPTEMBER).update(bedrag=Decimal("650.00"))
        return services.batch_samenstellen(
            gemeente=weert,
            door=regisseur,
            uitvoerdatum=datetime.date(2026, 8, 25),
            tot_maand=SEPTEMBER,
        )


def test_goedkeuren_vraagt_de_waarschuwingen_te_bevestigen(weert, regisseur, teamleider):
    batch = _september_met_hogere_huur(weert, regisseur)
    with pytest.raises(ValidationError) as fout:
        services.batch_goedkeuren(batch=batch, door=teamleider)
    assert fout.value.message_dict == {
        "waarschuwingen_gezien": [
            "Eén betaling heeft een waarschuwing. Bekijk die en bevestig dat u hem hebt gezien."
        ]
    }
    assert Betaalbatch.objects.get(pk=batch.pk).status == BatchStatus.SAMENGESTELD

    batch = services.batch_goedkeuren(batch=batch, door=teamleider, waarschuwingen_gezien=True)
    assert batch.status == BatchStatus.GOEDGEKEURD
    assert batch.goedgekeurd_met_waarschuwingen == 1


def test_batch_zonder_waarschuwingen_vraagt_geen_bevestiging(weert, regisseur, teamleider):
    batch = _september_met_hogere_huur(weert, regisseur)
    Betaling.objects.filter(batchregels__batch=batch).update(bedrag=Decimal("612.50"))
    batch.regels.update(bedrag=Decimal("612.50"))
    batch.regels.filter(crediteur="Waterbedrijf Limburg").update(bedrag=Decimal("21.09"))
    batch = services.batch_goedkeuren(batch=batch, door=teamleider)
    assert batch.status == BatchStatus.GOEDGEKEURD
    assert batch.goedgekeurd_met_waarschuwingen == 0


def test_teamleider_ziet_elke_regel_met_de_waarschuwing(client, weert, regisseur, teamleider):
    batch = _september_met_hogere_huur(weert, regisseur)
    client.force_login(teamleider)
    pagina = _tekst(client.get(reverse("ontzorging:batch-detail", args=[batch.uuid])))
    # Grouped by creditor: the account in groups of four and the subtotal of the batch.
    assert "Waterbedrijf Limburg · NL39 RABO 0300 0652 64 · 1 betaling, samen € 21,09" in pagina
    assert "Woonstichting De Kempen · NL20 INGB 0001 2345 67 · 1 betaling, samen € 650,00" in (
        pagina
    )
    # Each line: the person, the last, the month, the amount and the reference.
    assert re.search(r"Haddad.*Huur 09-2026 € 650,00 Huurcontract", pagina)
    assert re.search(r"Haddad.*Water 09-2026 € 21,09 Klant 778899", pagina)
    assert "€ 650,00 wijkt af van de betaling voor 08-2026 (€ 612,50)." in pagina
    assert "1 met een waarschuwing" in pagina
    assert "Ik heb de betalingen met een waarschuwing bekeken" in pagina
    # Required when there are warnings: the label does not call it optional.
    assert "niet verplicht" not in pagina


def test_goedkeuren_zonder_bevestiging_geeft_de_fout_naast_het_vakje(
    client, weert, regisseur, teamleider
):
    batch = _september_met_hogere_huur(weert, regisseur)
    client.force_login(teamleider)
    url = reverse("ontzorging:batch-goedkeuren", args=[batch.uuid])
    antwoord = client.post(url, {})
    assert antwoord.status_code == 422
    veld = antwoord.context["goedkeuren_form"]["waarschuwingen_gezien"]
    assert veld.errors == [
        "Eén betaling heeft een waarschuwing. Bekijk die en bevestig dat u hem hebt gezien."
    ]
    assert 'aria-invalid="true"' in antwoord.content.decode()
    assert Betaalbatch.objects.get(pk=batch.pk).status == BatchStatus.SAMENGESTELD

    antwoord = client.post(url, {"waarschuwingen_gezien": "on"})
    assert antwoord.status_code == 302
    batch.refresh_from_db()
    assert batch.status == BatchStatus.GOEDGEKEURD
    assert batch.goedgekeurd_door == teamleider
    detail = _tekst(client.get(reverse("ontzorging:batch-detail", args=[batch.uuid])))
    assert "na het bekijken van 1 betaling met een waarschuwing" in detail


def test_regisseur_ziet_de_regels_maar_geen_goedkeuring(client, weert, regisseur):
    batch = _september_met_hogere_huur(weert, regisseur)
    client.force_login(regisseur)
    antwoord = client.get(reverse("ontzorging:batch-detail", args=[batch.uuid]))
    tekst = _tekst(antwoord)
    assert "wijkt af van de betaling voor 08-2026" in tekst
    assert "Alleen een teamleider kan een betaalbatch goedkeuren." in tekst
    assert "Ik heb de betalingen met een waarschuwing bekeken" not in tekst
    # A forged approval gets the reason as a message on the batch page, and changes nothing.
    antwoord = client.post(
        reverse("ontzorging:batch-goedkeuren", args=[batch.uuid]),
        {"waarschuwingen_gezien": "on"},
        follow=True,
    )
    assert antwoord.redirect_chain[-1][0] == reverse("ontzorging:batch-detail", args=[batch.uuid])
    assert [str(m) for m in antwoord.context["messages"]] == [
        "Alleen een teamleider kan een betaalbatch goedkeuren."
    ]
    assert Betaalbatch.objects.get(pk=batch.pk).status == BatchStatus.SAMENGESTELD


def _grote_batch(weert, regisseur, personen: int) -> Betaalbatch:
    instelling(weert)
    for nummer in range(personen):
        persoon = doelgroeppersoon(gemeente=weert, regisseur=regisseur)
        last(periode(persoon, regisseur), regisseur, kenmerk=f"Huurcontract {nummer}")
    services.betalingen_plannen(maand=SEPTEMBER)
    return services.batch_samenstellen(
        gemeente=weert,
        door=regisseur,
        uitvoerdatum=datetime.date(2026, 8, 25),
        tot_maand=SEPTEMBER,
    )


def test_regels_gepagineerd_met_subtotaal_over_de_hele_batch(client, weert, regisseur):
    batch = _grote_batch(weert, regisseur, 30)  # August and September each: 60 lines
    client.force_login(regisseur)
    url = reverse("ontzorging:batch-detail", args=[batch.uuid])
    eerste = client.get(url)
    assert len(eerste.context["controle"].groepen[0].regels) == 50
    # One creditor: the subtotal counts the whole batch, not the page.
    assert "60 betalingen, samen € 36.750,00" in _tekst(eerste)
    tweede = client.get(url, {"pagina": 2})
    assert len(tweede.context["controle"].groepen[0].regels) == 10
    assert "60 betalingen, samen € 36.750,00" in _tekst(tweede)


def test_batchpagina_in_een_vast_aantal_queries(
    client, weert, regisseur, django_assert_max_num_queries
):
    klein = _grote_batch(weert, regisseur, 2)
    client.force_login(regisseur)
    client.get(reverse("ontzorging:batch-detail", args=[klein.uuid]))  # warm the session
    services.batch_intrekken(batch=klein, door=regisseur, reden="Te klein")
    groot = _grote_batch(weert, regisseur, 40)  # 80 lines
    with django_assert_max_num_queries(20):
        antwoord = client.get(reverse("ontzorging:batch-detail", args=[groot.uuid]))
    assert antwoord.status_code == 200
    assert len(antwoord.context["controle"].groepen[0].regels) == 50


def test_alleen_regels_met_een_waarschuwing(client, weert, regisseur, teamleider):
    batch = _september_met_hogere_huur(weert, regisseur)
    client.force_login(teamleider)
    url = reverse("ontzorging:batch-detail", args=[batch.uuid])
    antwoord = client.get(url, {"waarschuwingen": "on"})
    regels = [r for g in antwoord.context["controle"].groepen for r in g.regels]
    assert [r.crediteur for r in regels] == ["Woonstichting De Kempen"]


@pytest.mark.parametrize(
    "parameters",
    [{"pagina": "abc"}, {"pagina": "-1"}, {"pagina": "9" * 30}, {"waarschuwingen": "\x00"}],
)
def test_vreemde_parameters_geven_de_pagina(client, weert, regisseur, parameters):
    batch = _september_met_hogere_huur(weert, regisseur)
    client.force_login(regisseur)
    antwoord = client.get(reverse("ontzorging:batch-detail", args=[batch.uuid]), parameters)
    assert antwoord.status_code == 200


def test_foutsamenvatting_herhaalt_het_label_van_het_vakje_niet(
    client, weert, regisseur, teamleider
):
    batch = _september_met_hogere_huur(weert, regisseur)
    client.force_login(teamleider)
    antwoord = client.post(reverse("ontzorging:batch-goedkeuren", args=[batch.uuid]), {})
    samenvatting = antwoord.content.decode().split("data-foutsamenvatting", 1)[1].split("</ul>")[0]
    assert "Eén betaling heeft een waarschuwing." in samenvatting
    assert "Ik heb de betalingen met een waarschuwing bekeken" not in samenvatting
