"""Two gemeenten, two partners and 200 persons, for the tests that prove scoping and hostile
input over every page: each role, and for every dossier every object a URL can name."""

import datetime
import decimal
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.utils import timezone

from intake.models import Gesprek
from partners.models import Verwijzing
from pip_plans.constants import PdfStatus
from statushouders.models import Persoon
from termijnen.models import Melding
from tests.accounts.factories import UserFactory
from tests.intake.factories import BredeIntakeFactory
from tests.partners.factories import PartnerFactory, VerwijzingFactory
from tests.pip_plans.factories import PlanDoelFactory
from tests.reports.factories import ParticipatieFactory
from tests.statushouders.factories import (
    ContactmomentFactory,
    GemeenteFactory,
    PersoonFactory,
)
from tests.urlwalk import pip_termijn

AANTAL_PERSONEN = 200

# Planted in a scope; never to be seen from outside it. The BSNs pass the elfproef and are
# not ones the factories hand out.
GEHEIM_BSN_WEERT = "999990019"
GEHEIM_BSN_CRANENDONCK = "999990020"
GEHEIM_BSN_PARTNER_B = "999990032"
# Names of the planted persons: the access log names whom each look concerned, and beheer
# reads it (who looked at a dossier); BSNs and dossier notes stay out of it all the same.
GEHEIME_NAMEN = {"Wespennest", "Kraanvogel", "Bosuil"}


@dataclass
class Geheim:
    """What one scope holds that no one outside it may ever read."""

    teksten: list[str]
    zichtbaar_voor: set[str]


@dataclass
class Dossier:
    """A person with one of every object a dossier URL can name."""

    persoon: Persoon
    intake_uuid: object
    doel_uuid: object
    nummer: int
    termijn_id: int
    verwijzing_a: Verwijzing
    verwijzing_b: Verwijzing
    melding_id: int
    # Ontzorging: the period, its vaste last and one payment of it (failed for the first
    # dossier of a gemeente, planned for the other).
    periode_uuid: object = None
    last_uuid: object = None
    betaling_id: int | None = None
    # Participation: one activity recorded on the dossier.
    participatie_uuid: object = None


@dataclass
class Betaalwereld:
    """What a gemeente's payments page can name: batches in each state, a bank statement."""

    batch_uuid: object  # exported: its SEPA file can be downloaded
    afschrift_uuid: object
    goedgekeurd_uuid: object = None
    samengesteld_uuid: object = None


@dataclass
class Wereld:
    gebruikers: dict
    dossiers: dict  # gemeente name -> [Dossier, Dossier]
    personen: list
    geheimen: list = field(default_factory=list)
    # Referrals of partner A that partner A may no longer open (consent withdrawn).
    verwijzing_a_ingetrokken: Verwijzing | None = None
    betalen: dict = field(default_factory=dict)  # gemeente name -> Betaalwereld
    # gemeente name -> (quarterly report, per-person delivery) of that gemeente alone
    rapporten: dict = field(default_factory=dict)


def dossier_bouwen(gemeente, regisseur, partner_a, partner_b, pdf: list) -> Dossier:
    doel = PlanDoelFactory(
        plan__intake__persoon__gemeente=gemeente, plan__intake__persoon__regisseur=regisseur
    )
    plan = doel.plan
    from pip_plans import services

    versie = services.plan_vaststellen(
        plan=plan, door=regisseur, bekendmaking_op=timezone.localdate()
    )
    # The PDF is made after the commit that a test never reaches: render one, copy it.
    if pdf:
        versie.pdf.save("plan.pdf", ContentFile(pdf[0]), save=False)
        versie.pdf_status = PdfStatus.KLAAR
        versie.save(update_fields=["pdf", "pdf_status"])
    else:
        pdf.append(services.plan_pdf_opslaan(versie_id=versie.pk).pdf.read())
    # A second version, so the comparison of versions has two to compare.
    services.plan_wijzigen(plan=plan, door=regisseur)
    services.plan_vaststellen(plan=plan, door=regisseur, bekendmaking_op=timezone.localdate())
    persoon = plan.persoon
    verwijzingen = []
    for partner in (partner_a, partner_b):
        verwijzing = VerwijzingFactory(persoon=persoon, partner=partner, door=regisseur)
        verwijzing.toestemming_document.save("toestemming.pdf", ContentFile(b"%PDF-1.4 getekend"))
        verwijzingen.append(verwijzing)
    melding = Melding.objects.create(
        gebruiker=regisseur,
        persoon=persoon,
        tekst="Termijn nadert",
        link=persoon.get_absolute_url(),
    )
    participatie = ParticipatieFactory(persoon=persoon, door=regisseur, werk=True)
    return Dossier(
        persoon=persoon,
        intake_uuid=plan.intake.uuid,
        doel_uuid=doel.uuid,
        nummer=versie.nummer,
        termijn_id=pip_termijn(persoon),
        verwijzing_a=verwijzingen[0],
        verwijzing_b=verwijzingen[1],
        melding_id=melding.pk,
        participatie_uuid=participatie.uuid,
    )


GEHEIME_CREDITEUR = "GEHEIM-CREDITEUR-WEERT"
ONTZORGING_VANAF = datetime.date(2026, 2, 1)


def ontzorging_bouwen(
    gemeente, regisseur, teamleider, dossiers, *, crediteur="Woonstichting De Kempen", staten=1
) -> Betaalwereld:
    """Every dossier an ontzorgperiode with a vaste last; payments planned from April 2026 and
    put in an exported batch, one failed; a bank statement. With `staten=3` also a batch
    waiting for approval and one approved, each of a month of its own."""
    from ontzorging import services as ontzorging
    from ontzorging.constants import BetalingStatus, KenmerkSoort, LastSoort, MachtigingVorm
    from ontzorging.models import Betaling
    from tests.ontzorging.factories import IBAN_WOONCORPORATIE, instelling

    instelling(gemeente)
    Persoon.objects.filter(pk__in=[d.persoon.pk for d in dossiers]).update(
        duo_kennisgeving_op=datetime.date(2026, 1, 5),
        brp_inschrijving_op=datetime.date(2026, 1, 12),
        bijstand_sinds=ONTZORGING_VANAF,
    )
    for i, dossier in enumerate(dossiers):
        dossier.persoon.refresh_from_db()
        periode = ontzorging.periode_aanmaken(
            persoon=dossier.persoon,
            door=regisseur,
            machtiging_op=ONTZORGING_VANAF,
            machtiging_vorm=MachtigingVorm.SCHRIFTELIJK,
        )
        last = ontzorging.vaste_last_toevoegen(
            periode=periode,
            door=regisseur,
            soort=LastSoort.HUUR,
            crediteur=crediteur if i == 0 else "Woonstichting De Kempen",
            iban=IBAN_WOONCORPORATIE,
            bic="",
            kenmerk_soort=KenmerkSoort.OMSCHRIJVING,
            kenmerk=f"Huurcontract {i + 1}",
            maandbedrag=decimal.Decimal("612.50"),
            eerste_maand=datetime.date(2026, 4, 1),
            laatste_maand=datetime.date(2026, 7, 1),
        )
        dossier.periode_uuid, dossier.last_uuid = periode.uuid, last.uuid

    def batch(maand, *, goedkeuren=True):
        ontzorging.betalingen_plannen(maand=maand, gemeente=gemeente)
        nieuw = ontzorging.batch_samenstellen(
            gemeente=gemeente,
            door=regisseur,
            uitvoerdatum=datetime.date(2026, 4, 17),
            tot_maand=maand,
        )
        if goedkeuren:
            ontzorging.batch_goedkeuren(batch=nieuw, door=teamleider, waarschuwingen_gezien=True)
        return nieuw

    geexporteerd = ontzorging.batch_exporteren(batch=batch(datetime.date(2026, 4, 1)))
    betalen = Betaalwereld(
        batch_uuid=geexporteerd.uuid,
        afschrift_uuid=ontzorging.afschrift_inlezen(
            gemeente=gemeente,
            door=regisseur,
            bestand=ContentFile(b"<Document/>", name="afschrift.xml"),
        ).uuid,
    )
    if staten > 1:
        betalen.goedgekeurd_uuid = batch(datetime.date(2026, 5, 1)).uuid
        betalen.samengesteld_uuid = batch(datetime.date(2026, 6, 1), goedkeuren=False).uuid
    ontzorging.betalingen_plannen(maand=datetime.date(2026, 7, 1), gemeente=gemeente)
    mislukt = Betaling.objects.get(
        vaste_last__uuid=dossiers[0].last_uuid, maand=datetime.date(2026, 4, 1)
    )
    Betaling.objects.filter(pk=mislukt.pk).update(
        status=BetalingStatus.MISLUKT, reden_mislukt="AC04 rekening opgeheven"
    )
    dossiers[0].betaling_id = mislukt.pk
    for dossier in dossiers[1:]:
        dossier.betaling_id = Betaling.objects.get(
            vaste_last__uuid=dossier.last_uuid, maand=datetime.date(2026, 7, 1)
        ).pk
    return betalen


def _geheim_persoon(*, gemeente, regisseur, bsn, achternaam, tekst, partner=None, voor_partner=""):
    """A person whose BSN, name and notes are a marker to look for in every response."""
    persoon = PersoonFactory(
        gemeente=gemeente, regisseur=regisseur, bsn=bsn, achternaam=achternaam, azc=tekst
    )
    ContactmomentFactory(persoon=persoon, onderwerp=tekst, notitie=f"{tekst} notitie")
    intake = BredeIntakeFactory(persoon=persoon, diplomas=tekst, advies_motivatie=tekst)
    Gesprek.objects.create(
        intake=intake,
        datum=datetime.date(2026, 3, 11),
        deelnemers=tekst,
        notities=tekst,
        door=regisseur,
    )
    if partner is not None:
        VerwijzingFactory(persoon=persoon, partner=partner, door=regisseur, notitie=voor_partner)
    return persoon


def wereld_bouwen() -> Wereld:
    weert = GemeenteFactory(naam="Weert", cbs_code="GM0988")
    cranendonck = GemeenteFactory(naam="Cranendonck", cbs_code="GM1706")
    partner_a = PartnerFactory(naam="Taalhuis Weert")
    partner_b = PartnerFactory(naam="Werkplein Cranendonck")
    g = {
        "regisseur_weert": UserFactory(username="r-weert", gemeenten=[weert]),
        "teamleider_weert": UserFactory(username="t-weert", teamleider=True, gemeenten=[weert]),
        "regisseur_cranendonck": UserFactory(username="r-cran", gemeenten=[cranendonck]),
        "teamleider_cranendonck": UserFactory(
            username="t-cran", teamleider=True, gemeenten=[cranendonck]
        ),
        "partner_a1": UserFactory(username="p-a1", partnermedewerker=True, partner=partner_a),
        "partner_a2": UserFactory(username="p-a2", partnermedewerker=True, partner=partner_a),
        "partner_b1": UserFactory(username="p-b1", partnermedewerker=True, partner=partner_b),
        "partner_b2": UserFactory(username="p-b2", partnermedewerker=True, partner=partner_b),
        "beheerder": UserFactory(username="beheer", beheerder=True),
    }
    pdf = []
    dossiers = {
        "Weert": [
            dossier_bouwen(weert, g["regisseur_weert"], partner_a, partner_b, pdf) for _ in range(2)
        ],
        "Cranendonck": [
            dossier_bouwen(cranendonck, g["regisseur_cranendonck"], partner_a, partner_b, pdf)
            for _ in range(2)
        ],
    }
    weert_staf = {"regisseur_weert", "teamleider_weert"}
    cran_staf = {"regisseur_cranendonck", "teamleider_cranendonck"}
    geheimen = [
        Geheim([GEHEIM_BSN_WEERT, "Wespennest", "GEHEIM-WEERT-7731"], weert_staf),
        Geheim([GEHEIM_BSN_CRANENDONCK, "Kraanvogel", "GEHEIM-CRAN-4410"], cran_staf),
        # Referred to partner B: its users may read the name and the note for the partner,
        # never the BSN or the dossier's own notes.
        Geheim(["Bosuil", "VOOR-PARTNER-B-9902"], weert_staf | {"partner_b1", "partner_b2"}),
        Geheim([GEHEIM_BSN_PARTNER_B, "DOSSIER-BOSUIL-5521"], weert_staf),
        # The creditor of a vaste last in Weert: on its dossier, batch and payments page.
        Geheim([GEHEIME_CREDITEUR], weert_staf),
    ]
    _geheim_persoon(
        gemeente=weert,
        regisseur=g["regisseur_weert"],
        bsn=GEHEIM_BSN_WEERT,
        achternaam="Wespennest",
        tekst="GEHEIM-WEERT-7731",
    )
    _geheim_persoon(
        gemeente=cranendonck,
        regisseur=g["regisseur_cranendonck"],
        bsn=GEHEIM_BSN_CRANENDONCK,
        achternaam="Kraanvogel",
        tekst="GEHEIM-CRAN-4410",
    )
    _geheim_persoon(
        gemeente=weert,
        regisseur=g["regisseur_weert"],
        bsn=GEHEIM_BSN_PARTNER_B,
        achternaam="Bosuil",
        tekst="DOSSIER-BOSUIL-5521",
        partner=partner_b,
        voor_partner="VOOR-PARTNER-B-9902",
    )
    betalen = {
        "Weert": ontzorging_bouwen(
            weert,
            g["regisseur_weert"],
            g["teamleider_weert"],
            dossiers["Weert"],
            crediteur=GEHEIME_CREDITEUR,
        ),
        "Cranendonck": ontzorging_bouwen(
            cranendonck,
            g["regisseur_cranendonck"],
            g["teamleider_cranendonck"],
            dossiers["Cranendonck"],
        ),
    }
    ingetrokken = VerwijzingFactory(
        persoon=dossiers["Weert"][0].persoon,
        partner=partner_a,
        door=g["regisseur_weert"],
        ingetrokken=True,
    )
    ingetrokken.toestemming_document.save("ingetrokken.pdf", ContentFile(b"%PDF-1.4 oud"))
    # The rest in one insert per gemeente: only their number and spread matter.
    aantal = AANTAL_PERSONEN - Persoon.objects.count()
    rest = [
        PersoonFactory.build(
            gemeente=weert if i % 2 else cranendonck,
            regisseur=g["regisseur_weert"] if i % 2 else g["regisseur_cranendonck"],
        )
        for i in range(aantal)
    ]
    Persoon.objects.bulk_create(rest)
    personen = list(Persoon.objects.select_related("gemeente"))
    # A few of the rest are referred to each partner, so the portal lists are not empty.
    for persoon in rest[:8]:
        partner = partner_a if persoon.gemeente == weert else partner_b
        VerwijzingFactory(persoon=persoon, partner=partner, door=g["regisseur_weert"])
    from tests.reports.factories import RapportFactory

    rapporten = {
        gemeente.naam: (
            RapportFactory(gemeenten=[gemeente], aangevraagd_door=g[f"teamleider_{sleutel}"]),
            RapportFactory(gemeenten=[gemeente], levering=True),
        )
        for gemeente, sleutel in ((weert, "weert"), (cranendonck, "cranendonck"))
    }
    return Wereld(
        gebruikers=g,
        rapporten=rapporten,
        dossiers=dossiers,
        personen=personen,
        geheimen=geheimen,
        verwijzing_a_ingetrokken=ingetrokken,
        betalen=betalen,
    )
