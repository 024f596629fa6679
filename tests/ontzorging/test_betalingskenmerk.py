"""The Dutch betalingskenmerk: what a creditor prints on an acceptgiro is taken, a typing error
is caught by its check digit. Every expected value below is computed by hand: the digits
after the check digit are weighed from the right with 2, 4, 8, 5, 10, 9, 7, 3, 6, 1 (then
again), the check digit is 11 - (sum mod 11), 10 counting as 1 and 11 as 0."""

import pytest

from ontzorging import betalingskenmerk
from ontzorging.betalingskenmerk import CONTROLECIJFER, LENGTE, LENGTECODE, fout_in


def test_voorbeeld_van_de_betaalvereniging_is_geldig():
    # 5 000056789012345, from the right:
    # 5*2 + 4*4 + 3*8 + 2*5 + 1*10 + 0*9 + 9*7 + 8*3 + 7*6 + 6*1 + 5*2 + 0*4 + 0*8 + 0*5 + 0*10
    # = 10 + 16 + 24 + 10 + 10 + 0 + 63 + 24 + 42 + 6 + 10 = 215; 215 = 19*11 + 6;
    # 11 - 6 = 5, the first digit.
    assert fout_in("5000056789012345") == ""


def test_kenmerk_met_lengtecode_is_geldig():
    # 1 2 234534622567: 14 digits, so the length code (second digit) is 12 mod 10 = 2.
    # 2234534622567 from the right:
    # 7*2 + 6*4 + 5*8 + 2*5 + 2*10 + 6*9 + 4*7 + 3*3 + 5*6 + 4*1 + 3*2 + 2*4 + 2*8
    # = 14 + 24 + 40 + 10 + 20 + 54 + 28 + 9 + 30 + 4 + 6 + 8 + 16 = 263; 263 = 23*11 + 10;
    # 11 - 10 = 1, the first digit.
    assert fout_in("12234534622567") == ""


def test_negen_cijfers_met_lengtecode_zeven():
    # 2 7 1234567: 71234567 from the right:
    # 7*2 + 6*4 + 5*8 + 4*5 + 3*10 + 2*9 + 1*7 + 7*3 = 14 + 24 + 40 + 20 + 30 + 18 + 7 + 21
    # = 174; 174 = 15*11 + 9; 11 - 9 = 2.
    assert fout_in("271234567") == ""
    assert fout_in("371234567") == CONTROLECIJFER


def test_rest_een_geeft_controlecijfer_1_en_rest_nul_geeft_0():
    # 000000000000030: 0*2 + 3*4 = 12 = 11 + 1; 11 - 1 = 10, which counts as 1.
    assert fout_in("1000000000000030") == ""
    # 000000000001003: 3*2 + 0*4 + 0*8 + 1*5 = 11 = 11 + 0; 11 - 0 = 11, which counts as 0.
    assert fout_in("0000000000001003") == ""
    assert fout_in("1000000000001003") == CONTROLECIJFER


def test_1234567890123456_klopt_niet():
    # 234567890123456 from the right:
    # 6*2 + 5*4 + 4*8 + 3*5 + 2*10 + 1*9 + 0*7 + 9*3 + 8*6 + 7*1 + 6*2 + 5*4 + 4*8 + 3*5 + 2*10
    # = 12 + 20 + 32 + 15 + 20 + 9 + 0 + 27 + 48 + 7 + 12 + 20 + 32 + 15 + 20 = 289;
    # 289 = 26*11 + 3; 11 - 3 = 8, not 1.
    assert fout_in("1234567890123456") == CONTROLECIJFER
    assert fout_in("8234567890123456") == ""


def test_een_verkeerd_getypt_cijfer_valt_op():
    # As the Betaalvereniging's example, the last 5 typed as 6: the sum grows by 1*2 to 217;
    # 217 = 19*11 + 8; 11 - 8 = 3, not 5.
    assert fout_in("5000056789012346") == CONTROLECIJFER


def test_lengtecode_die_niet_bij_de_lengte_past():
    # 14 digits need length code 2; 3 promises 13 digits after it.
    assert fout_in("13234534622567") == LENGTECODE


def test_zeven_cijfers_hebben_geen_controlecijfer():
    assert fout_in("1234567") == ""


@pytest.mark.parametrize(
    "kenmerk", ["", "123456", "12345678", "123456789012345", "12345678901234567", "12345AB89"]
)
def test_lengtes_en_tekens_die_niet_bestaan(kenmerk):
    # 8 and 15 digits are not a betalingskenmerk either: the specification has 7, 9-14, 16.
    assert fout_in(kenmerk) == LENGTE


def test_maken_geeft_een_geldig_kenmerk_van_zestien_cijfers():
    # 000001234567890 from the right:
    # 0*2 + 9*4 + 8*8 + 7*5 + 6*10 + 5*9 + 4*7 + 3*3 + 2*6 + 1*1
    # = 0 + 36 + 64 + 35 + 60 + 45 + 28 + 9 + 12 + 1 = 290; 290 = 26*11 + 4; 11 - 4 = 7.
    assert betalingskenmerk.maken("1234567890") == "7000001234567890"
    assert betalingskenmerk.is_geldig(betalingskenmerk.maken("56789012345"))
    with pytest.raises(ValueError):
        betalingskenmerk.maken("1234567890123456")
