"""An exported batch whose payments the bank has not confirmed five bank days after the
execution date: the teamleiders of the gemeente get one melding."""

import datetime

import pytest
import time_machine

from ontzorging import services
from ontzorging.constants import BetalingStatus
from ontzorging.geld import bankdagen_na
from ontzorging.models import Betaling
from termijnen.models import Melding
from tests.accounts.factories import UserFactory

from .factories import batch_naar_de_bank, doelgroeppersoon, instelling, last, periode

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def juli():
    with time_machine.travel(datetime.datetime(2026, 7, 20, 9, 0), tick=False):
        yield


@pytest.mark.parametrize(
    ("datum", "dagen", "verwacht"),
    [
        # Friday 24-07-2026 + 5 bank days: Mon 27 … Fri 31.
        (datetime.date(2026, 7, 24), 5, datetime.date(2026, 7, 31)),
        # Over Easter 2026 (Good Friday 03-04, Easter Monday 06-04 are TARGET holidays).
        (datetime.date(2026, 4, 2), 1, datetime.date(2026, 4, 7)),
        # Over Christmas: 25 and 26 December.
        (datetime.date(2026, 12, 24), 2, datetime.date(2026, 12, 29)),
    ],
)
def test_bankdagen_na(datum, dagen, verwacht):
    assert bankdagen_na(datum, dagen) == verwacht


@pytest.fixture
def geexporteerd(weert, cranendonck, regisseur):
    instelling(weert)
    p = periode(doelgroeppersoon(gemeente=weert, regisseur=regisseur), regisseur)
    last(p, regisseur)
    return batch_naar_de_bank(weert, regisseur)  # uitvoerdatum Friday 24-07-2026


def test_teamleiders_horen_het_na_vijf_bankdagen_eenmaal(weert, cranendonck, geexporteerd):
    # batch_naar_de_bank made the approving teamleider of Weert; one more, and one elsewhere.
    tweede = UserFactory(teamleider=True, gemeenten=[weert])
    elders = UserFactory(teamleider=True, gemeenten=[cranendonck])
    inactief = UserFactory(teamleider=True, gemeenten=[weert], is_active=False)

    assert services.onbevestigde_batches_melden(vandaag=datetime.date(2026, 7, 30)) == 0
    assert services.onbevestigde_batches_melden(vandaag=datetime.date(2026, 7, 31)) == 2
    meldingen = Melding.objects.all()
    ontvangers = {m.gebruiker for m in meldingen}
    assert tweede in ontvangers and geexporteerd.goedgekeurd_door in ontvangers
    assert elders not in ontvangers and inactief not in ontvangers
    assert meldingen[0].tekst == (
        f"Betaalbatch {geexporteerd.nummer} van Weert (uitvoerdatum 24-07-2026): 1 betaling is "
        "na vijf bankdagen nog niet bevestigd door een afschrift. Lees het afschrift in of "
        "vraag de bank."
    )
    assert meldingen[0].link == f"/ontzorging/batches/{geexporteerd.uuid}/"
    # The next night: told already.
    assert services.onbevestigde_batches_melden(vandaag=datetime.date(2026, 8, 3)) == 0


def test_bevestigde_batch_geeft_geen_melding(geexporteerd):
    Betaling.objects.update(status=BetalingStatus.BETAALD, betaald_op=datetime.date(2026, 7, 24))
    assert services.onbevestigde_batches_melden(vandaag=datetime.date(2026, 8, 10)) == 0
    assert not Melding.objects.exists()
