import datetime

import pytest
from django.urls import reverse

from intake.constants import ZRM_DOMEINEN
from intake.selectors import laatste_zrm_meting, zrm_verloop
from tests.intake.factories import ZrmMetingFactory
from tests.pip_plans.factories import PlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(persoon):
    # The intake measured every ZRM domain at 3 on 12-03-2026.
    return PlanFactory(intake__persoon=persoon, vastgesteld=True)


def _url(plan):
    return reverse("pip_plans:voortgangsgesprek-nieuw", kwargs={"uuid": plan.persoon.uuid})


def test_zrm_velden_beginnen_bij_de_laatste_meting(regisseur_client, plan, persoon):
    ZrmMetingFactory(persoon=persoon, datum=datetime.date(2026, 4, 1), scores={"financien": 2})
    response = regisseur_client.get(_url(plan))
    form = response.context["form"]
    assert form["zrm_financien"].value() == 2
    assert form["zrm_huisvesting"].value() == 3
    assert "De scores beginnen bij de laatste meting, van 01-04-2026." in response.content.decode()


def test_ongewijzigde_scores_maken_geen_nieuwe_meting(regisseur_client, plan, persoon):
    scores = {f"zrm_{code}": "3" for code, _label in ZRM_DOMEINEN}
    response = regisseur_client.post(_url(plan), {"datum": "15-04-2026", **scores})
    assert response.status_code == 302
    assert plan.voortgangsgesprekken.get().zrm is None
    assert persoon.zrm_metingen.count() == 1

    # Asked for explicitly, the same scores are a new measurement.
    regisseur_client.post(_url(plan), {"datum": "15-04-2026", "zrm_meten": "on", **scores})
    assert persoon.zrm_metingen.count() == 2
    # A changed score is one too, even without asking.
    scores["zrm_financien"] = "4"
    regisseur_client.post(_url(plan), {"datum": "15-04-2026", **scores})
    assert laatste_zrm_meting(persoon=persoon).financien == 4


def test_twee_metingen_op_een_dag_zijn_te_onderscheiden(regisseur_client, plan, persoon):
    eerste = ZrmMetingFactory(persoon=persoon, datum=datetime.date(2026, 4, 10), scores={})
    tweede = ZrmMetingFactory(
        persoon=persoon, datum=datetime.date(2026, 4, 10), scores={"financien": 5}
    )
    ZrmMetingFactory(persoon=persoon, datum=datetime.date(2026, 4, 1), scores={})
    verloop = zrm_verloop(persoon=persoon)
    assert [m.label for m in verloop["metingen"]] == [
        "12-03-2026",
        "01-04-2026",
        "10-04-2026, 1e meting",
        "10-04-2026, 2e meting",
    ]
    assert [m.pk for m in verloop["metingen"]][-2:] == [eerste.pk, tweede.pk]
    assert laatste_zrm_meting(persoon=persoon) == tweede

    response = regisseur_client.get(_url(plan))
    assert response.context["form"]["zrm_financien"].value() == 5
    assert "van 10-04-2026, 2e meting." in response.content.decode()
    html = regisseur_client.get(
        reverse("pip_plans:plan-detail", kwargs={"uuid": persoon.uuid})
    ).content.decode()
    assert "10-04-2026, 1e meting" in html and "10-04-2026, 2e meting" in html
