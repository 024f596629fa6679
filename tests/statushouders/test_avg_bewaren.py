"""Retention: a closed dossier is purged when its gemeente's period has passed, and only then."""

import datetime

import pytest
import time_machine
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from config.settings import CELERY_BEAT_SCHEDULE
from core.models import Toegangslog
from statushouders.avg.bewaren import bewaartermijn_instellen, pseudoniem
from statushouders.avg.graaf import historiemodellen, persoonsmodellen, rijen_van_persoon
from statushouders.models import Gemeente, Gezinsrelatie, Persoon, Verwijderverslag
from statushouders.tasks import bewaartermijnen_verwijderen
from tests.accounts.factories import UserFactory
from tests.statushouders.factories import GemeenteFactory, PersoonFactory
from tests.statushouders.test_avg_inzage import volledig_dossier

NU = datetime.datetime(2026, 6, 15, 10, 0, tzinfo=datetime.UTC)
LATER = datetime.datetime(2027, 6, 3, 3, 0, tzinfo=datetime.UTC)


@pytest.fixture
def beheerder(weert, cranendonck):
    return UserFactory(beheerder=True, username="koen", gemeenten=[weert, cranendonck])


def _afsluiten(persoon, datum=datetime.date(2026, 6, 1)):
    Persoon.objects.filter(pk=persoon.pk).update(afgesloten_op=datum, uitstroomreden="betaald_werk")
    persoon.refresh_from_db()
    return persoon


def _termijn(gemeente, beheerder, jaren=1):
    return bewaartermijn_instellen(
        gemeente=gemeente,
        door=beheerder,
        bewaartermijn_jaren=jaren,
        selectielijst_categorie="Selectielijst gemeenten en intergemeentelijke organen 2020, 1.1.2",
    )


def test_beat_wist_elke_dag():
    taak = CELERY_BEAT_SCHEDULE["bewaartermijnen-verwijderen"]["task"]
    assert taak == "statushouders.tasks.bewaartermijnen_verwijderen"
    assert bewaartermijnen_verwijderen.name == taak


def test_afgesloten_dossier_na_de_bewaartermijn_helemaal_weg(
    persoon, regisseur, beheerder, weert, cranendonck, django_capture_on_commit_callbacks
):
    with time_machine.travel(NU, tick=False):
        rijen = volledig_dossier(persoon, regisseur)
        _afsluiten(persoon)
        _termijn(weert, beheerder)
        vondst = rijen_van_persoon(persoon)
        bestanden = [
            (obj.pdf if hasattr(obj, "pdf") else obj.toestemming_document)
            for obj in rijen.values()
            if getattr(obj, "pdf", None) or getattr(obj, "toestemming_document", None)
        ]
        bestanden = [(b.storage, b.name) for b in bestanden]
        assert len(bestanden) == 2 and all(opslag.exists(naam) for opslag, naam in bestanden)
        gezinslid = Gezinsrelatie.objects.get(persoon=persoon).gezinslid
        huishouden = persoon.huishouden
        # A relation between the other members of the household stays.
        derde = PersoonFactory(gemeente=weert, huishouden=huishouden)
        blijft = Gezinsrelatie.objects.create(persoon=gezinslid, gezinslid=derde, relatie="kind")
        # Untouched: an open dossier, one still in its period, one of a gemeente without period.
        open_dossier = PersoonFactory(gemeente=weert)
        binnen_termijn = _afsluiten(
            PersoonFactory(gemeente=weert), datum=datetime.date(2026, 6, 14)
        )
        zonder_termijn = _afsluiten(PersoonFactory(gemeente=cranendonck))
        Toegangslog.objects.create(
            gebruiker=regisseur, persoon=open_dossier, persoon_uuid=open_dossier.uuid, pad="/x/"
        )
    historie = {m: ids for m, ids in vondst.historie.items() if ids}
    assert historie
    eigen = {m: ids for m, ids in vondst.eigen.items() if ids}

    with time_machine.travel(LATER, tick=False), django_capture_on_commit_callbacks(execute=True):
        assert bewaartermijnen_verwijderen() == 1

    assert not Persoon.objects.filter(pk=persoon.pk).exists()
    for model, ids in eigen.items():
        assert not model._base_manager.filter(pk__in=ids).exists(), model._meta.label
    # Its history and the access log about the person are gone too; files as well.
    for model in eigen:
        for historie_model in historiemodellen(model):
            assert not historie_model.objects.filter(pgh_obj_id__in=eigen[model]).exists(), (
                historie_model._meta.label
            )
    assert not Toegangslog.objects.filter(persoon_uuid=persoon.uuid).exists()
    assert not any(opslag.exists(naam) for opslag, naam in bestanden)
    # The household and its other members stay.
    huishouden.refresh_from_db()
    assert huishouden.hoofdpersoon is None
    assert Persoon.objects.filter(pk__in=[gezinslid.pk, derde.pk]).count() == 2
    assert Gezinsrelatie.objects.filter(pk=blijft.pk).exists()
    # The others are untouched.
    for ander in (open_dossier, binnen_termijn, zonder_termijn):
        assert Persoon.objects.filter(pk=ander.pk).exists()
    assert Toegangslog.objects.filter(persoon=open_dossier).exists()
    # The purge itself is recorded, without personal data.
    verslag = Verwijderverslag.objects.get()
    assert verslag.gemeente == weert
    assert verslag.aantal_personen == 1
    assert verslag.bewaartermijn_jaren == 1
    assert "1.1.2" in verslag.selectielijst_categorie
    assert verslag.pseudoniemen == [pseudoniem(persoon)]
    assert str(persoon.uuid) not in str(verslag.pseudoniemen)
    assert verslag.tijdstip == LATER
    assert historiemodellen(Verwijderverslag)[0].objects.filter(pgh_obj_id=verslag.pk).exists()
    # Running again changes nothing.
    with time_machine.travel(LATER, tick=False):
        assert bewaartermijnen_verwijderen() == 0
    assert persoonsmodellen()  # the walk still works with the rows gone


def test_zonder_bewaartermijn_wordt_niets_gewist(persoon, cranendonck):
    _afsluiten(persoon, datum=datetime.date(2000, 1, 1))
    with time_machine.travel(LATER, tick=False):
        assert bewaartermijnen_verwijderen() == 0
    assert Persoon.objects.filter(pk=persoon.pk).exists()
    assert not Verwijderverslag.objects.exists()


def test_databasefunctie_weigert_een_open_dossier(persoon, weert, beheerder):
    _termijn(weert, beheerder)
    with (
        pytest.raises(DatabaseError, match="niet afgesloten"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            "SELECT koers_persoon_wissen(%s, %s, '{}'::jsonb)", [persoon.pk, persoon.uuid]
        )
    assert Persoon.objects.filter(pk=persoon.pk).exists()


def test_databasefunctie_wist_alleen_historietabellen(persoon, weert, beheerder):
    _termijn(weert, beheerder)
    _afsluiten(persoon)
    with (
        pytest.raises(DatabaseError, match="geen historietabel"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            "SELECT koers_persoon_wissen(%s, %s, %s::jsonb)",
            [persoon.pk, persoon.uuid, '{"statushouders_persoon": [1]}'],
        )


def test_toegangslog_blijft_buiten_de_functie_onaantastbaar_voor_de_aanroeper(
    persoon, weert, beheerder, regisseur
):
    """The function's trigger exemption ends with the function: afterwards, in the same
    transaction, history rows are as append-only as before."""
    _termijn(weert, beheerder)
    _afsluiten(persoon)
    historie = historiemodellen(Persoon)[0]
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT koers_persoon_wissen(%s, %s, '{}'::jsonb)", [persoon.pk, persoon.uuid]
            )
            cursor.execute("SELECT current_setting('pgtrigger.ignore', true)")
            assert cursor.fetchone()[0] in (None, "", "{}")
        with pytest.raises(DatabaseError), transaction.atomic():
            historie.objects.filter(pgh_obj_id=persoon.pk).delete()


def test_bewaartermijn_scherm_toont_ingesteld_en_niet_ingesteld(
    client, beheerder, weert, cranendonck
):
    _termijn(weert, beheerder, jaren=7)
    client.force_login(beheerder)
    html = client.get(reverse("avg:bewaartermijn-lijst")).content.decode()
    assert "7 jaar na afsluiten" in html
    assert "Niet ingesteld: er wordt niets gewist" in html


def test_bewaartermijn_instellen_met_grondslag(client, beheerder, weert):
    client.force_login(beheerder)
    url = reverse("avg:bewaartermijn-bewerken", kwargs={"cbs_code": weert.cbs_code})
    antwoord = client.post(url, {"bewaartermijn_jaren": "5", "selectielijst_categorie": ""})
    assert antwoord.status_code == 422
    assert "Noem de categorie" in antwoord.content.decode()
    antwoord = client.post(url, {"bewaartermijn_jaren": "abc", "selectielijst_categorie": "x\x00"})
    assert antwoord.status_code == 422
    antwoord = client.post(url, {"bewaartermijn_jaren": "500", "selectielijst_categorie": "c"})
    assert antwoord.status_code == 422
    antwoord = client.post(
        url, {"bewaartermijn_jaren": "5", "selectielijst_categorie": "Selectielijst 2020, 1.1.2"}
    )
    assert antwoord.status_code == 302
    weert.refresh_from_db()
    assert weert.bewaartermijn_jaren == 5
    # Emptied again: nothing is purged any more.
    client.post(url, {"bewaartermijn_jaren": "", "selectielijst_categorie": ""})
    weert.refresh_from_db()
    assert weert.bewaartermijn_jaren is None


def test_database_weigert_termijn_zonder_grondslag(weert):
    with pytest.raises(IntegrityError), transaction.atomic():
        Gemeente.objects.filter(pk=weert.pk).update(bewaartermijn_jaren=3)


@pytest.mark.parametrize("wie", ["regisseur", "andere_beheerder"])
def test_alleen_beheer_van_de_gemeente_stelt_de_termijn_in(
    client, weert, cranendonck, regisseur, wie
):
    gebruiker = (
        regisseur if wie == "regisseur" else UserFactory(beheerder=True, gemeenten=[cranendonck])
    )
    client.force_login(gebruiker)
    url = reverse("avg:bewaartermijn-bewerken", kwargs={"cbs_code": weert.cbs_code})
    assert client.get(url).status_code in (403, 404)
    client.post(url, {"bewaartermijn_jaren": "1", "selectielijst_categorie": "x"})
    weert.refresh_from_db()
    assert weert.bewaartermijn_jaren is None


def _aantal_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_bewaartermijnen_lijst_met_een_vast_aantal_queries(vaste_klok, client, beheerder):
    client.force_login(beheerder)
    url = reverse("avg:bewaartermijn-lijst")
    weinig = _aantal_queries(client, url)
    for nummer in range(6):
        gemeente = GemeenteFactory(naam=f"Gemeente extra {nummer}")
        beheerder.gemeenten.add(gemeente)
        Verwijderverslag.objects.create(
            gemeente=gemeente, aantal_personen=1, bewaartermijn_jaren=1, selectielijst_categorie="x"
        )
    assert _aantal_queries(client, url) == weinig


def test_wie_keek_met_een_vast_aantal_queries(vaste_klok, client, beheerder, persoon, weert):
    client.force_login(beheerder)
    url = reverse("avg:inzage-toegang", kwargs={"uuid": persoon.uuid})
    Toegangslog.objects.create(
        gebruiker=beheerder, persoon=persoon, persoon_uuid=persoon.uuid, pad="/"
    )
    weinig = _aantal_queries(client, url)
    for nummer in range(8):
        gebruiker = UserFactory(gemeenten=[weert])
        Toegangslog.objects.create(
            gebruiker=gebruiker, persoon=persoon, persoon_uuid=persoon.uuid, pad=f"/{nummer}/"
        )
    assert _aantal_queries(client, url) == weinig
