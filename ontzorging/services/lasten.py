"""Vaste lasten, the handover checklist, and planning each month's payments: one per last
per month, never twice."""

import datetime
from decimal import Decimal

import pghistory
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from core.validators import datums_controleren
from statushouders.models import Gemeente
from termijnen.services import melding_maken

from .. import selectors
from ..constants import (
    SEPA_NAAM,
    BetalingStatus,
    KenmerkSoort,
    LastSoort,
    PlanningAanleiding,
)
from ..geld import (
    bedrag_controleren,
    bic_controleren,
    iban_controleren,
    kenmerk_controleren,
    maand_van,
    sepa_tekst,
    volgende_maand,
    vorige_maand,
)
from ..models import (
    Betaling,
    Ontzorgperiode,
    VasteLast,
)
from .periodes import _eist_dossierrol, _periode_link, periodes_bijwerken
from .planning import periode_plannen, plannen

# --- Fixed costs ------------------------------------------------------------------------------


def _last_controleren(
    *,
    periode: Ontzorgperiode,
    soort: str,
    crediteur: str,
    iban: str,
    bic: str,
    kenmerk_soort: str,
    kenmerk: str,
    maandbedrag: Decimal | None,
    eerste_maand: datetime.date | None,
    laatste_maand: datetime.date | None,
    bestaand: VasteLast | None = None,
) -> dict:
    """Every field of a vaste last checked at once; the cleaned values, or ValidationError with
    a message per field."""
    datums_controleren(eerste_maand=eerste_maand, laatste_maand=laatste_maand)
    fouten: dict = {}
    schoon: dict = {}
    instelling = selectors.instelling_van(periode.persoon.gemeente)
    if soort not in selectors.toegestane_soorten(instelling=instelling):
        fouten["soort"] = [
            _(
                "Deze gemeente betaalt alleen huur, energie, water en zorgverzekering; andere "
                "lasten alleen als het lokale beleid dat regelt."
            )
            if soort in LastSoort.values
            else _("Kies een soort uit de lijst.")
        ]
    else:
        try:
            bedrag_controleren(maandbedrag, soort=soort)
        except ValidationError as fout:
            fouten["maandbedrag"] = fout.messages
    naam = (crediteur or "").strip()
    if not naam:
        fouten["crediteur"] = [_("Vul de naam van de crediteur in.")]
    elif len(naam) > SEPA_NAAM:
        fouten["crediteur"] = [_("Een naam is hoogstens %(n)s tekens lang.") % {"n": SEPA_NAAM}]
    elif not sepa_tekst(naam, SEPA_NAAM):
        fouten["crediteur"] = [_("Gebruik letters of cijfers in de naam.")]
    try:
        schoon["iban"], afgeleid = iban_controleren(iban)
    except ValidationError as fout:
        fouten["iban"] = fout.messages
        afgeleid = ""
    else:
        # The gemeente's own paying account as creditor would send the money in a circle, or
        # is a mistyped (or copied) IBAN: never a creditor's.
        if instelling is not None and schoon["iban"] in selectors.eigen_ibans(instelling):
            fouten["iban"] = [
                _(
                    "Dit is de betaalrekening van de gemeente zelf, niet die van de crediteur. "
                    "Vul het IBAN in dat op de factuur of acceptgiro van de crediteur staat."
                )
            ]
    try:
        schoon["bic"] = bic_controleren(bic, afgeleid=afgeleid) or afgeleid
    except ValidationError as fout:
        fouten["bic"] = fout.messages
    if kenmerk_soort not in KenmerkSoort.values:
        fouten["kenmerk_soort"] = [_("Kies een soort kenmerk uit de lijst.")]
    else:
        try:
            schoon["kenmerk"] = kenmerk_controleren(kenmerk, soort=kenmerk_soort)
        except ValidationError as fout:
            fouten["kenmerk"] = fout.messages
    if eerste_maand is None:
        fouten["eerste_maand"] = [_("Vul de eerste maand in.")]
    if laatste_maand is None:
        fouten["laatste_maand"] = [_("Vul de laatste maand in; voor één betaling dezelfde maand.")]
    if eerste_maand and laatste_maand:
        eerste_maand, laatste_maand = maand_van(eerste_maand), maand_van(laatste_maand)
        if laatste_maand < eerste_maand:
            fouten["laatste_maand"] = [_("De laatste maand ligt vóór de eerste maand.")]
        if eerste_maand < maand_van(periode.start_bijstand):
            fouten["eerste_maand"] = [
                _("De ontzorging begint pas in %(maand)s.")
                % {"maand": f"{periode.start_bijstand:%m-%Y}"}
            ]
    if not fouten:
        # The same creditor account and reference in overlapping months would pay twice.
        # Within the period; periods of one person never share a month (periode_aanmaken).
        dubbel = VasteLast.objects.filter(
            periode=periode,
            iban=schoon["iban"],
            kenmerk__iexact=schoon["kenmerk"],
            eerste_maand__lte=laatste_maand,
            laatste_maand__gte=eerste_maand,
        )
        if bestaand is not None:
            dubbel = dubbel.exclude(pk=bestaand.pk)
        if dubbel.exists():
            fouten["kenmerk"] = [
                _(
                    "Deze last staat er al: dezelfde rekening en hetzelfde kenmerk in "
                    "overlappende maanden. Wijzig de bestaande last in plaats van een tweede "
                    "toe te voegen."
                )
            ]
    if fouten:
        raise ValidationError(fouten)
    return schoon | {
        "soort": soort,
        "crediteur": naam,
        "kenmerk_soort": kenmerk_soort,
        "maandbedrag": maandbedrag,
        "eerste_maand": eerste_maand,
        "laatste_maand": laatste_maand,
    }


@transaction.atomic
def vaste_last_toevoegen(*, periode: Ontzorgperiode, door: User, **gegevens) -> VasteLast:
    _eist_dossierrol(door, periode.persoon)
    if periode.is_beeindigd:
        raise ValidationError(_("Deze ontzorgperiode is beëindigd."))
    schoon = _last_controleren(periode=periode, **gegevens)
    with pghistory.context(user=door.pk):
        last = VasteLast.objects.create(periode=periode, **schoon)
        periode_plannen(periode=periode, door=door)
    return last


@transaction.atomic
def vaste_last_wijzigen(*, last: VasteLast, door: User, **gegevens) -> VasteLast:
    """Change a last. Payments not yet in a batch follow (new amount, months outside the new
    range removed); what is in a batch or paid stays as it was sent."""
    _eist_dossierrol(door, last.periode.persoon)
    last = VasteLast.objects.select_for_update().select_related("periode__persoon").get(pk=last.pk)
    if last.periode.is_beeindigd:
        raise ValidationError(_("Deze ontzorgperiode is beëindigd."))
    schoon = _last_controleren(periode=last.periode, bestaand=last, **gegevens)
    with pghistory.context(user=door.pk):
        for veld, waarde in schoon.items():
            setattr(last, veld, waarde)
        last.save()
        _geplande_betalingen_volgen(last)
        periode_plannen(periode=last.periode, door=door)
    return last


def _geplande_betalingen_volgen(last: VasteLast) -> None:
    nog_niet_verstuurd = Betaling.objects.filter(vaste_last=last, status=BetalingStatus.GEPLAND)
    nog_niet_verstuurd.exclude(maand__range=(last.eerste_maand, last.laatste_maand)).delete()
    if last.overname_maand:
        nog_niet_verstuurd.filter(maand__gte=last.overname_maand).delete()
    nog_niet_verstuurd.exclude(bedrag=last.maandbedrag).update(bedrag=last.maandbedrag)


@transaction.atomic
def overname_vastleggen(
    *,
    last: VasteLast,
    door: User,
    overname_maand: datetime.date | None,
    overname_geregeld_op: datetime.date | None = None,
) -> VasteLast:
    """The handover checklist: from which month the person pays this last themselves, and
    when that was arranged. Koers stops paying from that month."""
    _eist_dossierrol(door, last.periode.persoon)
    datums_controleren(overname_maand=overname_maand, overname_geregeld_op=overname_geregeld_op)
    last = VasteLast.objects.select_for_update().select_related("periode__persoon").get(pk=last.pk)
    if last.periode.is_beeindigd:
        raise ValidationError(_("Deze ontzorgperiode is beëindigd."))
    fouten: dict = {}
    if overname_maand:
        overname_maand = maand_van(overname_maand)
        if overname_maand <= last.eerste_maand:
            fouten["overname_maand"] = [
                _("De persoon kan pas overnemen na de eerste maand (%(maand)s).")
                % {"maand": f"{last.eerste_maand:%m-%Y}"}
            ]
    if overname_geregeld_op and not overname_maand:
        fouten["overname_maand"] = [_("Vul in vanaf welke maand de persoon zelf betaalt.")]
    if overname_geregeld_op and overname_geregeld_op > timezone.localdate():
        fouten["overname_geregeld_op"] = [_("Deze datum kan niet in de toekomst liggen.")]
    if fouten:
        raise ValidationError(fouten)
    with pghistory.context(user=door.pk):
        last.overname_maand = overname_maand
        last.overname_geregeld_op = overname_geregeld_op
        if overname_maand and last.laatste_maand >= overname_maand:
            last.laatste_maand = vorige_maand(overname_maand)
        last.save()
        _geplande_betalingen_volgen(last)
        periode_plannen(periode=last.periode, door=door)
    return last


# --- Planning ---------------------------------------------------------------------------------


def betalingen_plannen(
    *,
    maand: datetime.date,
    gemeente: Gemeente | None = None,
    vandaag: datetime.date | None = None,
    door: User | None = None,
) -> int:
    """Plan one month's payment of every vaste last of every running period with a
    machtiging (functioneel beheer, by hand). A second run, or two workers at once, plan
    nothing twice. Returns how many were planned now."""
    datums_controleren(maand=maand)
    periodes_bijwerken(vandaag=vandaag)
    return plannen(
        vanaf=maand, tot=maand, aanleiding=PlanningAanleiding.BEHEER, door=door, gemeente=gemeente
    ).aantal


def betalingen_bijplannen(*, vandaag: datetime.date | None = None) -> dict[str, int]:
    """The nightly run: move periods along by date, plan next month's payments, and catch up
    every earlier month of a running period that should have been planned and was not (from
    the period's first month). The regisseur of each person with a month caught up gets one
    melding naming the months. Planning claims each (last, month) once, so a second run plans
    nothing and tells no one again."""
    vandaag = vandaag or timezone.localdate()
    periodes_bijwerken(vandaag=vandaag)
    volgende = volgende_maand(vandaag)
    # The meldingen go with the planning: a month caught up is told exactly once.
    with transaction.atomic():
        uitkomst = plannen(tot=volgende, aanleiding=PlanningAanleiding.NACHT, op_tijd=volgende)
        per_persoon: dict[int, tuple[Ontzorgperiode, set[datetime.date]]] = {}
        for periode in Ontzorgperiode.objects.filter(pk__in=uitkomst.ingehaald).select_related(
            "persoon"
        ):
            _periode, maanden = per_persoon.setdefault(periode.persoon_id, (periode, set()))
            maanden.update(uitkomst.ingehaald[periode.pk])
        for periode, maanden in per_persoon.values():
            _inhalen_melden(periode, sorted(maanden))
    return {
        "gepland": uitkomst.aantal,
        "ingehaald": uitkomst.ingehaald_aantal,
        "meldingen": len(per_persoon),
    }


def _inhalen_melden(periode: Ontzorgperiode, maanden: list[datetime.date]) -> None:
    namen = [f"{maand:%m-%Y}" for maand in maanden]
    opsomming = namen[-1]
    if len(namen) > 1:
        opsomming = _("%(eerste)s en %(laatste)s") % {
            "eerste": ", ".join(namen[:-1]),
            "laatste": opsomming,
        }
    melding_maken(
        gebruiker_id=periode.persoon.regisseur_id,
        persoon=periode.persoon,
        tekst=ngettext(
            "Koers heeft de betaling van %(maanden)s voor %(naam)s alsnog gepland: die maand "
            "was niet gepland. Kijk of die mee moet in de eerstvolgende betaalbatch.",
            "Koers heeft de betalingen van %(maanden)s voor %(naam)s alsnog gepland: die "
            "maanden waren niet gepland. Kijk of ze mee moeten in de eerstvolgende betaalbatch.",
            len(maanden),
        )
        % {"maanden": opsomming, "naam": periode.persoon.naam},
        link=_periode_link(periode),
    )


@transaction.atomic
def betaling_opnieuw_plannen(*, betaling: Betaling, door: User) -> Betaling:
    """A failed payment goes into the next batch, once per failure: it is the same payment, so
    it can never be in one batch twice."""
    _eist_dossierrol(door, betaling.vaste_last.periode.persoon)
    betaling = (
        Betaling.objects.select_for_update()
        .select_related("vaste_last__periode")
        .get(pk=betaling.pk)
    )
    if betaling.status != BetalingStatus.MISLUKT:
        raise ValidationError(_("Alleen een mislukte betaling kan opnieuw worden gepland."))
    if betaling.vaste_last.periode.is_beeindigd:
        raise ValidationError(_("De ontzorgperiode is beëindigd; regel deze betaling apart."))
    if not betaling.vaste_last.periode.machtiging_op:
        raise ValidationError(_("Zonder machtiging kan niets betaald worden."))
    if betaling.pogingen >= 12:
        raise ValidationError(
            _("Deze betaling is al te vaak geprobeerd; neem contact op met de crediteur.")
        )
    with pghistory.context(user=door.pk):
        betaling.status = BetalingStatus.GEPLAND
        betaling.pogingen += 1
        betaling.reden_mislukt = ""
        betaling.save()
    return betaling
