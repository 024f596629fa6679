"""Every read of ontzorging, scoped to the user: a dossier's period and payments, the payments
page of a gemeente, the withholding overview."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.db.models import Count, Q, Sum
from django.utils import timezone

from accounts import scope
from accounts.models import User
from accounts.scope import Doel
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
)
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


def last_ophalen(*, user: User, uuid) -> VasteLast:
    return (
        VasteLast.objects.filter(periode__in=Ontzorgperiode.objects.visible_to(user))
        .select_related("periode__persoon")
        .get(uuid=uuid)
    )


def betaling_ophalen(*, user: User, pk: int) -> Betaling:
    return (
        Betaling.objects.filter(vaste_last__periode__in=Ontzorgperiode.objects.visible_to(user))
        .select_related("vaste_last__periode__persoon")
        .get(pk=pk)
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
    )


def toegestane_soorten(*, instelling: Betaalinstelling | None) -> list[str]:
    if instelling and instelling.ruimere_lasten:
        from .constants import LastSoort

        return list(LastSoort.values)
    return [str(s) for s in WETTELIJKE_LASTEN]


# --- Payments page ----------------------------------------------------------------------------


def betaalgemeenten(*, user: User) -> models.QuerySet[Gemeente]:
    """The gemeenten whose payments this user may see: their own, for dossier roles."""
    return scope.gemeenten(user, Doel.DOSSIER).order_by("naam")


def batches_zichtbaar(*, user: User) -> models.QuerySet[Betaalbatch]:
    return Betaalbatch.objects.filter(gemeente__in=betaalgemeenten(user=user))


def batch_ophalen(*, user: User, uuid) -> Betaalbatch:
    return (
        batches_zichtbaar(user=user)
        .select_related("gemeente", "samengesteld_door", "goedgekeurd_door", "ingetrokken_door")
        .get(uuid=uuid)
    )


def afschrift_ophalen(*, user: User, uuid) -> Afschrift:
    return (
        Afschrift.objects.filter(gemeente__in=betaalgemeenten(user=user))
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


def per_crediteur(*, batch: Betaalbatch) -> list[dict]:
    """The review of a batch: count and sum per creditor account."""
    return list(
        Batchregel.objects.filter(batch=batch)
        .values("crediteur", "iban")
        .annotate(aantal=Count("id"), totaal=Sum("bedrag"))
        .order_by("crediteur", "iban")
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
