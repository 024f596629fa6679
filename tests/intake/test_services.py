import datetime
import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from pghistory.models import Events

from intake import services
from intake.constants import ZRM_DOMEINEN, IntakeStatus
from intake.models import BredeIntake, Heropening, ZrmMeting
from intake.selectors import ontbrekende_onderdelen, zrm_verloop
from statushouders.selectors import dossier_historie
from tests.intake.factories import BredeIntakeFactory, ZrmMetingFactory

pytestmark = pytest.mark.django_db

ALLE_SCORES = {code: 3 for code, _label in ZRM_DOMEINEN}


@pytest.fixture
def intake(persoon):
    return BredeIntakeFactory(persoon=persoon)


def test_starten_kan_maar_een_keer_tegelijk(persoon, regisseur):
    services.intake_starten(
        persoon=persoon, door=regisseur, gestart_op=datetime.date(2026, 3, 1), locatie="thuis"
    )
    with pytest.raises(ValidationError, match="al een brede intake"):
        services.intake_starten(
            persoon=persoon, door=regisseur, gestart_op=datetime.date(2026, 3, 2), locatie="thuis"
        )


def test_na_een_afgeronde_intake_start_geen_tweede_maar_wordt_heropenen_genoemd(persoon, regisseur):
    BredeIntakeFactory(persoon=persoon, afgerond=True)
    with pytest.raises(ValidationError, match="heropen die"):
        services.intake_starten(
            persoon=persoon, door=regisseur, gestart_op=datetime.date(2026, 5, 1), locatie="thuis"
        )
    assert persoon.intakes.count() == 1


def test_een_heropende_intake_loopt_weer(persoon):
    intake = BredeIntakeFactory(persoon=persoon, heropend=True)
    assert intake.status == IntakeStatus.OPEN and intake.afgerond_op is None
    assert intake.heropeningen.get().reden


def test_de_database_staat_maar_een_open_intake_per_persoon_toe(intake):
    with pytest.raises(IntegrityError), transaction.atomic():
        BredeIntake.objects.bulk_create([BredeIntakeFactory.build(persoon=intake.persoon)])


def test_ontbrekende_onderdelen_noemt_precies_wat_nog_mist(intake, regisseur):
    assert ontbrekende_onderdelen(intake=intake) == [
        "leerbaarheidstoets: uitkomst of reden van vrijstelling",
        "ZRM: alle 13 domeinen zijn nog niet gescoord",
        "advies: geadviseerde leerroute",
    ]
    services.zrm_opslaan(
        intake=intake,
        door=regisseur,
        datum=datetime.date(2026, 3, 12),
        scores={**ALLE_SCORES, "justitie": None, "middelengebruik": None},
    )
    services.intake_gegevens_opslaan(
        intake=intake,
        door=regisseur,
        gegevens={"leerbaarheidstoets_vrijstelling": "Visuele beperking"},
    )
    assert ontbrekende_onderdelen(intake=intake) == [
        "ZRM: geen score voor Middelengebruik, Justitie",
        "advies: geadviseerde leerroute",
    ]


def test_afronden_kan_pas_als_alles_er_is(intake, regisseur):
    with pytest.raises(ValidationError) as fout:
        services.intake_afronden(
            intake=intake, door=regisseur, afgerond_op=datetime.date(2026, 4, 1)
        )
    assert "leerbaarheidstoets" in str(fout.value)
    intake.refresh_from_db()
    assert intake.status == IntakeStatus.OPEN


def test_afronden_zet_de_persoon_in_actief_traject(persoon, regisseur):
    intake = BredeIntakeFactory(persoon=persoon, compleet=True)
    services.intake_afronden(intake=intake, door=regisseur, afgerond_op=datetime.date(2026, 4, 1))
    intake.refresh_from_db()
    persoon.refresh_from_db()
    assert intake.status == IntakeStatus.AFGEROND
    assert intake.afgerond_op == datetime.date(2026, 4, 1)
    assert persoon.bestandsgroep == "actief_traject"


def test_afronden_laat_de_bestandsgroep_door_het_dossier_wijzigen_met_wie(persoon, regisseur):
    intake = BredeIntakeFactory(persoon=persoon, compleet=True)
    services.intake_afronden(intake=intake, door=regisseur, afgerond_op=datetime.date(2026, 4, 1))
    regel = next(
        r
        for r in dossier_historie(persoon=persoon)
        if (r.onderwerp, r.actie) == ("persoon", "gewijzigd")
    )
    assert regel.door == "Ingrid Janssen"
    assert [(w.veld, w.oud, w.nieuw) for w in regel.wijzigingen] == [
        ("bestandsgroep", "Intake", "Actief traject")
    ]


def test_intake_schrijft_nooit_zelf_in_een_persoon():
    """The person belongs to statushouders: intake asks its services, it never sets fields."""
    schrijven = re.compile(r"\bpersoon\.(save\(|\w+\s*=[^=])")
    map_ = Path(services.__file__).parent
    overtredingen = [
        f"{pad.name}: {treffer.group(0)}"
        for pad in map_.glob("*.py")
        for treffer in schrijven.finditer(pad.read_text())
    ]
    assert overtredingen == []


def test_afronden_naar_zorg_en_rust_vraagt_een_reden(persoon, regisseur):
    intake = BredeIntakeFactory(persoon=persoon, compleet=True)
    with pytest.raises(ValidationError) as fout:
        services.intake_afronden(
            intake=intake,
            door=regisseur,
            afgerond_op=datetime.date(2026, 4, 1),
            bestandsgroep="zorg_en_rust",
        )
    assert "zorg_en_rust_reden" in fout.value.message_dict
    services.intake_afronden(
        intake=intake,
        door=regisseur,
        afgerond_op=datetime.date(2026, 4, 1),
        bestandsgroep="zorg_en_rust",
        zorg_en_rust_reden="Traumabehandeling",
    )
    persoon.refresh_from_db()
    assert persoon.bestandsgroep == "zorg_en_rust"


def test_afronden_voor_de_start_wordt_geweigerd(persoon, regisseur):
    intake = BredeIntakeFactory(persoon=persoon, compleet=True)
    with pytest.raises(ValidationError) as fout:
        services.intake_afronden(
            intake=intake, door=regisseur, afgerond_op=datetime.date(2026, 3, 1)
        )
    assert "10-03-2026" in fout.value.message_dict["afgerond_op"][0]


def test_de_database_weigert_afronden_voor_de_start(intake):
    with pytest.raises(IntegrityError), transaction.atomic():
        BredeIntake.objects.filter(pk=intake.pk).update(
            status="afgerond", afgerond_op=datetime.date(2026, 1, 1)
        )


def test_afgeronde_intake_is_alleen_te_lezen(persoon, regisseur):
    intake = BredeIntakeFactory(persoon=persoon, afgerond=True)
    schrijfacties = [
        lambda: services.intake_gegevens_opslaan(
            intake=intake, door=regisseur, gegevens={"broodbaan": "Kok"}
        ),
        lambda: services.leefgebied_opslaan(
            intake=intake, door=regisseur, leefgebied="wonen", bevindingen="Anders"
        ),
        lambda: services.zrm_opslaan(
            intake=intake, door=regisseur, datum=datetime.date(2026, 4, 2), scores=ALLE_SCORES
        ),
        lambda: services.gesprek_toevoegen(
            intake=intake, door=regisseur, datum=datetime.date(2026, 4, 2), deelnemers="persoon"
        ),
        lambda: services.werkervaring_opslaan(intake=intake, door=regisseur, banen=[]),
    ]
    for schrijf in schrijfacties:
        with pytest.raises(ValidationError, match="afgerond"):
            schrijf()


def test_heropenen_vraagt_een_reden_en_wordt_vastgelegd(persoon, regisseur):
    intake = BredeIntakeFactory(persoon=persoon, afgerond=True)
    with pytest.raises(ValidationError):
        services.intake_heropenen(intake=intake, door=regisseur, reden="  ")
    services.intake_heropenen(intake=intake, door=regisseur, reden="Taalniveau verkeerd ingevuld")
    intake.refresh_from_db()
    assert intake.status == IntakeStatus.OPEN and intake.afgerond_op is None
    heropening = Heropening.objects.get()
    assert heropening.door == regisseur
    assert Events.objects.tracks(heropening).get().pgh_context["user"] == regisseur.pk
    services.intake_gegevens_opslaan(intake=intake, door=regisseur, gegevens={"broodbaan": "Kok"})


def test_heropenen_van_een_lopende_intake_wordt_geweigerd(intake, regisseur):
    with pytest.raises(ValidationError):
        services.intake_heropenen(intake=intake, door=regisseur, reden="waarom niet")


def test_leefgebied_opslaan_bewaart_bevindingen_en_gestructureerde_velden(intake, regisseur):
    services.leefgebied_opslaan(
        intake=intake,
        door=regisseur,
        leefgebied="taal",
        bevindingen="Spreekt wat Engels",
        gegevens={"taal_spreken": "A1", "andere_talen": "Engels"},
    )
    services.leefgebied_opslaan(
        intake=intake, door=regisseur, leefgebied="taal", bevindingen="Volgt al een cursus"
    )
    intake.refresh_from_db()
    assert intake.taal_spreken == "A1"
    assert list(intake.leefgebieden.values_list("bevindingen", flat=True)) == [
        "Volgt al een cursus"
    ]


def test_werkervaring_vervangen_en_ongewijzigd_schrijft_niets(intake, regisseur):
    banen = [{"functie": "Kapper", "sector": "Dienstverlening", "jaren": "6"}]
    services.werkervaring_opslaan(intake=intake, door=regisseur, banen=banen)
    eerste = list(intake.werkervaring.values_list("pk", flat=True))
    services.werkervaring_opslaan(intake=intake, door=regisseur, banen=banen)
    assert list(intake.werkervaring.values_list("pk", flat=True)) == eerste


def test_gesprek_voor_de_start_wordt_geweigerd(intake, regisseur):
    with pytest.raises(ValidationError) as fout:
        services.gesprek_toevoegen(
            intake=intake, door=regisseur, datum=datetime.date(2026, 3, 1), deelnemers="persoon"
        )
    assert "datum" in fout.value.message_dict


def test_zrm_score_buiten_1_tot_5_wordt_geweigerd(intake, regisseur):
    with pytest.raises(ValidationError):
        services.zrm_opslaan(
            intake=intake,
            door=regisseur,
            datum=datetime.date(2026, 3, 12),
            scores={**ALLE_SCORES, "financien": 7},
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        ZrmMeting.objects.create(
            persoon=intake.persoon, datum=datetime.date(2026, 3, 12), financien=0
        )


def test_zrm_verloop_toont_elke_meting_per_domein(persoon, regisseur):
    intake = BredeIntakeFactory(persoon=persoon)
    services.zrm_opslaan(
        intake=intake,
        door=regisseur,
        datum=datetime.date(2026, 3, 12),
        scores={**ALLE_SCORES, "financien": 1},
    )
    ZrmMetingFactory(persoon=persoon, datum=datetime.date(2026, 9, 1), scores={"financien": 4})
    verloop = zrm_verloop(persoon=persoon)
    assert [m.datum for m in verloop["metingen"]] == [
        datetime.date(2026, 3, 12),
        datetime.date(2026, 9, 1),
    ]
    assert verloop["rijen"][0] == ("Financiën", [1, 4])


def test_positieve_gezondheid_buiten_0_tot_10_weigert_de_database(intake):
    with pytest.raises(IntegrityError), transaction.atomic():
        BredeIntake.objects.filter(pk=intake.pk).update(pg_meedoen=11)
