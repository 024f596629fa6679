"""Due dates written out by hand from the calendar, per code of the Termijnen table and for the
edge cases the law names. 2026: Goede Vrijdag 3 april, tweede Paasdag 6 april, Koningsdag
27 april, 5 mei, Hemelvaartsdag 14 mei, gelijkgesteld 15 mei, tweede Pinksterdag 25 mei."""

import datetime

import pytest

from termijnen.berekening import Kalender, atw_feestdagen, vervaldatum
from termijnen.constants import EERSTE_DAG_TELT, GELIJKGESTELDE_DAGEN, TERMIJN_STANDAARDEN

D = datetime.date
KALENDER = Kalender(gelijkgesteld=dict(GELIJKGESTELDE_DAGEN))
STANDAARD = {t[0]: t for t in TERMIJN_STANDAARDEN}


def _volgens_standaard(code, vanaf):
    _c, _l, _b, _bk, lengte, eenheid, atw, _g, _h = STANDAARD[code]
    return vervaldatum(
        vanaf=vanaf,
        lengte=lengte,
        eenheid=eenheid,
        atw=atw,
        kalender=KALENDER,
        eerste_dag_telt=code in EERSTE_DAG_TELT,
    )


@pytest.mark.parametrize(
    ("code", "vanaf", "verwacht"),
    [
        ("woning_aanbieden", D(2026, 3, 2), D(2026, 5, 11)),
        # 12 weeks end on tweede Pinksterdag; the Atw does not apply to this agreement.
        ("verhuizing", D(2026, 3, 2), D(2026, 5, 25)),
        ("pip_vaststellen", D(2026, 3, 2), D(2026, 5, 11)),
        ("bezwaar_pip", D(2026, 6, 10), D(2026, 7, 22)),  # DESIGN.md's example
        ("inburgeringstermijn", D(2026, 6, 10), D(2029, 6, 10)),  # not one day later
        ("leerroute_wissel", D(2026, 8, 31), D(2028, 2, 29)),  # month end, leap year
        # A span that begins on its date: the day before the same date six months later.
        ("ontzorgperiode", D(2026, 3, 1), D(2026, 8, 31)),  # DESIGN.md's example
        ("ontzorgperiode", D(2026, 1, 15), D(2026, 7, 14)),
        ("ontzorgperiode", D(2026, 8, 31), D(2027, 2, 28)),  # no 31-02: the month's last day
        ("voortgangsgesprek", D(2026, 4, 15), D(2026, 7, 15)),
        ("maatschappelijke_begeleiding", D(2026, 5, 1), D(2027, 10, 31)),
        ("verwijzing_reactie", D(2026, 4, 24), D(2026, 5, 12)),  # over Koningsdag and 5 mei
        ("cbs_levering", D(2026, 3, 31), D(2026, 4, 28)),
    ],
)
def test_elke_code_uit_de_tabel(code, vanaf, verwacht):
    assert _volgens_standaard(code, vanaf).datum == verwacht


@pytest.mark.parametrize(
    ("begin", "eenheid", "lengte", "laatste_dag"),
    [
        (D(2026, 3, 1), "maanden", 6, D(2026, 8, 31)),
        (D(2026, 1, 15), "maanden", 6, D(2026, 7, 14)),
        (D(2026, 3, 1), "maanden", 1, D(2026, 3, 31)),  # one month is March itself
        (D(2026, 1, 31), "maanden", 1, D(2026, 2, 28)),
        (D(2026, 8, 28), "maanden", 6, D(2027, 2, 27)),
        (D(2028, 2, 29), "jaren", 1, D(2029, 2, 28)),
        (D(2026, 3, 2), "weken", 1, D(2026, 3, 8)),  # Monday to Sunday
        (D(2026, 3, 2), "dagen", 1, D(2026, 3, 2)),  # one day: the day itself
        (D(2026, 4, 2), "werkdagen", 2, D(2026, 4, 7)),  # Thursday, then over Easter
    ],
)
def test_periode_die_op_een_dag_begint_telt_die_dag_mee(begin, eenheid, lengte, laatste_dag):
    uitkomst = vervaldatum(
        vanaf=begin, lengte=lengte, eenheid=eenheid, kalender=KALENDER, eerste_dag_telt=True
    )
    assert uitkomst.datum == laatste_dag


def test_periode_eindigt_een_dag_eerder_dan_een_termijn_erna():
    # The same six months, counted as a term after 01-03 (an objection window) and as a span
    # that begins on it (the ontzorgperiode): never "the day after" twice, nor not at all.
    na = vervaldatum(vanaf=D(2026, 3, 1), lengte=6, eenheid="maanden", kalender=KALENDER)
    vanaf = vervaldatum(
        vanaf=D(2026, 3, 1), lengte=6, eenheid="maanden", kalender=KALENDER, eerste_dag_telt=True
    )
    assert (na.datum, vanaf.datum) == (D(2026, 9, 1), D(2026, 8, 31))


def test_maand_zonder_die_dag_eindigt_op_de_laatste_dag():
    uitkomst = vervaldatum(vanaf=D(2026, 1, 31), lengte=1, eenheid="maanden", kalender=KALENDER)
    assert uitkomst.datum == D(2026, 2, 28)


def test_goede_vrijdag_en_tweede_paasdag_tellen_niet_als_werkdag():
    # From Tuesday 31 March: 1, 2 April count; 3 (Goede Vrijdag), 4, 5, 6 (Paasmaandag) do not.
    assert KALENDER.werkdagen_later(D(2026, 3, 31), 10) == D(2026, 4, 16)


def test_gelijkgestelde_dag_telt_niet_als_werkdag():
    # From Monday 11 May: 14 (Hemelvaart), 15 (gelijkgesteld) and 25 (Pinksteren) skipped.
    assert KALENDER.werkdagen_later(D(2026, 5, 11), 10) == D(2026, 5, 28)
    zonder = Kalender()
    assert zonder.werkdagen_later(D(2026, 5, 11), 10) == D(2026, 5, 27)


def test_atw_schuift_over_het_weekend():
    # 20 June 2026 is a Saturday; + 6 weeks is Saturday 1 August → Monday 3 August.
    uitkomst = _volgens_standaard("bezwaar_pip", D(2026, 6, 20))
    assert uitkomst.datum == D(2026, 8, 3)
    assert uitkomst.verschoven_van == D(2026, 8, 1) and uitkomst.reden == "zaterdag"


def test_atw_schuift_over_feestdag_en_gelijkgestelde_dag():
    # 5 March + 10 weeks = Hemelvaartsdag 14 May; 15 May is declared equal, then the weekend.
    uitkomst = _volgens_standaard("pip_vaststellen", D(2026, 3, 5))
    assert uitkomst.datum == D(2026, 5, 18)
    assert uitkomst.verschoven_van == D(2026, 5, 14) and uitkomst.reden == "Hemelvaartsdag"


def test_zonder_atw_blijft_een_zondag_staan():
    # 3 years after Sunday 10 June 2029 … the inburgeringstermijn is no Atw term.
    uitkomst = _volgens_standaard("inburgeringstermijn", D(2029, 6, 10))
    assert uitkomst.datum == D(2032, 6, 10) and uitkomst.verschoven_van is None


def test_verlenging_telt_voor_de_atw_schuif():
    uitkomst = vervaldatum(
        vanaf=D(2026, 3, 2), lengte=10, eenheid="weken", atw=True, kalender=KALENDER, extra_dagen=5
    )
    assert uitkomst.datum == D(2026, 5, 18)  # 16 May is a Saturday


@pytest.mark.parametrize(
    ("jaar", "dagen"),
    [
        (
            2026,
            {
                D(2026, 1, 1),
                D(2026, 4, 3),
                D(2026, 4, 6),
                D(2026, 4, 27),
                D(2026, 5, 5),
                D(2026, 5, 14),
                D(2026, 5, 25),
                D(2026, 12, 25),
                D(2026, 12, 26),
            },
        ),
        # 2025: Koningsdag on Saturday 26 April because the 27th was a Sunday.
        (
            2025,
            {
                D(2025, 1, 1),
                D(2025, 4, 18),
                D(2025, 4, 21),
                D(2025, 4, 26),
                D(2025, 5, 5),
                D(2025, 5, 29),
                D(2025, 6, 9),
                D(2025, 12, 25),
                D(2025, 12, 26),
            },
        ),
    ],
)
def test_feestdagen_van_de_algemene_termijnenwet(jaar, dagen):
    assert set(atw_feestdagen(jaar)) == dagen


def test_vijf_mei_elk_jaar():
    assert all(D(jaar, 5, 5) in atw_feestdagen(jaar) for jaar in range(2020, 2035))


def test_lengte_nul_bestaat_niet():
    with pytest.raises(ValueError):
        vervaldatum(vanaf=D(2026, 1, 1), lengte=0, eenheid="weken", kalender=KALENDER)


def test_atw_artikel_2_minstens_twee_werkdagen_in_de_termijn():
    # Three days from Thursday 24 December 2026: 25 and 26 (Kerst) and Sunday 27 hold no
    # working day; Monday 28 is the first, Tuesday 29 the second.
    uitkomst = vervaldatum(
        vanaf=D(2026, 12, 24), lengte=3, eenheid="dagen", atw=True, kalender=KALENDER
    )
    assert uitkomst.datum == D(2026, 12, 29)
    assert uitkomst.verschoven_van == D(2026, 12, 27)


def test_atw_artikel_2_geldt_niet_voor_kortere_termijnen():
    uitkomst = vervaldatum(
        vanaf=D(2026, 12, 24), lengte=2, eenheid="dagen", atw=True, kalender=KALENDER
    )
    assert uitkomst.datum == D(2026, 12, 28)  # art. 1 only: off the Saturday
