"""An installed system keeps its deadlines when they move from `core` to `termijnen`: a
database in the old layout, with deadline rows, reminders, meldingen and a referral whose
answer date was stored on the referral itself, is migrated to the new layout."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

D = datetime.date

OUDE_INDELING = [
    ("accounts", "0003_initial"),
    ("core", "0003_termijnen_vullen"),
    ("statushouders", "0001_initial"),
    ("partners", "0002_initial"),
    ("pip_plans", "0002_initial"),
    ("intake", "0002_initial"),
]


def _migreer(doel):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(doel)
    return executor.loader.project_state(doel).apps


def _nieuwste():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_termijnen_uit_de_oude_indeling_komen_mee():
    oud = _migreer(OUDE_INDELING)
    try:
        Gemeente = oud.get_model("statushouders", "Gemeente")
        Persoon = oud.get_model("statushouders", "Persoon")
        User = oud.get_model("accounts", "User")
        Partner = oud.get_model("partners", "Partner")
        Verwijzing = oud.get_model("partners", "Verwijzing")
        TermijnConfig = oud.get_model("core", "TermijnConfig")
        Termijn = oud.get_model("core", "Termijn")
        Herinnering = oud.get_model("core", "Herinnering")
        Melding = oud.get_model("core", "Melding")

        gemeente = Gemeente.objects.create(naam="Weert", cbs_code="GM0988")
        regisseur = User.objects.create(username="oud", rol="regisseur")
        persoon = Persoon.objects.create(
            gemeente=gemeente,
            voornamen="Amal",
            achternaam="Haddad",
            geboortedatum=D(1990, 1, 1),
            geslacht="v",
            nationaliteit="Syrische",
            doelgroep="asiel",
            koppeling_datum=D(2026, 3, 2),
            regisseur=regisseur,
        )
        verhuizing, _ = TermijnConfig.objects.get_or_create(
            code="verhuizing",
            defaults={
                "label": "Verhuisd naar de gemeente",
                "wettelijke_basis": "COA/VNG-afspraken",
                "berekening": "koppeling + N",
                "lengte": 12,
                "eenheid": "weken",
            },
        )
        TermijnConfig.objects.get_or_create(
            code="verwijzing_reactie",
            defaults={
                "label": "Partner reageert op verwijzing",
                "wettelijke_basis": "lokaal beleid",
                "berekening": "verstuurd + N",
                "lengte": 10,
                "eenheid": "werkdagen",
            },
        )
        termijn = Termijn.objects.create(
            persoon=persoon,
            config=verhuizing,
            basisdatum=D(2026, 3, 2),
            vervalt_op=D(2026, 5, 25),
        )
        Herinnering.objects.create(termijn=termijn, moment="vooraf_14")
        Melding.objects.create(gebruiker=regisseur, tekst="Verhuizing: over 14 dagen", link="/")
        partner = Partner.objects.create(naam="Taalhuis", soort="taal")
        verwijzing = Verwijzing.objects.create(
            persoon=persoon,
            partner=partner,
            leefgebied="taal",
            doel="Taalmaatje",
            toestemming_op=D(2026, 4, 24),
            toestemming_wijze="mondeling",
            verstuurd_op=datetime.datetime(2026, 4, 24, 10, tzinfo=datetime.UTC),
            reactie_uiterlijk=D(2026, 5, 11),
            door=regisseur,
        )
    finally:
        _migreer(_nieuwste())

    from termijnen.models import Feestdag
    from termijnen.models import Herinnering as NieuweHerinnering
    from termijnen.models import Melding as NieuweMelding
    from termijnen.models import Termijn as NieuweTermijn
    from termijnen.models import TermijnConfig as NieuweConfig

    verhuisd = NieuweTermijn.objects.get(pk=termijn.pk)
    assert verhuisd.vervalt_op == D(2026, 5, 25) and verhuisd.config.code == "verhuizing"
    assert NieuweHerinnering.objects.get(termijn=verhuisd).moment == "vooraf_14"
    assert NieuweMelding.objects.get().tekst == "Verhuizing: over 14 dagen"
    # The answer date stored on the referral became its deadline row, recomputed the way
    # the law counts (Koningsdag and 5 mei are no working days).
    reactie = NieuweTermijn.objects.get(
        config__code="verwijzing_reactie", sleutel=f"verwijzing:{verwijzing.uuid}"
    )
    assert reactie.vervalt_op == D(2026, 5, 12)
    assert NieuweConfig.objects.get(code="verhuizing").lengte == 12
    assert Feestdag.objects.filter(datum=D(2026, 5, 15)).exists()
    # History triggers of the configuration work under their new names.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_trigger WHERE tgrelid = 'core_termijnconfig'::regclass "
            "AND tgname LIKE 'pgtrigger_%%'"
        )
        assert cursor.fetchone()[0] == 3
