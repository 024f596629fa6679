"""No input breaks a page: dates outside 1900 … 2100, control characters, text and numbers
beyond their bounds are refused by the form, the service and the database alike."""

import datetime
import logging
import re

import pytest
import time_machine
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from core.constraints import LANGE_TEKST
from core.forms import DatumTijdVeld, DatumVeld
from core.middleware import StuurtekensWeigeren
from intake.forms import GesprekForm
from partners.models import Verwijzing
from pip_plans.models import Plan
from statushouders.models import Contactmoment, Persoon
from statushouders.selectors import leeftijd_van
from statushouders.services import contactmoment_toevoegen, dossier_afsluiten
from termijnen.models import Termijn
from termijnen.services import termijn_bijwerken
from tests.accounts.factories import UserFactory
from tests.partners.factories import PartnerMedewerkerFactory, VerwijzingFactory
from tests.pip_plans.factories import PlanFactory
from tests.statushouders.factories import ContactmomentFactory, PersoonFactory

NU = datetime.datetime(2026, 5, 4, 10, 0, tzinfo=datetime.UTC)
BUITEN_BEREIK = "Vul een datum tussen 1900 en 2100 in."
EIGEN_APPS = ("accounts", "core", "statushouders", "intake", "pip_plans", "partners", "termijnen")


# --- Dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize("waarde", ["01-01-0001", "31-12-9999", "31-12-1899", "01-01-2101"])
def test_datumveld_weigert_een_datum_buiten_1900_tot_2100(waarde):
    class Formulier(forms.Form):
        datum = DatumVeld()
        moment = DatumTijdVeld(required=False)

    form = Formulier({"datum": waarde, "moment": f"{waarde} 12:00"})
    assert form.errors == {"datum": [BUITEN_BEREIK], "moment": [BUITEN_BEREIK]}


def test_datumveld_neemt_de_randen_van_het_bereik_aan():
    class Formulier(forms.Form):
        datum = DatumVeld()

    assert Formulier({"datum": "01-01-1900"}).is_valid()
    assert Formulier({"datum": "31-12-2100"}).is_valid()


@time_machine.travel(NU)
@pytest.mark.parametrize(
    "moment",
    ["01-01-0001 00:00", "31-12-9999 23:59", "31-12-1999 12:00", "05-05-2026 10:00"],
)
def test_contactmoment_buiten_bereik_geeft_een_veldfout_en_wordt_niet_opgeslagen(
    regisseur_client, persoon, moment
):
    url = reverse("dossier:contactmoment-nieuw", args=[persoon.uuid])
    response = regisseur_client.post(
        url, {"moment": moment, "soort": "gesprek", "onderwerp": "Woning", "notitie": "Belde"}
    )
    assert response.status_code == 422
    fout = response.context["contactmoment_form"].errors["moment"][0]
    assert "2100" in fout or "2000" in fout or "toekomst" in fout
    assert 'value="Woning"' in response.content.decode()
    assert not Contactmoment.objects.exists()


@time_machine.travel(NU)
@pytest.mark.parametrize(
    "moment",
    [
        datetime.datetime(1, 1, 1, tzinfo=datetime.UTC),
        datetime.datetime(9999, 12, 31, tzinfo=datetime.UTC),
        datetime.datetime(1999, 12, 31, 12, tzinfo=datetime.UTC),
        NU + datetime.timedelta(days=1),
    ],
)
def test_contactmoment_buiten_bereik_weigert_de_service(persoon, regisseur, moment):
    with pytest.raises(ValidationError) as fout:
        contactmoment_toevoegen(
            persoon=persoon, door=regisseur, moment=moment, soort="gesprek", onderwerp="Woning"
        )
    assert "moment" in fout.value.message_dict
    assert not Contactmoment.objects.exists()


@time_machine.travel(NU)
def test_service_weigert_een_datum_buiten_bereik_naast_het_veld(persoon, regisseur):
    with pytest.raises(ValidationError) as fout:
        dossier_afsluiten(
            persoon=persoon,
            door=regisseur,
            afgesloten_op=datetime.date(1, 1, 1),
            uitstroomreden="overig",
        )
    assert fout.value.message_dict == {"afgesloten_op": [BUITEN_BEREIK]}


def test_elke_datum_en_tekst_heeft_een_databasecontrole():
    """A new date or text field cannot be forgotten: every one has its check constraint."""
    ontbreekt = []
    for model in apps.get_models():
        label = model._meta.app_label
        velden = {veld.name for veld in model._meta.concrete_fields}
        if label not in EIGEN_APPS or label == "accounts" or "pgh_created_at" in velden:
            continue  # history rows keep what was; accounts has no dates of its own
        namen = {c.name for c in model._meta.constraints}
        prefix = f"{label}_{model.__name__.lower()}_"
        for veld in model._meta.concrete_fields:
            if isinstance(veld, models.DateField):
                verwacht = f"{prefix}{veld.name}_bereik"
            elif isinstance(veld, models.TextField) and not veld.name.startswith("pgh_"):
                verwacht = f"{prefix}{veld.name}_lengte"
                assert veld.max_length, f"{model.__name__}.{veld.name} heeft geen max_length"
            else:
                continue
            if verwacht not in namen:
                ontbreekt.append(f"{model.__name__}.{veld.name}")
    assert ontbreekt == []


@pytest.mark.parametrize("datum", [datetime.date(1, 1, 1), datetime.date(9999, 12, 31)])
def test_database_weigert_een_datum_buiten_bereik(persoon, datum):
    with pytest.raises(IntegrityError), transaction.atomic():
        Persoon.objects.filter(pk=persoon.pk).update(geboortedatum=datum)
    termijn = termijn_bijwerken(
        persoon=persoon, code="pip_vaststellen", basisdatum=datetime.date(2026, 1, 5)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Termijn.objects.filter(pk=termijn.pk).update(vervalt_op=datum)


def test_database_weigert_een_contactmoment_voor_2000(persoon):
    contact = ContactmomentFactory(persoon=persoon)
    for moment in (
        datetime.datetime(1999, 6, 1, tzinfo=datetime.UTC),
        datetime.datetime(1, 1, 1, tzinfo=datetime.UTC),
        datetime.datetime(9999, 12, 31, tzinfo=datetime.UTC),
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            Contactmoment.objects.filter(pk=contact.pk).update(moment=moment)


def test_database_weigert_te_lange_tekst_en_te_veel_uren(persoon):
    verwijzing = VerwijzingFactory(persoon=persoon)
    with pytest.raises(IntegrityError), transaction.atomic():
        Verwijzing.objects.filter(pk=verwijzing.pk).update(notitie="x" * (LANGE_TEKST + 1))
    plan = PlanFactory(intake__persoon=persoon)
    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.filter(pk=plan.pk).update(taal_uren=10**6)


def test_geboortedatum_waarmee_niet_te_rekenen_valt_laat_het_dossier_heel(weert):
    """A value stored before the range check existed still opens the page."""
    persoon = PersoonFactory.build(gemeente=weert, geboortedatum=datetime.date(9999, 12, 31))
    leeftijd = leeftijd_van(persoon, vandaag=datetime.date(2026, 5, 4))
    assert "kan niet kloppen" in leeftijd.waarschuwing
    assert leeftijd.aow_tekst == "onbekend"


@time_machine.travel(NU)
def test_termijn_die_na_2100_zou_eindigen_is_een_melding_geen_overloop(persoon):
    with pytest.raises(ValidationError) as fout:
        termijn_bijwerken(
            persoon=persoon, code="inburgeringstermijn", basisdatum=datetime.date(2100, 12, 1)
        )
    assert "na 2100" in fout.value.messages[0]


# --- Control characters and text length ----------------------------------------------------


@pytest.mark.parametrize("teken", ["\x0b", "\x1b", "\x7f", "\x85", "\u202e"])
def test_elk_tekstveld_van_elk_formulier_weigert_stuurtekens(teken):
    form = GesprekForm({"datum": "01-05-2026", "deelnemers": "tolk", "notities": f"a{teken}b"})
    assert "onzichtbare stuurtekens" in form.errors["notities"][0]


def test_regeleinden_en_tabs_blijven_toegestaan():
    form = GesprekForm(
        {"datum": "01-05-2026", "deelnemers": "tolk", "notities": "regel 1\r\nregel\t2"}
    )
    assert form.is_valid(), form.errors


def test_nul_byte_geeft_een_melding_niet_twee():
    form = GesprekForm({"datum": "01-05-2026", "deelnemers": "tolk", "notities": "a\x00b"})
    assert len(form.errors["notities"]) == 1


def test_tekst_langer_dan_de_database_neemt_geeft_een_veldfout():
    form = GesprekForm(
        {"datum": "01-05-2026", "deelnemers": "tolk", "notities": "x" * (LANGE_TEKST + 1)}
    )
    assert form.errors["notities"] == [
        f"Gebruik hoogstens {LANGE_TEKST} tekens (nu {LANGE_TEKST + 1})."
    ]


def _middleware(get_response=None):
    return StuurtekensWeigeren(get_response or (lambda request: HttpResponse("ok")))


@pytest.mark.parametrize(
    ("methode", "gegevens"),
    [
        ("get", {"q\x00": "x"}),
        ("get", {"a\x1b": "1"}),
        ("post", {"veld\x00": "x"}),
    ],
)
def test_stuurteken_in_een_parameternaam_geeft_400_in_het_nederlands(regisseur, methode, gegevens):
    request = getattr(RequestFactory(), methode)("/personen/", gegevens)
    request.user = regisseur
    response = _middleware()(request)
    assert response.status_code == 400
    assert "Uw invoer bevat tekens die niet zijn toegestaan." in response.content.decode()


def test_stuurteken_in_een_waarde_gaat_naar_het_formulier(regisseur):
    request = RequestFactory().get("/personen/", {"q": "Haddad\x00"})
    request.user = regisseur
    assert _middleware()(request).status_code == 200


def test_stuurteken_dat_toch_iets_laat_falen_geeft_400_geen_500(regisseur):
    request = RequestFactory().post("/personen/", {"reden": "x\x00y"})
    request.user = regisseur
    response = _middleware().process_exception(request, ValueError("NUL"))
    assert response.status_code == 400
    gewoon = RequestFactory().post("/personen/", {"reden": "xy"})
    assert _middleware().process_exception(gewoon, ValueError("iets anders")) is None


def test_stuurtekens_in_zoeklijsten_geven_een_pagina_met_melding(client, weert, regisseur):
    client.force_login(UserFactory(teamleider=True, gemeenten=[weert]))
    for url, parameters in [
        (reverse("statushouders:persoon-lijst"), {"q": "a\x00b"}),
        (reverse("termijnen:werkvoorraad-team"), {"regisseur": "\x00"}),
    ]:
        response = client.get(url, parameters)
        assert response.status_code == 200
        assert "ongeldig" in response.content.decode() or "stuurtekens" in (
            response.content.decode()
        )
    response = client.get(reverse("termijnen:werkvoorraad-team"), {"regisseur\x00": "1"})
    assert response.status_code == 400


def test_nul_byte_in_de_zoekterm_van_het_partnerportaal_geeft_een_melding(client, db):
    client.force_login(PartnerMedewerkerFactory())
    for q in ("\x00", "a\x00b", "\x1b"):
        response = client.get(reverse("partners:portaal"), {"q": q})
        assert response.status_code == 200
        assert "De zoekopdracht kon niet worden gelezen" in response.content.decode()


# --- Query parameters ----------------------------------------------------------------------


def test_onbekende_regisseur_geeft_een_melding_en_komt_niet_in_het_log(
    client, weert, regisseur, caplog
):
    client.force_login(UserFactory(teamleider=True, gemeenten=[weert]))
    with caplog.at_level(logging.DEBUG):
        response = client.get(reverse("termijnen:werkvoorraad-team"), {"regisseur": "abc"})
    assert response.status_code == 200
    assert "Een filter was ongeldig" in response.content.decode()
    assert "abc" not in caplog.text


@pytest.mark.parametrize(
    "parameters", [{"gemeente": "abc"}, {"sorteer": "bestaat-niet"}, {"doelgroep": "x"}]
)
def test_ongeldig_filter_op_de_personenlijst_geeft_een_melding(
    regisseur_client, persoon, parameters
):
    response = regisseur_client.get(reverse("statushouders:persoon-lijst"), parameters)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Een filter was ongeldig en is niet toegepast." in html
    assert persoon.achternaam in html
    # The list is in its default order, and the header says so.
    assert re.search(
        r'aria-sort="ascending"><a class="utrecht-link" href="\?[^"]*sorteer=-naam', html
    )


# --- Numbers -------------------------------------------------------------------------------


def test_enorme_termijnlengte_geeft_een_veldfout(client, db):
    client.force_login(UserFactory(beheerder=True))
    url = reverse("termijnen:termijnconfig-bewerken", args=["verhuizing"])
    for lengte in ("99999999999999999999", "2147483648", "-5", "0"):
        response = client.post(
            url,
            {
                "label": "Verhuisd naar de gemeente",
                "wettelijke_basis": "COA/VNG-afspraken",
                "berekening": "koppeling + N",
                "lengte": lengte,
                "eenheid": "weken",
            },
        )
        assert response.status_code in (200, 422), lengte
        assert response.context["form"].errors["lengte"], lengte
        assert "2147483647" not in response.content.decode()


def test_uren_in_het_plan_hebben_grenzen_uit_het_domein(regisseur_client, persoon):
    from pip_plans.forms import PlanForm

    plan = PlanFactory(intake__persoon=persoon)
    for uren in ("99999999999999999999", "3001", "-1"):
        form = PlanForm({"taal_uren": uren}, instance=plan)
        form.is_valid()
        assert form.errors.get("taal_uren"), uren
        assert "2147483647" not in str(form.errors)
    form = PlanForm({"taal_uren": "3001"}, instance=plan)
    form.is_valid()
    assert "Vul een aantal uren in van 0 tot en met 3000." in form.errors["taal_uren"]


@pytest.mark.parametrize("waarde", ["a\x00b", "a\x07b", "a\x00\x07b"])
def test_stuurtekens_geven_een_melding_niet_drie(waarde):
    from core.forms import KoersForm
    from core.validators import geen_stuurtekens_regel

    class Formulier(KoersForm):
        naam = forms.CharField(validators=[geen_stuurtekens_regel])

    form = Formulier({"naam": waarde})
    assert not form.is_valid()
    assert len(form.errors["naam"]) == 1
