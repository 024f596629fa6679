import datetime
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from django.db.models import F

from demo import ontzorging as ontzorging_demo
from demo import personen as demo
from ontzorging.bankberichten import bericht_lezen
from ontzorging.constants import BatchStatus, BetalingStatus, PeriodeStatus
from ontzorging.models import Afschrift, Betaalbatch, Betaling, Ontzorgperiode, VasteLast
from ontzorging.selectors import batch_waarschuwingen

pytestmark = pytest.mark.django_db


@time_machine.travel(datetime.datetime(2026, 11, 18, 9, 0), tick=False)
def test_demo_toont_elke_toestand_van_ontzorging(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    demo.seed(personen=250, seed=2026)
    uitkomst = ontzorging_demo.seed()

    periodes = Ontzorgperiode.objects.all()
    assert set(periodes.values_list("status", flat=True)) == set(PeriodeStatus.values)
    assert periodes.filter(machtiging_op=None).exists()
    assert periodes.filter(voor_huishouden=True).exists()
    assert periodes.filter(lokaal_beleid=True).exists()
    assert periodes.filter(verlengingen__isnull=False).exists()
    assert VasteLast.objects.filter(eerste_maand=F("laatste_maand")).exists()
    assert VasteLast.objects.filter(overname_maand__isnull=False).exists()
    assert len({iban[4:8] for iban in VasteLast.objects.values_list("iban", flat=True)}) >= 4

    geexporteerd = Betaalbatch.objects.filter(status=BatchStatus.GEEXPORTEERD)
    betaald = geexporteerd.filter(regels__betaling__status=BetalingStatus.BETAALD).distinct()
    wacht_op_bank = geexporteerd.filter(regels__betaling__status=BetalingStatus.IN_BATCH).distinct()
    assert betaald.count() == 1 and wacht_op_bank.count() == 1
    assert betaald.get() != wacht_op_bank.get()
    mislukt = Betaling.objects.get(status=BetalingStatus.MISLUKT)
    assert "AC04" in mislukt.reden_mislukt
    ingelezen = Afschrift.objects.get()
    assert ingelezen.status == "klaar" and ingelezen.mislukt == 1
    assert len(ingelezen.niet_gevonden) == 1

    # Four eyes: the regisseur composed, the teamleider approved.
    for batch in geexporteerd:
        assert batch.samengesteld_door.username == "regisseur"
        assert batch.goedgekeurd_door.username == "teamleider"
    wacht = Betaalbatch.objects.get(status=BatchStatus.SAMENGESTELD)
    assert wacht.samengesteld_door.username == "regisseur" and wacht.goedgekeurd_door is None
    assert uitkomst.wacht_op_goedkeuring
    # The teamleider has something to look at: a rent that went up since last month.
    waarschuwingen = [t for ts in batch_waarschuwingen(batch=wacht).values() for t in ts]
    assert any("wijkt af van de betaling voor" in tekst for tekst in waarschuwingen)

    # The statement to import covers exactly the batch at the bank.
    afschrift = bericht_lezen(Path(uitkomst.afschrift_pad).read_bytes())
    kenmerken = {
        t.end_to_end_id
        for stmt in afschrift.afschriften
        for boeking in stmt.boekingen
        for t in boeking.transacties
        if t.end_to_end_id
    }
    assert kenmerken == set(wacht_op_bank.get().regels.values_list("end_to_end_id", flat=True))
    assert afschrift.bericht_id

    # Payments planned and not yet in a batch, for a regisseur to compose.
    assert Betaling.objects.filter(status=BetalingStatus.GEPLAND).exists()
    # A second run adds nothing.
    assert ontzorging_demo.seed().periodes == periodes.count()


@time_machine.travel(datetime.datetime(2026, 3, 1, 9, 0), tick=False)
def test_seed_demo_noemt_het_afschrift_en_de_batch_die_wacht(settings, tmp_path, capsys):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    call_command("seed_demo", "--personen", "250", "--force")
    uitvoer = capsys.readouterr().out
    assert "wacht op goedkeuring door 'teamleider'" in uitvoer
    assert "camt053-weert-" in uitvoer
