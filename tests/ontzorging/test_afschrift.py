"""Reading the bank's camt.053 statement back: payments marked paid or failed by end-to-end id,
every line that matches nothing listed, never guessed."""

import datetime
import pathlib
from string import Template

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from ontzorging import services
from ontzorging.constants import BetalingStatus, VerwerkingStatus
from ontzorging.models import Afschrift, Betaling
from tests.accounts.factories import UserFactory

from .factories import (
    batch_naar_de_bank,
    drie_crediteuren_naar_de_bank,
    instelling,
)

pytestmark = pytest.mark.django_db

SJABLOON = Template(
    (pathlib.Path(__file__).parent / "bestanden" / "camt053_afschrift.xml").read_text("utf-8")
)
ONBEKEND = "KOERS-999999-999999"


@pytest.fixture(autouse=True)
def juli():
    with time_machine.travel(datetime.datetime(2026, 7, 28, 9, 0), tick=False):
        yield


@pytest.fixture
def batch(weert, regisseur):
    return drie_crediteuren_naar_de_bank(weert, regisseur)


def _regels(batch):
    """The batch's lines in the order of the statement: huur, energie, water."""
    return sorted(batch.regels.select_related("betaling"), key=lambda r: -r.bedrag)


def _afschrift(batch, *, msg_id="STMT-20260728-0001", **anders) -> bytes:
    huur, energie, water = _regels(batch)
    velden = {
        "msg_id": msg_id,
        "e2e_1": huur.end_to_end_id,
        "bedrag_1": f"{huur.bedrag:.2f}",
        "e2e_2": energie.end_to_end_id,
        "bedrag_2": f"{energie.bedrag:.2f}",
        "e2e_3": water.end_to_end_id,
        "bedrag_3": f"{water.bedrag:.2f}",
        "e2e_onbekend": ONBEKEND,
    } | anders
    return SJABLOON.substitute(velden).encode("utf-8")


def _inlezen(gemeente, door, inhoud: bytes, capture, naam="afschrift-20260728.xml") -> Afschrift:
    with capture(execute=True):
        afschrift = services.afschrift_inlezen(
            gemeente=gemeente,
            door=door,
            bestand=SimpleUploadedFile(naam, inhoud, content_type="application/xml"),
        )
    afschrift.refresh_from_db()
    return afschrift


def _statussen(batch) -> list[tuple]:
    return [
        (r.betaling.status, r.betaling.betaald_op)
        for r in _regels(type(batch).objects.get(pk=batch.pk))
    ]


def test_afschrift_markeert_betaald_mislukt_en_niet_gevonden(
    batch, weert, regisseur, django_capture_on_commit_callbacks
):
    afschrift = _inlezen(weert, regisseur, _afschrift(batch), django_capture_on_commit_callbacks)
    assert afschrift.status == VerwerkingStatus.KLAAR
    assert afschrift.foutmelding == ""
    assert afschrift.afschrift_id == "STMT-20260728-0001"
    assert (afschrift.regels, afschrift.betaald, afschrift.mislukt) == (4, 2, 1)
    assert afschrift.voortgang == 100

    huur, energie, water = (r.betaling for r in _regels(batch))
    for betaling in (huur, energie):
        betaling.refresh_from_db()
        assert betaling.status == BetalingStatus.BETAALD
        assert betaling.betaald_op == datetime.date(2026, 7, 27)
    water.refresh_from_db()
    assert water.status == BetalingStatus.MISLUKT
    assert water.betaald_op is None
    assert "AC04" in water.reden_mislukt
    assert "rekening opgeheven" in water.reden_mislukt

    assert afschrift.niet_gevonden == [
        {
            "kenmerk": ONBEKEND,
            "bedrag": "48.00",
            "richting": "af",
            "datum": "27-07-2026",
            "naam": "Drukkerij Weert",
            "omschrijving": "Factuur 2026-118",
            "waarom": "geen betaling van deze gemeente met dit kenmerk",
        }
    ]
    assert Betaling.objects.count() == 3


def test_teruggeboekte_betaling_kan_opnieuw(
    batch, weert, regisseur, django_capture_on_commit_callbacks
):
    _inlezen(weert, regisseur, _afschrift(batch), django_capture_on_commit_callbacks)
    water = Betaling.objects.get(status=BetalingStatus.MISLUKT)
    services.betaling_opnieuw_plannen(betaling=water, door=regisseur)
    water.refresh_from_db()
    assert (water.status, water.pogingen) == (BetalingStatus.GEPLAND, 2)


def test_ander_bedrag_wordt_niet_gekoppeld(
    batch, weert, regisseur, django_capture_on_commit_callbacks
):
    afschrift = _inlezen(
        weert,
        regisseur,
        _afschrift(batch, bedrag_1="612.05"),
        django_capture_on_commit_callbacks,
    )
    assert afschrift.status == VerwerkingStatus.KLAAR
    assert afschrift.betaald == 1
    huur = _regels(batch)[0]
    huur.betaling.refresh_from_db()
    assert huur.betaling.status == BetalingStatus.IN_BATCH
    assert huur.betaling.betaald_op is None
    afwijkend = [r for r in afschrift.niet_gevonden if r["kenmerk"] == huur.end_to_end_id]
    assert afwijkend == [
        {
            "kenmerk": huur.end_to_end_id,
            "bedrag": "612.05",
            "richting": "af",
            "datum": "27-07-2026",
            "naam": "Woonstichting De Kempen",
            "omschrijving": "Huurcontract 12345 08-2026",
            "waarom": "bedrag wijkt af (verwacht € 612,50)",
        }
    ]
    assert len(afschrift.niet_gevonden) == 2


def test_afschrift_van_andere_gemeente_markeert_niets(
    batch, cranendonck, regisseur_cranendonck, django_capture_on_commit_callbacks
):
    instelling(cranendonck)
    afschrift = _inlezen(
        cranendonck, regisseur_cranendonck, _afschrift(batch), django_capture_on_commit_callbacks
    )
    assert afschrift.status == VerwerkingStatus.KLAAR
    assert (afschrift.betaald, afschrift.mislukt) == (0, 0)
    assert len(afschrift.niet_gevonden) == 4
    assert {r["waarom"] for r in afschrift.niet_gevonden} == {
        "geen betaling van deze gemeente met dit kenmerk"
    }
    assert set(Betaling.objects.values_list("status", flat=True)) == {BetalingStatus.IN_BATCH}


def test_zelfde_afschrift_tweemaal_geweigerd(
    batch, weert, regisseur, django_capture_on_commit_callbacks
):
    inhoud = _afschrift(batch)
    eerste = _inlezen(weert, regisseur, inhoud, django_capture_on_commit_callbacks)
    water = Betaling.objects.get(status=BetalingStatus.MISLUKT)
    services.betaling_opnieuw_plannen(betaling=water, door=regisseur)
    voor = list(Betaling.objects.order_by("id").values())

    tweede = _inlezen(weert, regisseur, inhoud, django_capture_on_commit_callbacks)
    assert tweede.pk != eerste.pk
    assert tweede.status == VerwerkingStatus.MISLUKT
    assert tweede.foutmelding == "Dit afschrift (STMT-20260728-0001) is al eerder ingelezen."
    assert (tweede.betaald, tweede.mislukt) == (0, 0)
    # The return is not counted twice: the payment planned again stays planned.
    assert list(Betaling.objects.order_by("id").values()) == voor


def test_ander_afschrift_met_dezelfde_regels_verandert_niets_meer(
    batch, weert, regisseur, django_capture_on_commit_callbacks
):
    _inlezen(weert, regisseur, _afschrift(batch), django_capture_on_commit_callbacks)
    voor = list(Betaling.objects.order_by("id").values())
    volgende = _inlezen(
        weert,
        regisseur,
        _afschrift(batch, msg_id="STMT-20260729-0001"),
        django_capture_on_commit_callbacks,
    )
    assert volgende.status == VerwerkingStatus.KLAAR
    assert (volgende.betaald, volgende.mislukt) == (0, 0)
    assert list(Betaling.objects.order_by("id").values()) == voor


@pytest.mark.parametrize(
    "inhoud",
    [
        b'<?xml version="1.0"?>\n<!DOCTYPE Document [<!ENTITY x "y">]>\n<Document>&x;</Document>',
        b'<?xml version="1.0"?>\n<!doctype Document SYSTEM "file:///etc/passwd"><Document/>',
    ],
)
def test_doctype_geweigerd(batch, weert, regisseur, django_capture_on_commit_callbacks, inhoud):
    afschrift = _inlezen(weert, regisseur, inhoud, django_capture_on_commit_callbacks)
    assert afschrift.status == VerwerkingStatus.MISLUKT
    assert "DOCTYPE" in afschrift.foutmelding
    assert set(Betaling.objects.values_list("status", flat=True)) == {BetalingStatus.IN_BATCH}


def test_entiteit_midden_in_een_echt_afschrift_geweigerd(
    batch, weert, regisseur, django_capture_on_commit_callbacks
):
    inhoud = _afschrift(batch).replace(
        b"<Document ", b'<!DOCTYPE Document [<!ENTITY e2e "x">]>\n<Document ', 1
    )
    afschrift = _inlezen(weert, regisseur, inhoud, django_capture_on_commit_callbacks)
    assert afschrift.status == VerwerkingStatus.MISLUKT
    assert afschrift.betaald == 0
    assert set(Betaling.objects.values_list("status", flat=True)) == {BetalingStatus.IN_BATCH}


@pytest.mark.parametrize(
    "inhoud",
    [
        b"<Document><BkToCstmrStmt><GrpHdr>",
        b"<html><body>Inloggen bij uw bank</body></html>",
        b'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"><x/></Document>',
    ],
)
def test_onleesbaar_afschrift_mislukt_met_nederlandse_melding(
    batch, weert, regisseur, django_capture_on_commit_callbacks, inhoud
):
    afschrift = _inlezen(weert, regisseur, inhoud, django_capture_on_commit_callbacks)
    assert afschrift.status == VerwerkingStatus.MISLUKT
    assert afschrift.foutmelding.startswith("Dit is geen")
    assert "camt.053" in afschrift.foutmelding
    assert set(Betaling.objects.values_list("status", flat=True)) == {BetalingStatus.IN_BATCH}


def test_mislukt_afschrift_mag_opnieuw_worden_ingelezen(
    batch, weert, regisseur, django_capture_on_commit_callbacks
):
    kapot = _afschrift(batch)[:-40]
    assert _inlezen(weert, regisseur, kapot, django_capture_on_commit_callbacks).status == (
        VerwerkingStatus.MISLUKT
    )
    heel = _inlezen(weert, regisseur, _afschrift(batch), django_capture_on_commit_callbacks)
    assert heel.status == VerwerkingStatus.KLAAR
    assert heel.betaald == 2


@pytest.mark.parametrize(
    ("naam", "inhoud", "melding"),
    [
        ("afschrift.txt", b"<Document/>", "Een camt.053-afschrift is een XML-bestand."),
        ("afschrift.xml", b"MT940 :20:STARTUMS", "Dit is geen XML-bestand."),
    ],
)
def test_geen_xml_geweigerd_bij_het_veld(weert, regisseur, naam, inhoud, melding):
    with pytest.raises(ValidationError) as fout:
        services.afschrift_inlezen(
            gemeente=weert, door=regisseur, bestand=SimpleUploadedFile(naam, inhoud)
        )
    assert fout.value.message_dict == {"bestand": [melding]}
    assert not Afschrift.objects.exists()


def test_afschrift_alleen_door_eigen_gemeente(weert, cranendonck):
    buiten = UserFactory(gemeenten=[cranendonck])
    with pytest.raises(ValidationError):
        services.afschrift_inlezen(
            gemeente=weert, door=buiten, bestand=SimpleUploadedFile("a.xml", b"<Document/>")
        )
    assert not Afschrift.objects.exists()


def test_late_regel_van_een_eerdere_batch_raakt_de_nieuwe_verzending_niet(
    batch, weert, regisseur, django_capture_on_commit_callbacks
):
    """A returned payment goes out again in a later batch. A line of the earlier batch that
    the bank reports afterwards says nothing about the new transfer: it is listed, not
    applied, so the payment is never marked failed (and planned a third time) while the new
    transfer is on its way."""
    _inlezen(weert, regisseur, _afschrift(batch), django_capture_on_commit_callbacks)
    water = Betaling.objects.get(status=BetalingStatus.MISLUKT)
    services.betaling_opnieuw_plannen(betaling=water, door=regisseur)
    tweede = batch_naar_de_bank(weert, regisseur, uitvoerdatum=datetime.date(2026, 7, 30))
    assert list(tweede.regels.values_list("betaling_id", flat=True)) == [water.pk]

    # A bank's later report of the same transfer: an entry of its own, with a reference of its
    # own.
    later = _inlezen(
        weert,
        regisseur,
        _afschrift(batch, msg_id="STMT-20260730-0001").replace(
            b"<AcctSvcrRef>2026", b"<AcctSvcrRef>LATER-2026"
        ),
        django_capture_on_commit_callbacks,
    )
    water.refresh_from_db()
    assert water.status == BetalingStatus.IN_BATCH
    assert later.mislukt == 0
    oud = _regels(batch)[2].end_to_end_id
    assert [r["waarom"] for r in later.niet_gevonden if r["kenmerk"] == oud] == [
        "hoort bij een eerdere batch; de betaling is opnieuw verstuurd"
    ]
