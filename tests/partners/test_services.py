import datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from pghistory.models import Events

from partners import services
from partners.models import Verwijzing
from partners.selectors import portaal_verwijzingen
from partners.tasks import verwijzing_melden
from termijnen.selectors import termijn_van
from tests.partners.factories import PartnerFactory, PartnerMedewerkerFactory, VerwijzingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner():
    return PartnerFactory(naam="Taalhuis Weert", contact_email="taalhuis@bieb.example")


@pytest.fixture
def medewerker(partner):
    return PartnerMedewerkerFactory(partner=partner)


@pytest.fixture
def verwijzing(persoon, partner, regisseur):
    return VerwijzingFactory(persoon=persoon, partner=partner, door=regisseur)


def _versturen(persoon, regisseur, partner, **extra):
    gegevens = {
        "leefgebied": "taal",
        "doel": "Taalmaatje vinden",
        "toestemming_op": datetime.date(2026, 4, 20),
        "toestemming_wijze": "mondeling",
    }
    gegevens.update(extra)
    return services.verwijzing_versturen(
        persoon=persoon, door=regisseur, partner=partner, **gegevens
    )


@time_machine.travel(datetime.date(2026, 4, 24))
def test_versturen_met_antwoordtermijn_van_tien_werkdagen_over_feestdagen(
    persoon, regisseur, partner
):
    verwijzing = _versturen(persoon, regisseur, partner)
    # Koningsdag (27 april) and Bevrijdingsdag (5 mei) do not count.
    termijn = termijn_van(
        persoon=persoon, code="verwijzing_reactie", sleutel=f"verwijzing:{verwijzing.uuid}"
    )
    assert termijn.vervalt_op == datetime.date(2026, 5, 12)
    assert verwijzing.status == "verstuurd"


def test_geen_verwijzing_zonder_toestemming(persoon, regisseur, partner):
    with pytest.raises(ValidationError) as fout:
        _versturen(persoon, regisseur, partner, toestemming_op=None)
    assert "toestemming" in fout.value.message_dict["toestemming_op"][0]
    with pytest.raises(IntegrityError), transaction.atomic():
        Verwijzing.objects.bulk_create(
            [
                VerwijzingFactory.build(
                    persoon=persoon, partner=partner, door=regisseur, toestemming_op=None
                )
            ]
        )


def test_niet_naar_een_inactieve_partner(persoon, regisseur, partner):
    partner.actief = False
    partner.save()
    with pytest.raises(ValidationError):
        _versturen(persoon, regisseur, partner)


def test_adres_alleen_standaard_gedeeld_bij_maatschappelijke_begeleiding(persoon, regisseur):
    taal = PartnerFactory(soort="taal")
    begeleiding = PartnerFactory(soort="maatschappelijke_begeleiding")
    assert not _versturen(persoon, regisseur, taal).adres_delen
    assert _versturen(persoon, regisseur, begeleiding).adres_delen


def test_mail_aan_de_partner_bevat_alleen_een_link(
    persoon, regisseur, partner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        verwijzing = _versturen(persoon, regisseur, partner)
    assert len(mail.outbox) == 1
    bericht = mail.outbox[0]
    assert bericht.to == ["taalhuis@bieb.example"]
    tekst = bericht.subject + bericht.body
    assert f"/partner/verwijzingen/{verwijzing.uuid}/" in tekst
    for gegeven in (
        persoon.voornamen,
        persoon.achternaam,
        persoon.bsn,
        persoon.v_nummer,
        "Taalmaatje",
        persoon.geboortedatum.strftime("%d-%m-%Y"),
    ):
        assert gegeven not in tekst


def test_mail_wordt_ook_bij_twee_keer_draaien_een_keer_verstuurd(verwijzing):
    assert verwijzing_melden(verwijzing.pk) is True
    assert verwijzing_melden(verwijzing.pk) is False
    assert len(mail.outbox) == 1


def test_toegestane_overgangen(verwijzing, medewerker):
    services.verwijzing_accepteren(verwijzing=verwijzing, door=medewerker)
    services.terugkoppeling_geven(
        verwijzing=verwijzing,
        door=medewerker,
        datum=datetime.date.today(),
        tekst="Eerste les gehad",
        aanwezig=True,
    )
    services.verwijzing_afronden(verwijzing=verwijzing, door=medewerker, resultaat="Leest A2")
    verwijzing.refresh_from_db()
    assert verwijzing.status == "afgerond" and verwijzing.afgesloten_op


@pytest.mark.parametrize(
    ("begin", "actie"),
    [
        ("verstuurd", "afronden"),
        ("geaccepteerd", "accepteren"),
        ("geaccepteerd", "afwijzen"),
        ("afgewezen", "accepteren"),
        ("afgerond", "afwijzen"),
        ("afgerond", "accepteren"),
    ],
)
def test_andere_overgangen_worden_geweigerd_met_reden(verwijzing, medewerker, begin, actie):
    Verwijzing.objects.filter(pk=verwijzing.pk).update(
        status=begin,
        afgesloten_op=datetime.datetime.now(tz=datetime.UTC),
        afwijzingsreden="x" if begin == "afgewezen" else "",
    )
    functie = {
        "accepteren": services.verwijzing_accepteren,
        "afwijzen": services.verwijzing_afwijzen,
        "afronden": services.verwijzing_afronden,
    }[actie]
    extra = {"afwijzen": {"reden": "vol"}, "afronden": {"resultaat": "klaar"}}.get(actie, {})
    with pytest.raises(ValidationError, match="kan niet"):
        functie(verwijzing=verwijzing, door=medewerker, **extra)


def test_afwijzen_vraagt_een_reden(verwijzing, medewerker):
    with pytest.raises(ValidationError):
        services.verwijzing_afwijzen(verwijzing=verwijzing, door=medewerker, reden=" ")
    services.verwijzing_afwijzen(verwijzing=verwijzing, door=medewerker, reden="Wachtlijst")


def test_terugkoppelen_alleen_op_een_geaccepteerde_verwijzing(verwijzing, medewerker):
    with pytest.raises(ValidationError, match="geaccepteerde"):
        services.terugkoppeling_geven(
            verwijzing=verwijzing, door=medewerker, datum=datetime.date.today(), tekst="x"
        )


def test_andere_partner_kan_niets_met_deze_verwijzing(verwijzing):
    ander = PartnerMedewerkerFactory()
    with pytest.raises(ValidationError, match="Alleen de partner"):
        services.verwijzing_accepteren(verwijzing=verwijzing, door=ander)


def test_elke_partneractie_wordt_vastgelegd(verwijzing, medewerker):
    services.verwijzing_accepteren(verwijzing=verwijzing, door=medewerker)
    update = next(
        e
        for e in Events.objects.tracks(verwijzing).filter(pgh_label="update")
        if "status" in (e.pgh_diff or {})
    )
    assert update.pgh_context["user"] == medewerker.pk
    assert update.pgh_diff["status"] == ["verstuurd", "geaccepteerd"]


def test_toegang_na_afsluiten_vervalt_na_de_bewaartermijn(verwijzing, medewerker, settings):
    settings.PARTNER_TOEGANG_NA_AFSLUITEN_DAGEN = 90
    verwijzing.verstuurd_op = datetime.datetime(2026, 4, 20, 9, tzinfo=datetime.UTC)
    verwijzing.save()
    with time_machine.travel(datetime.datetime(2026, 5, 1, 12, tzinfo=datetime.UTC)):
        services.verwijzing_accepteren(verwijzing=verwijzing, door=medewerker)
        services.verwijzing_afronden(verwijzing=verwijzing, door=medewerker, resultaat="Klaar")
    with time_machine.travel(datetime.datetime(2026, 7, 29, 12, tzinfo=datetime.UTC)):
        assert list(portaal_verwijzingen(user=medewerker)) == [verwijzing]
    with time_machine.travel(datetime.datetime(2026, 7, 30, 13, tzinfo=datetime.UTC)):
        assert list(portaal_verwijzingen(user=medewerker)) == []
