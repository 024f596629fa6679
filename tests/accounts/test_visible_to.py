"""Every model that belongs to a person or a gemeente answers `visible_to(user)` with the rows of
the user's own gemeenten, for the purpose the model is read for (accounts.scope): a user of
gemeente A sees A's row, never B's."""

import datetime
from decimal import Decimal

import pghistory.models
import pytest
import time_machine
from django.apps import apps
from django.contrib.auth import get_user_model

from core.models import Toegangslog
from intake.constants import Leefgebied
from intake.models import Gesprek, LeefgebiedBevinding, Werkervaring
from ontzorging.constants import PlanningAanleiding
from ontzorging.models import (
    Afschrift,
    Batchregel,
    Betalingsplanning,
    Terugboeking,
    Verlenging,
    VerwerkteBoeking,
)
from partners.models import Terugkoppeling
from pip_plans.constants import DoelStatus
from pip_plans.models import DoelVoortgang, DuoVerlenging, Voortgangsgesprek
from reports.models import CbsLevering, Leveringsdownload
from statushouders.constants import DossierMutatie, Relatie, Uitstroomreden
from statushouders.models import (
    DossierAfsluiting,
    Gemeente,
    Gezinsrelatie,
    Inzage,
    Verwijderverslag,
)
from termijnen.models import Herinnering, Melding, Termijn, TermijnConfig
from tests.accounts.factories import UserFactory
from tests.intake.factories import BredeIntakeFactory, HeropeningFactory, ZrmMetingFactory
from tests.ontzorging.factories import (
    AfschriftFactory,
    BetaalbatchFactory,
    BetaalinstellingFactory,
    BetalingFactory,
    OntzorgperiodeFactory,
    VasteLastFactory,
)
from tests.partners.factories import VerwijzingFactory
from tests.pip_plans.factories import PlanDoelFactory, PlanFactory
from tests.reports.factories import ParticipatieFactory, RapportFactory, TaakstellingFactory
from tests.statushouders.factories import (
    ContactmomentFactory,
    GemeenteFactory,
    HuishoudenFactory,
    PersoonFactory,
)

pytestmark = pytest.mark.django_db

DAG = datetime.date(2026, 8, 3)


@pytest.fixture(autouse=True)
def vaste_dag():
    with time_machine.travel(datetime.datetime(2026, 9, 1, 10, tzinfo=datetime.UTC), tick=False):
        yield


def _persoon(gemeente):
    return PersoonFactory(gemeente=gemeente)


def _door():
    return UserFactory()


def _termijn(gemeente):
    return Termijn.objects.create(
        persoon=_persoon(gemeente),
        config=TermijnConfig.objects.order_by("code").first(),
        sleutel="proef",
        basisdatum=DAG,
        vervalt_op=DAG + datetime.timedelta(weeks=4),
    )


def _plan(gemeente):
    return PlanFactory(intake__persoon__gemeente=gemeente)


def _gesprek(gemeente):
    return Voortgangsgesprek.objects.create(plan=_plan(gemeente), datum=DAG, door=_door())


def _doelvoortgang(gemeente):
    doel = PlanDoelFactory(plan__intake__persoon__gemeente=gemeente)
    gesprek = Voortgangsgesprek.objects.create(plan=doel.plan, datum=DAG, door=_door())
    return DoelVoortgang.objects.create(gesprek=gesprek, doel=doel, status=DoelStatus.LOOPT)


def _batchregel(gemeente):
    betaling = BetalingFactory(vaste_last__periode__persoon__gemeente=gemeente)
    return Batchregel.objects.create(
        batch=BetaalbatchFactory(gemeente=gemeente),
        betaling=betaling,
        bedrag=betaling.bedrag,
        crediteur="Woonstichting De Kempen",
        iban="NL20INGB0001234567",
        kenmerk="Huurcontract 12345",
        end_to_end_id=f"KOERS-{betaling.pk}",
    )


# Model, purpose of its rows (the role that reads them), and a row of the gemeente given.
REGISTER = {
    "Gemeente": ("dossier", lambda g: g),
    "Huishouden": ("dossier", lambda g: HuishoudenFactory(gemeente=g)),
    "Persoon": ("dossier", _persoon),
    "Gezinsrelatie": (
        "dossier",
        lambda g: Gezinsrelatie.objects.create(
            persoon=_persoon(g), gezinslid=_persoon(g), relatie=Relatie.KIND
        ),
    ),
    "Contactmoment": ("dossier", lambda g: ContactmomentFactory(persoon=_persoon(g), door=_door())),
    "DossierAfsluiting": (
        "dossier",
        lambda g: DossierAfsluiting.objects.create(
            persoon=_persoon(g),
            soort=DossierMutatie.AFGESLOTEN,
            datum=DAG,
            uitstroomreden=Uitstroomreden.BETAALD_WERK,
            door=_door(),
        ),
    ),
    "Inzage": (
        "beheer",
        lambda g: Inzage.objects.create(persoon=_persoon(g), aangevraagd_door=_door()),
    ),
    "Verwijderverslag": (
        "beheer",
        lambda g: Verwijderverslag.objects.create(
            gemeente=g,
            aantal_personen=0,
            bewaartermijn_jaren=7,
            selectielijst_categorie="Selectielijst gemeenten 2020, categorie 1.1",
        ),
    ),
    "Termijn": ("dossier", _termijn),
    "Herinnering": (
        "dossier",
        lambda g: Herinnering.objects.create(termijn=_termijn(g), moment="week"),
    ),
    "BredeIntake": ("dossier", lambda g: BredeIntakeFactory(persoon__gemeente=g)),
    "Gesprek": (
        "dossier",
        lambda g: Gesprek.objects.create(
            intake=BredeIntakeFactory(persoon__gemeente=g),
            datum=DAG,
            deelnemers="persoon, tolk",
            door=_door(),
        ),
    ),
    "LeefgebiedBevinding": (
        "dossier",
        lambda g: LeefgebiedBevinding.objects.create(
            intake=BredeIntakeFactory(persoon__gemeente=g), leefgebied=Leefgebied.WONEN
        ),
    ),
    "Werkervaring": (
        "dossier",
        lambda g: Werkervaring.objects.create(
            intake=BredeIntakeFactory(persoon__gemeente=g), functie="Kok", jaren=Decimal("4")
        ),
    ),
    "ZrmMeting": ("dossier", lambda g: ZrmMetingFactory(persoon__gemeente=g)),
    "Heropening": ("dossier", lambda g: HeropeningFactory(intake__persoon__gemeente=g)),
    "Verwijzing": ("dossier", lambda g: VerwijzingFactory(persoon__gemeente=g)),
    "Terugkoppeling": (
        "dossier",
        lambda g: Terugkoppeling.objects.create(
            verwijzing=VerwijzingFactory(persoon__gemeente=g),
            datum=DAG,
            tekst="Eerste les gevolgd",
            door=_door(),
        ),
    ),
    "Plan": ("dossier", _plan),
    "PlanDoel": ("dossier", lambda g: PlanDoelFactory(plan__intake__persoon__gemeente=g)),
    "PlanVersie": (
        "dossier",
        lambda g: PlanFactory(intake__persoon__gemeente=g, vastgesteld=True).versies.get(),
    ),
    "DuoVerlenging": (
        "dossier",
        lambda g: DuoVerlenging.objects.create(
            plan=_plan(g),
            besluit_op=DAG,
            nieuwe_einddatum=datetime.date(2029, 6, 1),
            reden="Ziekte",
            door=_door(),
        ),
    ),
    "Voortgangsgesprek": ("dossier", _gesprek),
    "DoelVoortgang": ("dossier", _doelvoortgang),
    "Betaalinstelling": ("beheer", lambda g: BetaalinstellingFactory(gemeente=g)),
    "Ontzorgperiode": ("dossier", lambda g: OntzorgperiodeFactory(persoon__gemeente=g)),
    "Verlenging": (
        "dossier",
        lambda g: Verlenging.objects.create(
            periode=OntzorgperiodeFactory(persoon__gemeente=g),
            tot=datetime.date(2027, 6, 30),
            besluit_op=DAG,
            reden="Schulden nog niet geregeld",
            door=_door(),
        ),
    ),
    "VasteLast": ("dossier", lambda g: VasteLastFactory(periode__persoon__gemeente=g)),
    "Betaling": (
        "dossier",
        lambda g: BetalingFactory(vaste_last__periode__persoon__gemeente=g),
    ),
    "Betaalbatch": ("dossier", lambda g: BetaalbatchFactory(gemeente=g)),
    "Batchregel": ("dossier", _batchregel),
    "Betalingsplanning": (
        "dossier",
        lambda g: Betalingsplanning.objects.create(
            aanleiding=PlanningAanleiding.BEHEER,
            gemeente=g,
            tot_maand=datetime.date(2026, 8, 1),
            aantal=0,
            ingehaald=0,
        ),
    ),
    "Afschrift": (
        "dossier",
        lambda g: Afschrift.objects.create(
            gemeente=g,
            bestand="afschriften/2026/08/afschrift.xml",
            bestandsnaam="afschrift.xml",
            ingelezen_door=_door(),
        ),
    ),
    "VerwerkteBoeking": (
        "dossier",
        lambda g: VerwerkteBoeking.objects.create(
            gemeente=g,
            rekening="NL91ABNA0417164300",
            sleutel="ref:1",
            afschrift=AfschriftFactory(gemeente=g),
        ),
    ),
    "Terugboeking": (
        "dossier",
        lambda g: Terugboeking.objects.create(
            batchregel=_batchregel(g),
            soort="retour",
            reden="Teruggeboekt door de bank: AC04 rekening opgeheven",
            afschrift=AfschriftFactory(gemeente=g),
        ),
    ),
    "Participatie": ("dossier", lambda g: ParticipatieFactory(persoon__gemeente=g)),
    "Taakstelling": ("rapportage", lambda g: TaakstellingFactory(gemeente=g)),
    "CbsLevering": (
        "rapportage",
        lambda g: CbsLevering.objects.create(
            gemeente=g, jaar=2026, kwartaal=2, geleverd_op=DAG, door=_door()
        ),
    ),
    "Rapport (kwartaalrapport)": ("rapportage", lambda g: RapportFactory(gemeenten=[g])),
    "Rapport (levering)": ("beheer", lambda g: RapportFactory(gemeenten=[g], levering=True)),
    "Leveringsdownload": (
        "beheer",
        lambda g: Leveringsdownload.objects.create(
            rapport=RapportFactory(gemeenten=[g], levering=True),
            gebruiker=_door(),
            bestand="csv",
            aantal_personen=1,
        ),
    ),
}

# Who reads rows of each purpose: a regisseur the dossiers and payments, a teamleider the
# figures, functioneel beheer what it manages.
ROLLEN = {"dossier": {}, "rapportage": {"teamleider": True}, "beheer": {"beheerder": True}}


def _zichtbaar(rij, user) -> bool:
    return type(rij).objects.visible_to(user).filter(pk=rij.pk).exists()


@pytest.mark.parametrize(("doel", "maken"), REGISTER.values(), ids=REGISTER.keys())
def test_een_gebruiker_van_a_ziet_de_rij_van_a_en_niet_die_van_b(doel, maken):
    a, b = GemeenteFactory(naam="Weert"), GemeenteFactory(naam="Cranendonck")
    van_a, van_b = maken(a), maken(b)
    user = UserFactory(gemeenten=[a], **ROLLEN[doel])

    assert _zichtbaar(van_a, user)
    assert not _zichtbaar(van_b, user)


# Tables of accounts, not of a gemeente's work: scoped by the accounts a beheerder manages
# (accounts.selectors), and `accounts` sits below the querysets of `statushouders`.
ACCOUNTTABELLEN = {"GemeenteLidmaatschap", "Rechtenaanvraag"}


def _hoort_bij_een_gemeente(model, diepte=5) -> bool:
    """Whether a chain of foreign keys leads from `model` to a gemeente (a person has one), not
    counting the users who did something (a user's gemeenten are their work, not the row's)."""
    if model is Gemeente:
        return True
    if diepte == 0 or model is get_user_model():
        return False
    return any(
        _hoort_bij_een_gemeente(veld.related_model, diepte - 1)
        for veld in model._meta.get_fields()
        if veld.concrete and veld.is_relation
    )


def test_elk_model_van_een_persoon_of_gemeente_heeft_visible_to():
    zonder = {
        model.__name__
        for model in apps.get_models()
        if not issubclass(model, pghistory.models.Event)  # the history, read through its row
        and _hoort_bij_een_gemeente(model)
        and not hasattr(model._default_manager, "visible_to")
    }
    assert zonder == ACCOUNTTABELLEN


def test_elk_model_met_visible_to_staat_in_het_register():
    """A new model of a person or a gemeente gets a row in REGISTER, and so this test."""
    # Their rule is not the gemeente: the addressee's own, and beheer's whole log.
    eigen_regel = {"Melding", "Toegangslog"}
    met_visible_to = {
        model.__name__
        for model in apps.get_models()
        if hasattr(model._default_manager, "visible_to")
    }
    assert met_visible_to == {sleutel.split(" ")[0] for sleutel in REGISTER} | eigen_regel


@pytest.mark.parametrize(
    ("maken", "lezer"),
    [
        (lambda g: Inzage.objects.create(persoon=_persoon(g), aangevraagd_door=_door()), {}),
        (lambda g: BetaalinstellingFactory(gemeente=g), {}),
        (lambda g: RapportFactory(gemeenten=[g], levering=True), {"teamleider": True}),
        (lambda g: PersoonFactory(gemeente=g), {"beheerder": True}),
    ],
    ids=["inzage-regisseur", "betaalinstelling-regisseur", "levering-teamleider", "dossier-beheer"],
)
def test_wie_de_rijen_niet_leest_ziet_ze_ook_in_de_eigen_gemeente_niet(maken, lezer):
    gemeente = GemeenteFactory()
    rij = maken(gemeente)
    assert not _zichtbaar(rij, UserFactory(gemeenten=[gemeente], **lezer))


def test_een_rapport_van_a_en_b_is_niet_zichtbaar_voor_wie_alleen_a_heeft():
    a, b = GemeenteFactory(), GemeenteFactory()
    rapport = RapportFactory(gemeenten=[a, b])
    assert not _zichtbaar(rapport, UserFactory(teamleider=True, gemeenten=[a]))
    assert _zichtbaar(rapport, UserFactory(teamleider=True, gemeenten=[a, b]))


def test_een_melding_is_alleen_voor_wie_haar_krijgt():
    gemeente = GemeenteFactory()
    ontvanger, collega = (UserFactory(gemeenten=[gemeente]) for _ in range(2))
    melding = Melding.objects.create(
        gebruiker=ontvanger, persoon=_persoon(gemeente), tekst="Termijn nadert", link="/"
    )
    assert list(Melding.objects.visible_to(ontvanger)) == [melding]
    assert not Melding.objects.visible_to(collega).exists()


def test_het_toegangslog_is_voor_functioneel_beheer():
    gemeente = GemeenteFactory()
    regisseur = UserFactory(gemeenten=[gemeente])
    regel = Toegangslog.objects.create(gebruiker=regisseur, persoon=_persoon(gemeente), pad="/")
    assert list(Toegangslog.objects.visible_to(UserFactory(beheerder=True))) == [regel]
    assert not Toegangslog.objects.visible_to(regisseur).exists()
