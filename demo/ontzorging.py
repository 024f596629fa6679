"""Demo data for ontzorging, made through the services so every rule holds: periods in every
status, vaste lasten at several banks, a paid batch, a batch at the bank, a returned payment,
a batch waiting for a teamleider and a bank statement ready to import.

Dates count from the day of seeding, so the demo looks alive on any day."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.storage import private_storage
from ontzorging import betalingskenmerk, camt_schrijven, services
from ontzorging.bankberichten import betaalopdrachten
from ontzorging.constants import BetalingStatus, KenmerkSoort, LastSoort, MachtigingVorm
from ontzorging.geld import eerstvolgende_bankdag, maand_van
from ontzorging.models import (
    Batchregel,
    Betaalbatch,
    Betaalinstelling,
    Ontzorgperiode,
    VasteLast,
)
from statushouders.constants import Doelgroep
from statushouders.models import Gemeente, Persoon
from statushouders.services import persoon_bijwerken

# The account each demo gemeente pays from, and its local policy.
DEMO_INSTELLINGEN = {
    "Weert": {
        "rekeninghouder": "Gemeente Weert",
        "iban": "NL91ABNA0417164300",
        "ruimere_doelgroep": True,
        "ruimere_lasten": True,
        "beleid": (
            "Weert ontzorgt ook wie (nog) niet inburgeringsplichtig is en betaalt ook de "
            "aansprakelijkheids- en inboedelverzekering (beleidsregel ontzorging 2025)."
        ),
    },
    "Cranendonck": {"rekeninghouder": "Gemeente Cranendonck", "iban": "NL14BNGH0285001234"},
    "Nederweert": {"rekeninghouder": "Gemeente Nederweert", "iban": "NL67INGB0006543210"},
}

# Creditors at different banks: (name, IBAN).
WOONCORPORATIE = ("Wonen Limburg", "NL20INGB0001234567")
ENERGIE = ("Vattenfall Klantenservice", "NL44RABO0123456789")
WATER = ("WML Waterleiding Maatschappij Limburg", "NL44SNSB0912345670")
ZORGVERZEKERAAR = ("CZ Zorgverzekeringen", "NL15ABNA0518372946")
VERZEKERAAR = ("ASN Verzekeringen", "NL34ASNB0707070701")


class _TeWeinigPersonen(Exception):
    pass


@dataclass
class OntzorgingDemo:
    periodes: int = 0
    afschrift_pad: str = ""
    wacht_op_goedkeuring: list[str] = field(default_factory=list)


def seed(*, vandaag: datetime.date | None = None) -> OntzorgingDemo:
    """Add the ontzorging demo to a seeded database (gemeenten, users, persons). Does nothing
    when ontzorging already has data."""
    uitkomst = OntzorgingDemo()
    if Ontzorgperiode.objects.exists() or Betaalinstelling.objects.exists():
        uitkomst.periodes = Ontzorgperiode.objects.count()
        return uitkomst
    vandaag = vandaag or timezone.localdate()
    gemeenten = {g.naam: g for g in Gemeente.objects.filter(naam__in=DEMO_INSTELLINGEN)}
    gebruikers = {
        u.username: u
        for u in User.objects.filter(
            username__in=["regisseur", "regisseur2", "teamleider", "beheer"]
        )
    }
    if len(gemeenten) < 3 or len(gebruikers) < 4:
        return uitkomst
    try:
        with transaction.atomic():
            _seed(vandaag, gemeenten, gebruikers, uitkomst)
    except _TeWeinigPersonen:
        return uitkomst  # a tiny data set (`--personen 5`): no ontzorging demo
    uitkomst.periodes = Ontzorgperiode.objects.count()
    uitkomst.wacht_op_goedkeuring = [
        f"{b.gemeente} ({b.aantal} betalingen, samengesteld door {b.samengesteld_door.username})"
        for b in Betaalbatch.objects.filter(status="samengesteld").select_related(
            "gemeente", "samengesteld_door"
        )
    ]
    return uitkomst


def _seed(vandaag, gemeenten, gebruikers, uitkomst) -> None:
    for naam, instelling in DEMO_INSTELLINGEN.items():
        services.betaalinstelling_opslaan(
            gemeente=gemeenten[naam], door=gebruikers["beheer"], **instelling
        )
    demo = _Demo(vandaag, gebruikers)
    weert, nederweert, cranendonck = (
        gemeenten["Weert"],
        gemeenten["Nederweert"],
        gemeenten["Cranendonck"],
    )
    demo.weert(weert)
    demo.elders(nederweert, gebruikers["regisseur"])
    demo.elders(cranendonck, gebruikers["regisseur2"])
    demo.betalen(weert)
    # Nederweert and Cranendonck: this and next month's payments planned, ready to compose.
    for gemeente in (nederweert, cranendonck):
        for verschil in (0, 1):
            services.betalingen_plannen(
                maand=demo.maand(verschil), gemeente=gemeente, vandaag=vandaag
            )
    uitkomst.afschrift_pad = demo.afschrift_pad


class _Demo:
    def __init__(self, vandaag: datetime.date, gebruikers: dict[str, User]):
        self.vandaag = vandaag
        self.gebruikers = gebruikers
        self.gebruikt: set[int] = set()
        self.huishoudens: set[int] = set()
        self.afschrift_pad = ""
        self.te_beeindigen: list[Ontzorgperiode] = []

    def maand(self, verschil: int) -> datetime.date:
        return maand_van(self.vandaag) + relativedelta(months=verschil)

    # --- persons ------------------------------------------------------------------------------

    def _persoon(self, gemeente, *, huishouden: bool = False) -> Persoon:
        """An adult asielstatushouder or nareiziger of working age with an open dossier."""
        jong = self.vandaag - relativedelta(years=22)
        oud = self.vandaag - relativedelta(years=55)
        kandidaten = (
            Persoon.objects.filter(
                gemeente=gemeente,
                doelgroep__in=[Doelgroep.ASIEL, Doelgroep.NAREIZIGER],
                geboortedatum__range=(oud, jong),
                afgesloten_op__isnull=True,
                ontzorgperiodes__isnull=True,
            )
            .exclude(pk__in=self.gebruikt)
            .exclude(huishouden__in=self.huishoudens)
            .order_by("v_nummer")
        )
        if huishouden:
            kandidaten = kandidaten.filter(huishouden__isnull=False)
        persoon = kandidaten.first()
        if persoon is None:
            raise _TeWeinigPersonen(gemeente)
        self.gebruikt.add(persoon.pk)
        if persoon.huishouden_id:
            # One running period per household at most when one of them is for all.
            self.huishoudens.add(persoon.huishouden_id)
        return persoon

    def _met_bijstand(
        self, persoon: Persoon, door: User, sinds: datetime.date, *, plichtig: bool = True
    ) -> Persoon:
        """Record the benefit and, for the law's target group, DUO's notice and the BRP
        registration the way a regisseur would."""
        gegevens = {"bijstand_sinds": sinds}
        if plichtig:
            gegevens |= {
                "brp_inschrijving_op": persoon.brp_inschrijving_op
                or max(persoon.geboortedatum, sinds - datetime.timedelta(days=40)),
                "duo_kennisgeving_op": persoon.duo_kennisgeving_op
                or max(persoon.geboortedatum, sinds - datetime.timedelta(days=30)),
            }
        else:
            gegevens["duo_kennisgeving_op"] = None
        return persoon_bijwerken(persoon=persoon, door=door, gegevens=gegevens)

    def _periode(
        self,
        gemeente,
        door: User,
        *,
        start: datetime.date,
        machtiging: bool = True,
        huishouden: bool = False,
        plichtig: bool = True,
        bijstand_sinds: datetime.date | None = None,
    ) -> Ontzorgperiode:
        persoon = self._persoon(gemeente, huishouden=huishouden)
        persoon = self._met_bijstand(
            persoon, door, min(bijstand_sinds or start, self.vandaag), plichtig=plichtig
        )
        getekend = min(self.vandaag, start + datetime.timedelta(days=3))
        return services.periode_aanmaken(
            persoon=persoon,
            door=door,
            start_bijstand=start,
            voor_huishouden=huishouden,
            machtiging_op=getekend if machtiging else None,
            machtiging_vorm=MachtigingVorm.SCHRIFTELIJK if machtiging else "",
            beschikking_op=min(self.vandaag, start + datetime.timedelta(days=10)),
        )

    # --- lasten -------------------------------------------------------------------------------

    def _lasten(
        self,
        periode: Ontzorgperiode,
        door: User,
        *,
        huur: Decimal,
        laatste: datetime.date,
        eerste_huur_eenmalig: bool = False,
        ruim: bool = False,
    ) -> None:
        eerste = maand_van(periode.start_bijstand)
        nummer = f"{periode.persoon.v_nummer[-6:]}"
        maandelijks_vanaf = eerste
        if eerste_huur_eenmalig:
            # The first month's rent from the bridging payment: a last of one month.
            self._last(
                periode,
                door,
                LastSoort.HUUR,
                WOONCORPORATIE,
                KenmerkSoort.OMSCHRIJVING,
                f"Eerste huur contract {nummer} (overbrugging)",
                huur,
                eerste,
                eerste,
            )
            maandelijks_vanaf = eerste + relativedelta(months=1)
        self._last(
            periode,
            door,
            LastSoort.HUUR,
            WOONCORPORATIE,
            KenmerkSoort.OMSCHRIJVING,
            f"Huurcontract {nummer}",
            huur,
            maandelijks_vanaf,
            laatste,
        )
        self._last(
            periode,
            door,
            LastSoort.ENERGIE,
            ENERGIE,
            KenmerkSoort.BETALINGSKENMERK,
            betalingskenmerk.maken(f"50000{periode.persoon.v_nummer[-10:]}"),
            Decimal("142.00"),
            eerste,
            laatste,
        )
        self._last(
            periode,
            door,
            LastSoort.WATER,
            WATER,
            KenmerkSoort.OMSCHRIJVING,
            f"Klantnummer {nummer}",
            Decimal("23.85"),
            eerste,
            laatste,
        )
        self._last(
            periode,
            door,
            LastSoort.ZORGVERZEKERING,
            ZORGVERZEKERAAR,
            KenmerkSoort.OMSCHRIJVING,
            f"Polis {nummer} premie",
            Decimal("158.95"),
            eerste,
            laatste,
        )
        if ruim:
            self._last(
                periode,
                door,
                LastSoort.AANSPRAKELIJKHEID,
                VERZEKERAAR,
                KenmerkSoort.OMSCHRIJVING,
                f"AVP polis {nummer}",
                Decimal("6.45"),
                eerste,
                laatste,
            )
            self._last(
                periode,
                door,
                LastSoort.INBOEDEL,
                VERZEKERAAR,
                KenmerkSoort.OMSCHRIJVING,
                f"Inboedel polis {nummer}",
                Decimal("9.80"),
                eerste,
                laatste,
            )

    def _last(self, periode, door, soort, crediteur, kenmerk_soort, kenmerk, bedrag, van, tot):
        naam, iban = crediteur
        return services.vaste_last_toevoegen(
            periode=periode,
            door=door,
            soort=soort,
            crediteur=naam,
            iban=iban,
            bic="",
            kenmerk_soort=kenmerk_soort,
            kenmerk=kenmerk,
            maandbedrag=bedrag,
            eerste_maand=van,
            laatste_maand=max(van, tot),
        )

    # --- the gemeenten ------------------------------------------------------------------------

    def weert(self, gemeente) -> None:
        """Weert shows every state: its settings widen the law (local policy)."""
        regisseur = self.gebruikers["regisseur"]
        v = self.vandaag
        # Active, with the first month's rent paid once from the bridging payment.
        p = self._periode(gemeente, regisseur, start=self.maand(-3))
        self._lasten(
            p, regisseur, huur=Decimal("687.40"), laatste=self.maand(2), eerste_huur_eenmalig=True
        )
        # Active and extended by decision beyond the minimum six months.
        p = self._periode(gemeente, regisseur, start=self.maand(-4) + datetime.timedelta(days=7))
        services.periode_verlengen(
            periode=p,
            door=regisseur,
            tot=p.start_bijstand + relativedelta(months=12),
            besluit_op=v - datetime.timedelta(days=12),
            reden="Schuldhulpverlening loopt nog; het college verlengt de ontzorging.",
        )
        self._lasten(p, regisseur, huur=Decimal("612.50"), laatste=self.maand(6))
        # In afbouw: the end is within four weeks, energy already handed over.
        p = self._periode(
            gemeente,
            regisseur,
            start=v - relativedelta(months=6) + datetime.timedelta(days=16),
        )
        self._lasten(p, regisseur, huur=Decimal("574.10"), laatste=self.maand(1))
        energie = p.lasten.get(soort=LastSoort.ENERGIE)
        services.overname_vastleggen(
            last=energie, door=regisseur, overname_maand=self.maand(1), overname_geregeld_op=v
        )
        # Planned: the benefit starts next month.
        p = self._periode(gemeente, regisseur, start=self.maand(1), bijstand_sinds=v)
        self._lasten(p, regisseur, huur=Decimal("701.00"), laatste=self.maand(6))
        # No machtiging yet: the page says nothing can be paid.
        p = self._periode(gemeente, regisseur, start=self.maand(-1), machtiging=False)
        self._lasten(p, regisseur, huur=Decimal("655.00"), laatste=self.maand(4))
        # One period for the whole household (benefit per household).
        p = self._periode(gemeente, regisseur, start=self.maand(-2), huishouden=True)
        self._lasten(p, regisseur, huur=Decimal("845.75"), laatste=self.maand(3))
        # Outside the law's target group (no DUO notice), by Weert's local policy.
        p = self._periode(gemeente, regisseur, start=self.maand(-1), plichtig=False)
        self._lasten(p, regisseur, huur=Decimal("598.20"), laatste=self.maand(4), ruim=True)
        # Ends early: work found, the benefit stops (after its first payments).
        p = self._periode(gemeente, regisseur, start=self.maand(-3))
        self._lasten(p, regisseur, huur=Decimal("630.00"), laatste=self.maand(2))
        self.te_beeindigen.append(p)
        # Ended by itself: its six months were over before Koers paid anything.
        self._periode(gemeente, regisseur, start=v - relativedelta(months=8))

    def elders(self, gemeente, regisseur: User) -> None:
        p = self._periode(gemeente, regisseur, start=self.maand(-1))
        self._lasten(p, regisseur, huur=Decimal("590.00"), laatste=self.maand(4))
        p = self._periode(gemeente, regisseur, start=self.maand(-2))
        self._lasten(p, regisseur, huur=Decimal("720.30"), laatste=self.maand(3))

    # --- money --------------------------------------------------------------------------------

    def betalen(self, gemeente) -> None:
        """Weert's payments: the past months paid (one returned by the bank), this month at the
        bank, next month composed and waiting for the teamleider."""
        regisseur = self.gebruikers["regisseur"]
        v = self.vandaag
        for verschil in range(-6, 0):
            services.betalingen_plannen(maand=self.maand(verschil), gemeente=gemeente, vandaag=v)
        bankdag = eerstvolgende_bankdag(v)
        betaald = self._batch(gemeente, tot_maand=self.maand(-1), uitvoerdatum=bankdag)
        regels = list(Batchregel.objects.filter(batch=betaald).order_by("id"))
        terug = next(r for r in regels if r.crediteur == WATER[0])
        afschrift = services.afschrift_inlezen(
            gemeente=gemeente,
            door=regisseur,
            bestand=ContentFile(
                _afschrift(
                    gemeente=gemeente,
                    boekdatum=v,
                    batch=betaald,
                    terugboekingen=[(terug, "AC04")],
                    overig=[
                        camt_schrijven.Boeking(
                            "",
                            Decimal("12.50"),
                            naam="ABN AMRO Bank",
                            omschrijving="Kosten betalingsverkeer",
                        )
                    ],
                ),
                name=f"camt053-{gemeente.naam.lower()}-{v:%Y%m%d}-1.xml",
            ),
        )
        services.afschrift_verwerken(afschrift=afschrift)
        for periode in self.te_beeindigen:
            services.periode_beeindigen(
                periode=periode,
                door=regisseur,
                op=v - datetime.timedelta(days=2),
                reden="Werk gevonden; de bijstand is gestopt.",
            )
        services.betalingen_plannen(maand=self.maand(0), gemeente=gemeente, vandaag=v)
        bij_de_bank = self._batch(gemeente, tot_maand=self.maand(0), uitvoerdatum=bankdag)
        # The bank's statement for the batch at the bank, to import on the payments page.
        naam = f"demo/camt053-{gemeente.naam.lower()}-{v:%Y%m%d}-2.xml"
        if private_storage.exists(naam):
            private_storage.delete(naam)
        naam = private_storage.save(
            naam,
            ContentFile(
                _afschrift(
                    gemeente=gemeente,
                    boekdatum=v,
                    batch=bij_de_bank,
                    overig=[
                        camt_schrijven.Boeking(
                            "",
                            Decimal("75.00"),
                            bij=True,
                            naam="J. de Vries",
                            omschrijving="Terugbetaling voorschot",
                        )
                    ],
                )
            ),
        )
        self.afschrift_pad = private_storage.path(naam)
        # Next month: composed by the regisseur, waiting for the teamleider, who sees the one
        # rent that went up beside last month's amount before approving.
        services.betalingen_plannen(maand=self.maand(1), gemeente=gemeente, vandaag=v)
        huur = (
            VasteLast.objects.filter(
                periode__persoon__gemeente=gemeente,
                soort=LastSoort.HUUR,
                betalingen__maand=self.maand(1),
                betalingen__status=BetalingStatus.GEPLAND,
            )
            .order_by("id")
            .first()
        )
        if huur is not None:
            services.vaste_last_wijzigen(
                last=huur,
                door=regisseur,
                soort=huur.soort,
                crediteur=huur.crediteur,
                iban=huur.iban,
                bic=huur.bic,
                kenmerk_soort=huur.kenmerk_soort,
                kenmerk=huur.kenmerk,
                maandbedrag=(huur.maandbedrag * Decimal("1.035")).quantize(Decimal("0.01")),
                eerste_maand=huur.eerste_maand,
                laatste_maand=huur.laatste_maand,
            )
        services.batch_samenstellen(
            gemeente=gemeente,
            door=regisseur,
            uitvoerdatum=eerstvolgende_bankdag(max(v, self.maand(1) - datetime.timedelta(days=3))),
            tot_maand=self.maand(1),
        )

    def _batch(self, gemeente, *, tot_maand, uitvoerdatum) -> Betaalbatch:
        batch = services.batch_samenstellen(
            gemeente=gemeente,
            door=self.gebruikers["regisseur"],
            uitvoerdatum=uitvoerdatum,
            tot_maand=tot_maand,
        )
        services.batch_goedkeuren(
            batch=batch, door=self.gebruikers["teamleider"], waarschuwingen_gezien=True
        )
        return services.batch_exporteren(batch=batch)


# --- The bank's statement ---------------------------------------------------------------------


def _afschrift(
    *,
    gemeente,
    boekdatum: datetime.date,
    batch: Betaalbatch,
    terugboekingen: list[tuple[Batchregel, str]] = (),
    overig: list[camt_schrijven.Boeking] = (),
) -> bytes:
    """The statement the gemeente's bank sends for an exported batch: booked as the batch asked
    (one total, or each payment apart), returns credited with their reason less the bank's
    charges, and lines of the bank's own."""
    instelling = Betaalinstelling.objects.get(gemeente=gemeente)
    regels = list(Batchregel.objects.filter(batch=batch).order_by("id"))
    afschrijvingen = [
        camt_schrijven.Boeking(
            r.end_to_end_id, r.bedrag, naam=r.crediteur, iban=r.iban, omschrijving=r.kenmerk
        )
        for r in regels
    ]
    if instelling.batchboeking:
        opdracht = betaalopdrachten(batch.sepa_xml)[0]
        boekingen = [
            camt_schrijven.Batchboeking(
                betaalinformatie_id=opdracht.betaalinformatie_id,
                bericht_id=batch.bericht_id,
                boekingen=tuple(afschrijvingen),
            )
        ]
    else:
        boekingen = afschrijvingen
    for regel, reden in terugboekingen:
        boekingen.append(
            camt_schrijven.Boeking(
                regel.end_to_end_id,
                regel.bedrag,
                bij=True,
                reden=reden,
                naam=regel.crediteur,
                iban=regel.iban,
                omschrijving=regel.kenmerk,
                kosten=Decimal("2.50"),
            )
        )
    return camt_schrijven.camt053(
        [*boekingen, *overig],
        iban=instelling.iban,
        aangemaakt=timezone.make_aware(datetime.datetime.combine(boekdatum, datetime.time(6, 0))),
    )
