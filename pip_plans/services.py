"""Every write of a PIP: the concept, vaststellen into immutable versions, the PDF."""

import datetime
from typing import Any

import pghistory
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.pdf import html_naar_pdf
from core.validators import datum_in_bereik, datums_controleren, geen_stuurtekens
from intake.constants import IntakeStatus
from intake.models import BredeIntake
from intake.services import zrm_meting_vastleggen
from termijnen.services import dossier_termijnen_bijwerken, termijn_bijwerken

from .constants import (
    AFWIJKING_MOTIVATIE_VEREIST,
    DOEL_VELDEN,
    VAARDIGHEDEN,
    PdfStatus,
    PlanStatus,
)
from .models import DoelVoortgang, DuoVerlenging, Plan, PlanDoel, PlanVersie, Voortgangsgesprek
from .selectors import (
    PLAN_VELDEN,
    plan_snapshot,
    plan_termijnen,
    versie_afwijkingen,
    versie_doelen,
    versie_inhoud,
)


def _eist_bewerkbaar(plan: Plan) -> None:
    if not plan.is_bewerkbaar:
        raise ValidationError(
            _("Dit plan is %s; een vastgestelde versie verandert niet. Start een wijziging.")
            % plan.get_status_display().lower()
        )


@transaction.atomic
def plan_aanmaken(*, intake: BredeIntake, door: User) -> Plan:
    """A concept PIP from a completed intake, pre-filled with its advice and language levels."""
    if intake.status != IntakeStatus.AFGEROND:
        raise ValidationError(_("Een PIP begint bij een afgeronde brede intake."))
    if Plan.objects.filter(persoon=intake.persoon).exists():
        raise ValidationError(_("Deze persoon heeft al een PIP."))
    plan = Plan(
        persoon=intake.persoon,
        intake=intake,
        leerroute=intake.advies_leerroute,
        leerroute_motivatie=intake.advies_motivatie,
        ontzorgen=False,
        **{f"taal_{code}_huidig": getattr(intake, f"taal_{code}") for code, _l in VAARDIGHEDEN},
    )
    with pghistory.context(user=door.pk):
        plan.full_clean()
        plan.save()
    return plan


def _vergrendeld(plan: Plan) -> Plan:
    """The plan's row, locked for this transaction. The caller's object is refreshed on commit,
    so it never shows a stale status."""
    transaction.on_commit(plan.refresh_from_db)
    return Plan.objects.select_for_update().select_related("persoon").get(pk=plan.pk)


@transaction.atomic
def plan_bijwerken(*, plan: Plan, door: User, gegevens: dict[str, Any]) -> Plan:
    plan = _vergrendeld(plan)
    _eist_bewerkbaar(plan)
    nieuwe_route = gegevens.get("leerroute", plan.leerroute)
    wissel = plan_termijnen(plan).leerroute_wissel
    if nieuwe_route != plan.leerroute and wissel and timezone.localdate() > wissel.vervalt_op:
        raise ValidationError(
            {
                "leerroute": _(
                    "Wisselen van leerroute kon tot en met %(datum)s (%(termijn)s na het "
                    "eerste PIP-besluit)."
                )
                % {
                    "datum": wissel.vervalt_op.strftime("%d-%m-%Y"),
                    "termijn": wissel.config.lengte_tekst,
                }
            }
        )
    for naam, waarde in gegevens.items():
        if naam in PLAN_VELDEN:
            setattr(plan, naam, waarde)
    with pghistory.context(user=door.pk):
        plan.full_clean()
        plan.save()
    return plan


@transaction.atomic
def doel_opslaan(
    *, plan: Plan, door: User, gegevens: dict[str, Any], doel: PlanDoel | None = None
) -> PlanDoel:
    _eist_bewerkbaar(plan)
    doel = doel or PlanDoel(plan=plan)
    for naam in DOEL_VELDEN:
        if naam in gegevens:
            setattr(doel, naam, gegevens[naam])
    if doel.verantwoordelijke == "partner" and not doel.partner_naam:
        raise ValidationError({"partner_naam": _("Welke partner is verantwoordelijk?")})
    with pghistory.context(user=door.pk):
        doel.full_clean()
        doel.save()
    return doel


@transaction.atomic
def doel_verwijderen(*, doel: PlanDoel, door: User) -> None:
    _eist_bewerkbaar(doel.plan)
    with pghistory.context(user=door.pk):
        doel.delete()


@transaction.atomic
def plan_vaststellen(
    *,
    plan: Plan,
    door: User,
    bekendmaking_op: datetime.date,
    dagtekening: datetime.date | None = None,
    afwijking_motivatie: str = "",
) -> PlanVersie:
    """Fix the plan as a decision: an immutable version, the objection window (from the
    bekendmaking), and — for the first version only — the inburgeringstermijn and the last day
    to switch leerroute (from the dagtekening, the date on the decision; Wi art. 11 lid 2). A
    plan that deviates from a route norm is fixed only with the reason why. Without a
    dagtekening (the screen always asks it) the decision is dated today, or the day it was
    made known when that was earlier."""
    if dagtekening is None and bekendmaking_op is not None and datum_in_bereik(bekendmaking_op):
        dagtekening = min(timezone.localdate(), bekendmaking_op)
    datums_controleren(bekendmaking_op=bekendmaking_op, dagtekening=dagtekening)
    plan = _vergrendeld(plan)
    _eist_bewerkbaar(plan)
    inhoud = plan_snapshot(plan)
    afwijking_motivatie = afwijking_motivatie.strip() if inhoud["afwijkingen"] else ""
    if inhoud["afwijkingen"] and not afwijking_motivatie:
        raise ValidationError({"afwijking_motivatie": AFWIJKING_MOTIVATIE_VEREIST})
    try:
        geen_stuurtekens(afwijking_motivatie)
    except ValidationError as fout:
        raise ValidationError({"afwijking_motivatie": fout.messages}) from None
    vandaag = timezone.localdate()
    if bekendmaking_op < vandaag - datetime.timedelta(days=30):
        raise ValidationError(
            {
                "bekendmaking_op": _(
                    "De bekendmaking ligt meer dan 30 dagen terug; controleer de datum."
                )
            }
        )
    # The objection window counts from the announcement, so it cannot lie far ahead: a decision
    # is sent within days.
    if bekendmaking_op > vandaag + datetime.timedelta(days=14):
        raise ValidationError(
            {
                "bekendmaking_op": _(
                    "De bekendmaking ligt meer dan 14 dagen vooruit; een besluit wordt binnen "
                    "enkele dagen bekendgemaakt. Controleer de datum."
                )
            }
        )
    if dagtekening > vandaag:
        raise ValidationError(
            {"dagtekening": _("Een besluit kan niet later gedateerd zijn dan vandaag.")}
        )
    if dagtekening < vandaag - datetime.timedelta(days=30):
        raise ValidationError(
            {"dagtekening": _("De dagtekening ligt meer dan 30 dagen terug; controleer de datum.")}
        )
    if bekendmaking_op < dagtekening:
        raise ValidationError(
            {
                "bekendmaking_op": _(
                    "De bekendmaking ligt vóór de dagtekening van het besluit (%(datum)s)."
                )
                % {"datum": f"{dagtekening:%d-%m-%Y}"}
            }
        )
    nummer = (plan.versies.order_by("-nummer").values_list("nummer", flat=True).first() or 0) + 1
    with pghistory.context(user=door.pk):
        versie = PlanVersie.objects.create(
            plan=plan,
            nummer=nummer,
            inhoud=inhoud,
            vastgesteld_door=door,
            vastgesteld_op=timezone.now(),
            bekendmaking_op=bekendmaking_op,
            dagtekening=dagtekening,
            afwijking_motivatie=afwijking_motivatie,
        )
        termijn_bijwerken(
            persoon=plan.persoon,
            code="bezwaar_pip",
            sleutel=bezwaar_sleutel(nummer),
            basisdatum=bekendmaking_op,
            onderwerp=_("PIP-versie %s") % nummer,
            link=reverse(
                "pip_plans:versie-detail", kwargs={"uuid": plan.persoon.uuid, "nummer": nummer}
            ),
        )
        if nummer == 1:
            # The inburgeringstermijn counts from the dagtekening of the first PIP decision;
            # later versions never move it.
            plan.eerste_vaststelling_op = dagtekening
        plan.status = PlanStatus.VASTGESTELD
        plan.save()
        plan_termijnen_bijwerken(plan=plan)
        dossier_termijnen_bijwerken(persoon=plan.persoon)
    _pdf_inplannen(versie)
    return versie


def bezwaar_sleutel(nummer: int) -> str:
    return f"versie:{nummer}"


def plan_termijnen_bijwerken(*, plan: Plan) -> None:
    """The deadlines that count from the first PIP decision and the progress conversations."""
    if not plan.eerste_vaststelling_op:
        return
    persoon, link = (
        plan.persoon,
        reverse("pip_plans:plan-detail", kwargs={"uuid": plan.persoon.uuid}),
    )
    # The extension recorded last counts: each one must end after the one before.
    duo = plan.verlengingen.order_by("-id").first()
    termijn_bijwerken(
        persoon=persoon,
        code="inburgeringstermijn",
        basisdatum=plan.eerste_vaststelling_op,
        verlengd_tot=duo.nieuwe_einddatum if duo else None,
        besluit=(
            duo.door,
            _("DUO-besluit van %(datum)s: %(reden)s")
            % {"datum": duo.besluit_op.strftime("%d-%m-%Y"), "reden": duo.reden},
        )
        if duo
        else None,
        link=link,
    )
    termijn_bijwerken(
        persoon=persoon, code="leerroute_wissel", basisdatum=plan.eerste_vaststelling_op, link=link
    )
    # The next conversation agreed in the latest one; else the latest conversation (or the
    # first PIP) + the configured weeks. "Latest" by date, so entering an older conversation
    # afterwards never moves the deadline back.
    laatste = plan.voortgangsgesprekken.order_by("-datum", "-id").first()
    termijn_bijwerken(
        persoon=persoon,
        code="voortgangsgesprek",
        basisdatum=laatste.datum if laatste else plan.eerste_vaststelling_op,
        afgesproken_op=laatste.volgend_gesprek_op if laatste else None,
        link=reverse("pip_plans:voortgangsgesprek-nieuw", kwargs={"uuid": persoon.uuid}),
    )


@transaction.atomic
def plan_wijzigen(*, plan: Plan, door: User) -> Plan:
    """Start a new concept on top of the latest version; its fields are the working copy."""
    plan = _vergrendeld(plan)
    if not plan.wijziging_mogelijk:
        raise ValidationError(_("Alleen een vastgesteld plan kan worden gewijzigd."))
    with pghistory.context(user=door.pk):
        plan.status = PlanStatus.GEWIJZIGD
        plan.save(update_fields=["status", "updated_at"])
    return plan


@transaction.atomic
def duo_verlenging_vastleggen(
    *,
    plan: Plan,
    door: User,
    besluit_op: datetime.date,
    nieuwe_einddatum: datetime.date,
    reden: str,
) -> DuoVerlenging:
    datums_controleren(besluit_op=besluit_op, nieuwe_einddatum=nieuwe_einddatum)
    plan = _vergrendeld(plan)
    termijn = plan_termijnen(plan).inburgeringstermijn
    if termijn is None:
        raise ValidationError(_("Er is nog geen inburgeringstermijn: stel eerst het PIP vast."))
    fouten = {}
    if besluit_op > timezone.localdate():
        fouten["besluit_op"] = _(
            "Een besluit van DUO dat nog moet komen, kan niet worden vastgelegd."
        )
    elif plan.eerste_vaststelling_op and besluit_op < plan.eerste_vaststelling_op:
        fouten["besluit_op"] = _("Dit besluit ligt vóór het eerste PIP-besluit (%s).") % (
            plan.eerste_vaststelling_op.strftime("%d-%m-%Y")
        )
    try:
        geen_stuurtekens(reden)
    except ValidationError as fout:
        fouten["reden"] = fout.messages
    if fouten:
        raise ValidationError(fouten)
    if nieuwe_einddatum <= termijn.vervalt_op:
        raise ValidationError(
            {
                "nieuwe_einddatum": _("Een verlenging ligt na het huidige einde (%s).")
                % termijn.vervalt_op.strftime("%d-%m-%Y")
            }
        )
    verlenging = DuoVerlenging(
        plan=plan, door=door, besluit_op=besluit_op, nieuwe_einddatum=nieuwe_einddatum, reden=reden
    )
    with pghistory.context(user=door.pk):
        verlenging.full_clean()
        verlenging.save()
        plan_termijnen_bijwerken(plan=plan)
    return verlenging


@transaction.atomic
def voortgangsgesprek_vastleggen(
    *,
    plan: Plan,
    door: User,
    datum: datetime.date,
    verslag: str = "",
    volgend_gesprek_op: datetime.date | None = None,
    voortgang: dict[PlanDoel, tuple[str, str]] | None = None,
    zrm_scores: dict[str, int | None] | None = None,
) -> Voortgangsgesprek:
    """Record a progress conversation: goal statuses, optionally a new ZRM measurement (made by
    the intake, which owns them)."""
    datums_controleren(datum=datum, volgend_gesprek_op=volgend_gesprek_op)
    plan = Plan.objects.select_related("persoon").get(pk=plan.pk)
    if plan.status == PlanStatus.CONCEPT:
        raise ValidationError(_("Voortgangsgesprekken gaan over een vastgesteld plan."))
    if volgend_gesprek_op and volgend_gesprek_op <= datum:
        raise ValidationError(
            {"volgend_gesprek_op": _("Het volgende gesprek ligt na dit gesprek.")}
        )
    zrm = None
    if zrm_scores and any(score is not None for score in zrm_scores.values()):
        zrm = zrm_meting_vastleggen(persoon=plan.persoon, door=door, datum=datum, scores=zrm_scores)
    with pghistory.context(user=door.pk):
        gesprek = Voortgangsgesprek.objects.create(
            plan=plan,
            door=door,
            datum=datum,
            verslag=verslag,
            volgend_gesprek_op=volgend_gesprek_op,
            zrm=zrm,
        )
        for doel, (status, notitie) in (voortgang or {}).items():
            if doel.plan_id != plan.pk:
                raise ValidationError(_("Dit doel hoort niet bij dit plan."))
            DoelVoortgang.objects.create(gesprek=gesprek, doel=doel, status=status, notitie=notitie)
            # Progress on a goal is its new status; the version keeps the status at fixing.
            PlanDoel.objects.filter(pk=doel.pk).update(status=status)
        plan_termijnen_bijwerken(plan=plan)
    return gesprek


def _pdf_inplannen(versie: PlanVersie) -> None:
    from .tasks import plan_pdf_maken

    transaction.on_commit(lambda: plan_pdf_maken.delay(versie.pk))


@transaction.atomic
def plan_pdf_opnieuw(*, versie: PlanVersie, door: User) -> PlanVersie:
    """Render the PDF again with the current template; the version's content stays as fixed."""
    versie = PlanVersie.objects.select_for_update().get(pk=versie.pk)
    if versie.pdf_wordt_gemaakt:
        raise ValidationError(_("De PDF wordt al gemaakt."))
    oud = versie.pdf.name
    with pghistory.context(user=door.pk):
        versie.pdf = ""
        versie.pdf_status = PdfStatus.WACHT
        versie.save(update_fields=["pdf", "pdf_status"])
    if oud:
        transaction.on_commit(lambda: versie.pdf.storage.delete(oud))
    _pdf_inplannen(versie)
    return versie


def plan_pdf_opslaan(*, versie_id: int) -> PlanVersie:
    """Render and attach the version's PDF. Safe to run twice: a version that has its PDF is
    left alone, and of two renders running at once only the first attaches its file."""
    with transaction.atomic():
        versie = PlanVersie.objects.select_for_update().get(pk=versie_id)
        if versie.pdf:
            return versie
        versie.pdf_status = PdfStatus.BEZIG  # committed now, so the dossier shows progress
        versie.save(update_fields=["pdf_status"])
    versie = PlanVersie.objects.select_related("plan__persoon", "vastgesteld_door").get(
        pk=versie_id
    )
    inhoud = html_naar_pdf("pdf/plan.html", _pdf_context(versie))
    with transaction.atomic():
        versie = PlanVersie.objects.select_for_update().get(pk=versie_id)
        if versie.pdf:
            return versie
        versie.pdf.save(
            f"{versie.plan.uuid}/versie-{versie.nummer}.pdf", ContentFile(inhoud), save=False
        )
        versie.pdf_status = PdfStatus.KLAAR
        versie.pdf_gemaakt_op = timezone.now()
        versie.save(update_fields=["pdf", "pdf_status", "pdf_gemaakt_op"])
    return versie


def plan_pdf_mislukt(*, versie_id: int) -> None:
    PlanVersie.objects.filter(pk=versie_id, pdf="").update(pdf_status=PdfStatus.MISLUKT)


def _pdf_context(versie: PlanVersie) -> dict:
    from django.conf import settings

    termijnen = plan_termijnen(versie.plan)
    return {
        "versie": versie,
        "plan": versie.plan,
        "persoon": versie.inhoud["persoon"],
        "geboortedatum": datetime.date.fromisoformat(versie.inhoud["persoon"]["geboortedatum"]),
        "onderdelen": versie_inhoud(versie),
        "afwijkingen": versie_afwijkingen(versie),
        "doelen": versie_doelen(versie),
        "gemeente": versie.inhoud["persoon"]["gemeente"],
        "logo": settings.KOERS_PDF_LOGO,
        "termijnen": termijnen,
        "bezwaar": termijnen.bezwaar.get(versie.nummer),
    }
