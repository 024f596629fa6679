import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from core.validators import (
    BSNValidator,
    PostcodeValidator,
    bsn_aanvullen,
    niet_in_toekomst,
    telefoon_normaliseren,
    telefoon_validator,
)


@pytest.mark.parametrize("bsn", ["111222333", "123456782", "999999990"])
def test_bsn_dat_aan_de_elfproef_voldoet_wordt_geaccepteerd(bsn):
    BSNValidator()(bsn)


@pytest.mark.parametrize("bsn", ["123456789", "111222334", "000000000", "12345678", "12345678a"])
def test_bsn_dat_niet_aan_de_elfproef_voldoet_wordt_geweigerd_met_uitleg(bsn):
    with pytest.raises(ValidationError) as fout:
        BSNValidator()(bsn)
    assert "elfproef" in fout.value.messages[0]


def test_bsn_aanvullen_geeft_een_bsn_dat_de_validator_accepteert():
    bsn = bsn_aanvullen("12345678")
    assert bsn == "123456782"
    BSNValidator()(bsn)


@pytest.mark.parametrize("postcode", ["6001 AB", "6001AB"])
def test_nederlandse_postcode(postcode):
    PostcodeValidator()(postcode)


def test_postcode_onder_1000_wordt_geweigerd():
    with pytest.raises(ValidationError):
        PostcodeValidator()("0999 AB")


def test_telefoonnummer_wordt_gecontroleerd_en_eenduidig_geschreven():
    telefoon_validator("06 12345678")
    assert telefoon_normaliseren("0612345678") == "+31 6 12345678"
    with pytest.raises(ValidationError):
        telefoon_validator("12345")


@time_machine.travel(datetime.datetime(2026, 5, 5, 0, 30, tzinfo=ZoneInfo("Europe/Amsterdam")))
def test_datum_in_de_toekomst_wordt_geweigerd():
    # Just after midnight it is the 5th in the Netherlands, though still the 4th in UTC.
    with pytest.raises(ValidationError):
        niet_in_toekomst(datetime.date(2026, 5, 6))
    niet_in_toekomst(datetime.date(2026, 5, 5))
