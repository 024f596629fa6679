import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from accounts.constants import Rol
from ontzorging import services
from ontzorging.constants import (
    BatchStatus,
    BetalingStatus,
    KenmerkSoort,
    LastSoort,
    MachtigingVorm,
    PeriodeStatus,
    VerwerkingStatus,
)
from ontzorging.models import (
    Afschrift,
    Betaalbatch,
    Betaalinstelling,
    Betaling,
    Ontzorgperiode,
    VasteLast,
)
from ontzorging.services import (
    betaalinstelling_opslaan,
    periode_aanmaken,
    vaste_last_toevoegen,
)
from ontzorging.services.periodes import _termijnen_bijwerken
from tests.accounts.factories import UserFactory
from tests.statushouders.factories import GemeenteFactory, PersoonFactory

# Valid accounts with known banks, so the BIC is derived.
IBAN_GEMEENTE = "NL91ABNA0417164300"
IBAN_WOONCORPORATIE = "NL20INGB0001234567"
IBAN_ENERGIE = "NL44RABO0123456789"
IBAN_WATER = "NL39RABO0300065264"


def doelgroeppersoon(**kwargs):
    """A person the law covers: asiel, inburgeringsplichtig, with bijstand."""
    waarden = {
        "duo_kennisgeving_op": datetime.date(2026, 6, 1),
        "brp_inschrijving_op": datetime.date(2026, 6, 15),
        "bijstand_sinds": datetime.date(2026, 7, 1),
    } | kwargs
    return PersoonFactory(**waarden)


def instelling(gemeente, *, ruimere_doelgroep=False, ruimere_lasten=False) -> Betaalinstelling:
    beheerder = UserFactory(rol=Rol.FUNCTIONEEL_BEHEERDER, gemeenten=[gemeente])
    return betaalinstelling_opslaan(
        gemeente=gemeente,
        door=beheerder,
        rekeninghouder="Gemeente Weert",
        iban=IBAN_GEMEENTE,
        ruimere_doelgroep=ruimere_doelgroep,
        ruimere_lasten=ruimere_lasten,
    )


def periode(persoon, door, *, machtiging=True, **kwargs):
    waarden = {
        "machtiging_op": datetime.date(2026, 7, 1) if machtiging else None,
        "machtiging_vorm": MachtigingVorm.SCHRIFTELIJK if machtiging else "",
    } | kwargs
    return periode_aanmaken(persoon=persoon, door=door, **waarden)


def last(periode, door, **kwargs):
    """A vaste last through the service, from August 2026 — the month after the day most
    tests pin (20-07-2026), so adding it plans that one month at once. Each further last of
    the period gets a reference of its own, as a second contract would; two with the same
    account and reference are one."""
    eerder = periode.lasten.count()
    waarden = {
        "soort": LastSoort.HUUR,
        "crediteur": "Woonstichting De Kempen",
        "iban": IBAN_WOONCORPORATIE,
        "bic": "",
        "kenmerk_soort": KenmerkSoort.OMSCHRIJVING,
        "kenmerk": "Huurcontract 12345" if not eerder else f"Huurcontract 12345-{eerder + 1}",
        "maandbedrag": Decimal("612.50"),
        "eerste_maand": datetime.date(2026, 8, 1),
        "laatste_maand": datetime.date(2026, 12, 1),
    } | kwargs
    return vaste_last_toevoegen(periode=periode, door=door, **waarden)


# --- Factories with a state each, for tests that start from a given situation ---------------


class BetaalinstellingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Betaalinstelling
        django_get_or_create = ("gemeente",)

    gemeente = factory.SubFactory(GemeenteFactory)
    rekeninghouder = "Gemeente Weert"
    iban = IBAN_GEMEENTE
    bic = "ABNANL2A"


class OntzorgperiodeFactory(factory.django.DjangoModelFactory):
    """An active period with a machtiging; its end lives in the `ontzorgperiode` deadline,
    computed as the service does."""

    class Meta:
        model = Ontzorgperiode
        skip_postgeneration_save = True

    persoon = factory.SubFactory(
        PersoonFactory,
        duo_kennisgeving_op=datetime.date(2026, 6, 1),
        brp_inschrijving_op=datetime.date(2026, 6, 15),
        bijstand_sinds=datetime.date(2026, 7, 1),
        regisseur=factory.SubFactory(UserFactory),
    )
    start_bijstand = factory.LazyAttribute(lambda o: o.persoon.bijstand_sinds)
    status = PeriodeStatus.ACTIEF
    machtiging_op = datetime.date(2026, 7, 1)
    machtiging_vorm = MachtigingVorm.SCHRIFTELIJK
    aangemaakt_door = factory.SelfAttribute("persoon.regisseur")

    class Params:
        actief = factory.Trait(status=PeriodeStatus.ACTIEF)
        afbouw = factory.Trait(
            status=PeriodeStatus.AFBOUW, overdracht_gemeld_op=datetime.date(2026, 12, 4)
        )
        beeindigd = factory.Trait(
            status=PeriodeStatus.BEEINDIGD,
            beeindigd_op=datetime.date(2026, 10, 15),
            beeindiging_reden="Bijstand beëindigd",
        )
        zonder_machtiging = factory.Trait(machtiging_op=None, machtiging_vorm="")

    @factory.post_generation
    def termijnen(self, create, extracted, **kwargs):
        if create:
            _termijnen_bijwerken(self)


class VasteLastFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VasteLast

    periode = factory.SubFactory(OntzorgperiodeFactory)
    soort = LastSoort.HUUR
    crediteur = "Woonstichting De Kempen"
    iban = IBAN_WOONCORPORATIE
    bic = "INGBNL2A"
    kenmerk_soort = KenmerkSoort.OMSCHRIJVING
    kenmerk = "Huurcontract 12345"
    maandbedrag = Decimal("612.50")
    eerste_maand = datetime.date(2026, 7, 1)
    laatste_maand = datetime.date(2026, 12, 1)


class BetalingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Betaling

    vaste_last = factory.SubFactory(VasteLastFactory)
    maand = datetime.date(2026, 8, 1)
    bedrag = factory.SelfAttribute("vaste_last.maandbedrag")
    status = BetalingStatus.GEPLAND

    class Params:
        gepland = factory.Trait(status=BetalingStatus.GEPLAND)
        in_batch = factory.Trait(status=BetalingStatus.IN_BATCH)
        betaald = factory.Trait(status=BetalingStatus.BETAALD, betaald_op=datetime.date(2026, 8, 3))
        mislukt = factory.Trait(
            status=BetalingStatus.MISLUKT,
            reden_mislukt="Teruggeboekt door de bank: AC04 rekening opgeheven",
        )


class BetaalbatchFactory(factory.django.DjangoModelFactory):
    """A composed batch; `goedgekeurd` adds a teamleider's approval, `geexporteerd` the file."""

    class Meta:
        model = Betaalbatch
        skip_postgeneration_save = True

    gemeente = factory.SubFactory(GemeenteFactory)
    uitvoerdatum = datetime.date(2026, 7, 24)
    samengesteld_door = factory.SubFactory(UserFactory)
    status = BatchStatus.SAMENGESTELD

    class Params:
        goedgekeurd = factory.Trait(
            status=BatchStatus.GOEDGEKEURD,
            goedgekeurd_door=factory.SubFactory(UserFactory, teamleider=True),
            goedgekeurd_op=factory.LazyFunction(timezone.now),
        )
        geexporteerd = factory.Trait(
            goedgekeurd=True,
            status=BatchStatus.GEEXPORTEERD,
            export_status="klaar",
            export_voortgang=100,
            bericht_id="KOERS-TEST",
            sepa_xml="<Document/>",
            geexporteerd_op=factory.LazyFunction(timezone.now),
        )

    @factory.post_generation
    def medewerkers(self, create, extracted, **kwargs):
        """Who composed and approved work for the batch's gemeente."""
        if create:
            for gebruiker in (self.samengesteld_door, self.goedgekeurd_door):
                if gebruiker is not None:
                    gebruiker.gemeenten.add(self.gemeente)


class AfschriftFactory(factory.django.DjangoModelFactory):
    """A bank statement read in, waiting to be processed; a trait per later state."""

    class Meta:
        model = Afschrift

    gemeente = factory.SubFactory(GemeenteFactory)
    bestand = factory.django.FileField(filename="afschrift-20260728.xml", data=b"<Document/>")
    bestandsnaam = "afschrift-20260728.xml"
    ingelezen_door = factory.SubFactory(UserFactory)
    status = VerwerkingStatus.WACHT

    class Params:
        bezig = factory.Trait(status=VerwerkingStatus.BEZIG, voortgang=40)
        klaar = factory.Trait(
            status=VerwerkingStatus.KLAAR, voortgang=100, regels=3, betaald=2, mislukt=1
        )
        mislukt_ingelezen = factory.Trait(
            status=VerwerkingStatus.MISLUKT, foutmelding="Het bestand is geen camt.053."
        )


def batch_naar_de_bank(
    gemeente,
    samensteller,
    *,
    maand=datetime.date(2026, 8, 1),
    uitvoerdatum=datetime.date(2026, 7, 24),
    exporteren=True,
):
    """Plan the month, compose a batch of everything due, have another teamleider approve it
    and (by default) export it: the way a batch reaches the bank."""
    services.betalingen_plannen(maand=maand)
    batch = services.batch_samenstellen(
        gemeente=gemeente, door=samensteller, uitvoerdatum=uitvoerdatum, tot_maand=maand
    )
    teamleider = UserFactory(teamleider=True, gemeenten=[gemeente])
    batch = services.batch_goedkeuren(batch=batch, door=teamleider, waarschuwingen_gezien=True)
    if exporteren:
        batch = services.batch_exporteren(batch=batch)
    return batch


def drie_crediteuren_naar_de_bank(gemeente, door):
    """An exported batch of three payments for one person's August: huur 612.50, energie
    95.40 and water 21.09, executed 29-07-2026."""
    instelling(gemeente)
    p = periode(doelgroeppersoon(gemeente=gemeente, regisseur=door), door)
    augustus = datetime.date(2026, 8, 1)
    last(p, door, eerste_maand=augustus)
    last(
        p,
        door,
        soort="energie",
        crediteur="Energie BV",
        iban=IBAN_ENERGIE,
        maandbedrag=Decimal("95.40"),
        eerste_maand=augustus,
    )
    last(
        p,
        door,
        soort="water",
        crediteur="Waterbedrijf Limburg",
        iban=IBAN_WATER,
        maandbedrag=Decimal("21.09"),
        eerste_maand=augustus,
    )
    return batch_naar_de_bank(gemeente, door, uitvoerdatum=datetime.date(2026, 7, 29))
