"""Demo trajectories through the real services: brede intakes not started, running, completed
and reopened; PIPs in concept and fixed, some with two versions and a ready PDF; progress
talks. Only for at most a hundred recent adults, so a large seed stays fast; the course of
every other dossier is written in bulk (demo_verloop)."""

import datetime

from django.db import transaction
from django.utils import timezone

from intake import services as intake_services
from intake.constants import ZRM_DOMEINEN
from pip_plans import services as pip_services
from statushouders.constants import Bestandsgroep

TRAJECTEN_HOOGSTENS = 100
# Rendering a PDF takes a second; a handful shows the download, the rest wait for the worker.
PDFS_HOOGSTENS = 4

_LEEFGEBIEDEN = [
    ("wonen", "Woont met het gezin in een eengezinswoning.", "Wil de buren leren kennen.", ""),
    (
        "financien",
        "Heeft bijstand; post is nog lastig.",
        "Zelf de rekeningen kunnen betalen.",
        "Schulden bij de zorgverzekeraar.",
    ),
    ("taal", "Spreekt wat Engels; leert Nederlands via een app.", "Snel B1 halen.", ""),
    ("opleiding", "Middelbare school afgemaakt.", "Een mbo-opleiding in de zorg.", ""),
    ("werkervaring", "Acht jaar kapper met een eigen zaak.", "Weer als kapper werken.", ""),
    ("gezin", "Twee kinderen op de basisschool.", "", "Kinderopvang nodig tijdens de les."),
]


# Dossiers this recent are walked through the services: a PIP they fix today is on time or
# just late, as it would be for someone who arrived then.
TRAJECTEN_VENSTER_DAGEN = 150


def trajecten_kandidaten(personen, peildatum: datetime.date) -> list:
    """The adults whose trajectory `trajecten` walks: recent, open dossiers with a regisseur."""
    return [
        p
        for p in personen
        if p.regisseur_id
        and p.koppeling_datum
        and (peildatum - p.koppeling_datum).days <= TRAJECTEN_VENSTER_DAGEN
        and not p.afgesloten_op
        and p.duo_kennisgeving_op
        and (peildatum - p.geboortedatum).days >= 18 * 366
    ][:TRAJECTEN_HOOGSTENS]


def trajecten(rng, volwassenen, peildatum: datetime.date) -> int:
    """Walk these adults (`trajecten_kandidaten`) through intake (and later the PIP) as a
    regisseur would, on the days it would have happened."""
    gemaakt = 0
    pdfs: list[int] = []
    heropend = False
    for persoon in volwassenen:
        door = persoon.regisseur
        start = persoon.koppeling_datum + datetime.timedelta(days=rng.randint(21, 70))
        if persoon.bestandsgroep == Bestandsgroep.INTAKE:
            if rng.random() < 0.4 or start > peildatum:
                continue  # intake not started yet
            intake = _intake_starten(persoon, door, start)
            for leefgebied in rng.sample(_LEEFGEBIEDEN, rng.randint(1, 4)):
                _leefgebied(intake, door, leefgebied)
        else:
            start = min(start, peildatum - datetime.timedelta(days=20))
            intake = _intake_starten(persoon, door, start)
            for leefgebied in _LEEFGEBIEDEN:
                _leefgebied(intake, door, leefgebied)
            intake = _afronden(rng, intake, door, start, persoon.bestandsgroep)
            if rng.random() < 0.08 or not heropend:
                heropend = True
                intake_services.intake_heropenen(
                    intake=intake,
                    door=door,
                    reden="Diploma alsnog gevonden; opleiding aanpassen.",
                )
            elif persoon.bestandsgroep == Bestandsgroep.ACTIEF_TRAJECT:
                _pip(rng, intake, door, peildatum, pdfs)
        gemaakt += 1
    transaction.on_commit(lambda: [pip_services.plan_pdf_opslaan(versie_id=pk) for pk in pdfs])
    return gemaakt


_DOELEN = [
    ("taal", "Nederlands op B1-niveau", "Taalschool drie ochtenden per week", "persoon"),
    (
        "financien",
        "Zelf de vaste lasten betalen",
        "Budgetcoaching via Vluchtelingenwerk",
        "partner",
    ),
    ("werkervaring", "Werkervaring opdoen als kapper", "Proefplaatsing via het WSP", "gemeente"),
    ("sociaal_netwerk", "Nederlanders leren kennen", "Taalmaatje en sportclub", "persoon"),
]


def _pip(rng, intake, door, peildatum, pdfs):
    """A PIP drawn up from the intake: a concept, fixed once, or fixed, changed and fixed
    again (two versions); some with voortgangsgesprekken and a PDF ready to download. Fixed
    today: the service records the day it is called."""
    plan = pip_services.plan_aanmaken(intake=intake, door=door)
    pip_services.plan_bijwerken(
        plan=plan,
        door=door,
        gegevens={
            "taalschool": "Taalschool Weert",
            "pvt_aanbieder": "Vluchtelingenwerk Weert",
            "knm_aanbieder": "Taalschool Weert",
            "afspraken": "Elke maand een gesprek met de regisseur.",
            "ontzorgen": True,
            "ontzorgen_toelichting": "Huur, energie en zorgverzekering via de gemeente.",
        },
    )
    for leefgebied, doel, acties, wie in rng.sample(_DOELEN, rng.randint(2, 4)):
        pip_services.doel_opslaan(
            plan=plan,
            door=door,
            gegevens={
                "leefgebied": leefgebied,
                "doel": doel,
                "acties": acties,
                "verantwoordelijke": wie,
                "partner_naam": "Vluchtelingenwerk Weert" if wie == "partner" else "",
            },
        )
    kans = rng.random()
    if kans < 0.25:
        return  # still a concept
    motivatie = "Afgesproken met de persoon; past bij de gezinssituatie."
    bekendmaking = peildatum - datetime.timedelta(days=rng.randint(0, 25))
    # Dated two days before it reached the person, as a decision sent by post is.
    versie = pip_services.plan_vaststellen(
        plan=plan,
        door=door,
        dagtekening=bekendmaking - datetime.timedelta(days=2),
        bekendmaking_op=bekendmaking,
        afwijking_motivatie=motivatie,
    )
    if kans > 0.8:
        pip_services.plan_wijzigen(plan=plan, door=door)
        pip_services.plan_bijwerken(
            plan=plan,
            door=door,
            gegevens={"afspraken": "Elke twee weken een gesprek; start bij de taalschool."},
        )
        versie = pip_services.plan_vaststellen(
            plan=plan,
            door=door,
            bekendmaking_op=min(peildatum, bekendmaking + datetime.timedelta(days=3)),
            afwijking_motivatie=motivatie,
        )
    if kans > 0.6 or not pdfs:
        pip_services.voortgangsgesprek_vastleggen(
            plan=plan,
            door=door,
            datum=peildatum,
            verslag="Gaat goed naar de taalschool; wil meer oefenen met spreken.",
            volgend_gesprek_op=peildatum + datetime.timedelta(weeks=8),
        )
    if len(pdfs) < PDFS_HOOGSTENS:
        pdfs.append(versie.pk)


def _intake_starten(persoon, door, start):
    return intake_services.intake_starten(
        persoon=persoon,
        door=door,
        gestart_op=start,
        locatie="gemeentekantoor" if persoon.huisvesting_datum else "azc",
        azc_naam="" if persoon.huisvesting_datum else (persoon.azc or "AZC Weert"),
        tolk_taal=persoon.voorkeurstaal[:60],
    )


def _leefgebied(intake, door, leefgebied):
    code, bevindingen, wensen, zorgen = leefgebied
    gegevens = {}
    if code == "taal":
        gegevens = {"taal_lezen": "A1", "taal_luisteren": "A1", "taal_spreken": "A0"}
    elif code == "opleiding":
        gegevens = {"hoogste_opleiding": "voortgezet", "opleiding_jaren": 11}
    elif code == "gezin":
        gegevens = {"kinderopvang_nodig": True}
    intake_services.leefgebied_opslaan(
        intake=intake,
        door=door,
        leefgebied=code,
        bevindingen=bevindingen,
        wensen=wensen,
        zorgen=zorgen,
        gegevens=gegevens,
    )


def _afronden(rng, intake, door, start, bestandsgroep):
    dag = start + datetime.timedelta(days=rng.randint(3, 12))
    intake_services.intake_gegevens_opslaan(
        intake=intake,
        door=door,
        gegevens={
            "leerbaarheidstoets_datum": dag,
            "leerbaarheidstoets_uitkomst": rng.choice(
                ["Goed leerbaar", "Gemiddeld leerbaar", "Beperkt leerbaar"]
            ),
            "advies_leerroute": rng.choices(["b1", "z", "onderwijs"], weights=[60, 25, 15])[0],
            "advies_motivatie": "Past bij de opleiding, de leerbaarheid en de wensen.",
        },
    )
    intake_services.zrm_opslaan(
        intake=intake,
        door=door,
        datum=dag,
        scores={code: rng.choice([2, 3, 3, 4, 4, 5]) for code, _label in ZRM_DOMEINEN},
    )
    return intake_services.intake_afronden(
        intake=intake,
        door=door,
        afgerond_op=min(timezone.localdate(), dag + datetime.timedelta(days=2)),
        bestandsgroep=bestandsgroep,
        zorg_en_rust_reden="Eerst herstel na een operatie."
        if bestandsgroep == Bestandsgroep.ZORG_EN_RUST
        else "",
    )
