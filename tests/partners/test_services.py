import datetime
import socket

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from pghistory.models import Events

from partners import services
from partners.models import Verwijzing
from partners.selectors import portaal_acties, portaal_verwijzingen, verwijzing_url
from partners.tasks import verwijzing_melden
from termijnen.models import Melding
from termijnen.selectors import termijn_van
from tests.partners.factories import PartnerFactory, PartnerMedewerkerFactory, VerwijzingFactory

pytestmark = pytest.mark.django_db

VANDAAG = datetime.date(2026, 4, 28)


@pytest.fixture(autouse=True)
def _vaste_dag():
    """Every test on one known working day; a test that needs another day travels further."""
    with time_machine.travel(datetime.datetime(2026, 4, 28, 10, tzinfo=datetime.UTC)):
        yield


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
        "toestemming_bevestigd": True,
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
        datum=VANDAAG,
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
        afgesloten_op=datetime.datetime(2026, 4, 28, 10, tzinfo=datetime.UTC),
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
            verwijzing=verwijzing, door=medewerker, datum=VANDAAG, tekst="x"
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


@pytest.mark.parametrize(
    ("veld", "extra", "fout"),
    [
        ("toestemming_op", {"toestemming_op": None}, "Zonder toestemming"),
        ("toestemming_op", {"toestemming_op": datetime.date(2026, 4, 29)}, "toekomst"),
        ("toestemming_op", {"toestemming_op": datetime.date(2025, 4, 27)}, "opnieuw"),
        ("toestemming_wijze", {"toestemming_wijze": ""}, "Kies hoe"),
        ("toestemming_bevestigd", {"toestemming_bevestigd": False}, "deze partner en dit doel"),
    ],
)
def test_toestemming_wordt_nooit_aangenomen(persoon, regisseur, partner, veld, extra, fout):
    with pytest.raises(ValidationError) as fouten:
        _versturen(persoon, regisseur, partner, **extra)
    assert fout in " ".join(fouten.value.message_dict[veld])
    assert not Verwijzing.objects.exists()


def test_toestemming_noemt_deze_partner_en_dit_doel(persoon, regisseur, partner):
    verwijzing = _versturen(persoon, regisseur, partner, doel="Taalcafé op dinsdag")
    assert "Taalhuis Weert" in verwijzing.toestemming_voor
    assert "Taalcafé op dinsdag" in verwijzing.toestemming_voor
    assert "e-mailadres en adres" not in verwijzing.toestemming_voor
    assert verwijzing.door == regisseur


def _bestand(naam, inhoud):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(naam, inhoud)


def test_ondertekend_formulier_wordt_bewaard(persoon, regisseur, partner, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    verwijzing = _versturen(
        persoon,
        regisseur,
        partner,
        toestemming_wijze="schriftelijk",
        toestemming_document=_bestand("scan.PDF", b"%PDF-1.7 ondertekend"),
    )
    assert verwijzing.toestemming_document.name.endswith(f"{verwijzing.uuid}.pdf")
    assert verwijzing.toestemming_document.read() == b"%PDF-1.7 ondertekend"


@pytest.mark.parametrize(
    ("wijze", "bestand", "fout"),
    [
        ("mondeling", _bestand("scan.pdf", b"%PDF-1.7"), "mondelinge"),
        ("schriftelijk", _bestand("scan.exe", b"MZ"), "PDF, JPG of PNG"),
        ("schriftelijk", _bestand("scan.pdf", b"<script>"), "geen geldige"),
        ("schriftelijk", _bestand("scan.png", b"%PDF-1.7"), "geen geldige"),
    ],
)
def test_verkeerd_formulier_wordt_geweigerd(persoon, regisseur, partner, wijze, bestand, fout):
    with pytest.raises(ValidationError) as fouten:
        _versturen(
            persoon, regisseur, partner, toestemming_wijze=wijze, toestemming_document=bestand
        )
    assert fout in " ".join(fouten.value.message_dict["toestemming_document"])


def test_intrekken_sluit_de_partner_meteen_buiten(verwijzing, medewerker, regisseur):
    services.verwijzing_accepteren(verwijzing=verwijzing, door=medewerker)
    assert list(portaal_verwijzingen(user=medewerker)) == [verwijzing]
    services.toestemming_intrekken(
        verwijzing=verwijzing, door=regisseur, reden="Wil het zelf regelen"
    )
    assert list(portaal_verwijzingen(user=medewerker)) == []
    verwijzing.refresh_from_db()
    assert verwijzing.status == "ingetrokken"
    assert verwijzing.toestemming_ingetrokken_door == regisseur
    assert verwijzing.afgesloten_op is not None
    # The partner can no longer act on it either.
    with pytest.raises(ValidationError):
        services.terugkoppeling_geven(
            verwijzing=verwijzing, door=medewerker, datum=VANDAAG, tekst="x"
        )
    update = Events.objects.tracks(verwijzing).filter(pgh_label="update").order_by("-pgh_id")[0]
    assert update.pgh_context["user"] == regisseur.pk
    assert update.pgh_diff["status"] == ["geaccepteerd", "ingetrokken"]
    with pytest.raises(ValidationError, match="al ingetrokken"):
        services.toestemming_intrekken(verwijzing=verwijzing, door=regisseur)


def test_intrekken_haalt_de_open_antwoordtermijn_weg(persoon, regisseur, partner):
    verwijzing = _versturen(persoon, regisseur, partner)
    sleutel = f"verwijzing:{verwijzing.uuid}"
    assert termijn_van(persoon=persoon, code="verwijzing_reactie", sleutel=sleutel)
    services.toestemming_intrekken(verwijzing=verwijzing, door=regisseur)
    assert termijn_van(persoon=persoon, code="verwijzing_reactie", sleutel=sleutel) is None


def test_intrekken_na_afronden_sluit_ook_de_nazichttijd(verwijzing, medewerker, regisseur):
    services.verwijzing_accepteren(verwijzing=verwijzing, door=medewerker)
    services.verwijzing_afronden(verwijzing=verwijzing, door=medewerker, resultaat="Klaar")
    assert list(portaal_verwijzingen(user=medewerker)) == [verwijzing]
    services.toestemming_intrekken(verwijzing=verwijzing, door=regisseur)
    assert list(portaal_verwijzingen(user=medewerker)) == []


def test_geen_mail_meer_na_intrekken(verwijzing, regisseur):
    services.toestemming_intrekken(verwijzing=verwijzing, door=regisseur)
    assert verwijzing_melden(verwijzing.pk) is False
    assert mail.outbox == []


def test_mail_wordt_pas_verstuurd_na_het_claimen(verwijzing, settings):
    """A mail server that hangs or fails never sends twice: the claim is committed first, so
    it outlives a mail server that refuses the connection."""
    with socket.socket() as vrij:  # a port nobody listens on
        vrij.bind(("127.0.0.1", 0))
        poort = vrij.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", poort
    with pytest.raises(OSError):
        verwijzing_melden(verwijzing.pk)
    verwijzing.refresh_from_db()
    assert verwijzing.melding_verstuurd_op is not None
    assert verwijzing_melden(verwijzing.pk) is False


@pytest.mark.parametrize(
    ("acties", "verwacht"),
    [
        (["accepteren"], "heeft de verwijzing ‘Taalmaatje vinden’ geaccepteerd"),
        (["afwijzen"], "heeft de verwijzing ‘Taalmaatje vinden’ afgewezen"),
        (
            ["accepteren", "terugkoppelen"],
            "gaf terugkoppeling op de verwijzing ‘Taalmaatje vinden’",
        ),
        (["accepteren", "afronden"], "heeft de verwijzing ‘Taalmaatje vinden’ afgerond"),
    ],
)
def test_regisseur_krijgt_een_melding_van_elke_partneractie(
    verwijzing, medewerker, regisseur, acties, verwacht
):
    for actie in acties:
        {
            "accepteren": lambda: services.verwijzing_accepteren(
                verwijzing=verwijzing, door=medewerker
            ),
            "afwijzen": lambda: services.verwijzing_afwijzen(
                verwijzing=verwijzing, door=medewerker, reden="Vol"
            ),
            "terugkoppelen": lambda: services.terugkoppeling_geven(
                verwijzing=verwijzing, door=medewerker, datum=VANDAAG, tekst="Goed gesprek"
            ),
            "afronden": lambda: services.verwijzing_afronden(
                verwijzing=verwijzing, door=medewerker, resultaat="Klaar"
            ),
        }[actie]()
    melding = Melding.objects.filter(gebruiker=regisseur).order_by("-id").first()
    assert verwacht in melding.tekst and melding.persoon == verwijzing.persoon
    assert "Taalhuis Weert" in melding.tekst
    assert melding.link == verwijzing_url(verwijzing)
    assert Melding.objects.filter(gebruiker=regisseur).count() == len(acties)


def test_portaalacties_volgen_de_status(verwijzing, medewerker):
    assert portaal_acties(verwijzing) == {"accepteren", "afwijzen"}
    services.verwijzing_accepteren(verwijzing=verwijzing, door=medewerker)
    verwijzing.refresh_from_db()
    assert portaal_acties(verwijzing) == {"terugkoppelen", "afronden"}
    services.verwijzing_afronden(verwijzing=verwijzing, door=medewerker, resultaat="Klaar")
    verwijzing.refresh_from_db()
    assert portaal_acties(verwijzing) == set()


def test_terugkoppeling_niet_in_de_toekomst(verwijzing, medewerker):
    services.verwijzing_accepteren(verwijzing=verwijzing, door=medewerker)
    with pytest.raises(ValidationError) as fout:
        services.terugkoppeling_geven(
            verwijzing=verwijzing,
            door=medewerker,
            datum=VANDAAG + datetime.timedelta(days=1),
            tekst="Morgen",
        )
    assert "toekomst" in fout.value.message_dict["datum"][0]
