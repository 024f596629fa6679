import datetime

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from accounts.models import User
from core.validators import BSNValidator
from demo import personen as demo
from intake.models import BredeIntake
from partners.models import Terugkoppeling, Verwijzing
from pip_plans.models import Plan, PlanVersie, Voortgangsgesprek
from statushouders.models import Gezinsrelatie, Huishouden, Persoon
from termijnen.models import Melding, Termijn

pytestmark = pytest.mark.django_db


def _samenvatting():
    return list(
        Persoon.objects.order_by("v_nummer").values_list(
            "uuid",
            "bsn",
            "voornamen",
            "achternaam",
            "geboortedatum",
            "gemeente__naam",
            "huishouden__naam",
            "koppeling_datum",
            "huisvesting_datum",
        )
    )


def test_demodata_is_realistisch_en_geldig():
    resultaat = demo.seed(personen=300, seed=7)
    assert resultaat.personen == Persoon.objects.count() == 300
    assert set(User.objects.values_list("username", flat=True)) == {
        "regisseur",
        "regisseur2",
        "teamleider",
        "partner",
        "taalhuis",
        "beheer",
        "beheer2",
    }
    assert User.objects.get(username="regisseur").check_password(demo.DEMO_WACHTWOORD)
    bsns = list(Persoon.objects.exclude(bsn=None).values_list("bsn", flat=True))
    assert len(bsns) == len(set(bsns)) > 100
    for bsn in bsns:
        BSNValidator()(bsn)
    for persoon in Persoon.objects.all():
        persoon.full_clean()  # every model rule holds for demo data too
    nationaliteiten = Persoon.objects.values_list("nationaliteit", flat=True)
    assert max(set(nationaliteiten), key=list(nationaliteiten).count) == "Syrisch"
    assert Persoon.objects.filter(huishouden__isnull=False).count() > 100
    assert Persoon.objects.filter(doelgroep="nareiziger").exists()
    partner = User.objects.get(username="partner")
    assert partner.partner.naam == "Vluchtelingenwerk Weert"
    assert Verwijzing.objects.filter(partner=partner.partner).exists()
    gekoppeld = Persoon.objects.exclude(koppeling_datum=None).count()
    assert Termijn.objects.filter(config__code="verhuizing").count() == gekoppeld
    assert not Termijn.objects.filter(
        config__code="verhuizing", status="gehaald", persoon__huisvesting_datum=None
    ).exists()
    # The deadlines a newcomer sees at work: PIP terms, one extended, reminders in the bell.
    assert Termijn.objects.filter(config__code="pip_vaststellen").count() > 10
    verlengd = Termijn.objects.get(verlenging_dagen=14)
    assert verlengd.verlengd_door.username == "regisseur" and verlengd.verlenging_reden
    assert Melding.objects.filter(gebruiker__username="regisseur", persoon__isnull=False).exists()


def test_demodata_toont_elke_toestand():
    """A newcomer sees every state without typing anything."""
    demo.seed(personen=600, seed=7)
    # Households are known by a main person; members carry their relation.
    assert not Huishouden.objects.filter(leden__isnull=False, hoofdpersoon=None).exists()
    assert set(Gezinsrelatie.objects.values_list("relatie", flat=True)) >= {"partner", "kind"}
    # Referrals in every state, with feedback, and the regisseur told about it.
    assert set(Verwijzing.objects.values_list("status", flat=True)) == {
        "verstuurd",
        "geaccepteerd",
        "afgewezen",
        "afgerond",
        "ingetrokken",
    }
    assert Terugkoppeling.objects.exists()
    assert Melding.objects.filter(link__contains="/verwijzingen/").exists()
    # Intakes not started, running, completed and reopened.
    volwassen_zonder_intake = Persoon.objects.filter(
        intakes=None, geboortedatum__lt=datetime.date(2000, 1, 1)
    )
    assert volwassen_zonder_intake.exists()
    assert BredeIntake.objects.filter(status="open", heropeningen=None).exists()
    assert BredeIntake.objects.filter(status="afgerond").exists()
    assert BredeIntake.objects.filter(status="open", heropeningen__isnull=False).exists()
    # PIPs in concept and fixed, one with two versions, with progress talks.
    assert Plan.objects.filter(status="concept").exists()
    assert Plan.objects.filter(status="vastgesteld").exists()
    assert PlanVersie.objects.filter(nummer=2).exists()
    assert Voortgangsgesprek.objects.exists()


def test_zelfde_seed_geeft_dezelfde_data():
    # Fixed PIP versions cannot be deleted; undo the first seed by rolling it back instead.
    with transaction.atomic():
        demo.seed(personen=120, seed=42)
        eerste = _samenvatting()
        transaction.set_rollback(True)
    assert not Persoon.objects.exists()
    demo.seed(personen=120, seed=42)
    assert _samenvatting() == eerste


def test_weigert_zonder_debug_tenzij_force(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="productie"):
        call_command("seed_demo", "--personen", "5")
    call_command("seed_demo", "--personen", "5", "--force")
    assert Persoon.objects.count() == 5


def test_if_empty_vult_alleen_een_lege_database(settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo", "--personen", "5", "--if-empty")
    call_command("seed_demo", "--personen", "5", "--if-empty")
    assert Persoon.objects.count() == 5
    assert "koers-demo" in capsys.readouterr().out
