"""Reading the bank's answers back. The day statement (camt.053) marks payments paid, or failed
when the money comes back; the status report (pain.002) marks payments the bank refused before
paying them. Only the gemeente's own accounts count, every entry counts once whatever statement
brings it again, and a line that matches nothing is listed, never guessed."""

from dataclasses import dataclass, field
from decimal import Decimal
from xml.sax.saxutils import escape

import pghistory
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from statushouders.models import Gemeente

from ..bankberichten import (
    BerichtOngeldig,
    Boeking,
    Dagafschrift,
    Statusrapport,
    Transactie,
    bericht_lezen,
    betaalopdrachten,
    reden_tekst,
    rekening_normaal,
)
from ..constants import (
    BatchStatus,
    BetalingStatus,
    Terugboekingsoort,
    VerwerkingStatus,
)
from ..geld import euro
from ..models import (
    Afschrift,
    Batchregel,
    Betaalbatch,
    Betaalinstelling,
    Betaling,
    Terugboeking,
    VerwerkteBoeking,
)
from .bank import _eist_gemeente

AFSCHRIFT_MAX_BYTES = 20 * 1024 * 1024


@transaction.atomic
def afschrift_inlezen(*, gemeente: Gemeente, door: User, bestand) -> Afschrift:
    """Keep the uploaded statement or status report and queue its processing; the page shows
    the progress."""
    from ..tasks import afschrift_verwerken_task

    _eist_gemeente(door, gemeente)
    if bestand is None:
        raise ValidationError({"bestand": [_("Kies het afschrift van de bank (camt.053, XML).")]})
    naam = (getattr(bestand, "name", "") or "afschrift.xml")[-255:]
    if not naam.lower().endswith(".xml"):
        raise ValidationError({"bestand": [_("Een camt.053-afschrift is een XML-bestand.")]})
    if bestand.size > AFSCHRIFT_MAX_BYTES:
        raise ValidationError({"bestand": [_("Het afschrift is groter dan 20 MB.")]})
    begin = bestand.read(512)
    bestand.seek(0)
    if not begin.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        raise ValidationError({"bestand": [_("Dit is geen XML-bestand.")]})
    with pghistory.context(user=door.pk):
        afschrift = Afschrift.objects.create(
            gemeente=gemeente, bestand=bestand, bestandsnaam=naam, ingelezen_door=door
        )
    transaction.on_commit(lambda: afschrift_verwerken_task.delay(afschrift.pk))
    return afschrift


def afschrift_verwerken(*, afschrift: Afschrift, voortgang=None) -> Afschrift:
    """Read the file and apply it: a camt.053 statement or a pain.002 status report."""
    afschrift = Afschrift.objects.get(pk=afschrift.pk)
    if afschrift.status == VerwerkingStatus.KLAAR:
        return afschrift
    Afschrift.objects.filter(pk=afschrift.pk).update(status=VerwerkingStatus.BEZIG)
    try:
        with afschrift.bestand.open("rb") as bestand:
            bericht = bericht_lezen(bestand.read())
    except BerichtOngeldig as fout:
        return _mislukt(afschrift, str(fout))
    if (
        bericht.bericht_id
        and Afschrift.objects.filter(
            gemeente=afschrift.gemeente,
            afschrift_id=bericht.bericht_id,
            status=VerwerkingStatus.KLAAR,
        )
        .exclude(pk=afschrift.pk)
        .exists()
    ):
        return _mislukt(
            afschrift,
            _("Dit afschrift (%(id)s) is al eerder ingelezen.") % {"id": bericht.bericht_id},
            bericht.berichttype,
        )
    verwerking = _Verwerking(afschrift, voortgang)
    if isinstance(bericht, Statusrapport):
        fout = verwerking.statusrapport(bericht)
    else:
        fout = verwerking.dagafschrift(bericht)
    if fout:
        return _mislukt(afschrift, fout, bericht.berichttype)
    return Afschrift.objects.get(pk=afschrift.pk)


def _mislukt(afschrift: Afschrift, melding: str, berichttype: str = "") -> Afschrift:
    Afschrift.objects.filter(pk=afschrift.pk).update(
        status=VerwerkingStatus.MISLUKT, foutmelding=melding[:300], berichttype=berichttype
    )
    return Afschrift.objects.get(pk=afschrift.pk)


def afschrift_voortgang(*, afschrift_id: int, procent: int) -> None:
    Afschrift.objects.filter(pk=afschrift_id, status=VerwerkingStatus.BEZIG).update(
        voortgang=max(0, min(99, procent))
    )


def afschrift_mislukt(*, afschrift_id: int) -> None:
    Afschrift.objects.filter(pk=afschrift_id).exclude(status=VerwerkingStatus.KLAAR).update(
        status=VerwerkingStatus.MISLUKT,
        foutmelding=_("Het inlezen is onderbroken; lees het afschrift opnieuw in."),
    )


# --- The gemeente's accounts ------------------------------------------------------------------


def _eigen_rekeningen(gemeente: Gemeente) -> set[str]:
    """Every account the gemeente's payments have left from: the one set now and the ones set
    before (a batch sent from an earlier account is answered on that account's statement)."""
    gebeurtenissen = Betaalinstelling.pgh_event_models["update"].objects
    ibans = set(gebeurtenissen.filter(gemeente_id=gemeente.pk).values_list("iban", flat=True))
    ibans |= set(Betaalinstelling.objects.filter(gemeente=gemeente).values_list("iban", flat=True))
    return {rekening_normaal(iban) for iban in ibans if iban}


def _eigen_rekening(rekening: str, eigen: set[str]) -> str:
    """The gemeente's IBAN the statement's account is, or "". A bank may name the account by
    its IBAN or, under Othr/Id, by the domestic number (bank code and number, or the number)."""
    if not rekening:
        return ""
    for iban in eigen:
        if rekening == iban or rekening == iban[4:]:
            return iban
        if (
            iban.startswith("NL")
            and rekening.isdigit()
            and rekening.lstrip("0") == iban[8:].lstrip("0")
        ):
            return iban
    return ""


# --- Applying ---------------------------------------------------------------------------------


@dataclass
class _Uitkomst:
    regels: int = 0
    betaald: int = 0
    mislukt: int = 0
    al_verwerkt: int = 0
    niet_gevonden: list[dict] = field(default_factory=list)
    meldingen: list[str] = field(default_factory=list)


class _Verwerking:
    """One statement or report being applied, inside one transaction."""

    def __init__(self, afschrift: Afschrift, voortgang):
        self.afschrift = afschrift
        self.gemeente = afschrift.gemeente
        self.voortgang = voortgang
        self.uitkomst = _Uitkomst()
        self._laatste: dict[int, int] = {}

    # --- camt.053 -----------------------------------------------------------------------------

    def dagafschrift(self, bericht: Dagafschrift) -> str:
        """Apply the statements of the gemeente's own accounts. Returns why nothing could be
        applied, or "" when done."""
        eigen = _eigen_rekeningen(self.gemeente)
        te_verwerken = []
        for stmt in bericht.afschriften:
            iban = _eigen_rekening(stmt.rekening, eigen)
            if not iban:
                self.uitkomst.meldingen.append(
                    _(
                        "Afschrift van rekening %(rekening)s overgeslagen: niet de "
                        "betaalrekening van de gemeente."
                    )
                    % {"rekening": stmt.rekening or _("zonder nummer")}
                )
                continue
            if not stmt.boekingen:
                self.uitkomst.meldingen.append(
                    _(
                        "Het afschrift van rekening %(rekening)s bevat geen boekingen; er is "
                        "niets veranderd."
                    )
                    % {"rekening": stmt.rekening}
                )
            te_verwerken.append((iban, stmt))
        if not bericht.afschriften:
            self.uitkomst.meldingen.append(
                _("Het afschrift bevat geen boekingen; er is niets veranderd.")
            )
        elif not te_verwerken:
            return self._andere_rekening(bericht)
        transacties = [t for _i, s in te_verwerken for b in s.boekingen for t in b.transacties]
        self._bekend = self._regels_met_kenmerk({t.end_to_end_id for t in transacties})
        totaal = sum(len(s.boekingen) for _i, s in te_verwerken)
        stap = max(1, totaal // 20)
        with transaction.atomic(), self._context():
            nummer = 0
            for iban, stmt in te_verwerken:
                for boeking in stmt.boekingen:
                    self._boeking(iban, boeking)
                    nummer += 1
                    if self.voortgang and nummer % stap == 0:
                        self.voortgang(int(100 * nummer / totaal))
            self._opslaan(bericht)
        return ""

    def _andere_rekening(self, bericht: Dagafschrift) -> str:
        instelling = Betaalinstelling.objects.filter(gemeente=self.gemeente).first()
        if instelling is None:
            return _(
                "Functioneel beheer heeft de betaalrekening van %(gemeente)s nog niet "
                "ingesteld; Koers weet niet welk afschrift bij de gemeente hoort."
            ) % {"gemeente": self.gemeente}
        rekeningen = sorted({s.rekening or _("zonder nummer") for s in bericht.afschriften})
        return _(
            "Dit afschrift hoort bij rekening %(rekening)s, niet bij de betaalrekening van "
            "%(gemeente)s (%(iban)s); er is niets verwerkt."
        ) % {
            "rekening": ", ".join(rekeningen)[:60],
            "gemeente": self.gemeente,
            "iban": instelling.iban,
        }

    def _boeking(self, iban: str, boeking: Boeking) -> None:
        self.uitkomst.regels += 1
        if not boeking.geboekt:
            self._niet_gevonden_boeking(boeking, _("nog niet geboekt"))
            return
        # The key is written before anything else: an overlapping statement processed at the
        # same moment waits on it, and then finds the entry done.
        _rij, nieuw = VerwerkteBoeking.objects.get_or_create(
            gemeente=self.gemeente,
            rekening=iban,
            sleutel=boeking.sleutel,
            defaults={"afschrift": self.afschrift},
        )
        if not nieuw:
            self.uitkomst.al_verwerkt += 1
        elif boeking.bij:
            self._terugboeking(boeking)
        elif boeking.terugdraaiing:
            self._niet_gevonden_boeking(
                boeking, _("de bank draait hiermee een eerdere boeking terug")
            )
        elif any(t.end_to_end_id for t in boeking.transacties):
            self._afschrijving(boeking)
        elif boeking.batch:
            self._batchboeking(boeking)
        else:
            self._niet_gevonden_boeking(boeking, _("geen kenmerk van Koers"))

    def _afschrijving(self, boeking: Boeking) -> None:
        """Money out, one or more transactions named by end-to-end id. A transaction without
        an amount of its own is checked against the entry: alone it is the entry, together
        the entry is their sum."""
        transacties = boeking.transacties
        totaal = (
            boeking.batch.totaal
            if boeking.batch and boeking.batch.totaal is not None
            else boeking.bedrag
        )
        verwacht = [
            t.bedrag
            if t.bedrag is not None
            else getattr(self._bekend.get(t.end_to_end_id), "bedrag", None)
            for t in transacties
        ]
        som = sum(verwacht, Decimal("0.00")) if None not in verwacht else None
        for transactie in transacties:
            regel = self._bekend.get(transactie.end_to_end_id)
            waarom = self._niet_van_nu(transactie, regel)
            if not waarom:
                eigen = transactie.bedrag
                if eigen is None and len(transacties) == 1:
                    eigen = totaal
                if eigen is not None and eigen != regel.bedrag:
                    waarom = _("bedrag wijkt af (verwacht %(bedrag)s)") % {
                        "bedrag": euro(regel.bedrag)
                    }
                elif eigen is None and som != totaal:
                    waarom = _(
                        "de boeking van %(totaal)s is niet de som van haar betalingen (%(som)s)"
                    ) % {"totaal": euro(totaal), "som": euro(som) if som is not None else "?"}
            if waarom:
                self._niet_gevonden(boeking, transactie, waarom)
            else:
                self._betaald(regel, boeking)

    def _batchboeking(self, boeking: Boeking) -> None:
        """A batch booked as one entry with only its payment information id, number and total
        (NVB guide, 2.136): all its payments are paid when those match what Koers sent. If the
        bank took out payments it rejected before (the 'netto' way), the rest must match."""
        gegevens = boeking.batch
        gevonden = self._betaalopdracht(gegevens.bericht_id, gegevens.betaalinformatie_id)
        if gevonden is None:
            self._niet_gevonden_boeking(
                boeking, _("geen batch van deze gemeente met dit kenmerk"), per_transactie=False
            )
            return
        batch, kenmerken = gevonden
        regels = list(Batchregel.objects.filter(batch=batch, end_to_end_id__in=kenmerken))
        afgewezen = set(
            Terugboeking.objects.filter(
                batchregel__in=regels, soort=Terugboekingsoort.AFGEWEZEN
            ).values_list("batchregel_id", flat=True)
        )
        totaal = gegevens.totaal if gegevens.totaal is not None else boeking.bedrag
        for kandidaat in (regels, [r for r in regels if r.pk not in afgewezen]):
            if (gegevens.aantal is None or gegevens.aantal == len(kandidaat)) and totaal == sum(
                (r.bedrag for r in kandidaat), Decimal("0.00")
            ):
                self._laatste_laden(kandidaat)
                for regel in kandidaat:
                    if self._laatste.get(regel.betaling_id) == regel.pk:
                        self._betaald(regel, boeking)
                    else:
                        self.uitkomst.al_verwerkt += 1
                return
        self._niet_gevonden_boeking(
            boeking,
            _("aantal of bedrag wijkt af (verwacht %(aantal)s betalingen, %(bedrag)s)")
            % {
                "aantal": len(regels),
                "bedrag": euro(sum((r.bedrag for r in regels), Decimal("0.00"))),
            },
            per_transactie=False,
        )

    def _betaalopdracht(self, bericht_id: str, pmtinf_id: str):
        """(batch, end-to-end ids) of the payment information Koers sent under this id."""
        if not pmtinf_id and not bericht_id:
            return None
        batches = Betaalbatch.objects.filter(gemeente=self.gemeente, geexporteerd_op__isnull=False)
        if bericht_id:
            batches = batches.filter(bericht_id=bericht_id)
        if pmtinf_id:
            batches = batches.filter(sepa_xml__contains=f">{escape(pmtinf_id)}<")
        for batch in batches:
            opdrachten = betaalopdrachten(batch.sepa_xml)
            if pmtinf_id:
                opdrachten = [o for o in opdrachten if o.betaalinformatie_id == pmtinf_id]
            if opdrachten:
                return batch, {e2e for o in opdrachten for e2e in o.end_to_end_ids}
        return None

    def _terugboeking(self, boeking: Boeking) -> None:
        """Money in for a payment: the creditor's bank sent it back (a return, R-transaction),
        matched by the original end-to-end id whatever the amount; what is missing are the
        charges."""
        transacties = boeking.transacties
        if not any(t.end_to_end_id for t in transacties):
            self._niet_gevonden_boeking(boeking, _("geen kenmerk van Koers"))
            return
        enkel = len(transacties) == 1
        for transactie in transacties:
            regel = self._bekend.get(transactie.end_to_end_id)
            waarom = self._niet_van_nu(transactie, regel)
            if waarom:
                self._niet_gevonden(boeking, transactie, waarom)
                continue
            terug = boeking.bedrag if enkel else transactie.bedrag
            kosten = transactie.kosten
            if kosten is None and enkel:
                kosten = boeking.kosten
            if kosten is None:
                verschil = regel.bedrag - terug if terug is not None else Decimal("0.00")
                kosten = max(verschil, Decimal("0.00"))
            self._mislukt(
                regel,
                soort=Terugboekingsoort.RETOUR,
                code=transactie.reden_code,
                toelichting=transactie.reden_toelichting,
                terug=terug,
                kosten=kosten,
                datum=boeking.datum,
            )

    # --- pain.002 -----------------------------------------------------------------------------

    def statusrapport(self, rapport: Statusrapport) -> str:
        """Payments the bank refused before paying: a whole file, a payment information block
        or a single transfer with status RJCT. Accepted ones change nothing."""
        batch = (
            Betaalbatch.objects.filter(
                gemeente=self.gemeente,
                geexporteerd_op__isnull=False,
                bericht_id=rapport.oorspronkelijk_bericht_id,
            ).first()
            if rapport.oorspronkelijk_bericht_id
            else None
        )
        if batch is None:
            return _(
                "Dit statusrapport antwoordt op betaalbestand %(id)s; dat is geen batch die "
                "Koers voor %(gemeente)s naar de bank stuurde."
            ) % {"id": rapport.oorspronkelijk_bericht_id or "?", "gemeente": self.gemeente}
        regels = {r.end_to_end_id: r for r in Batchregel.objects.filter(batch=batch)}
        per_blok = {
            o.betaalinformatie_id: o.end_to_end_ids for o in betaalopdrachten(batch.sepa_xml)
        }
        afwijzingen: dict[str, object] = {}
        if rapport.groep.afgewezen:
            afwijzingen |= dict.fromkeys(regels, rapport.groep)
        blokken = {b.kenmerk: b for b in rapport.betaalinformatie}
        for blok in rapport.betaalinformatie:
            if blok.afgewezen:
                reden = blok if blok.reden_code else rapport.groep
                afwijzingen |= dict.fromkeys(per_blok.get(blok.kenmerk, ()), reden)
        gemeld = set(afwijzingen)
        for pmtinf_id, status in rapport.transacties:
            gemeld.add(status.kenmerk)
            if status.afgewezen:
                blok = blokken.get(pmtinf_id)
                reden = next(
                    (s for s in (status, blok, rapport.groep) if s and s.reden_code), status
                )
                afwijzingen[status.kenmerk] = reden
        self._laatste_laden(regels.values())
        with transaction.atomic(), self._context():
            self.uitkomst.regels = len(gemeld)
            for kenmerk, reden in afwijzingen.items():
                regel = regels.get(kenmerk)
                if regel is None:
                    self._niet_gevonden_status(kenmerk, _("geen betaling van deze batch"))
                elif self._laatste.get(regel.betaling_id) != regel.pk:
                    self._niet_gevonden_status(
                        kenmerk,
                        _("hoort bij een eerdere batch; de betaling is opnieuw verstuurd"),
                        regel,
                    )
                else:
                    self._mislukt(
                        regel,
                        soort=Terugboekingsoort.AFGEWEZEN,
                        code=reden.reden_code,
                        toelichting=reden.reden_toelichting,
                        terug=None,
                        kosten=Decimal("0.00"),
                        datum=None,
                    )
            if not afwijzingen:
                self.uitkomst.meldingen.append(
                    _(
                        "De bank heeft geen betaling van de batch van %(datum)s afgewezen; er "
                        "is niets veranderd."
                    )
                    % {"datum": f"{batch.uitvoerdatum:%d-%m-%Y}"}
                )
            self._opslaan(rapport)
        return ""

    # --- Shared -------------------------------------------------------------------------------

    def _context(self):
        return pghistory.context(
            user=self.afschrift.ingelezen_door_id, afschrift=str(self.afschrift.uuid)
        )

    def _regels_met_kenmerk(self, kenmerken: set[str]) -> dict[str, Batchregel]:
        kenmerken.discard("")
        bekend = {
            regel.end_to_end_id: regel
            for regel in Batchregel.objects.filter(
                batch__gemeente=self.gemeente,
                batch__geexporteerd_op__isnull=False,
                end_to_end_id__in=kenmerken,
            )
        }
        self._laatste_laden(bekend.values())
        return bekend

    def _laatste_laden(self, regels) -> None:
        """A payment sent again (after a return) is answered by the lines of its latest
        batch only."""
        betalingen = {r.betaling_id for r in regels} - set(self._laatste)
        if betalingen:
            self._laatste |= dict(
                Batchregel.objects.filter(betaling_id__in=betalingen)
                .exclude(batch__status=BatchStatus.INGETROKKEN)
                .values("betaling_id")
                .annotate(laatste=Max("id"))
                .values_list("betaling_id", "laatste")
            )

    def _niet_van_nu(self, transactie: Transactie, regel: Batchregel | None) -> str:
        if not transactie.end_to_end_id:
            return _("geen kenmerk van Koers")
        if regel is None:
            return _("geen betaling van deze gemeente met dit kenmerk")
        if self._laatste.get(regel.betaling_id) != regel.pk:
            return _("hoort bij een eerdere batch; de betaling is opnieuw verstuurd")
        return ""

    def _betaald(self, regel: Batchregel, boeking: Boeking) -> None:
        betaling = Betaling.objects.select_for_update().get(pk=regel.betaling_id)
        if betaling.status != BetalingStatus.IN_BATCH:
            self.uitkomst.al_verwerkt += 1
            return
        betaling.status = BetalingStatus.BETAALD
        betaling.betaald_op = boeking.datum or timezone.localdate()
        betaling.save(update_fields=["status", "betaald_op"])
        self.uitkomst.betaald += 1

    def _mislukt(self, regel: Batchregel, *, soort, code, toelichting, terug, kosten, datum):
        """A transfer failed once: recorded with its reason and charges, and its payment, if it
        was on its way or paid, marked failed to be planned again."""
        # The payment's lock first: two statements reporting the same return wait here, and
        # the second then finds it recorded.
        betaling = Betaling.objects.select_for_update().get(pk=regel.betaling_id)
        if Terugboeking.objects.filter(batchregel=regel).exists():
            self.uitkomst.al_verwerkt += 1
            return
        reden = reden_tekst(code, toelichting) or _("geen reden opgegeven")
        if soort == Terugboekingsoort.AFGEWEZEN:
            tekst = _("Afgewezen door de bank vóór uitvoering: %(reden)s") % {"reden": reden}
        else:
            tekst = _("Teruggeboekt door de bank: %(reden)s") % {"reden": reden}
            if kosten:
                tekst += _("; %(kosten)s kosten ingehouden") % {"kosten": euro(kosten)}
        Terugboeking.objects.create(
            batchregel=regel,
            soort=soort,
            reden_code=code,
            reden=tekst[:300],
            bedrag_terug=terug,
            kosten=kosten,
            boekdatum=datum,
            afschrift=self.afschrift,
        )
        if betaling.status not in (BetalingStatus.IN_BATCH, BetalingStatus.BETAALD):
            self.uitkomst.al_verwerkt += 1
            return
        betaling.status = BetalingStatus.MISLUKT
        betaling.betaald_op = None
        betaling.reden_mislukt = tekst[:300]
        betaling.save(update_fields=["status", "betaald_op", "reden_mislukt"])
        self.uitkomst.mislukt += 1

    def _niet_gevonden(self, boeking: Boeking, transactie: Transactie, waarom: str) -> None:
        bedrag = transactie.bedrag
        if bedrag is None and len(boeking.transacties) == 1:
            bedrag = boeking.bedrag
        self._rij(
            kenmerk=transactie.end_to_end_id,
            bedrag=bedrag,
            bij=boeking.bij,
            datum=boeking.datum,
            naam=transactie.naam,
            omschrijving=transactie.omschrijving or boeking.omschrijving,
            waarom=waarom,
        )

    def _niet_gevonden_boeking(
        self, boeking: Boeking, waarom: str, *, per_transactie: bool = True
    ) -> None:
        if per_transactie and boeking.transacties:
            for transactie in boeking.transacties:
                self._niet_gevonden(boeking, transactie, waarom)
            return
        self._rij(
            kenmerk=boeking.batch.betaalinformatie_id if boeking.batch else "",
            bedrag=boeking.bedrag,
            bij=boeking.bij,
            datum=boeking.datum,
            naam="",
            omschrijving=boeking.omschrijving,
            waarom=waarom,
        )

    def _niet_gevonden_status(self, kenmerk: str, waarom: str, regel=None) -> None:
        self._rij(
            kenmerk=kenmerk,
            bedrag=regel.bedrag if regel else None,
            bij=False,
            datum=None,
            naam=regel.crediteur if regel else "",
            omschrijving="",
            waarom=waarom,
        )

    def _rij(self, *, kenmerk, bedrag, bij, datum, naam, omschrijving, waarom) -> None:
        self.uitkomst.niet_gevonden.append(
            {
                "kenmerk": kenmerk[:35],
                "bedrag": f"{bedrag:.2f}" if bedrag is not None else "",
                "richting": "bij" if bij else "af",
                "datum": f"{datum:%d-%m-%Y}" if datum else "",
                "naam": naam,
                "omschrijving": omschrijving,
                "waarom": waarom,
            }
        )

    def _opslaan(self, bericht) -> None:
        uitkomst = self.uitkomst
        Afschrift.objects.filter(pk=self.afschrift.pk).update(
            status=VerwerkingStatus.KLAAR,
            voortgang=100,
            afschrift_id=bericht.bericht_id,
            berichttype=bericht.berichttype,
            regels=uitkomst.regels,
            betaald=uitkomst.betaald,
            mislukt=uitkomst.mislukt,
            al_verwerkt=uitkomst.al_verwerkt,
            niet_gevonden=uitkomst.niet_gevonden,
            meldingen=uitkomst.meldingen,
        )
