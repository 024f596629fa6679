import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from pghistory.models import Events

from statushouders.models import DossierAfsluiting, Persoon
from statushouders.services import dossier_afsluiten, dossier_heropenen
from termijnen.models import Melding
from termijnen.services import herinneringen_versturen, termijn_bijwerken
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db
D = datetime.date
VANDAAG = D(2026, 5, 4)


@time_machine.travel(VANDAAG)
def test_afsluiten_met_reden_en_heropenen_met_reden_worden_vastgelegd(persoon, regisseur):
    dossier_afsluiten(
        persoon=persoon,
        door=regisseur,
        afgesloten_op=D(2026, 5, 1),
        uitstroomreden="betaald_werk",
        toelichting="Vast contract",
    )
    persoon.refresh_from_db()
    assert persoon.is_afgesloten and persoon.uitstroomreden == "betaald_werk"
    with pytest.raises(ValidationError, match="al afgesloten"):
        dossier_afsluiten(
            persoon=persoon, door=regisseur, afgesloten_op=VANDAAG, uitstroomreden="overig"
        )
    with pytest.raises(ValidationError):
        dossier_heropenen(persoon=persoon, door=regisseur, reden="  ")
    dossier_heropenen(persoon=persoon, door=regisseur, reden="Baan verloren")
    persoon.refresh_from_db()
    assert not persoon.is_afgesloten and persoon.uitstroomreden == ""
    stappen = list(DossierAfsluiting.objects.filter(persoon=persoon).order_by("created_at"))
    assert [(s.soort, s.door) for s in stappen] == [
        ("afgesloten", regisseur),
        ("heropend", regisseur),
    ]
    assert Events.objects.references(persoon).filter(pgh_obj_model="statushouders.Persoon")


@time_machine.travel(VANDAAG)
@pytest.mark.parametrize(
    ("datum", "reden", "veld"),
    [
        (D(2026, 5, 5), "overig", "afgesloten_op"),  # in the future
        (D(2026, 3, 1), "overig", "afgesloten_op"),  # before the koppeling (02-03-2026)
        (D(2026, 5, 1), "zomaar", "uitstroomreden"),
        (None, "overig", "afgesloten_op"),
    ],
)
def test_afsluiten_weigert_onmogelijke_invoer(persoon, regisseur, datum, reden, veld):
    with pytest.raises(ValidationError) as fout:
        dossier_afsluiten(
            persoon=persoon, door=regisseur, afgesloten_op=datum, uitstroomreden=reden
        )
    assert veld in fout.value.message_dict
    persoon.refresh_from_db()
    assert not persoon.is_afgesloten


def test_database_weigert_afsluiten_zonder_reden(persoon):
    with pytest.raises(IntegrityError), transaction.atomic():
        Persoon.objects.filter(pk=persoon.pk).update(afgesloten_op=VANDAAG)


@time_machine.travel(VANDAAG)
def test_afgesloten_dossier_verlaat_werkvoorraad_en_herinneringen(
    regisseur_client, regisseur, persoon
):
    regisseur.email = "ingrid@gemeente.example"
    regisseur.save()
    termijn_bijwerken(persoon=persoon, code="verhuizing", basisdatum=D(2026, 2, 14))
    url = reverse("termijnen:werkvoorraad")
    assert regisseur_client.get(url, {"groep": "deze-week"}).context["regels"]
    dossier_afsluiten(
        persoon=persoon, door=regisseur, afgesloten_op=VANDAAG, uitstroomreden="verhuisd"
    )
    assert not regisseur_client.get(url, {"groep": "deze-week"}).context["regels"]
    assert herinneringen_versturen(vandaag=D(2026, 5, 9))["herinneringen"] == 0
    assert not Melding.objects.exists()
    dossier = regisseur_client.get(persoon.get_absolute_url()).content.decode()
    assert "Dossier afgesloten op 04-05-2026" in dossier and "termijnen lopen niet meer" in dossier
    # Reopened, the deadline runs again and is reminded.
    dossier_heropenen(persoon=persoon, door=regisseur, reden="Toch teruggekomen")
    assert regisseur_client.get(url, {"groep": "deze-week"}).context["regels"]
    assert herinneringen_versturen(vandaag=D(2026, 5, 9))["herinneringen"] == 1


@time_machine.travel(VANDAAG)
def test_afsluiten_en_heropenen_in_het_scherm(regisseur_client, regisseur, persoon):
    url = reverse("statushouders:persoon-afsluiten", args=[persoon.uuid])
    response = regisseur_client.post(url, {"afgesloten_op": "01-01-3000", "toelichting": "Werk"})
    html = response.content.decode()
    assert response.status_code == 422
    assert "tussen 1900 en 2100" in html and "Kies de reden" in html and "Werk</textarea>" in html
    response = regisseur_client.post(
        url, {"afgesloten_op": "01-05-2026", "uitstroomreden": "opleiding"}
    )
    assert response.status_code == 302
    lijst = regisseur_client.get(reverse("statushouders:persoon-lijst")).content.decode()
    assert persoon.achternaam not in lijst
    afgesloten = regisseur_client.get(
        reverse("statushouders:persoon-lijst"), {"dossier": "afgesloten"}
    ).content.decode()
    assert persoon.achternaam in afgesloten
    heropenen = reverse("statushouders:persoon-heropenen", args=[persoon.uuid])
    assert regisseur_client.post(heropenen, {"reden": ""}).status_code == 422
    regisseur_client.post(heropenen, {"reden": "Opleiding gestopt"})
    persoon.refresh_from_db()
    assert not persoon.is_afgesloten


def test_afsluiten_van_een_ander_dossier_is_404(client, persoon, cranendonck):
    client.force_login(UserFactory(gemeenten=[cranendonck]))
    url = reverse("statushouders:persoon-afsluiten", args=[persoon.uuid])
    response = client.post(url, {"afgesloten_op": "01-05-2026", "uitstroomreden": "overig"})
    assert response.status_code == 404
    persoon.refresh_from_db()
    assert not persoon.is_afgesloten


def test_demo_heeft_afgesloten_dossiers():
    from demo import personen as demo

    demo.seed(personen=400, seed=3)
    afgesloten = Persoon.objects.exclude(afgesloten_op=None)
    assert afgesloten.exists()
    assert DossierAfsluiting.objects.count() == afgesloten.count()
    for persoon in afgesloten:
        persoon.full_clean()
