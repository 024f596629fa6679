"""The large demo set: a built set copied with new identities, every copy a whole dossier."""

import pytest
import time_machine
from django.db.models import F

from accounts.models import User
from core.validators import BSNValidator
from demo import personen as demo
from demo import vermenigvuldigen as demo_vermenigvuldigen
from intake.models import BredeIntake
from partners.models import Verwijzing
from pip_plans.models import Plan
from statushouders.models import Contactmoment, Huishouden, Persoon
from termijnen.models import Termijn

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore")]


@time_machine.travel("2026-11-02 09:00 +0100", tick=False)
def test_kopieen_zijn_hele_dossiers_met_eigen_identiteit():
    demo.seed(personen=60, seed=4)
    origineel = {
        "intakes": BredeIntake.objects.count(),
        "plannen": Plan.objects.count(),
        "verwijzingen": Verwijzing.objects.count(),
        "termijnen": Termijn.objects.count(),
        "huishoudens": Huishouden.objects.count(),
    }
    regisseurs = set(Persoon.objects.values_list("regisseur__username", flat=True))

    assert demo_vermenigvuldigen.vermenigvuldigen(tot=180) == 180

    # Two copies of everything that hangs from a person.
    assert BredeIntake.objects.count() == 3 * origineel["intakes"]
    assert Plan.objects.count() == 3 * origineel["plannen"]
    assert Verwijzing.objects.count() == 3 * origineel["verwijzingen"]
    assert Termijn.objects.count() == 3 * origineel["termijnen"]
    assert Huishouden.objects.count() == 3 * origineel["huishoudens"]
    # New identities: every BSN passes the elfproef and is unique, as is every V-nummer.
    bsns = list(Persoon.objects.exclude(bsn=None).values_list("bsn", flat=True))
    assert len(bsns) == len(set(bsns)) > 120
    for bsn in bsns:
        BSNValidator()(bsn)
    v_nummers = list(Persoon.objects.values_list("v_nummer", flat=True))
    assert len(v_nummers) == len(set(v_nummers)) == 180
    # A copy's household, plan and intake are its own, never the original's.
    for persoon in Persoon.objects.exclude(huishouden=None).select_related("huishouden"):
        assert persoon.huishouden.gemeente_id == persoon.gemeente_id
    assert not Plan.objects.exclude(intake=None).exclude(intake__persoon=F("persoon")).exists()
    # A deadline's link leads to the dossier of its own person.
    for termijn in Termijn.objects.exclude(link="").select_related("persoon")[:200]:
        assert str(termijn.persoon.uuid) in termijn.link
    # Every copy has regisseurs of its own, with the gemeenten of the original.
    for naam in regisseurs - {None}:
        for kopie in (1, 2):
            nieuw = User.objects.get(username=f"{naam}-{kopie}")
            assert not nieuw.has_usable_password()
            origineel = User.objects.get(username=naam)
            assert set(nieuw.gemeenten.all()) == set(origineel.gemeenten.all())
            assert Persoon.objects.filter(regisseur=nieuw).exists()
    # Contact moments up to a caseload of years: ten more for everyone.
    assert Contactmoment.objects.count() >= 180 * demo_vermenigvuldigen.CONTACTMOMENTEN_PER_PERSOON


@time_machine.travel("2026-11-02 09:00 +0100", tick=False)
def test_kleiner_dan_wat_er_is_kopieert_niets():
    demo.seed(personen=40, seed=4)
    assert demo_vermenigvuldigen.vermenigvuldigen(tot=30) == 40
    assert Persoon.objects.count() == 40
