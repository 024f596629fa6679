"""Warnings about a creditor that a person should look at twice before money goes out: the
same name with another IBAN in the gemeente, a first payment to an IBAN, an amount that
differs from last month. They refuse nothing."""

import datetime
from decimal import Decimal

import pytest
import time_machine

from ontzorging import selectors, services
from ontzorging.constants import BetalingStatus
from ontzorging.models import Betaling

from .factories import (
    IBAN_ENERGIE,
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
def weert_periode(weert, regisseur):
    instelling(weert)
    return periode(doelgroeppersoon(gemeente=weert, regisseur=regisseur), regisseur)


@pytest.fixture
def tweede_periode(weert, regisseur, weert_periode):
    return periode(doelgroeppersoon(gemeente=weert, regisseur=regisseur), regisseur)


@pytest.fixture
def cranendonck_periode(cranendonck, regisseur_cranendonck):
    instelling(cranendonck)
    persoon = doelgroeppersoon(gemeente=cranendonck, regisseur=regisseur_cranendonck)
    return periode(persoon, regisseur_cranendonck)


def _betaald_maken(batch):
    """What a processed bank statement does: every payment of the batch paid."""
    Betaling.objects.filter(batchregels__batch=batch).update(
        status=BetalingStatus.BETAALD, betaald_op=datetime.date(2026, 7, 28)
    )


def _over(waarschuwingen: list[str], woord: str) -> list[str]:
    return [tekst for tekst in waarschuwingen if woord in tekst]


# --- The same creditor with another IBAN --------------------------------------------------------


def test_zelfde_crediteur_met_ander_iban_elders_in_de_gemeente(
    regisseur, regisseur_cranendonck, weert_periode, tweede_periode, cranendonck_periode
):
    last(weert_periode, regisseur)  # Woonstichting De Kempen, NL20 INGB …
    # In another gemeente the same name with a third account does not count.
    last(cranendonck_periode, regisseur_cranendonck, iban=IBAN_WATER)
    # Typed a little differently, another account.
    nieuw = last(tweede_periode, regisseur, crediteur="woonstichting de kempen", iban=IBAN_ENERGIE)
    assert _over(selectors.crediteur_waarschuwingen(last=nieuw), "Elders") == [
        "Elders in deze gemeente staat woonstichting de kempen met een ander IBAN: "
        "NL20 INGB 0001 2345 67. Vraag de crediteur welk rekeningnummer klopt."
    ]


def test_zelfde_crediteur_met_hetzelfde_iban_geeft_geen_waarschuwing(
    regisseur, weert_periode, tweede_periode
):
    last(weert_periode, regisseur)
    tweede = last(tweede_periode, regisseur, iban="NL20 INGB 0001 2345 67")
    assert not _over(selectors.crediteur_waarschuwingen(last=tweede), "Elders")


# --- A first payment to an IBAN -----------------------------------------------------------------


def test_eerste_betaling_naar_een_nieuw_iban(
    weert, regisseur, regisseur_cranendonck, weert_periode, tweede_periode, cranendonck_periode
):
    huur = last(weert_periode, regisseur)
    eerste = [
        "De gemeente heeft nog nooit naar NL20 INGB 0001 2345 67 betaald: dit wordt de eerste "
        "betaling aan dit rekeningnummer. Controleer het IBAN op de factuur of acceptgiro."
    ]
    assert _over(selectors.crediteur_waarschuwingen(last=huur), "nog nooit") == eerste
    batch = batch_naar_de_bank(weert, regisseur)
    # At the bank, not yet confirmed by the statement: still never paid.
    assert _over(selectors.crediteur_waarschuwingen(last=huur), "nog nooit") == eerste
    _betaald_maken(batch)
    assert not _over(selectors.crediteur_waarschuwingen(last=huur), "nog nooit")
    # Another person's last at that account in the same gemeente: paid before.
    tweede = last(tweede_periode, regisseur, kenmerk="Huurcontract 777")
    assert not _over(selectors.crediteur_waarschuwingen(last=tweede), "nog nooit")
    # Another gemeente never paid it.
    elders = last(cranendonck_periode, regisseur_cranendonck)
    assert _over(selectors.crediteur_waarschuwingen(last=elders), "nog nooit") == eerste


def test_rekening_waarvan_de_betaling_terugkwam_telt_niet_als_betaald(
    weert, regisseur, weert_periode
):
    huur = last(weert_periode, regisseur)
    batch = batch_naar_de_bank(weert, regisseur)
    Betaling.objects.filter(batchregels__batch=batch).update(
        status=BetalingStatus.MISLUKT, reden_mislukt="Teruggeboekt door de bank: AC04"
    )
    assert _over(selectors.crediteur_waarschuwingen(last=huur), "nog nooit")


# --- An amount that differs from last month -----------------------------------------------------


def test_bedrag_anders_dan_de_betaling_van_vorige_maand(weert, regisseur, weert_periode):
    huur = last(weert_periode, regisseur)  # € 612,50 a month
    _betaald_maken(batch_naar_de_bank(weert, regisseur, maand=AUGUSTUS))
    assert not _over(selectors.crediteur_waarschuwingen(last=huur, maand=SEPTEMBER), "wijkt af")
    assert selectors.crediteur_waarschuwingen(
        last=huur, maand=SEPTEMBER, bedrag=Decimal("650.00")
    ) == ["€ 650,00 wijkt af van de betaling voor 08-2026 (€ 612,50)."]
    # Changed in September: the form's warning compares the new amount with August's.
    with time_machine.travel(datetime.datetime(2026, 9, 10, 9, 0), tick=False):
        huur = services.vaste_last_wijzigen(
            last=huur,
            door=regisseur,
            soort=huur.soort,
            crediteur=huur.crediteur,
            iban=huur.iban,
            bic="",
            kenmerk_soort=huur.kenmerk_soort,
            kenmerk=huur.kenmerk,
            maandbedrag=Decimal("650.00"),
            eerste_maand=huur.eerste_maand,
            laatste_maand=huur.laatste_maand,
        )
        assert selectors.crediteur_waarschuwingen(last=huur) == [
            "€ 650,00 wijkt af van de betaling voor 08-2026 (€ 612,50)."
        ]


def test_zonder_betaling_vorige_maand_geen_bedragwaarschuwing(regisseur, weert_periode):
    huur = last(weert_periode, regisseur)
    assert not _over(
        selectors.crediteur_waarschuwingen(last=huur, bedrag=Decimal("1.00")), "wijkt af"
    )


# --- On the batch approval screen ---------------------------------------------------------------


def test_batch_waarschuwingen_per_regel(weert, regisseur, weert_periode, tweede_periode):
    huur = last(weert_periode, regisseur)
    water = last(
        weert_periode,
        regisseur,
        soort="water",
        crediteur="Waterbedrijf Limburg",
        iban=IBAN_WATER,
        kenmerk="Klant 778899",
        maandbedrag=Decimal("21.09"),
    )
    _betaald_maken(batch_naar_de_bank(weert, regisseur, maand=AUGUSTUS))
    # September: the rent goes up after August was paid; the water stays as it was.
    with time_machine.travel(datetime.datetime(2026, 8, 20, 9, 0), tick=False):
        services.betalingen_plannen(maand=SEPTEMBER)
        Betaling.objects.filter(vaste_last=huur, maand=SEPTEMBER).update(bedrag=Decimal("650.00"))
        # And a second tenant's rent to an account this gemeente never paid.
        nieuw = last(
            tweede_periode,
            regisseur,
            iban=IBAN_ENERGIE,
            eerste_maand=SEPTEMBER,
            laatste_maand=SEPTEMBER,
        )
        services.betalingen_plannen(maand=SEPTEMBER)
        batch = batch_naar_de_bank(
            weert,
            regisseur,
            maand=SEPTEMBER,
            uitvoerdatum=datetime.date(2026, 8, 25),
            exporteren=False,
        )
    per_regel = selectors.batch_waarschuwingen(batch=batch)
    regel_van = {
        regel.betaling.vaste_last_id: regel.pk
        for regel in batch.regels.select_related("betaling")
        if regel.betaling.maand == SEPTEMBER
    }
    assert regel_van[water.pk] not in per_regel
    assert per_regel[regel_van[huur.pk]] == [
        "Elders in deze gemeente staat Woonstichting De Kempen met een ander IBAN: "
        "NL44 RABO 0123 4567 89. Vraag de crediteur welk rekeningnummer klopt.",
        "€ 650,00 wijkt af van de betaling voor 08-2026 (€ 612,50).",
    ]
    assert per_regel[regel_van[nieuw.pk]] == [
        "Elders in deze gemeente staat Woonstichting De Kempen met een ander IBAN: "
        "NL20 INGB 0001 2345 67. Vraag de crediteur welk rekeningnummer klopt.",
        "De gemeente heeft nog nooit naar NL44 RABO 0123 4567 89 betaald: dit wordt de eerste "
        "betaling aan dit rekeningnummer. Controleer het IBAN op de factuur of acceptgiro.",
    ]


def test_batch_waarschuwingen_in_een_vast_aantal_queries(
    weert, regisseur, weert_periode, tweede_periode, django_assert_num_queries
):
    for nummer in range(3):
        last(weert_periode, regisseur, kenmerk=f"Contract {nummer}")
        last(tweede_periode, regisseur, iban=IBAN_ENERGIE, kenmerk=f"Contract {nummer}")
    batch = batch_naar_de_bank(weert, regisseur, exporteren=False)
    assert batch.aantal >= 6
    with django_assert_num_queries(4):
        per_regel = selectors.batch_waarschuwingen(batch=batch)
    assert len(per_regel) == batch.aantal  # every account is new to the gemeente
