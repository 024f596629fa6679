"""A hand-made caseload of fifteen persons in gemeente Aadorp (and a few planted rows in
Beekdal that must never show up in Aadorp's figures). The report period is the third quarter
of 2026; every expected figure of it is written out by hand in test_cijfers.py, with the
reasoning beside it."""

import datetime
import zoneinfo
from decimal import Decimal

from pip_plans.models import PlanVersie
from termijnen.models import Termijn
from termijnen.services import termijnconfig
from tests.accounts.factories import UserFactory
from tests.intake.factories import BredeIntakeFactory
from tests.ontzorging.factories import BetalingFactory, OntzorgperiodeFactory, VasteLastFactory
from tests.partners.factories import PartnerFactory, VerwijzingFactory
from tests.pip_plans.factories import PlanFactory
from tests.reports.factories import ParticipatieFactory, TaakstellingFactory
from tests.statushouders.factories import GemeenteFactory, PersoonFactory

D = datetime.date
AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")

VAN, TOT = D(2026, 7, 1), D(2026, 9, 30)
VANDAAG = D(2026, 10, 15)

# Names planted in Beekdal: none of them may appear in a report of Aadorp.
VERBORGEN = ["Verborgenees", "Geheime Regisseur", "Partner Verborgen", "Zuidwaarts Verborgen"]


def _om(dag: datetime.date, uur: int = 10) -> datetime.datetime:
    return datetime.datetime(dag.year, dag.month, dag.day, uur, 0, tzinfo=AMSTERDAM)


def _termijn(persoon, code, vervalt_op, *, status="open", sleutel=""):
    return Termijn.objects.create(
        persoon=persoon,
        # Made from its default when a browser test before this one emptied the table.
        config=termijnconfig(code),
        sleutel=sleutel,
        basisdatum=vervalt_op - datetime.timedelta(weeks=10),
        vervalt_op=vervalt_op,
        status=status,
        gehaald_op=vervalt_op if status == "gehaald" else None,
    )


def _pip(persoon, *, vastgesteld_op, leerroute, vervalt_op=None):
    intake = BredeIntakeFactory(persoon=persoon, gestart_op=vastgesteld_op - datetime.timedelta(30))
    plan = PlanFactory(intake=intake, leerroute=leerroute)
    plan.status = "vastgesteld"
    plan.eerste_vaststelling_op = vastgesteld_op
    plan.save()
    if vervalt_op:
        _termijn(persoon, "pip_vaststellen", vervalt_op, status="gehaald")
    return plan


def _versie(plan, nummer, leerroute, op, door):
    PlanVersie.objects.create(
        plan=plan,
        nummer=nummer,
        inhoud={"velden": {"leerroute": leerroute}},
        vastgesteld_door=door,
        vastgesteld_op=_om(op),
        bekendmaking_op=op,
        dagtekening=op,
    )


def aadorp_en_beekdal():
    aadorp = GemeenteFactory(naam="Aadorp", cbs_code="GM9101")
    beekdal = GemeenteFactory(naam="Beekdal", cbs_code="GM9102")
    ingrid = UserFactory(first_name="Ingrid", last_name="Janssen", gemeenten=[aadorp])
    bram = UserFactory(first_name="Bram", last_name="Hendrikx", gemeenten=[aadorp])

    def persoon(**kwargs):
        return PersoonFactory(gemeente=aadorp, **kwargs)

    p1 = persoon(
        koppeling_datum=D(2026, 5, 4), huisvesting_datum=D(2026, 7, 6),
        bestandsgroep="actief_traject", geslacht="v", nationaliteit="Syrisch",
        geboortedatum=D(1990, 5, 17), regisseur=ingrid,
        duo_kennisgeving_op=D(2026, 6, 1), brp_inschrijving_op=D(2026, 6, 15),
        bijstand_sinds=D(2026, 7, 1),
    )  # fmt: skip
    plan1 = _pip(p1, vastgesteld_op=D(2026, 8, 10), leerroute="b1", vervalt_op=D(2026, 8, 24))
    plan1.intake.gestart_op = D(2026, 5, 18)  # before the period
    plan1.intake.save()

    p2 = persoon(
        koppeling_datum=D(2026, 6, 1), huisvesting_datum=D(2026, 8, 3),
        bestandsgroep="actief_traject", geslacht="m", nationaliteit="Syrisch",
        geboortedatum=D(1985, 1, 10), regisseur=ingrid,
        duo_kennisgeving_op=D(2026, 6, 10), brp_inschrijving_op=D(2026, 6, 20),
    )  # fmt: skip
    plan2 = _pip(p2, vastgesteld_op=D(2026, 9, 15), leerroute="z", vervalt_op=D(2026, 8, 31))
    plan2.intake.gestart_op = D(2026, 7, 6)
    plan2.intake.save()

    p3 = persoon(
        koppeling_datum=D(2026, 6, 15), bestandsgroep="intake", geslacht="m",
        nationaliteit="Eritrees", geboortedatum=D(2000, 3, 1), regisseur=bram,
    )  # fmt: skip
    BredeIntakeFactory(persoon=p3, gestart_op=D(2026, 7, 20))
    _termijn(p3, "pip_vaststellen", D(2026, 9, 1))  # open, overdue on 30-09

    p4 = persoon(
        koppeling_datum=D(2026, 7, 1), bestandsgroep="intake", geslacht="v",
        nationaliteit="Eritrees", geboortedatum=D(2010, 6, 1), regisseur=bram,
    )  # fmt: skip
    BredeIntakeFactory(persoon=p4, gestart_op=D(2026, 7, 15), afgerond=True)
    # afgerond: ten days after the start, 25-07-2026

    p5 = persoon(
        koppeling_datum=D(2026, 3, 2), huisvesting_datum=D(2026, 5, 1),
        bestandsgroep="actief_traject", geslacht="m", nationaliteit="Afghaans",
        geboortedatum=D(1970, 2, 2), regisseur=ingrid,
        duo_kennisgeving_op=D(2026, 4, 1), brp_inschrijving_op=D(2026, 4, 10),
    )  # fmt: skip
    plan5 = _pip(p5, vastgesteld_op=D(2026, 7, 1), leerroute="z", vervalt_op=D(2026, 6, 19))
    _versie(plan5, 1, "b1", D(2026, 7, 1), ingrid)
    _versie(plan5, 2, "z", D(2026, 9, 1), ingrid)  # the route switch

    p6 = persoon(
        koppeling_datum=D(2026, 2, 2), huisvesting_datum=D(2026, 4, 1),
        bestandsgroep="actief_traject", geslacht="v", nationaliteit="Syrisch",
        geboortedatum=D(1995, 7, 7), regisseur=ingrid,
    )  # fmt: skip
    _pip(p6, vastgesteld_op=D(2026, 5, 15), leerroute="onderwijs")

    p7 = persoon(
        koppeling_datum=D(2025, 11, 3), huisvesting_datum=D(2026, 1, 5),
        bestandsgroep="zorg_en_rust", geslacht="m", nationaliteit="Syrisch",
        geboortedatum=D(1960, 1, 1), regisseur=bram,
    )  # fmt: skip
    _pip(p7, vastgesteld_op=D(2026, 3, 1), leerroute="z")

    p8 = persoon(
        koppeling_datum=D(2026, 8, 3), bestandsgroep="intake", geslacht="v",
        nationaliteit="Turks", geboortedatum=D(1999, 12, 31), regisseur=None,
    )  # fmt: skip
    BredeIntakeFactory(persoon=p8, gestart_op=D(2026, 8, 24))
    _termijn(p8, "pip_vaststellen", D(2026, 11, 1))  # open, not yet due

    p9 = persoon(
        koppeling_datum=D(2026, 4, 6), huisvesting_datum=D(2026, 9, 28),
        bestandsgroep="actief_traject", geslacht="m", nationaliteit="Syrisch",
        geboortedatum=D(1988, 8, 8), regisseur=ingrid,
        duo_kennisgeving_op=D(2026, 5, 1), brp_inschrijving_op=D(2026, 5, 4),
    )  # fmt: skip
    plan9 = _pip(p9, vastgesteld_op=D(2026, 9, 28), leerroute="b1", vervalt_op=D(2026, 7, 13))
    plan9.intake.gestart_op = D(2026, 7, 27)
    plan9.intake.save()

    p10 = persoon(
        koppeling_datum=D(2025, 6, 2), huisvesting_datum=D(2025, 8, 1),
        bestandsgroep="actief_traject", geslacht="v", nationaliteit="Syrisch",
        afgesloten_op=D(2026, 8, 31), uitstroomreden="betaald_werk", regisseur=ingrid,
    )  # fmt: skip
    persoon(  # p11
        koppeling_datum=D(2025, 9, 1), bestandsgroep="actief_traject", geslacht="m",
        nationaliteit="Eritrees", afgesloten_op=D(2026, 9, 15), uitstroomreden="opleiding",
    )  # fmt: skip
    p12 = persoon(
        koppeling_datum=D(2025, 10, 1), bestandsgroep="actief_traject", geslacht="m",
        nationaliteit="Syrisch", afgesloten_op=D(2026, 7, 20), uitstroomreden="verhuisd",
    )  # fmt: skip
    _termijn(p12, "pip_vaststellen", D(2026, 8, 1))  # open, but the dossier is closed
    persoon(  # p13
        koppeling_datum=D(2026, 1, 5), bestandsgroep="actief_traject", geslacht="m",
        nationaliteit="Afghaans", geboortedatum=D(1980, 5, 5), regisseur=bram,
        afgesloten_op=D(2026, 10, 5), uitstroomreden="betaald_werk",
    )  # fmt: skip
    persoon(
        koppeling_datum=D(2026, 10, 2),
        bestandsgroep="intake",
        geslacht="v",
        nationaliteit="Syrisch",
    )  # fmt: skip  (p14: coupled after the period)
    persoon(
        koppeling_datum=D(2026, 5, 1),
        huisvesting_datum=D(2026, 8, 15),
        doelgroep="nareiziger",
        bestandsgroep="actief_traject",
        geslacht="v",
        nationaliteit="Syrisch",
        geboortedatum=D(2015, 1, 1),
        regisseur=bram,
    )  # fmt: skip  (p15)

    # Work and education.
    ParticipatieFactory(door=ingrid, persoon=p10, werk=True, gestart_op=D(2026, 6, 1))
    ParticipatieFactory(door=ingrid, persoon=p1, werk=True, gestart_op=D(2026, 8, 1))
    ParticipatieFactory(
        door=ingrid,
        persoon=p2,
        opleiding=True,
        gestart_op=D(2026, 9, 1),
        geeindigd_op=D(2026, 9, 20),
    )
    ParticipatieFactory(door=ingrid, persoon=p6, opleiding=True, gestart_op=D(2026, 1, 15))
    ParticipatieFactory(door=ingrid, persoon=p7, gestart_op=D(2026, 7, 1))  # vrijwilligerswerk
    ParticipatieFactory(door=ingrid, persoon=p9, werk=True, gestart_op=D(2026, 7, 15))
    ParticipatieFactory(door=ingrid, persoon=p9, opleiding=True, gestart_op=D(2026, 8, 1))

    # Referrals.
    taalhuis = PartnerFactory(naam="Taalhuis Aadorp")
    vluchtelingenwerk = PartnerFactory(naam="Vluchtelingenwerk Aadorp")

    def verwijzing(persoon, partner, verstuurd, beantwoord=None, **traits):
        return VerwijzingFactory(
            persoon=persoon,
            partner=partner,
            door=ingrid,
            verstuurd_op=_om(verstuurd),
            **traits,
            **({"beantwoord_op": _om(beantwoord, 15)} if beantwoord else {}),
        )

    verwijzing(p1, taalhuis, D(2026, 7, 6), D(2026, 7, 8), geaccepteerd=True)
    verwijzing(p2, taalhuis, D(2026, 7, 10), D(2026, 7, 14), geaccepteerd=True)
    verwijzing(p3, taalhuis, D(2026, 8, 3), D(2026, 8, 10), afgewezen=True)
    verwijzing(p4, taalhuis, D(2026, 9, 28))
    verwijzing(p5, vluchtelingenwerk, D(2026, 6, 30), D(2026, 7, 1), geaccepteerd=True)
    verwijzing(p9, vluchtelingenwerk, D(2026, 9, 1), D(2026, 9, 15), geaccepteerd=True)
    verwijzing(p6, vluchtelingenwerk, D(2026, 7, 1), D(2026, 7, 2), afgerond=True)

    # Ontzorging of p1: rent and energy, three months in the period and one after.
    periode = OntzorgperiodeFactory(persoon=p1, start_bijstand=D(2026, 7, 1))
    huur = VasteLastFactory(periode=periode, maandbedrag=Decimal("612.50"))
    energie = VasteLastFactory(
        periode=periode, soort="energie", crediteur="Energie Zuid", maandbedrag=Decimal("85.10"),
        iban="NL44RABO0123456789", bic="RABONL2U", kenmerk="Klant 777",
    )  # fmt: skip
    BetalingFactory(vaste_last=huur, maand=D(2026, 7, 1), betaald=True)
    BetalingFactory(vaste_last=huur, maand=D(2026, 8, 1), betaald=True)
    BetalingFactory(vaste_last=huur, maand=D(2026, 9, 1), mislukt=True)
    BetalingFactory(vaste_last=huur, maand=D(2026, 10, 1))
    BetalingFactory(vaste_last=energie, maand=D(2026, 7, 1), betaald=True)
    BetalingFactory(vaste_last=energie, maand=D(2026, 8, 1), in_batch=True)
    BetalingFactory(vaste_last=energie, maand=D(2026, 9, 1))

    TaakstellingFactory(gemeente=aadorp, jaar=2026, halfjaar=1, aantal=5, gewijzigd_door=ingrid)
    TaakstellingFactory(gemeente=aadorp, jaar=2026, halfjaar=2, aantal=6, gewijzigd_door=ingrid)

    _beekdal(beekdal)
    return aadorp, beekdal


def _beekdal(beekdal):
    """Rows of another gemeente in every table: they must change none of Aadorp's figures."""
    geheim = UserFactory(first_name="Geheime", last_name="Regisseur", gemeenten=[beekdal])
    p = PersoonFactory(
        gemeente=beekdal, achternaam="Zuidwaarts Verborgen", nationaliteit="Verborgenees",
        koppeling_datum=D(2026, 6, 1), huisvesting_datum=D(2026, 7, 1), regisseur=geheim,
        bestandsgroep="actief_traject", duo_kennisgeving_op=D(2026, 6, 1),
        brp_inschrijving_op=D(2026, 6, 2), bijstand_sinds=D(2026, 7, 1),
    )  # fmt: skip
    plan = PlanFactory(
        intake=BredeIntakeFactory(persoon=p, gestart_op=D(2026, 7, 2), afgerond=True)
    )
    plan.eerste_vaststelling_op = D(2026, 8, 1)
    plan.status = "vastgesteld"
    plan.save()
    _termijn(p, "pip_vaststellen", D(2026, 8, 10), status="gehaald")
    VerwijzingFactory(
        persoon=p,
        partner=PartnerFactory(naam="Partner Verborgen"),
        door=geheim,
        verstuurd_op=_om(D(2026, 7, 7)),
        geaccepteerd=True,
    )
    ParticipatieFactory(door=geheim, persoon=p, werk=True, gestart_op=D(2026, 8, 1))
    periode = OntzorgperiodeFactory(persoon=p, start_bijstand=D(2026, 7, 1))
    BetalingFactory(vaste_last=VasteLastFactory(periode=periode), maand=D(2026, 7, 1), betaald=True)
    TaakstellingFactory(gemeente=beekdal, jaar=2026, halfjaar=2, aantal=40, gewijzigd_door=geheim)
