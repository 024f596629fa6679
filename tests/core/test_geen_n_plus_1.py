"""No page runs a query per row: every list and dossier page answers with as many queries for
one related row as for fifty. A page that starts to load each row on its own (an N+1) fails
here, with the queries that were added."""

import datetime
import re
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import factory
import pytest
import time_machine
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from accounts.constants import AanvraagSoort, Gebeurtenis, Rol
from accounts.models import Beveiligingsgebeurtenis, Rechtenaanvraag
from core.models import Toegangslog
from core.selectors import historie_regels
from intake.constants import Leefgebied
from intake.models import Gesprek, LeefgebiedBevinding
from ontzorging.constants import BetalingStatus
from ontzorging.models import Batchregel, Betaalbatch, Betaling, Ontzorgperiode
from partners.models import Terugkoppeling
from pip_plans import services as plan_services
from pip_plans.models import Voortgangsgesprek
from reports.models import CbsLevering, Taakstelling
from statushouders.models import Gezinsrelatie, Persoon
from termijnen.models import Feestdag, Melding, Termijn, TermijnConfig
from tests.accounts.factories import UserFactory
from tests.ontzorging.factories import BetaalbatchFactory, BetalingFactory, VasteLastFactory
from tests.partners.factories import PartnerFactory, VerwijzingFactory
from tests.pip_plans.factories import PlanDoelFactory
from tests.reports.factories import ParticipatieFactory, RapportFactory
from tests.statushouders.factories import (
    ContactmomentFactory,
    GemeenteFactory,
    HuishoudenFactory,
    PersoonFactory,
)
from tests.twee_gemeenten import Dossier, dossier_bouwen, ontzorging_bouwen

pytestmark = pytest.mark.django_db

# A page that needs more than this for one row does too much, N+1 or not.
MAXIMUM_QUERIES = 40
VEEL = 50
# The history panel: one query for the users and one per kind of object its lines name.
MAXIMUM_HISTORIE = 12


@dataclass
class Wereld:
    """One gemeente with a full dossier, its ontzorging, a partner and a user of every role."""

    gemeente: object
    partner: object
    gebruikers: dict
    dossier: Dossier
    betalen: object

    @property
    def persoon(self) -> Persoon:
        return self.dossier.persoon

    @property
    def regisseur(self):
        return self.gebruikers["regisseur"]


VANDAAG = datetime.datetime(2026, 4, 15, 10, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _vaste_dag():
    # The clock stands still: a session is refreshed after a while, and that is no N+1.
    with time_machine.travel(VANDAAG, tick=False):
        yield


@pytest.fixture(scope="module")
def _gedeelde_wereld(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for every page: each test adds its rows inside a transaction of its own
    that is rolled back after it, so the next test finds the world as it was built."""
    with (
        django_db_blocker.unblock(),
        time_machine.travel(VANDAAG),
        override_settings(PRIVATE_MEDIA_ROOT=tmp_path_factory.mktemp("private")),
        transaction.atomic(),
    ):
        weert = GemeenteFactory(naam="Weert", cbs_code="GM0988")
        partner = PartnerFactory(naam="Taalhuis Weert")
        ander = PartnerFactory(naam="Werkplein Weert")
        gebruikers = {
            "regisseur": UserFactory(username="r-weert", gemeenten=[weert]),
            "teamleider": UserFactory(username="t-weert", teamleider=True, gemeenten=[weert]),
            "partner": UserFactory(username="p-weert", partnermedewerker=True, partner=partner),
            "beheerder": UserFactory(username="beheer", beheerder=True, gemeenten=[weert]),
        }
        # A PDF of the PIP version without rendering one: the pages only link to it.
        dossier = dossier_bouwen(weert, gebruikers["regisseur"], partner, ander, [b"%PDF-1.4 plan"])
        huishouden = HuishoudenFactory(gemeente=weert, hoofdpersoon=dossier.persoon)
        Persoon.objects.filter(pk=dossier.persoon.pk).update(huishouden=huishouden)
        betalen = ontzorging_bouwen(
            weert, gebruikers["regisseur"], gebruikers["teamleider"], [dossier], staten=3
        )
        yield Wereld(
            gemeente=weert, partner=partner, gebruikers=gebruikers, dossier=dossier, betalen=betalen
        )
        transaction.set_rollback(True)


@pytest.fixture
def wereld(_gedeelde_wereld, db) -> Wereld:
    return _gedeelde_wereld


# --- How each kind of row is added: `n` more, in as few inserts as the factories allow ----


def _personen(w: Wereld, n: int, **kwargs) -> list[Persoon]:
    waarden = {"gemeente": w.gemeente, "regisseur": w.regisseur} | kwargs
    return Persoon.objects.bulk_create([PersoonFactory.build(**waarden) for _ in range(n)])


def _personen_met_termijn(w: Wereld, n: int, *, personen=None):
    config = TermijnConfig.objects.get(code="pip_vaststellen")
    vandaag = datetime.date(2026, 4, 15)
    Termijn.objects.bulk_create(
        Termijn(
            persoon=persoon,
            config=config,
            basisdatum=vandaag - datetime.timedelta(weeks=10),
            vervalt_op=vandaag + datetime.timedelta(days=i % 10 - 5),
        )
        for i, persoon in enumerate(personen or _personen(w, n))
    )


def _termijnen_van_regisseurs(w: Wereld, n: int):
    """Deadlines of persons each with a regisseur of their own: the team's overview counts
    per regisseur."""
    personen = [
        PersoonFactory.build(gemeente=w.gemeente, regisseur=regisseur)
        for regisseur in _gebruikers(w, n)
    ]
    _personen_met_termijn(w, n, personen=Persoon.objects.bulk_create(personen))


def _dossiertermijnen(w: Wereld, n: int):
    config = TermijnConfig.objects.get(code="voortgangsgesprek")
    start = Termijn.objects.filter(persoon=w.persoon, config=config).count()
    Termijn.objects.bulk_create(
        Termijn(
            persoon=w.persoon,
            config=config,
            sleutel=f"gesprek-{start + i}",
            onderwerp=f"Gesprek {start + i}",
            basisdatum=datetime.date(2026, 4, 1),
            vervalt_op=datetime.date(2026, 5, 1) + datetime.timedelta(days=i),
        )
        for i in range(n)
    )


def _contactmomenten(w: Wereld, n: int):
    ContactmomentFactory.create_batch(n, persoon=w.persoon)


def _verwijzingen(w: Wereld, n: int):
    VerwijzingFactory.create_batch(n, persoon=w.persoon, partner=w.partner, door=w.regisseur)


def _huishoudleden(w: Wereld, n: int):
    persoon = Persoon.objects.get(pk=w.persoon.pk)
    leden = _personen(w, n, huishouden_id=persoon.huishouden_id)
    Gezinsrelatie.objects.bulk_create(
        Gezinsrelatie(persoon=persoon, gezinslid=lid, relatie="kind") for lid in leden
    )


def _participaties(w: Wereld, n: int):
    ParticipatieFactory.create_batch(n, persoon=w.persoon, door=w.regisseur)


def _leefgebieden(w: Wereld, n: int):
    """A life domain has one finding per intake: at most every domain, not fifty."""
    intake = w.persoon.intakes.get()
    bestaand = set(intake.leefgebieden.values_list("leefgebied", flat=True))
    nieuw = [code for code in Leefgebied.values if code not in bestaand][:n]
    LeefgebiedBevinding.objects.bulk_create(
        LeefgebiedBevinding(intake=intake, leefgebied=code, bevindingen="Gezien") for code in nieuw
    )


def _intakegesprekken(w: Wereld, n: int):
    intake = w.persoon.intakes.get()
    Gesprek.objects.bulk_create(
        Gesprek(
            intake=intake,
            datum=datetime.date(2026, 3, 11),
            deelnemers="Persoon en tolk",
            notities="Kennismaking",
            door=w.regisseur,
        )
        for _ in range(n)
    )


def _doelen(w: Wereld, n: int):
    PlanDoelFactory.create_batch(n, plan=w.persoon.plan)


def _doelen_in_nieuwe_versie(w: Wereld, n: int):
    """More goals, fixed in a new version of the PIP: the versions hold them as they were."""
    plan = w.persoon.plan
    PlanDoelFactory.create_batch(n, plan=plan)
    plan_services.plan_wijzigen(plan=plan, door=w.regisseur)
    plan_services.plan_vaststellen(
        plan=plan, door=w.regisseur, bekendmaking_op=datetime.date(2026, 4, 15)
    )


def _laatste_versie(w: Wereld) -> str:
    nummer = w.persoon.plan.versies.order_by("-nummer").values_list("nummer", flat=True)[0]
    return reverse("pip_plans:versie-detail", kwargs={"uuid": w.persoon.uuid, "nummer": nummer})


def _voortgangsgesprekken(w: Wereld, n: int):
    Voortgangsgesprek.objects.bulk_create(
        Voortgangsgesprek(
            plan=w.persoon.plan,
            datum=datetime.date(2026, 4, 1) - datetime.timedelta(days=i),
            verslag="Gaat goed",
            door=w.regisseur,
        )
        for i in range(n)
    )


def _terugkoppelingen(w: Wereld, n: int):
    Terugkoppeling.objects.bulk_create(
        Terugkoppeling(
            verwijzing=w.dossier.verwijzing_a,
            datum=datetime.date(2026, 4, 1),
            tekst="Aanwezig geweest",
            door=w.gebruikers["partner"],
        )
        for _ in range(n)
    )


def _portaalverwijzingen(w: Wereld, n: int):
    for persoon in _personen(w, n):
        VerwijzingFactory(persoon=persoon, partner=w.partner, door=w.regisseur)


def _vaste_lasten(w: Wereld, n: int):
    """More fixed costs on the dossier's period, each with a payment of its own."""
    periode = Ontzorgperiode.objects.get(uuid=w.dossier.periode_uuid)
    start = periode.lasten.count()
    lasten = VasteLastFactory.create_batch(
        n,
        periode=periode,
        kenmerk=factory.Sequence(lambda i: f"Energiecontract {start + i}"),
        eerste_maand=datetime.date(2026, 4, 1),
        laatste_maand=datetime.date(2026, 7, 1),
    )
    Betaling.objects.bulk_create(
        Betaling(vaste_last=last, maand=datetime.date(2026, 4, 1), bedrag=last.maandbedrag)
        for last in lasten
    )


def _betalingen(w: Wereld, n: int, **betaling):
    """Payments of other persons of the gemeente, each on a fixed cost of its own."""
    for persoon in _personen(w, n, bijstand_sinds=datetime.date(2026, 2, 1)):
        periode = Ontzorgperiode.objects.create(
            persoon=persoon,
            start_bijstand=persoon.bijstand_sinds,
            machtiging_op=persoon.bijstand_sinds,
            machtiging_vorm="schriftelijk",
            aangemaakt_door=w.regisseur,
        )
        BetalingFactory(
            vaste_last__periode=periode,
            vaste_last__eerste_maand=datetime.date(2026, 4, 1),
            maand=datetime.date(2026, 4, 1),
            **betaling,
        )


def _betaalde_betalingen(w: Wereld, n: int):
    _betalingen(w, n, status=BetalingStatus.BETAALD, betaald_op=datetime.date(2026, 4, 3))


def _batches(w: Wereld, n: int):
    BetaalbatchFactory.create_batch(n, gemeente=w.gemeente, samengesteld_door=w.regisseur)


def _batchregels(w: Wereld, n: int):
    batch = Betaalbatch.objects.get(uuid=w.betalen.samengesteld_uuid)
    start = batch.regels.count()
    for i, betaling in enumerate(_nieuwe_betalingen(w, n)):
        Batchregel.objects.create(
            batch=batch,
            betaling=betaling,
            bedrag=betaling.bedrag,
            crediteur=betaling.vaste_last.crediteur,
            iban=betaling.vaste_last.iban,
            kenmerk=betaling.vaste_last.kenmerk,
            end_to_end_id=f"KOERS-N1-{start + i}",
        )


def _nieuwe_betalingen(w: Wereld, n: int) -> list[Betaling]:
    voor = set(Betaling.objects.values_list("pk", flat=True))
    _betalingen(w, n)
    return list(Betaling.objects.exclude(pk__in=voor).select_related("vaste_last"))


def _meldingen(w: Wereld, n: int):
    Melding.objects.bulk_create(
        Melding(
            gebruiker=w.regisseur,
            persoon=w.persoon,
            tekst="Termijn nadert",
            link=w.persoon.get_absolute_url(),
        )
        for _ in range(n)
    )


def _toegangslog(w: Wereld, n: int):
    Toegangslog.objects.bulk_create(
        Toegangslog(
            gebruiker=w.regisseur,
            persoon=persoon,
            persoon_uuid=persoon.uuid,
            pad=persoon.get_absolute_url(),
        )
        for persoon in _personen(w, n)
    )


def _toegang_tot_dossier(w: Wereld, n: int):
    Toegangslog.objects.bulk_create(
        Toegangslog(
            gebruiker=user,
            persoon=w.persoon,
            persoon_uuid=w.persoon.uuid,
            pad=w.persoon.get_absolute_url(),
        )
        for user in _gebruikers(w, n)
    )


def _gevonden_personen(w: Wereld, n: int):
    _personen(w, n, achternaam="Zoekvogel")


def _gemeenten_van_regisseur(w: Wereld, n: int):
    w.regisseur.gemeenten.add(*_gemeenten(w, n))


def _rechtenaanvragen_van_regisseur(w: Wereld, n: int):
    gemeenten = _gemeenten(w, n)
    Rechtenaanvraag.objects.bulk_create(
        Rechtenaanvraag(
            gebruiker=w.regisseur,
            soort=AanvraagSoort.GEMEENTE_TOEVOEGEN,
            gemeente=gemeente,
            reden="Werkt ook voor deze gemeente",
            aangevraagd_door=w.gebruikers["beheerder"],
        )
        for gemeente in gemeenten
    )


def _beveiligingslog(w: Wereld, n: int):
    Beveiligingsgebeurtenis.objects.bulk_create(
        Beveiligingsgebeurtenis(soort=Gebeurtenis.INLOG, user=user, ip="192.0.2.1")
        for user in _gebruikers(w, n)
    )


def _gebruikers(w: Wereld, n: int) -> list:
    """Users of the gemeente; without a password to hash, which only slows the test."""
    return UserFactory.create_batch(
        n, password=factory.Transformer.Force("!"), gemeenten=[w.gemeente]
    )


def _rechtenaanvragen(w: Wereld, n: int):
    Rechtenaanvraag.objects.bulk_create(
        Rechtenaanvraag(
            gebruiker=user,
            soort=AanvraagSoort.ROL,
            nieuwe_rol=Rol.TEAMLEIDER,
            reden="Vervangt de teamleider",
            aangevraagd_door=w.gebruikers["beheerder"],
        )
        for user in _gebruikers(w, n)
    )


def _gemeenten(w: Wereld, n: int) -> list:
    """Gemeenten that functioneel beheer keeps: its pages list the gemeenten it works for."""
    gemeenten = GemeenteFactory.create_batch(n)
    w.gebruikers["beheerder"].gemeenten.add(*gemeenten)
    return gemeenten


def _partners(w: Wereld, n: int):
    PartnerFactory.create_batch(n)


def _kwartaalrapporten(w: Wereld, n: int):
    RapportFactory.create_batch(
        n, gemeenten=[w.gemeente], aangevraagd_door=w.gebruikers["teamleider"]
    )


def _leveringen(w: Wereld, n: int):
    RapportFactory.create_batch(
        n, gemeenten=[w.gemeente], levering=True, aangevraagd_door=w.gebruikers["beheerder"]
    )


def _taakstellingen(w: Wereld, n: int):
    for gemeente in _gemeenten(w, n):
        Taakstelling.objects.create(
            gemeente=gemeente, jaar=2026, halfjaar=1, aantal=20, gewijzigd_door=w.regisseur
        )


def _cbs_leveringen(w: Wereld, n: int):
    for gemeente in _gemeenten(w, n):
        CbsLevering.objects.create(
            gemeente=gemeente,
            jaar=2026,
            kwartaal=1,
            geleverd_op=datetime.date(2026, 4, 10),
            door=w.gebruikers["beheerder"],
        )


def _feestdagen(w: Wereld, n: int):
    laatste = Feestdag.objects.order_by("-datum").values_list("datum", flat=True).first()
    Feestdag.objects.bulk_create(
        Feestdag(datum=laatste + datetime.timedelta(days=i + 1), naam=f"Gelijkgesteld {i}")
        for i in range(n)
    )


# --- The pages ---------------------------------------------------------------------------


@dataclass
class Pagina:
    rol: str
    url: Callable[[Wereld], str]
    rijen: Callable[[Wereld, int], None]


def _dossier(naam, **kwargs):
    """The URL of a page of the dossier's person."""

    def url(w: Wereld) -> str:
        waarden = {"uuid": w.persoon.uuid}
        for sleutel, waarde in kwargs.items():
            waarden[sleutel] = waarde(w)
        return reverse(naam, kwargs=waarden)

    return url


def _vast(naam, **kwargs):
    def url(w: Wereld) -> str:
        return reverse(naam, kwargs={k: v(w) for k, v in kwargs.items()})

    return url


PAGINAS = {
    # Lists of the regisseur and the teamleider.
    "personenlijst": Pagina("regisseur", _vast("statushouders:persoon-lijst"), _personen),
    "personenlijst-termijnen": Pagina(
        "regisseur", _vast("statushouders:persoon-lijst"), _personen_met_termijn
    ),
    "werkvoorraad": Pagina("regisseur", _vast("termijnen:werkvoorraad"), _personen_met_termijn),
    "werkvoorraad-team": Pagina(
        "teamleider", _vast("termijnen:werkvoorraad-team"), _personen_met_termijn
    ),
    "werkvoorraad-team-regisseurs": Pagina(
        "teamleider", _vast("termijnen:werkvoorraad-team"), _termijnen_van_regisseurs
    ),
    "personenlijst-regisseurs": Pagina(
        "teamleider", _vast("statushouders:persoon-lijst"), _termijnen_van_regisseurs
    ),
    "meldingen": Pagina("regisseur", _vast("termijnen:meldingen"), _meldingen),
    "rapportages": Pagina("teamleider", _vast("reports:dashboard"), _personen_met_termijn),
    "kwartaalrapporten": Pagina(
        "teamleider", _vast("reports:kwartaalrapporten"), _kwartaalrapporten
    ),
    # Ontzorging of the gemeente.
    "betalingen": Pagina("regisseur", _vast("ontzorging:betalingen"), _betalingen),
    "inhoudingen": Pagina(
        "regisseur",
        lambda w: (
            reverse("ontzorging:inhoudingen-csv")
            + f"?gemeente={w.gemeente.pk}&van=01-2026&tot=12-2026"
        ),
        _betaalde_betalingen,
    ),
    "betaalbatches": Pagina("regisseur", _vast("ontzorging:betalingen"), _batches),
    "batch": Pagina(
        "teamleider",
        _vast("ontzorging:batch-detail", batch=lambda w: w.betalen.samengesteld_uuid),
        _batchregels,
    ),
    # The partner portal.
    "partnerportaal": Pagina("partner", _vast("partners:portaal"), _portaalverwijzingen),
    "partnerportaal-verwijzing": Pagina(
        "partner",
        _vast("partners:portaal-verwijzing", verwijzing_uuid=lambda w: w.dossier.verwijzing_a.uuid),
        _terugkoppelingen,
    ),
    # Functioneel beheer.
    "toegangslog": Pagina("beheerder", _vast("core:toegangslog"), _toegangslog),
    "beveiligingslog": Pagina("beheerder", _vast("accounts:beveiligingslog"), _beveiligingslog),
    "gebruikers": Pagina("beheerder", _vast("beheer:gebruiker-lijst"), _gebruikers),
    "rechtenaanvragen": Pagina(
        "beheerder", _vast("beheer:rechtenaanvraag-lijst"), _rechtenaanvragen
    ),
    "gemeenten": Pagina("beheerder", _vast("beheer:gemeente-lijst"), _gemeenten),
    "partners": Pagina("beheerder", _vast("beheer:partner-lijst"), _partners),
    "feestdagen": Pagina("beheerder", _vast("termijnen:feestdag-lijst"), _feestdagen),
    "inzage-zoeken": Pagina(
        "beheerder",
        lambda w: reverse("avg:inzage-zoeken") + "?zoek=Zoekvogel",
        _gevonden_personen,
    ),
    "inzage-toegang": Pagina("beheerder", _dossier("avg:inzage-toegang"), _toegang_tot_dossier),
    "gebruiker-gemeenten": Pagina(
        "beheerder",
        _vast("beheer:gebruiker-detail", pk=lambda w: w.regisseur.pk),
        _gemeenten_van_regisseur,
    ),
    "gebruiker-rechtenaanvragen": Pagina(
        "beheerder",
        _vast("beheer:gebruiker-detail", pk=lambda w: w.regisseur.pk),
        _rechtenaanvragen_van_regisseur,
    ),
    "leveringen": Pagina("beheerder", _vast("reports:leveringen"), _leveringen),
    "taakstelling": Pagina("beheerder", _vast("reports:taakstelling-lijst"), _taakstellingen),
    "cbs-levering": Pagina("beheerder", _vast("reports:cbs-levering"), _cbs_leveringen),
    "bewaartermijnen": Pagina("beheerder", _vast("avg:bewaartermijn-lijst"), _gemeenten),
    "ontzorging-beheer": Pagina("beheerder", _vast("beheer:ontzorging"), _gemeenten),
    # The dossier and its pages.
    "dossier": Pagina("regisseur", _dossier("dossier:persoon-detail"), _contactmomenten),
    "dossier-verwijzingen": Pagina("regisseur", _dossier("dossier:persoon-detail"), _verwijzingen),
    "dossier-termijnen": Pagina("regisseur", _dossier("dossier:persoon-detail"), _dossiertermijnen),
    "dossier-huishoudleden": Pagina(
        "regisseur", _dossier("dossier:persoon-detail"), _huishoudleden
    ),
    "dossier-participaties": Pagina(
        "regisseur", _dossier("dossier:persoon-detail"), _participaties
    ),
    "dossier-ontzorging": Pagina("regisseur", _dossier("dossier:persoon-detail"), _vaste_lasten),
    "historie": Pagina("regisseur", _dossier("statushouders:persoon-historie"), _contactmomenten),
    "intake-leefgebieden": Pagina(
        "regisseur",
        _dossier("intake:intake-detail", intake_uuid=lambda w: w.dossier.intake_uuid),
        _leefgebieden,
    ),
    "intake-gesprekken": Pagina(
        "regisseur",
        _dossier("intake:intake-detail", intake_uuid=lambda w: w.dossier.intake_uuid),
        _intakegesprekken,
    ),
    "intake-samenvatting": Pagina(
        "regisseur",
        _dossier("intake:intake-samenvatting", intake_uuid=lambda w: w.dossier.intake_uuid),
        _leefgebieden,
    ),
    "pip-doelen": Pagina("regisseur", _dossier("pip_plans:plan-detail"), _doelen),
    "pip-voortgangsgesprekken": Pagina(
        "regisseur", _dossier("pip_plans:plan-detail"), _voortgangsgesprekken
    ),
    "pip-versie": Pagina("regisseur", _laatste_versie, _doelen_in_nieuwe_versie),
    "pip-versies-vergelijken": Pagina(
        "regisseur", _dossier("pip_plans:versies-vergelijken"), _doelen_in_nieuwe_versie
    ),
    "verwijzing": Pagina(
        "regisseur",
        _dossier(
            "verwijzingen:verwijzing-detail", verwijzing_uuid=lambda w: w.dossier.verwijzing_a.uuid
        ),
        _terugkoppelingen,
    ),
    "ontzorging": Pagina("regisseur", _dossier("ontzorging:periode-detail"), _vaste_lasten),
    "participatie": Pagina(
        "regisseur", _dossier("participatie:participatie-lijst"), _participaties
    ),
}


_LETTERLIJK = re.compile(r"'[^']*'|\b\d+\b|\"(?:_django_curs_|s)\d+_[^\"]*\"")
_LIJST = re.compile(r"IN \(\?(, \?)*\)")


def _vorm(sql: str) -> str:
    """The query without its values, so the same query for another row counts as the same."""
    return _LIJST.sub("IN (…)", _LETTERLIJK.sub("?", sql))


def _in_historie() -> bool:
    frame = sys._getframe()
    while frame is not None:
        if frame.f_code is historie_regels.__code__:
            return True
        frame = frame.f_back
    return False


@dataclass
class Meting:
    queries: list[str]  # every query but the history panel's labels
    historie: int  # the queries that label the history panel's lines
    inhoud: bytes


def _meten(client: Client, url: str) -> Meting:
    """The page's queries. The history panel names the people and objects its lines point
    at with one query per kind of object among the lines it shows: which kinds those are
    depends on what happened last, not on how many rows there are, so they count apart."""
    historie = []

    def markeren(execute, sql, params, many, context):
        historie.append(_in_historie())
        return execute(sql, params, many, context)

    with CaptureQueriesContext(connection) as vastgelegd, connection.execute_wrapper(markeren):
        response = client.get(url)
        inhoud = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200, (url, response.status_code)
    queries = [q["sql"] for q in vastgelegd.captured_queries]
    assert len(queries) == len(historie)
    return Meting(
        queries=[sql for sql, gemarkeerd in zip(queries, historie, strict=True) if not gemarkeerd],
        historie=sum(historie),
        inhoud=inhoud,
    )


def _verschil(een: list[str], veel: list[str]) -> str:
    """The queries one count has more of than the other."""
    een, veel = Counter(map(_vorm, een)), Counter(map(_vorm, veel))
    regels = [f"+{aantal}x {sql}" for sql, aantal in (veel - een).most_common()]
    regels += [f"-{aantal}x {sql}" for sql, aantal in (een - veel).most_common()]
    return "\n".join(regels)


@pytest.mark.parametrize("naam", list(PAGINAS))
def test_pagina_doet_evenveel_queries_voor_een_als_voor_vijftig_rijen(naam, wereld):
    pagina = PAGINAS[naam]
    client = Client()
    client.force_login(wereld.gebruikers[pagina.rol])
    pagina.rijen(wereld, 1)
    # The first request fills per-process caches (content types, configuration).
    _meten(client, pagina.url(wereld))
    een = _meten(client, pagina.url(wereld))
    pagina.rijen(wereld, VEEL - 1)
    veel = _meten(client, pagina.url(wereld))
    # The rows are on the page: the test counts what it means to count.
    assert len(veel.inhoud) > len(een.inhoud), f"{naam}: de pagina toont de rijen niet"
    assert len(veel.queries) == len(een.queries), (
        f"{naam}: {len(een.queries)} queries met 1 rij, {len(veel.queries)} met {VEEL}; "
        "verschil:\n" + _verschil(een.queries, veel.queries)
    )
    assert len(een.queries) <= MAXIMUM_QUERIES, f"{naam}: {len(een.queries)} queries\n" + (
        "\n".join(een.queries)
    )
    for meting in (een, veel):
        assert meting.historie <= MAXIMUM_HISTORIE, f"{naam}: {meting.historie} in de historie"
