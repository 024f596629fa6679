import datetime
import threading
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.db import connection

from termijnen import services
from termijnen.models import Dagoverzicht, Herinnering, Melding, Termijn
from termijnen.services import herinneringen_versturen, termijn_bijwerken
from tests.accounts.factories import UserFactory
from tests.statushouders.factories import HuishoudenFactory, PersoonFactory

D = datetime.date


@pytest.fixture
def regisseur_met_mail(weert):
    return UserFactory(username="ria", email="ria@gemeente.example", gemeenten=[weert])


KOPPELING = D(2026, 3, 2)


def _persoon_met_termijn(regisseur, weert, koppeling=KOPPELING):
    persoon = PersoonFactory(gemeente=weert, regisseur=regisseur, koppeling_datum=koppeling)
    with time_machine.travel(koppeling):
        termijn_bijwerken(persoon=persoon, code="woning_aanbieden", basisdatum=koppeling)
    return persoon  # woning_aanbieden due 11-05-2026


@pytest.mark.django_db
def test_elk_moment_een_keer_en_een_dagoverzicht_per_dag(regisseur_met_mail, weert):
    persoon = _persoon_met_termijn(regisseur_met_mail, weert)
    assert herinneringen_versturen(vandaag=D(2026, 4, 26))["herinneringen"] == 0
    assert herinneringen_versturen(vandaag=D(2026, 4, 27))["herinneringen"] == 1  # 14 days
    assert herinneringen_versturen(vandaag=D(2026, 4, 28))["herinneringen"] == 0
    assert herinneringen_versturen(vandaag=D(2026, 5, 11))["herinneringen"] == 1  # the day
    uitkomst = herinneringen_versturen(vandaag=D(2026, 5, 12))
    assert uitkomst == {"verlopen": 1, "herinneringen": 1, "dagoverzichten": 1}
    assert herinneringen_versturen(vandaag=D(2026, 5, 12))["dagoverzichten"] == 0
    assert sorted(Herinnering.objects.values_list("moment", flat=True)) == [
        "verlopen",
        "vervaldag",
        "vooraf_14",
    ]
    assert Melding.objects.filter(gebruiker=regisseur_met_mail).count() == 3
    # One digest on each of the three days something was due, none on the quiet days.
    assert len(mail.outbox) == 3
    assert Dagoverzicht.objects.count() == 3
    assert Termijn.objects.get(persoon=persoon).status == "verlopen"


@pytest.mark.django_db
def test_melding_noemt_persoon_en_termijn_maar_mail_niet(regisseur_met_mail, weert):
    persoon = _persoon_met_termijn(regisseur_met_mail, weert)
    herinneringen_versturen(vandaag=D(2026, 5, 11))
    melding = Melding.objects.get()
    assert melding.persoon == persoon
    assert melding.tekst == "Woning aangeboden: herinnering op de uiterste dag."
    assert melding.termijn.vervalt_op == D(2026, 5, 11)
    assert melding.link == persoon.get_absolute_url()
    bericht = mail.outbox[0]
    tekst = bericht.subject + bericht.body
    for gegeven in (persoon.voornamen, persoon.achternaam, persoon.bsn, persoon.v_nummer):
        assert gegeven not in tekst
    assert str(persoon.uuid) not in tekst
    assert "/werkvoorraad/" in bericht.body


@pytest.mark.django_db
@time_machine.travel(D(2026, 5, 11))
def test_dagoverzicht_telt_goed_en_een_mail_voor_veel_termijnen(regisseur_met_mail, weert):
    for _ in range(12):
        _persoon_met_termijn(regisseur_met_mail, weert)  # due today: "deze week"
    for _ in range(3):
        _persoon_met_termijn(regisseur_met_mail, weert, koppeling=D(2026, 2, 2))  # overdue
    uitkomst = herinneringen_versturen(vandaag=D(2026, 5, 11))
    assert uitkomst["herinneringen"] == 15 and uitkomst["dagoverzichten"] == 1
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "- 3 termijnen over tijd" in body
    assert "- 12 termijnen die binnen 7 dagen aflopen" in body
    assert "U heeft 15 ongelezen meldingen." in body
    assert mail.outbox[0].to == ["ria@gemeente.example"]


@pytest.mark.django_db
def test_geen_herinnering_voor_informatieve_termijn_of_zonder_regisseur(regisseur_met_mail, weert):
    persoon = PersoonFactory(gemeente=weert, regisseur=regisseur_met_mail)
    termijn_bijwerken(
        persoon=persoon, code="bezwaar_pip", sleutel="versie:1", basisdatum=D(2026, 4, 16)
    )
    zonder = PersoonFactory(gemeente=weert, regisseur=None)
    termijn_bijwerken(persoon=zonder, code="woning_aanbieden", basisdatum=D(2026, 3, 2))
    assert herinneringen_versturen(vandaag=D(2026, 5, 11))["herinneringen"] == 0
    assert len(mail.outbox) == 0


@pytest.mark.django_db
def test_opnieuw_na_crash_na_de_claim_verstuurt_niets_dubbel(regisseur_met_mail, weert):
    _persoon_met_termijn(regisseur_met_mail, weert)
    with (
        mock.patch.object(services, "send_mail", side_effect=OSError("smtp weg")),
        pytest.raises(OSError),
    ):
        herinneringen_versturen(vandaag=D(2026, 5, 11))
    herinneringen_versturen(vandaag=D(2026, 5, 11))
    assert len(mail.outbox) == 0  # at most once: a lost e-mail, never a second one
    assert Melding.objects.count() == 1 and Herinnering.objects.count() == 1


@pytest.mark.django_db
def test_opnieuw_na_crash_voor_de_commit_verstuurt_precies_een_keer(regisseur_met_mail, weert):
    _persoon_met_termijn(regisseur_met_mail, weert)
    with (
        mock.patch.object(services, "_meldingen_maken", side_effect=RuntimeError("weg")),
        pytest.raises(RuntimeError),
    ):
        herinneringen_versturen(vandaag=D(2026, 5, 11))
    assert Herinnering.objects.count() == 0
    herinneringen_versturen(vandaag=D(2026, 5, 11))
    herinneringen_versturen(vandaag=D(2026, 5, 11))
    assert len(mail.outbox) == 1 and Melding.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_twee_gelijktijdige_runs_melden_een_keer(regisseur_met_mail, weert):
    for _ in range(30):
        _persoon_met_termijn(regisseur_met_mail, weert)
    start = threading.Barrier(2)
    fouten = []

    def run():
        try:
            start.wait()
            herinneringen_versturen(vandaag=D(2026, 5, 11), batch=7)
        except Exception as fout:  # noqa: BLE001 - reported below
            fouten.append(fout)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not fouten
    assert Herinnering.objects.count() == 30
    assert Melding.objects.count() == 30
    assert len(mail.outbox) == 1 and Dagoverzicht.objects.count() == 1


@pytest.mark.django_db
def test_dagoverzicht_in_enkelvoud_bij_een_termijn(regisseur_met_mail, weert):
    _persoon_met_termijn(regisseur_met_mail, weert)
    herinneringen_versturen(vandaag=D(2026, 5, 11))
    body = mail.outbox[0].body
    assert "- 0 termijnen over tijd" in body
    assert "- 1 termijn die binnen 7 dagen afloopt" in body
    assert "U heeft 1 ongelezen melding." in body


@pytest.mark.django_db
def test_een_melding_per_gebeurtenis_van_een_huishouden(regisseur_met_mail, weert):
    """Six household members who moved in together share one deadline: one melding names the
    household; a person on their own keeps their own melding."""
    hoofd = _persoon_met_termijn(regisseur_met_mail, weert)
    huishouden = HuishoudenFactory(gemeente=weert, hoofdpersoon=hoofd, naam="Huishouden Sabbagh")
    leden = [hoofd] + [_persoon_met_termijn(regisseur_met_mail, weert) for _ in range(5)]
    for lid in leden:
        lid.huishouden = huishouden
        lid.save(update_fields=["huishouden"])
    alleen = _persoon_met_termijn(regisseur_met_mail, weert)

    assert herinneringen_versturen(vandaag=D(2026, 5, 11))["herinneringen"] == 2
    meldingen = {m.persoon: m for m in Melding.objects.all()}
    assert set(meldingen) == {hoofd, alleen}
    assert meldingen[hoofd].tekst == (
        "Woning aangeboden voor Huishouden Sabbagh (6 personen): herinnering op de uiterste dag."
    )
    assert meldingen[alleen].tekst == "Woning aangeboden: herinnering op de uiterste dag."
    # Each member's deadline counts as reminded: nothing comes again for the others.
    assert Herinnering.objects.count() == 7
    assert herinneringen_versturen(vandaag=D(2026, 5, 11))["herinneringen"] == 0
