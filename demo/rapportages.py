"""Demo data for the reports: what people did besides the inburgering (work, education,
volunteering, an internship) and each gemeente's housing targets for the last three years.
Written in bulk from one read of the persons, deterministic for a seed; nothing is added when
the data is already there."""

import datetime
import random
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from accounts.models import User
from participatie.constants import Contractsoort, ParticipatieSoort
from participatie.models import Participatie
from reports.constants import HOOGSTE_TAAKSTELLING
from reports.models import CbsLevering, Taakstelling
from reports.selectors.levering import kwartaal_einde, laatst_geeindigd_kwartaal, vorig_kwartaal
from statushouders.constants import Doelgroep, Uitstroomreden
from statushouders.models import Gemeente, Persoon

# (soort, share of the persons housed over a year ago): about a quarter works or studies.
PARTICIPATIE_KANS = (
    (ParticipatieSoort.BETAALD_WERK, 0.19),
    (ParticipatieSoort.OPLEIDING, 0.07),
    (ParticipatieSoort.VRIJWILLIGERSWERK, 0.10),
    (ParticipatieSoort.STAGE, 0.05),
)
CONTRACTEN = (
    (Contractsoort.TIJDELIJK, 40),
    (Contractsoort.OPROEP, 18),
    (Contractsoort.UITZEND, 22),
    (Contractsoort.VAST, 15),
    (Contractsoort.ZELFSTANDIG, 5),
)
OMSCHRIJVINGEN = {
    ParticipatieSoort.BETAALD_WERK: (
        "Distributiecentrum Jumbo Veghel",
        "Zorgcentrum Hoogstraat",
        "Schoonmaakbedrijf Limburg",
        "Kapsalon Centrum Weert",
        "Metaalbedrijf Nederweert",
        "Tuinbouwbedrijf Van de Ven",
    ),
    ParticipatieSoort.OPLEIDING: (
        "mbo Verzorgende IG, Gilde Opleidingen",
        "mbo Logistiek medewerker, Gilde Opleidingen",
        "Schakeljaar hbo, Fontys",
    ),
    ParticipatieSoort.VRIJWILLIGERSWERK: (
        "Voedselbank Weert",
        "Kringloopwinkel De Cirkel",
        "Sportvereniging RKSV Weert",
    ),
    ParticipatieSoort.STAGE: (
        "Leerwerkplek Werkplein Midden-Limburg",
        "Stage bij de bibliotheek",
        "Leerwerkplek groenvoorziening",
    ),
}
UREN = {
    ParticipatieSoort.BETAALD_WERK: (12, 40),
    ParticipatieSoort.OPLEIDING: (16, 32),
    ParticipatieSoort.VRIJWILLIGERSWERK: (4, 16),
    ParticipatieSoort.STAGE: (16, 32),
}
# Target per half year as a share of the gemeente's average, oldest first: some half years
# the gemeente falls behind, in others it catches up.
TAAKSTELLING_FACTOREN = (0.8, 1.2, 0.9, 1.25, 0.85, 1.1)


@dataclass
class ReportsDemo:
    participaties: int = 0
    taakstellingen: int = 0
    cbs_leveringen: int = 0


def seed(*, seed: int = 2026, vandaag: datetime.date | None = None) -> ReportsDemo:
    vandaag = vandaag or timezone.localdate()
    with transaction.atomic():
        return ReportsDemo(
            participaties=participaties_maken(seed=seed, vandaag=vandaag),
            taakstellingen=taakstellingen_maken(vandaag=vandaag),
            cbs_leveringen=cbs_leveringen_maken(vandaag=vandaag),
        )


def _dag(rng, van: datetime.date, tot: datetime.date) -> datetime.date:
    return van + datetime.timedelta(days=rng.randint(0, max(0, (tot - van).days)))


def participaties_maken(*, seed: int, vandaag: datetime.date) -> int:
    """Work, education, volunteering and internships of adults housed over a year ago (some
    ended), and the work or study of everyone whose dossier closed for that reason. Recorded
    by the person's regisseur."""
    if Participatie.objects.exists():
        return 0
    rng = random.Random(seed)
    reserve = User.objects.filter(username="regisseur").values_list("pk", flat=True).first()
    volwassen = vandaag - relativedelta(years=18)
    personen = (
        Persoon.objects.filter(geboortedatum__lte=volwassen)
        .filter(
            Q(huisvesting_datum__lte=vandaag - relativedelta(years=1))
            | Q(uitstroomreden__in=[Uitstroomreden.BETAALD_WERK, Uitstroomreden.OPLEIDING])
        )
        .order_by("v_nummer", "pk")
        .values_list(
            "pk",
            "koppeling_datum",
            "huisvesting_datum",
            "afgesloten_op",
            "uitstroomreden",
            "regisseur_id",
        )
    )
    rijen = []
    for pk, koppeling, huisvesting, afgesloten_op, uitstroomreden, regisseur_id in personen:
        door_id = regisseur_id or reserve
        if door_id is None:
            continue
        begin = huisvesting or koppeling
        if uitstroomreden in (Uitstroomreden.BETAALD_WERK, Uitstroomreden.OPLEIDING):
            # The work or study the dossier closed for: started shortly before, still running.
            soort = ParticipatieSoort(uitstroomreden)
            start = max(begin, afgesloten_op - datetime.timedelta(days=rng.randint(0, 90)))
            rijen.append(_participatie(rng, pk, soort, start, None, door_id))
            continue
        laatst = afgesloten_op or vandaag
        kans, soort = rng.random(), None
        for kandidaat, aandeel in PARTICIPATIE_KANS:
            if kans < aandeel:
                soort = kandidaat
                break
            kans -= aandeel
        if soort is None or begin is None:
            continue
        start = _dag(rng, begin + datetime.timedelta(days=90), laatst)
        einde = None
        if rng.random() < 0.2 and (laatst - start).days > 60:
            einde = _dag(rng, start + datetime.timedelta(days=30), laatst)
        rijen.append(_participatie(rng, pk, soort, start, einde, door_id))
    Participatie.objects.bulk_create(rijen, batch_size=1000)
    return len(rijen)


def _participatie(rng, persoon_id, soort, start, einde, door_id) -> Participatie:
    laag, hoog = UREN[soort]
    return Participatie(
        persoon_id=persoon_id,
        soort=soort,
        omschrijving=rng.choice(OMSCHRIJVINGEN[soort]),
        gestart_op=start,
        geeindigd_op=einde,
        uren_per_week=rng.randint(laag, hoog),
        contractsoort=rng.choices(*zip(*CONTRACTEN, strict=True))[0]
        if soort == ParticipatieSoort.BETAALD_WERK
        else "",
        door_id=door_id,
    )


def halfjaren(vandaag: datetime.date, aantal: int = 6) -> list[tuple[int, int]]:
    """The last `aantal` half years up to and including today's, oldest first."""
    jaar, half = vandaag.year, 1 if vandaag.month <= 6 else 2
    uitkomst = []
    for _ in range(aantal):
        uitkomst.append((jaar, half))
        jaar, half = (jaar, 1) if half == 2 else (jaar - 1, 2)
    return uitkomst[::-1]


def taakstellingen_maken(*, vandaag: datetime.date) -> int:
    """Each gemeente's target for the last six half years, in proportion to the statushouders
    it has (nareizigers do not count), entered by functioneel beheer. A half year that has a
    target already keeps it."""
    beheer = User.objects.filter(username="beheer").first()
    if beheer is None:
        return 0
    gemeenten = Gemeente.objects.annotate(
        aantal=Count("personen", filter=~Q(personen__doelgroep=Doelgroep.NAREIZIGER))
    ).order_by("naam")
    rijen = [
        Taakstelling(
            gemeente=gemeente,
            jaar=jaar,
            halfjaar=half,
            # A very large demo stays within the bound a target can have.
            aantal=min(
                HOOGSTE_TAAKSTELLING,
                round(gemeente.aantal / len(TAAKSTELLING_FACTOREN) * factor),
            ),
            gewijzigd_door=beheer,
        )
        for gemeente in gemeenten
        for (jaar, half), factor in zip(
            halfjaren(vandaag, len(TAAKSTELLING_FACTOREN)), TAAKSTELLING_FACTOREN, strict=True
        )
    ]
    voor = Taakstelling.objects.count()
    Taakstelling.objects.bulk_create(rijen, ignore_conflicts=True)
    return Taakstelling.objects.count() - voor


def cbs_leveringen_maken(*, vandaag: datetime.date, kwartalen: int = 8) -> int:
    """The statistics deliveries of the quarters before, each three weeks after the quarter
    ended; the last quarter of the first gemeente is still to deliver, so the team worklist
    shows one delivery waiting."""
    beheer = User.objects.get(username="beheer")
    jaar, kwartaal = laatst_geeindigd_kwartaal(vandaag)
    reeks = []
    for _ in range(kwartalen):
        reeks.append((jaar, kwartaal))
        jaar, kwartaal = vorig_kwartaal(jaar, kwartaal)
    gemeenten = list(Gemeente.objects.order_by("naam"))
    rijen = [
        CbsLevering(
            gemeente=gemeente,
            jaar=jaar,
            kwartaal=kwartaal,
            geleverd_op=min(vandaag, kwartaal_einde(jaar, kwartaal) + datetime.timedelta(21)),
            door=beheer,
        )
        for gemeente in gemeenten
        for jaar, kwartaal in reeks
        if not (gemeente == gemeenten[-1] and (jaar, kwartaal) == reeks[0])
    ]
    voor = CbsLevering.objects.count()
    CbsLevering.objects.bulk_create(rijen, ignore_conflicts=True)
    return CbsLevering.objects.count() - voor
