"""Every read of ontzorging, scoped to the user: a dossier's period and payments, the payments
page of a gemeente, the withholding overview."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.paginator import Page
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import scope
from accounts.models import User
from accounts.scope import Doel
from core.selectors import pagina_kiezen
from core.templatetags.koers import iban as iban_leesbaar
from core.zoeken import persoon_zoekvoorwaarde
from statushouders.models import Gemeente, Persoon
from termijnen.selectors import termijn_van

from .constants import (
    LOPEND,
    TERMIJN_BEZWAAR,
    TERMIJN_EINDE,
    WETTELIJKE_LASTEN,
    BatchStatus,
    BetalingStatus,
    Doelgroepreden,
    PeriodeStatus,
)
from .geld import euro, maand_van, volgende_maand, vorige_maand
from .models import (
    Afschrift,
    Batchregel,
    Betaalbatch,
    Betaalinstelling,
    Betaling,
    Ontzorgperiode,
    VasteLast,
)

NUL = Decimal("0.00")


# --- Periods ----------------------------------------------------------------------------------


def _van_persoon(persoon: Persoon) -> Q:
    """The person's own periods, and a household period of their household."""
    eigen = Q(persoon=persoon)
    if persoon.huishouden_id:
        eigen |= Q(voor_huishouden=True, persoon__huishouden_id=persoon.huishouden_id)
    return eigen


def periodes_van(*, persoon: Persoon) -> models.QuerySet[Ontzorgperiode]:
    return Ontzorgperiode.objects.filter(_van_persoon(persoon)).select_related("persoon")


def lopende_periode(*, persoon: Persoon) -> Ontzorgperiode | None:
    return periodes_van(persoon=persoon).filter(status__in=LOPEND).first()


def periode_ophalen(*, persoon: Persoon, uuid) -> Ontzorgperiode:
    """One period of the person (or their household); DoesNotExist otherwise."""
    return periodes_van(persoon=persoon).get(uuid=uuid)


def last_ophalen(*, user: User, persoon: Persoon, uuid) -> VasteLast:
    """A vaste last of one of the person's periods that the user may see; DoesNotExist
    otherwise."""
    return (
        VasteLast.objects.filter(periode__in=periodes_van(persoon=persoon).visible_to(user))
        .select_related("periode__persoon")
        .get(uuid=uuid)
    )


def betaling_ophalen(*, user: User, persoon: Persoon, pk: int) -> Betaling:
    """A payment of one of the person's periods that the user may see; DoesNotExist
    otherwise."""
    return (
        Betaling.objects.filter(
            vaste_last__periode__in=periodes_van(persoon=persoon).visible_to(user)
        )
        .select_related("vaste_last__periode__persoon")
        .get(pk=pk)
    )


# Whom an object is about, whoever asks: only to log a refused attempt against the person it
# concerns.


def persoon_van_periode(uuid):
    return Ontzorgperiode.objects.filter(uuid=uuid).values_list("persoon__uuid", flat=True).first()


def persoon_van_last(uuid):
    return (
        VasteLast.objects.filter(uuid=uuid).values_list("periode__persoon__uuid", flat=True).first()
    )


def persoon_van_betaling(pk):
    return (
        Betaling.objects.filter(pk=pk)
        .values_list("vaste_last__periode__persoon__uuid", flat=True)
        .first()
    )


def einde_van(periode: Ontzorgperiode) -> datetime.date | None:
    """The planned end: the `ontzorgperiode` deadline, extensions included. An early end
    (beëindigd) comes first."""
    if periode.beeindigd_op:
        return periode.beeindigd_op
    termijn = termijn_van(
        persoon=periode.persoon, code=TERMIJN_EINDE, sleutel=periode.termijn_sleutel
    )
    return termijn.vervalt_op if termijn else None


def beheer_gemeenten_met_instelling(*, user: User) -> models.QuerySet[Gemeente]:
    """The gemeenten whose payment settings this beheerder keeps, with those settings."""
    return scope.gemeenten(user, Doel.BEHEER).order_by("naam").select_related("betaalinstelling")


def instelling_van(gemeente: Gemeente) -> Betaalinstelling | None:
    return Betaalinstelling.objects.filter(gemeente=gemeente).first()


def doelgroep_redenen(persoon: Persoon) -> list[str]:
    """Why the law does not cover this person (empty: it does)."""
    from statushouders.constants import Doelgroep
    from statushouders.selectors import leeftijd_van, plicht_begint_op

    redenen = []
    if persoon.doelgroep not in (Doelgroep.ASIEL, Doelgroep.NAREIZIGER):
        redenen.append(Doelgroepreden.DOELGROEP)
    if plicht_begint_op(persoon) is None or leeftijd_van(persoon).waarschuwing:
        redenen.append(Doelgroepreden.NIET_PLICHTIG)
    if persoon.bijstand_sinds is None:
        redenen.append(Doelgroepreden.GEEN_BIJSTAND)
    return redenen


def doelgroep_uitleg(persoon: Persoon) -> list[str]:
    return [str(Doelgroepreden(reden).label) for reden in doelgroep_redenen(persoon)]


def blokkerende_redenen(persoon: Persoon) -> list[str]:
    """The reasons that keep a period from being made: those the gemeente's local policy does
    not lift (it never lifts a missing bijstand)."""
    from .constants import OPHEFBAAR_DOOR_BELEID

    instelling = instelling_van(persoon.gemeente)
    ophefbaar = instelling is not None and instelling.ruimere_doelgroep
    return [
        reden
        for reden in doelgroep_redenen(persoon)
        if not (ophefbaar and reden in OPHEFBAAR_DOOR_BELEID)
    ]


def rekenmaand(periode: Ontzorgperiode, vandaag: datetime.date) -> datetime.date:
    """The month 'per maand' is about: this month, or the first month of a period that has
    not begun yet."""
    return max(vandaag.replace(day=1), periode.start_bijstand.replace(day=1))


@dataclass
class Maandregel:
    maand: datetime.date
    betalingen: list[Betaling]
    betaald: Decimal = NUL
    verwacht: Decimal = NUL
    mislukt: Decimal = NUL


@dataclass
class Dossieroverzicht:
    periode: Ontzorgperiode
    einde: datetime.date | None
    dagen_tot_einde: int | None
    bezwaar_tot: datetime.date | None
    lasten: list[VasteLast]
    maanden: list[Maandregel]
    totaal_betaald: Decimal
    totaal_verwacht: Decimal
    totaal_mislukt: Decimal
    per_maand: Decimal
    verlengingen: list = field(default_factory=list)
    overdracht: list[VasteLast] = field(default_factory=list)
    last_maanden: list["LastMaanden"] = field(default_factory=list)


def dossier_overzicht(
    *, periode: Ontzorgperiode, vandaag: datetime.date | None = None
) -> Dossieroverzicht:
    vandaag = vandaag or timezone.localdate()
    einde = einde_van(periode)
    bezwaar = (
        termijn_van(persoon=periode.persoon, code=TERMIJN_BEZWAAR, sleutel=periode.termijn_sleutel)
        if periode.beschikking_op
        else None
    )
    lasten = list(periode.lasten.all())
    betalingen = list(
        Betaling.objects.filter(vaste_last__periode=periode).select_related("vaste_last")
    )
    maanden: dict[datetime.date, Maandregel] = {}
    for betaling in betalingen:
        regel = maanden.setdefault(betaling.maand, Maandregel(betaling.maand, []))
        regel.betalingen.append(betaling)
        if betaling.status == BetalingStatus.BETAALD:
            regel.betaald += betaling.bedrag
        elif betaling.status == BetalingStatus.MISLUKT:
            regel.mislukt += betaling.bedrag
        else:
            regel.verwacht += betaling.bedrag
    regels = [maanden[m] for m in sorted(maanden)]
    maand = rekenmaand(periode, vandaag)
    lopend = [last for last in lasten if last.eerste_maand <= maand <= last.laatste_maand]
    return Dossieroverzicht(
        periode=periode,
        einde=einde,
        dagen_tot_einde=(einde - vandaag).days if einde else None,
        bezwaar_tot=bezwaar.vervalt_op if bezwaar else None,
        lasten=lasten,
        maanden=regels,
        totaal_betaald=sum((r.betaald for r in regels), NUL),
        totaal_verwacht=sum((r.verwacht for r in regels), NUL),
        totaal_mislukt=sum((r.mislukt for r in regels), NUL),
        per_maand=sum((last.maandbedrag for last in lopend), NUL),
        verlengingen=list(periode.verlengingen.select_related("door")),
        overdracht=sorted(
            lasten, key=lambda last: (last.overname_maand or datetime.date.max, last.soort)
        ),
        last_maanden=_last_maanden(periode, lasten, betalingen, einde, vandaag),
    )


# --- Months per last --------------------------------------------------------------------------

# Why a month of the period has no payment of a last (besides the payment statuses).
MAAND_GEEN = "geen"  # not one of the last's months
MAAND_ZELF = "zelf"  # the person pays it themselves (handover)
MAAND_BEEINDIGD = "beeindigd"  # the period ended before it was planned
MAAND_GEEN_MACHTIGING = "geen_machtiging"
MAAND_LATER = "later"  # planned in the month before, at the latest
MAAND_ONTBREEKT = "ontbreekt"  # due and not planned: the nightly run catches it up


@dataclass(frozen=True)
class Maandstand:
    maand: datetime.date
    status: str  # a BetalingStatus, or one of the MAAND_* reasons above
    label: str


@dataclass
class LastMaanden:
    last: VasteLast
    maanden: list[Maandstand]


def last_maanden(
    *, periode: Ontzorgperiode, vandaag: datetime.date | None = None
) -> list[LastMaanden]:
    """Per vaste last, every month of the period with what became of it: planned, in a
    batch, paid, failed, or why there is no payment. Three queries, however many lasten and
    months."""
    return _last_maanden(
        periode,
        list(periode.lasten.all()),
        list(Betaling.objects.filter(vaste_last__periode=periode)),
        einde_van(periode),
        vandaag or timezone.localdate(),
    )


def _periode_maanden(periode, einde, betalingen) -> list[datetime.date]:
    """The calendar months that overlap the period, and any other month something was paid."""
    maanden = {betaling.maand for betaling in betalingen}
    maand = maand_van(periode.start_bijstand)
    laatste = maand_van(einde) if einde else maand
    while maand <= laatste:
        maanden.add(maand)
        maand = volgende_maand(maand)
    return sorted(maanden)


def _last_maanden(periode, lasten, betalingen, einde, vandaag) -> list[LastMaanden]:
    gevonden = {(betaling.vaste_last_id, betaling.maand): betaling for betaling in betalingen}
    maanden = _periode_maanden(periode, einde, betalingen)
    uiterlijk_gepland = volgende_maand(vandaag)
    statussen = dict(BetalingStatus.choices)
    uitkomst = []
    for last in lasten:
        regel = LastMaanden(last, [])
        for maand in maanden:
            betaling = gevonden.get((last.pk, maand))
            if betaling is not None:
                stand = betaling.status, str(statussen[betaling.status])
            elif last.overname_maand and maand >= last.overname_maand:
                stand = MAAND_ZELF, _("betaalt zelf")
            elif not last.eerste_maand <= maand <= last.laatste_maand:
                stand = MAAND_GEEN, _("geen betaling in deze maand")
            elif periode.status == PeriodeStatus.BEEINDIGD:
                stand = MAAND_BEEINDIGD, _("niet betaald")
            elif not periode.machtiging_op:
                stand = MAAND_GEEN_MACHTIGING, _("wacht op machtiging")
            elif maand > uiterlijk_gepland:
                stand = MAAND_LATER, _("nog niet gepland")
            else:
                stand = MAAND_ONTBREEKT, _("niet gepland")
            regel.maanden.append(Maandstand(maand, *stand))
        uitkomst.append(regel)
    return uitkomst


def toegestane_soorten(*, instelling: Betaalinstelling | None) -> list[str]:
    if instelling and instelling.ruimere_lasten:
        from .constants import LastSoort

        return list(LastSoort.values)
    return [str(s) for s in WETTELIJKE_LASTEN]


@dataclass(frozen=True)
class PeriodeActies:
    """What the user may do on a person's ontzorging now, by the checks the services make:
    only who works in the person's gemeente changes anything, and an ended period changes no
    more."""

    mag_aanmaken: bool
    mag_bewerken: bool
    mag_verlengen: bool
    mag_beeindigen: bool
    mag_last_toevoegen: bool
    mag_last_wijzigen: bool
    mag_overname_vastleggen: bool
    mag_betaling_opnieuw_plannen: bool


def periode_acties(
    *, persoon: Persoon, periode: Ontzorgperiode | None, user: User
) -> PeriodeActies:
    """`periode` is the one the page shows: the running period, else the last one."""
    werkt_hier = scope.mag(user, persoon.gemeente_id, Doel.DOSSIER)
    loopt = periode is not None and not periode.is_beeindigd
    if loopt and periode.persoon.gemeente_id != persoon.gemeente_id:
        # A household's period recorded at another member: the services check that member.
        werkt_hier_periode = scope.mag(user, periode.persoon.gemeente_id, Doel.DOSSIER)
    else:
        werkt_hier_periode = werkt_hier
    wijzigbaar = loopt and werkt_hier_periode
    return PeriodeActies(
        # As periode_aanmaken checks, but for the start date, which the form asks.
        mag_aanmaken=werkt_hier
        and not loopt
        and not persoon.is_afgesloten
        and not blokkerende_redenen(persoon),
        mag_bewerken=wijzigbaar,
        mag_verlengen=wijzigbaar,
        mag_beeindigen=wijzigbaar,
        mag_last_toevoegen=wijzigbaar,
        mag_last_wijzigen=wijzigbaar,
        mag_overname_vastleggen=wijzigbaar,
        # Whether a failed payment may go in the next batch is told per payment by its
        # status; the machtiging and the number of attempts the service checks on the click.
        mag_betaling_opnieuw_plannen=wijzigbaar,
    )


# --- Payments page ----------------------------------------------------------------------------


def betaalgemeenten(*, user: User) -> models.QuerySet[Gemeente]:
    """The gemeenten whose payments this user may see: their own, for dossier roles."""
    return scope.gemeenten(user, Doel.DOSSIER).order_by("naam")


def batches_van(*, user: User, gemeente: Gemeente) -> models.QuerySet[Betaalbatch]:
    """The gemeente's batches on its payments page, newest first."""
    return (
        Betaalbatch.objects.visible_to(user)
        .filter(gemeente=gemeente)
        .select_related("samengesteld_door", "goedgekeurd_door")
    )


def batch_ophalen(*, user: User, uuid) -> Betaalbatch:
    return (
        Betaalbatch.objects.visible_to(user)
        .select_related("gemeente", "samengesteld_door", "goedgekeurd_door", "ingetrokken_door")
        .get(uuid=uuid)
    )


def afschrift_ophalen(*, user: User, uuid) -> Afschrift:
    return (
        Afschrift.objects.visible_to(user)
        .select_related("gemeente", "ingelezen_door")
        .get(uuid=uuid)
    )


def afschriften_van(*, gemeente: Gemeente) -> models.QuerySet[Afschrift]:
    return Afschrift.objects.filter(gemeente=gemeente).select_related("ingelezen_door")


def _betalingen_van_gemeente(gemeente: Gemeente) -> models.QuerySet[Betaling]:
    return Betaling.objects.filter(vaste_last__periode__persoon__gemeente=gemeente)


def te_betalen(*, gemeente: Gemeente, tot_maand: datetime.date) -> models.QuerySet[Betaling]:
    """Planned payments due up to and including the month: what a new batch takes."""
    return _betalingen_van_gemeente(gemeente).filter(
        status=BetalingStatus.GEPLAND, maand__lte=tot_maand
    )


@dataclass
class Telling:
    aantal: int
    totaal: Decimal


def betaalstand(*, gemeente: Gemeente, vandaag: datetime.date | None = None) -> dict:
    """The counts at the top of the payments page."""
    vandaag = vandaag or timezone.localdate()
    rijen = _betalingen_van_gemeente(gemeente)
    per_status = {
        rij["status"]: Telling(rij["aantal"], rij["totaal"] or NUL)
        for rij in rijen.values("status").annotate(aantal=Count("id"), totaal=Sum("bedrag"))
    }
    return {status: per_status.get(status, Telling(0, NUL)) for status in BetalingStatus.values} | {
        "mislukt_lijst": list(
            rijen.filter(status=BetalingStatus.MISLUKT)
            .select_related("vaste_last__periode__persoon")
            .order_by("maand", "id")[:50]
        )
    }


BETALINGEN_PER_PAGINA = 50


def betalingen_zoeken(
    *,
    gemeente: Gemeente,
    status: str = "",
    maand: datetime.date | None = None,
    zoekterm: str = "",
) -> models.QuerySet[Betaling]:
    """The gemeente's payments per person (name, then month), each with the batch it last
    went out in: planned, in a batch, paid or failed, filtered by status, month and (part of)
    the person's name, BSN or V-nummer."""
    rijen = _betalingen_van_gemeente(gemeente)
    if status:
        rijen = rijen.filter(status=BetalingStatus(status))
    if maand:
        rijen = rijen.filter(maand=maand_van(maand))
    if zoekterm.strip():
        rijen = rijen.filter(
            vaste_last__periode__persoon__in=Persoon.objects.filter(gemeente=gemeente).filter(
                persoon_zoekvoorwaarde(zoekterm)
            )
        )
    laatste_batch = (
        Batchregel.objects.filter(betaling=OuterRef("pk"))
        .exclude(batch__status=BatchStatus.INGETROKKEN)
        .order_by("-id")
    )
    return (
        rijen.select_related("vaste_last__periode__persoon")
        .annotate(
            batch_uuid=Subquery(laatste_batch.values("batch__uuid")[:1]),
        )
        .order_by(
            "vaste_last__periode__persoon__achternaam",
            "vaste_last__periode__persoon__voornamen",
            "vaste_last__periode__persoon__id",
            "maand",
            "vaste_last__soort",
            "id",
        )
    )


def betalingen_totalen(rijen: models.QuerySet[Betaling]) -> dict[str, Telling]:
    """Count and sum per status of a filtered list, and `alle` together: one query."""
    per_status = {
        rij["status"]: Telling(rij["aantal"], rij["totaal"] or NUL)
        for rij in rijen.order_by()
        .values("status")
        .annotate(aantal=Count("id"), totaal=Sum("bedrag"))
    }
    totalen = {status: per_status.get(status, Telling(0, NUL)) for status in BetalingStatus.values}
    totalen["alle"] = Telling(
        sum(t.aantal for t in per_status.values()),
        sum((t.totaal for t in per_status.values()), NUL),
    )
    return totalen


def standaard_betaalgemeente(
    *, user: User, gemeenten: models.QuerySet[Gemeente]
) -> Gemeente | None:
    """The gemeente the payments page opens on: the one where the user keeps most of their own
    dossiers; for someone without dossiers of their own (a teamleider), the one with most
    running periods; the first by name when neither tells."""
    eigen = (
        gemeenten.filter(personen__regisseur=user)
        .annotate(aantal=Count("personen"))
        .order_by("-aantal", "naam")
        .first()
    )
    if eigen is not None:
        return eigen
    lopend = (
        gemeenten.filter(personen__ontzorgperiodes__status__in=LOPEND)
        .annotate(aantal=Count("personen__ontzorgperiodes"))
        .order_by("-aantal", "naam")
        .first()
    )
    return lopend or gemeenten.first()


def per_crediteur(*, batch: Betaalbatch) -> list[dict]:
    """The review of a batch: count and sum per creditor account."""
    return list(
        Batchregel.objects.filter(batch=batch)
        .values("crediteur", "iban")
        .annotate(aantal=Count("id"), totaal=Sum("bedrag"))
        .order_by("crediteur", "iban")
    )


BATCHREGELS_PER_PAGINA = 50


@dataclass
class Crediteurgroep:
    """The lines of one creditor account on a page of the approval screen, with the subtotal
    over the whole batch (a creditor's lines may run on to the next page)."""

    crediteur: str
    iban: str
    aantal: int
    totaal: Decimal
    regels: list[Batchregel] = field(default_factory=list)


@dataclass
class Batchcontrole:
    """What an approver checks: every line of the batch, grouped by creditor, paged, each
    with its warnings; how many lines of the whole batch have a warning."""

    pagina: Page
    groepen: list[Crediteurgroep]
    regels_met_waarschuwing: int
    alleen_waarschuwingen: bool


def batch_controle(
    *, batch: Betaalbatch, pagina=1, alleen_waarschuwingen: bool = False
) -> Batchcontrole:
    """One page of the batch's lines in creditor order (then person, month), each line with
    `.waarschuwingen`; a fixed number of queries however long the batch."""
    waarschuwingen = batch_waarschuwingen(batch=batch)
    regels = (
        Batchregel.objects.filter(batch=batch)
        .select_related("betaling__vaste_last__periode__persoon")
        .order_by(
            "crediteur",
            "iban",
            "betaling__vaste_last__periode__persoon__achternaam",
            "betaling__vaste_last__periode__persoon__voornamen",
            "betaling__maand",
            "id",
        )
    )
    if alleen_waarschuwingen:
        regels = regels.filter(pk__in=list(waarschuwingen))
    gekozen = pagina_kiezen(regels, nummer=pagina, per_pagina=BATCHREGELS_PER_PAGINA)
    subtotalen = {(c["crediteur"], c["iban"]): c for c in per_crediteur(batch=batch)}
    groepen: list[Crediteurgroep] = []
    for regel in gekozen.object_list:
        regel.waarschuwingen = waarschuwingen.get(regel.pk, [])
        rekening = (regel.crediteur, regel.iban)
        if not groepen or (groepen[-1].crediteur, groepen[-1].iban) != rekening:
            subtotaal = subtotalen[rekening]
            groepen.append(
                Crediteurgroep(*rekening, aantal=subtotaal["aantal"], totaal=subtotaal["totaal"])
            )
        groepen[-1].regels.append(regel)
    return Batchcontrole(
        pagina=gekozen,
        groepen=groepen,
        regels_met_waarschuwing=len(waarschuwingen),
        alleen_waarschuwingen=alleen_waarschuwingen,
    )


def batch_uitkomst(*, batch: Betaalbatch) -> dict[str, int]:
    """How the bank handled an exported batch, as far as statements tell."""
    rijen = Batchregel.objects.filter(batch=batch).values("betaling__status")
    tellingen = {r["betaling__status"]: r["n"] for r in rijen.annotate(n=Count("id"))}
    return {status: tellingen.get(status, 0) for status in BetalingStatus.values}


@dataclass
class BatchActies:
    goedkeuren: bool
    goedkeuren_reden: str
    intrekken: bool
    exporteren: bool
    downloaden: bool


def batch_acties(*, batch: Betaalbatch, user: User) -> BatchActies:
    """What this user may do with the batch now, and why not approve."""
    from django.utils.translation import gettext as _

    reden = ""
    if batch.status == BatchStatus.SAMENGESTELD:
        if not user.is_teamleider:
            reden = _("Alleen een teamleider kan een betaalbatch goedkeuren.")
        elif batch.samengesteld_door_id == user.pk:
            reden = _("U hebt deze batch samengesteld; een andere teamleider keurt hem goed.")
    return BatchActies(
        goedkeuren=batch.status == BatchStatus.SAMENGESTELD and not reden,
        goedkeuren_reden=reden,
        intrekken=batch.status in (BatchStatus.SAMENGESTELD, BatchStatus.GOEDGEKEURD)
        and not batch.export_status,
        exporteren=batch.status == BatchStatus.GOEDGEKEURD
        and batch.export_status in ("", "mislukt"),
        downloaden=batch.status == BatchStatus.GEEXPORTEERD,
    )


# --- Withholding ------------------------------------------------------------------------------


def inhoudingen(*, gemeente: Gemeente, van: datetime.date, tot: datetime.date) -> models.QuerySet:
    """Per person per month what was paid on their behalf: what the benefit administration
    withholds. Paid means confirmed by the bank statement."""
    return (
        _betalingen_van_gemeente(gemeente)
        .filter(status=BetalingStatus.BETAALD, maand__gte=van, maand__lte=tot)
        .values(
            "vaste_last__periode__persoon__bsn",
            "vaste_last__periode__persoon__achternaam",
            "vaste_last__periode__persoon__voornamen",
            "maand",
        )
        .annotate(totaal=Sum("bedrag"), aantal=Count("id"))
        .order_by(
            "vaste_last__periode__persoon__achternaam", "vaste_last__periode__persoon__bsn", "maand"
        )
    )


@dataclass
class Samenvatting:
    periode: Ontzorgperiode
    einde: datetime.date | None
    per_maand: Decimal
    mislukt: int


def dossier_samenvatting(*, persoon: Persoon) -> Samenvatting | None:
    """The line on the dossier page: the running (or last) period, its end, what it pays."""
    periode = (
        periodes_van(persoon=persoon)
        .order_by(models.Case(models.When(status__in=LOPEND, then=0), default=1), "-start_bijstand")
        .first()
    )
    if periode is None:
        return None
    maand = rekenmaand(periode, timezone.localdate())
    lasten = VasteLast.objects.filter(
        periode=periode, eerste_maand__lte=maand, laatste_maand__gte=maand
    ).aggregate(totaal=Sum("maandbedrag"))
    return Samenvatting(
        periode=periode,
        einde=einde_van(periode),
        per_maand=lasten["totaal"] or NUL,
        mislukt=Betaling.objects.filter(
            vaste_last__periode=periode, status=BetalingStatus.MISLUKT
        ).count(),
    )


# --- Creditor checks --------------------------------------------------------------------------


def eigen_ibans(instelling: Betaalinstelling) -> set[str]:
    """The gemeente's own accounts, which are never a creditor's."""
    return {instelling.iban} if instelling.iban else set()


@dataclass(frozen=True)
class _Betaalopdracht:
    """One payment to check: of which last, to whom, how much, for which month."""

    last_id: int
    crediteur: str
    iban: str
    bedrag: Decimal
    maand: datetime.date


def _naam(crediteur: str) -> str:
    return crediteur.strip().lower()


def _waarschuwingen(gemeente_id: int, opdrachten: list[_Betaalopdracht]) -> list[list[str]]:
    """The warnings per payment, in the same order; three queries however many payments."""
    if not opdrachten:
        return []
    lasten = VasteLast.objects.filter(periode__persoon__gemeente_id=gemeente_id)
    # Every account each creditor name has in the gemeente, with the last that has it.
    rekeningen: dict[str, set[tuple[int, str]]] = defaultdict(set)
    for last_id, crediteur, iban in (
        lasten.annotate(naam=Lower("crediteur"))
        .filter(naam__in={_naam(o.crediteur) for o in opdrachten})
        .values_list("id", "crediteur", "iban")
    ):
        rekeningen[_naam(crediteur)].add((last_id, iban))
    # Accounts the bank paid: the latest attempt of a payment the statement confirmed (an
    # earlier attempt may have gone to an account that bounced).
    laatste_poging = (
        Batchregel.objects.filter(betaling=OuterRef("betaling"))
        .exclude(batch__status=BatchStatus.INGETROKKEN)
        .order_by("-id")
        .values("id")[:1]
    )
    betaald = set(
        Batchregel.objects.filter(
            batch__gemeente_id=gemeente_id,
            batch__geexporteerd_op__isnull=False,
            betaling__status=BetalingStatus.BETAALD,
            iban__in={o.iban for o in opdrachten},
            id=Subquery(laatste_poging),
        ).values_list("iban", flat=True)
    )
    vorige_bedragen = {
        (last_id, maand): bedrag
        for last_id, maand, bedrag in Betaling.objects.filter(
            vaste_last_id__in={o.last_id for o in opdrachten},
            maand__in={vorige_maand(o.maand) for o in opdrachten},
        ).values_list("vaste_last_id", "maand", "bedrag")
    }
    uitkomst = []
    for opdracht in opdrachten:
        teksten = []
        anders = sorted(
            {
                iban
                for last_id, iban in rekeningen[_naam(opdracht.crediteur)]
                if last_id != opdracht.last_id and iban != opdracht.iban
            }
        )
        if anders:
            teksten.append(
                _(
                    "Elders in deze gemeente staat %(crediteur)s met een ander IBAN: "
                    "%(ibans)s. Vraag de crediteur welk rekeningnummer klopt."
                )
                % {
                    "crediteur": opdracht.crediteur,
                    "ibans": ", ".join(iban_leesbaar(iban) for iban in anders),
                }
            )
        if opdracht.iban not in betaald:
            teksten.append(
                _(
                    "De gemeente heeft nog nooit naar %(iban)s betaald: dit wordt de eerste "
                    "betaling aan dit rekeningnummer. Controleer het IBAN op de factuur of "
                    "acceptgiro."
                )
                % {"iban": iban_leesbaar(opdracht.iban)}
            )
        vorige = vorige_maand(opdracht.maand)
        vorig_bedrag = vorige_bedragen.get((opdracht.last_id, vorige))
        if vorig_bedrag is not None and vorig_bedrag != opdracht.bedrag:
            teksten.append(
                _("%(bedrag)s wijkt af van de betaling voor %(maand)s (%(vorig)s).")
                % {
                    "bedrag": euro(opdracht.bedrag),
                    "maand": f"{vorige:%m-%Y}",
                    "vorig": euro(vorig_bedrag),
                }
            )
        uitkomst.append(teksten)
    return uitkomst


def crediteur_waarschuwingen(
    *,
    last: VasteLast,
    maand: datetime.date | None = None,
    bedrag: Decimal | None = None,
    iban: str | None = None,
    crediteur: str | None = None,
) -> list[str]:
    """Warnings, not refusals, about paying the last's creditor, in Dutch, for a person to
    look at twice: the same creditor name has another IBAN elsewhere in the gemeente; the
    gemeente never paid this IBAN before; the amount differs from the last's payment of the
    month before.

    By default about the last as it is now: its creditor, IBAN and monthly amount, for this
    month (or its first month, if later). For a payment, pass what is paid: its `maand`,
    `bedrag`, `iban` and `crediteur` (for one in a batch, the Batchregel's)."""
    vandaag = timezone.localdate()
    opdracht = _Betaalopdracht(
        last_id=last.pk,
        crediteur=crediteur if crediteur is not None else last.crediteur,
        iban=iban if iban is not None else last.iban,
        bedrag=bedrag if bedrag is not None else last.maandbedrag,
        maand=maand_van(maand) if maand else max(maand_van(vandaag), last.eerste_maand),
    )
    return _waarschuwingen(last.periode.persoon.gemeente_id, [opdracht])[0]


def batch_waarschuwingen(*, batch: Betaalbatch) -> dict[int, list[str]]:
    """The same warnings for every payment in the batch, as its approver should see them: by
    Batchregel id, only the lines that have any; what was put in the batch is checked (its
    creditor, IBAN and amount) for the payment's month."""
    regels = list(Batchregel.objects.filter(batch=batch).select_related("betaling"))
    opdrachten = [
        _Betaalopdracht(
            last_id=regel.betaling.vaste_last_id,
            crediteur=regel.crediteur,
            iban=regel.iban,
            bedrag=regel.bedrag,
            maand=regel.betaling.maand,
        )
        for regel in regels
    ]
    return {
        regel.pk: teksten
        for regel, teksten in zip(
            regels, _waarschuwingen(batch.gemeente_id, opdrachten), strict=True
        )
        if teksten
    }
