"""The rules a regisseur and teamleider meet in the ontzorging services: what is refused, with
which Dutch message next to which field, and what local policy allows."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError

from ontzorging import services
from ontzorging.constants import (
    BatchStatus,
    BetalingStatus,
    LastSoort,
    MachtigingVorm,
    PeriodeStatus,
)
from ontzorging.models import Betaling, Ontzorgperiode
from statushouders.constants import Doelgroep
from tests.accounts.factories import UserFactory

from .factories import (
    IBAN_GEMEENTE,
    BetalingFactory,
    VasteLastFactory,
    doelgroeppersoon,
    instelling,
    last,
    periode,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def juli():
    with time_machine.travel(datetime.datetime(2026, 7, 20, 9, 0), tick=False):
        yield


AUGUSTUS = datetime.date(2026, 8, 1)


@pytest.fixture
def lopende_periode(weert, regisseur):
    instelling(weert)
    return periode(doelgroeppersoon(gemeente=weert, regisseur=regisseur), regisseur)


def _fout(periode_, regisseur, **kwargs) -> dict:
    with pytest.raises(ValidationError) as fout:
        last(periode_, regisseur, **kwargs)
    return fout.value.message_dict


def _gegevens(last_) -> dict:
    """What the form of a stored last sends back unchanged."""
    velden = ("soort", "crediteur", "iban", "bic", "kenmerk_soort", "kenmerk", "maandbedrag")
    return {veld: getattr(last_, veld) for veld in velden} | {
        "eerste_maand": last_.eerste_maand,
        "laatste_maand": last_.laatste_maand,
    }


# --- Vaste lasten -----------------------------------------------------------------------------


def test_ongeldig_iban_geweigerd_bij_het_veld(lopende_periode, regisseur):
    fouten = _fout(lopende_periode, regisseur, iban="NL91ABNA0417164301")
    assert list(fouten) == ["iban"]
    assert "geen geldig IBAN" in fouten["iban"][0]
    assert not lopende_periode.lasten.exists()


def test_iban_buiten_sepa_geweigerd(lopende_periode, regisseur):
    fouten = _fout(lopende_periode, regisseur, iban="BR1500000000000010932840814P2")
    assert "SEPA-zone" in fouten["iban"][0]


@pytest.mark.parametrize("bedrag", [Decimal("0"), Decimal("0.00"), Decimal("-612.50")])
def test_nul_of_negatief_bedrag_geweigerd(lopende_periode, regisseur, bedrag):
    fouten = _fout(lopende_periode, regisseur, maandbedrag=bedrag)
    assert fouten == {"maandbedrag": ["Het bedrag moet groter zijn dan € 0,00."]}


def test_bedrag_boven_het_maximum_van_de_soort_geweigerd(lopende_periode, regisseur):
    fouten = _fout(lopende_periode, regisseur, soort=LastSoort.WATER, maandbedrag=Decimal("150.01"))
    assert fouten["maandbedrag"] == [
        "€ 150,01 per maand is meer dan het maximum voor water (€ 150,00)."
    ]
    # Exactly the maximum is allowed.
    water = last(lopende_periode, regisseur, soort=LastSoort.WATER, maandbedrag=Decimal("150.00"))
    assert water.maandbedrag == Decimal("150.00")


def test_maximum_per_soort_is_instelbaar(lopende_periode, regisseur, settings):
    settings.KOERS_ONTZORGING_MAXIMA = {"huur": "700"}
    fouten = _fout(lopende_periode, regisseur, maandbedrag=Decimal("700.01"))
    assert "maximum voor huur (€ 700,00)" in fouten["maandbedrag"][0]


def test_bedrag_met_drie_decimalen_geweigerd(lopende_periode, regisseur):
    fouten = _fout(lopende_periode, regisseur, maandbedrag=Decimal("612.505"))
    assert fouten == {"maandbedrag": ["Een bedrag heeft hoogstens twee cijfers achter de komma."]}


def test_bedrag_als_float_geweigerd(lopende_periode, regisseur):
    fouten = _fout(lopende_periode, regisseur, maandbedrag=612.5)
    assert "in euro’s" in fouten["maandbedrag"][0]


def test_laatste_maand_voor_eerste_geweigerd(lopende_periode, regisseur):
    fouten = _fout(
        lopende_periode,
        regisseur,
        eerste_maand=datetime.date(2026, 9, 1),
        laatste_maand=datetime.date(2026, 8, 1),
    )
    assert fouten == {"laatste_maand": ["De laatste maand ligt vóór de eerste maand."]}


def test_betalingskenmerk_met_letters_geweigerd(lopende_periode, regisseur):
    fouten = _fout(
        lopende_periode, regisseur, kenmerk_soort="betalingskenmerk", kenmerk="12345AB89"
    )
    assert fouten == {
        "kenmerk": ["Een betalingskenmerk bestaat alleen uit cijfers: 7, 9 tot en met 14, of 16."]
    }


def test_betalingskenmerk_met_spaties_wordt_compact(lopende_periode, regisseur):
    huur = last(
        lopende_periode,
        regisseur,
        kenmerk_soort="betalingskenmerk",
        kenmerk="8234 5678 9012 3456",
    )
    assert huur.kenmerk == "8234567890123456"


def test_betalingskenmerk_met_verkeerd_controlegetal_geweigerd(lopende_periode, regisseur):
    # The check digit of 234567890123456 is 8 (test_betalingskenmerk), not 1.
    fouten = _fout(
        lopende_periode, regisseur, kenmerk_soort="betalingskenmerk", kenmerk="1234567890123456"
    )
    assert fouten == {
        "kenmerk": [
            "Dit betalingskenmerk klopt niet: het controlegetal wijkt af. Neem het kenmerk "
            "precies over van de acceptgiro of factuur."
        ]
    }
    assert not lopende_periode.lasten.exists()


def test_betalingskenmerk_ook_bij_wijzigen_gecontroleerd(lopende_periode, regisseur):
    huur = last(lopende_periode, regisseur)
    with pytest.raises(ValidationError) as fout:
        services.vaste_last_wijzigen(
            last=huur,
            door=regisseur,
            **_gegevens(huur)
            | {"kenmerk_soort": "betalingskenmerk", "kenmerk": "5000056789012346"},
        )
    assert "controlegetal wijkt af" in fout.value.message_dict["kenmerk"][0]
    huur.refresh_from_db()
    assert huur.kenmerk_soort == "omschrijving"


def test_model_controleert_het_betalingskenmerk_ook(lopende_periode, regisseur):
    huur = last(lopende_periode, regisseur)
    huur.kenmerk_soort = "betalingskenmerk"
    huur.kenmerk = "1234 5678 9012 3456"
    with pytest.raises(ValidationError) as fout:
        huur.full_clean()
    assert "controlegetal wijkt af" in fout.value.message_dict["kenmerk"][0]
    huur.kenmerk = "8234 5678 9012 3456"
    huur.full_clean()
    assert huur.kenmerk == "8234567890123456"


def test_eigen_rekening_van_de_gemeente_als_crediteur_geweigerd(lopende_periode, regisseur):
    fouten = _fout(lopende_periode, regisseur, iban="nl91 abna 0417 1643 00")
    assert fouten == {
        "iban": [
            "Dit is de betaalrekening van de gemeente zelf, niet die van de crediteur. Vul "
            "het IBAN in dat op de factuur of acceptgiro van de crediteur staat."
        ]
    }
    huur = last(lopende_periode, regisseur)
    with pytest.raises(ValidationError) as fout:
        services.vaste_last_wijzigen(
            last=huur, door=regisseur, **_gegevens(huur) | {"iban": IBAN_GEMEENTE, "bic": ""}
        )
    assert list(fout.value.message_dict) == ["iban"]
    huur.refresh_from_db()
    assert huur.iban != IBAN_GEMEENTE


def test_alle_fouten_tegelijk_gemeld(lopende_periode, regisseur):
    fouten = _fout(
        lopende_periode,
        regisseur,
        iban="ongeldig",
        maandbedrag=Decimal("-1"),
        crediteur="",
        kenmerk="",
    )
    assert set(fouten) == {"iban", "maandbedrag", "crediteur", "kenmerk"}


def test_geldige_last_bewaard_met_afgeleide_bic(lopende_periode, regisseur):
    huur = last(lopende_periode, regisseur, iban="nl20 ingb 0001 2345 67")
    assert huur.iban == "NL20INGB0001234567"
    assert huur.bic == "INGBNL2A"
    assert huur.maandbedrag == Decimal("612.50")


def test_lokale_last_geweigerd_zonder_ruimer_beleid(lopende_periode, regisseur):
    fouten = _fout(
        lopende_periode, regisseur, soort=LastSoort.INBOEDEL, maandbedrag=Decimal("12.50")
    )
    assert "alleen huur, energie, water en zorgverzekering" in fouten["soort"][0]


def test_lokale_last_toegestaan_met_ruimere_lasten(weert, regisseur):
    instelling(weert, ruimere_lasten=True)
    p = periode(doelgroeppersoon(gemeente=weert, regisseur=regisseur), regisseur)
    inboedel = last(p, regisseur, soort=LastSoort.INBOEDEL, maandbedrag=Decimal("12.50"))
    assert inboedel.soort == LastSoort.INBOEDEL


# --- Target group -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("gegevens", "reden"),
    [
        ({"doelgroep": Doelgroep.GEZINSMIGRANT}, "asielstatushouders en nareizigers"),
        ({"duo_kennisgeving_op": None}, "niet inburgeringsplichtig"),
        ({"bijstand_sinds": None}, "geen bijstand"),
    ],
)
def test_persoon_buiten_de_doelgroep_geweigerd(weert, regisseur, gegevens, reden):
    instelling(weert)
    persoon = doelgroeppersoon(gemeente=weert, regisseur=regisseur, **gegevens)
    with pytest.raises(ValidationError) as fout:
        periode(persoon, regisseur, start_bijstand=datetime.date(2026, 7, 1))
    assert list(fout.value.message_dict) == ["persoon"]
    assert reden in fout.value.message_dict["persoon"][0]
    assert not Ontzorgperiode.objects.exists()


def test_ruimere_doelgroep_ontzorgt_als_lokaal_beleid(weert, regisseur):
    instelling(weert, ruimere_doelgroep=True)
    persoon = doelgroeppersoon(
        gemeente=weert, regisseur=regisseur, doelgroep=Doelgroep.GEZINSMIGRANT
    )
    p = periode(persoon, regisseur)
    assert p.lokaal_beleid is True
    assert p.status == PeriodeStatus.ACTIEF


def test_wettelijke_doelgroep_is_geen_lokaal_beleid(lopende_periode):
    assert lopende_periode.lokaal_beleid is False


def test_ruimere_doelgroep_ontzorgt_nooit_zonder_bijstand(weert, regisseur):
    instelling(weert, ruimere_doelgroep=True)
    persoon = doelgroeppersoon(
        gemeente=weert,
        regisseur=regisseur,
        doelgroep=Doelgroep.GEZINSMIGRANT,
        bijstand_sinds=None,
    )
    with pytest.raises(ValidationError) as fout:
        periode(persoon, regisseur, start_bijstand=datetime.date(2026, 7, 1))
    assert fout.value.message_dict == {
        "persoon": [
            "De persoon heeft geen bijstand: vul eerst ‘bijstand sinds’ in bij de gegevens."
        ]
    }


def test_tweede_lopende_periode_geweigerd(lopende_periode, regisseur):
    with pytest.raises(ValidationError) as fout:
        periode(lopende_periode.persoon, regisseur)
    assert "Er loopt al een ontzorgperiode" in fout.value.message_dict["persoon"][0]


# --- Machtiging -------------------------------------------------------------------------------


def test_zonder_machtiging_wordt_niets_gepland(weert, regisseur):
    instelling(weert)
    p = periode(doelgroeppersoon(gemeente=weert, regisseur=regisseur), regisseur, machtiging=False)
    last(p, regisseur)
    assert services.betalingen_plannen(maand=AUGUSTUS) == 0
    assert not Betaling.objects.exists()


def test_machtiging_intrekken_haalt_geplande_betalingen_weg(lopende_periode, regisseur):
    last(lopende_periode, regisseur)
    assert list(Betaling.objects.values_list("maand", flat=True)) == [AUGUSTUS]  # at once
    services.periode_bijwerken(
        periode=lopende_periode,
        door=regisseur,
        machtiging_op=None,
        machtiging_vorm="",
        beschikking_op=None,
    )
    assert not Betaling.objects.exists()
    assert services.betalingen_plannen(maand=AUGUSTUS) == 0
    # A new machtiging plans the months again at once.
    services.periode_bijwerken(
        periode=lopende_periode,
        door=regisseur,
        machtiging_op=datetime.date(2026, 7, 20),
        machtiging_vorm=MachtigingVorm.DIGITAAL,
        beschikking_op=None,
    )
    assert list(Betaling.objects.values_list("maand", flat=True)) == [AUGUSTUS]


def test_opnieuw_plannen_zonder_machtiging_geweigerd(weert, regisseur):
    mislukt = BetalingFactory(
        vaste_last=VasteLastFactory(
            periode__zonder_machtiging=True,
            periode__persoon__gemeente=weert,
            periode__persoon__regisseur=regisseur,
        ),
        mislukt=True,
    )
    with pytest.raises(ValidationError) as fout:
        services.betaling_opnieuw_plannen(betaling=mislukt, door=regisseur)
    assert fout.value.messages == ["Zonder machtiging kan niets betaald worden."]
    mislukt.refresh_from_db()
    assert mislukt.status == BetalingStatus.MISLUKT


def test_machtiging_in_de_toekomst_geweigerd(weert, regisseur):
    instelling(weert)
    persoon = doelgroeppersoon(gemeente=weert, regisseur=regisseur)
    with pytest.raises(ValidationError) as fout:
        periode(persoon, regisseur, machtiging_op=datetime.date(2026, 7, 21))
    assert list(fout.value.message_dict) == ["machtiging_op"]


# --- Four eyes --------------------------------------------------------------------------------


@pytest.fixture
def samengestelde_batch(lopende_periode, regisseur):
    last(lopende_periode, regisseur)
    services.betalingen_plannen(maand=AUGUSTUS)
    return services.batch_samenstellen(
        gemeente=lopende_periode.persoon.gemeente,
        door=regisseur,
        uitvoerdatum=datetime.date(2026, 7, 24),
        tot_maand=AUGUSTUS,
    )


def test_samensteller_keurt_eigen_batch_niet_goed(weert, lopende_periode, regisseur):
    teamleider = UserFactory(teamleider=True, gemeenten=[weert])
    last(lopende_periode, regisseur)
    services.betalingen_plannen(maand=AUGUSTUS)
    batch = services.batch_samenstellen(
        gemeente=weert,
        door=teamleider,
        uitvoerdatum=datetime.date(2026, 7, 24),
        tot_maand=AUGUSTUS,
    )
    with pytest.raises(ValidationError) as fout:
        services.batch_goedkeuren(batch=batch, door=teamleider)
    assert "U hebt deze batch samengesteld" in fout.value.messages[0]
    batch.refresh_from_db()
    assert batch.status == BatchStatus.SAMENGESTELD
    assert batch.goedgekeurd_door is None


def test_regisseur_keurt_geen_batch_goed(weert, samengestelde_batch):
    andere_regisseur = UserFactory(gemeenten=[weert])
    with pytest.raises(ValidationError) as fout:
        services.batch_goedkeuren(batch=samengestelde_batch, door=andere_regisseur)
    assert fout.value.messages == ["Alleen een teamleider kan een betaalbatch goedkeuren."]
    samengestelde_batch.refresh_from_db()
    assert samengestelde_batch.status == BatchStatus.SAMENGESTELD


def test_teamleider_van_andere_gemeente_keurt_niet_goed(cranendonck, samengestelde_batch):
    teamleider = UserFactory(teamleider=True, gemeenten=[cranendonck])
    with pytest.raises(ValidationError):
        services.batch_goedkeuren(batch=samengestelde_batch, door=teamleider)


def test_andere_teamleider_keurt_goed(weert, samengestelde_batch):
    teamleider = UserFactory(teamleider=True, gemeenten=[weert])
    batch = services.batch_goedkeuren(
        batch=samengestelde_batch, door=teamleider, waarschuwingen_gezien=True
    )
    assert batch.status == BatchStatus.GOEDGEKEURD
    assert batch.goedgekeurd_door == teamleider
    with pytest.raises(ValidationError):  # once
        services.batch_goedkeuren(batch=batch, door=teamleider)


def test_batch_telt_exact(samengestelde_batch):
    assert samengestelde_batch.aantal == 1
    assert samengestelde_batch.totaal == Decimal("612.50")
    assert Betaling.objects.get().status == BetalingStatus.IN_BATCH


def test_intrekken_plant_betalingen_opnieuw(weert, samengestelde_batch, regisseur):
    services.batch_intrekken(batch=samengestelde_batch, door=regisseur, reden="Verkeerde datum")
    assert Betaling.objects.get().status == BetalingStatus.GEPLAND
    opnieuw = services.batch_samenstellen(
        gemeente=weert,
        door=regisseur,
        uitvoerdatum=datetime.date(2026, 7, 27),
        tot_maand=AUGUSTUS,
    )
    assert opnieuw.aantal == 1


def test_gewijzigd_bedrag_volgt_alleen_wat_nog_niet_verstuurd_is(weert, lopende_periode, regisseur):
    huur = last(lopende_periode, regisseur)
    services.betalingen_plannen(maand=AUGUSTUS)
    services.betalingen_plannen(maand=datetime.date(2026, 9, 1))
    batch = services.batch_samenstellen(
        gemeente=weert, door=regisseur, uitvoerdatum=datetime.date(2026, 7, 24), tot_maand=AUGUSTUS
    )
    services.vaste_last_wijzigen(
        last=huur,
        door=regisseur,
        soort=LastSoort.HUUR,
        crediteur=huur.crediteur,
        iban=huur.iban,
        bic="",
        kenmerk_soort=huur.kenmerk_soort,
        kenmerk=huur.kenmerk,
        maandbedrag=Decimal("650.00"),
        eerste_maand=huur.eerste_maand,
        laatste_maand=datetime.date(2026, 11, 1),
    )
    bedragen = dict(Betaling.objects.values_list("maand", "bedrag"))
    assert bedragen == {AUGUSTUS: Decimal("612.50"), datetime.date(2026, 9, 1): Decimal("650.00")}
    assert batch.regels.get().bedrag == Decimal("612.50")
    batch.refresh_from_db()
    assert batch.totaal == Decimal("612.50")


def test_wijzigen_kan_niet_in_beeindigde_periode(lopende_periode, regisseur):
    huur = last(lopende_periode, regisseur)
    services.periode_beeindigen(
        periode=lopende_periode, door=regisseur, op=datetime.date(2026, 7, 20), reden="Verhuisd"
    )
    with pytest.raises(ValidationError) as fout:
        services.vaste_last_wijzigen(last=huur, door=regisseur, maandbedrag=Decimal("1.00"))
    assert fout.value.messages == ["Deze ontzorgperiode is beëindigd."]
