"""Only those aged 18 up to the AOW age are inburgeringsplichtig: no PIP term for others."""

import datetime

import pytest
import time_machine

from statushouders.leeftijd import aow_datum, inburgeringsplichtig_op_leeftijd, leeftijd
from statushouders.selectors import leeftijd_van
from statushouders.services import persoon_bijwerken
from termijnen.selectors import termijn_van

D = datetime.date


@pytest.mark.parametrize(
    ("geboren", "verwacht"),
    [
        (D(1959, 6, 30), D(2026, 6, 30)),  # 67 in 2026
        (D(1960, 12, 31), D(2027, 12, 31)),  # 67 in 2027
        (D(1961, 1, 1), D(2028, 4, 1)),  # 2028: 67 and 3 months
        (D(1961, 2, 28), D(2028, 5, 28)),
        (D(1960, 2, 29), D(2027, 2, 28)),  # no 29 February in 2027
    ],
)
def test_aow_datum(geboren, verwacht):
    assert aow_datum(geboren) == verwacht


@pytest.mark.parametrize(
    ("geboren", "op", "plichtig"),
    [
        (D(2008, 5, 4), D(2026, 5, 3), False),  # 17 the day before the birthday
        (D(2008, 5, 4), D(2026, 5, 4), True),  # 18 on the birthday
        (D(1959, 6, 30), D(2026, 6, 29), True),
        (D(1959, 6, 30), D(2026, 6, 30), False),  # AOW age reached
    ],
)
def test_inburgeringsplichtig_op_leeftijd(geboren, op, plichtig):
    assert inburgeringsplichtig_op_leeftijd(geboren, op) is plichtig


def test_leeftijd_in_hele_jaren():
    assert leeftijd(D(2008, 2, 29), D(2026, 2, 28)) == 17
    assert leeftijd(D(2008, 2, 29), D(2026, 3, 1)) == 18


@pytest.mark.django_db
@time_machine.travel(datetime.datetime(2026, 5, 4, 10, tzinfo=datetime.UTC))
@pytest.mark.parametrize(
    ("geboren", "termijn", "waarschuwing"),
    [
        (D(1990, 5, 17), True, ""),
        (D(2009, 1, 1), False, "jonger dan 18"),
        (D(1958, 1, 1), False, "AOW-leeftijd"),
    ],
)
def test_geen_pip_termijn_buiten_de_leeftijd(persoon, regisseur, geboren, termijn, waarschuwing):
    persoon_bijwerken(
        persoon=persoon,
        door=regisseur,
        gegevens={
            "geboortedatum": geboren,
            "duo_kennisgeving_op": D(2026, 4, 1),
            "brp_inschrijving_op": D(2026, 3, 20),
        },
    )
    assert (termijn_van(persoon=persoon, code="pip_vaststellen") is not None) is termijn
    assert waarschuwing in leeftijd_van(persoon).waarschuwing
    assert bool(leeftijd_van(persoon).waarschuwing) is not termijn


@pytest.mark.django_db
@time_machine.travel(datetime.datetime(2026, 5, 4, 10, tzinfo=datetime.UTC))
def test_dossier_toont_leeftijd_en_waarschuwing(regisseur_client, persoon):
    persoon.geboortedatum = D(2010, 7, 1)
    persoon.save()
    html = regisseur_client.get(persoon.get_absolute_url()).content.decode()
    assert "01-07-2010 (15 jaar)" in html
    assert "Niet inburgeringsplichtig." in html and "jonger dan 18" in html
