"""The gemeente's payment settings and the ontzorgperiode: who qualifies, machtiging,
decision, extension, end, and the daily move along by date."""

import datetime

import pghistory
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.scope import Doel, mag
from core.validators import datums_controleren
from statushouders.models import Gemeente, Persoon
from termijnen.services import melding_maken, termijn_bijwerken, termijnconfig

from .. import selectors
from ..constants import (
    OVERDRACHT_VOORAF,
    SEPA_NAAM,
    TERMIJN_BEZWAAR,
    TERMIJN_EINDE,
    BetalingStatus,
    Doelgroepreden,
    MachtigingVorm,
    PeriodeStatus,
)
from ..geld import (
    bic_controleren,
    iban_controleren,
    maand_van,
    sepa_tekst,
)
from ..models import (
    Betaalinstelling,
    Betaling,
    Ontzorgperiode,
    Verlenging,
)
from .planning import periode_plannen

# --- Configuration ----------------------------------------------------------------------------


@transaction.atomic
def betaalinstelling_opslaan(
    *,
    gemeente: Gemeente,
    door: User,
    rekeninghouder: str,
    iban: str,
    bic: str = "",
    ruimere_doelgroep: bool = False,
    ruimere_lasten: bool = False,
    beleid: str = "",
    batchboeking: bool = False,
) -> Betaalinstelling:
    fouten = {}
    if not mag(door, gemeente, Doel.BEHEER):
        raise ValidationError(_("Alleen functioneel beheer van deze gemeente stelt dit in."))
    try:
        iban, afgeleid = iban_controleren(iban)
    except ValidationError as fout:
        fouten["iban"] = fout.messages
        afgeleid = ""
    try:
        bic = bic_controleren(bic, afgeleid=afgeleid) or afgeleid
    except ValidationError as fout:
        fouten["bic"] = fout.messages
    if not sepa_tekst(rekeninghouder, SEPA_NAAM):
        fouten["rekeninghouder"] = [_("Vul de naam van de rekeninghouder in.")]
    if fouten:
        raise ValidationError(fouten)
    with pghistory.context(user=door.pk):
        instelling, _nieuw = Betaalinstelling.objects.update_or_create(
            gemeente=gemeente,
            defaults={
                "rekeninghouder": rekeninghouder.strip(),
                "iban": iban,
                "bic": bic,
                "ruimere_doelgroep": ruimere_doelgroep,
                "ruimere_lasten": ruimere_lasten,
                "beleid": beleid,
                "batchboeking": batchboeking,
            },
        )
    return instelling


# --- Periods ----------------------------------------------------------------------------------


def _eist_dossierrol(door: User, persoon: Persoon) -> None:
    if not mag(door, persoon.gemeente_id, Doel.DOSSIER):
        raise ValidationError(_("U werkt niet in de gemeente van deze persoon."))


def _machtiging_controleren(machtiging_op, machtiging_vorm, fouten: dict) -> None:
    if machtiging_op and machtiging_op > timezone.localdate():
        fouten["machtiging_op"] = [_("De machtiging kan niet in de toekomst getekend zijn.")]
    if machtiging_op and not machtiging_vorm:
        fouten["machtiging_vorm"] = [_("Kies hoe de machtiging is gegeven.")]
    if machtiging_vorm and machtiging_vorm not in MachtigingVorm.values:
        fouten["machtiging_vorm"] = [_("Kies een van de vormen uit de lijst.")]
    if machtiging_vorm and not machtiging_op:
        fouten["machtiging_op"] = [_("Vul de datum in waarop de machtiging is getekend.")]


def doelgroep_toetsen(*, persoon: Persoon) -> bool:
    """True when only local policy covers this person; refused with every reason in Dutch when
    nothing does."""
    blijvend = selectors.blokkerende_redenen(persoon)
    if blijvend:
        raise ValidationError(
            {"persoon": [str(Doelgroepreden(r).label) for r in blijvend]}, code="doelgroep"
        )
    return bool(selectors.doelgroep_redenen(persoon))


@transaction.atomic
def periode_aanmaken(
    *,
    persoon: Persoon,
    door: User,
    start_bijstand: datetime.date | None = None,
    voor_huishouden: bool = False,
    machtiging_op: datetime.date | None = None,
    machtiging_vorm: str = "",
    beschikking_op: datetime.date | None = None,
) -> Ontzorgperiode:
    _eist_dossierrol(door, persoon)
    datums_controleren(
        start_bijstand=start_bijstand, machtiging_op=machtiging_op, beschikking_op=beschikking_op
    )
    persoon = Persoon.objects.select_for_update().get(pk=persoon.pk)
    lokaal_beleid = doelgroep_toetsen(persoon=persoon)
    start_bijstand = start_bijstand or persoon.bijstand_sinds
    fouten: dict = {}
    if persoon.is_afgesloten:
        fouten["persoon"] = [_("Het dossier is afgesloten.")]
    if start_bijstand and persoon.bijstand_sinds and start_bijstand < persoon.bijstand_sinds:
        fouten["start_bijstand"] = [
            _("De ontzorging kan niet beginnen vóór de bijstand (%(datum)s).")
            % {"datum": f"{persoon.bijstand_sinds:%d-%m-%Y}"}
        ]
    if voor_huishouden and not persoon.huishouden_id:
        fouten["voor_huishouden"] = [_("Deze persoon hoort niet bij een huishouden.")]
    _machtiging_controleren(machtiging_op, machtiging_vorm, fouten)
    if beschikking_op and beschikking_op > timezone.localdate():
        fouten["beschikking_op"] = [_("Het besluit kan niet in de toekomst bekendgemaakt zijn.")]
    if selectors.lopende_periode(persoon=persoon):
        fouten["persoon"] = [
            _("Er loopt al een ontzorgperiode voor deze persoon of dit huishouden.")
        ]
    elif start_bijstand:
        # Months are what is paid: a new period starts after the last month of the one before,
        # or that month would be paid twice.
        for eerdere in selectors.periodes_van(persoon=persoon):
            einde = selectors.einde_van(eerdere)
            if einde and maand_van(start_bijstand) <= maand_van(einde):
                fouten["start_bijstand"] = [
                    _(
                        "De vorige ontzorgperiode liep tot en met %(datum)s; een nieuwe begint "
                        "op zijn vroegst in de maand daarna."
                    )
                    % {"datum": f"{einde:%d-%m-%Y}"}
                ]
                break
    if fouten:
        raise ValidationError(fouten)
    with pghistory.context(user=door.pk):
        periode = Ontzorgperiode.objects.create(
            persoon=persoon,
            voor_huishouden=voor_huishouden,
            start_bijstand=start_bijstand,
            lokaal_beleid=lokaal_beleid,
            machtiging_op=machtiging_op,
            machtiging_vorm=machtiging_vorm,
            beschikking_op=beschikking_op,
            aangemaakt_door=door,
        )
        _termijnen_bijwerken(periode)
        _status_bijwerken(periode, timezone.localdate())
    return periode


@transaction.atomic
def periode_bijwerken(
    *,
    periode: Ontzorgperiode,
    door: User,
    machtiging_op: datetime.date | None,
    machtiging_vorm: str,
    beschikking_op: datetime.date | None,
    budgetcoaching=None,
    voor_huishouden: bool | None = None,
) -> Ontzorgperiode:
    _eist_dossierrol(door, periode.persoon)
    datums_controleren(machtiging_op=machtiging_op, beschikking_op=beschikking_op)
    periode = Ontzorgperiode.objects.select_for_update().get(pk=periode.pk)
    fouten: dict = {}
    if periode.is_beeindigd:
        raise ValidationError(_("Deze ontzorgperiode is beëindigd en verandert niet meer."))
    _machtiging_controleren(machtiging_op, machtiging_vorm, fouten)
    if beschikking_op and beschikking_op > timezone.localdate():
        fouten["beschikking_op"] = [_("Het besluit kan niet in de toekomst bekendgemaakt zijn.")]
    if budgetcoaching is not None and budgetcoaching.persoon_id != periode.persoon_id:
        fouten["budgetcoaching"] = [_("Kies een verwijzing van deze persoon.")]
    if voor_huishouden and not periode.persoon.huishouden_id:
        fouten["voor_huishouden"] = [_("Deze persoon hoort niet bij een huishouden.")]
    if fouten:
        raise ValidationError(fouten)
    periode.machtiging_op = machtiging_op
    periode.machtiging_vorm = machtiging_vorm if machtiging_op else ""
    periode.beschikking_op = beschikking_op
    periode.budgetcoaching = budgetcoaching
    if voor_huishouden is not None:
        periode.voor_huishouden = voor_huishouden
    with pghistory.context(user=door.pk):
        periode.save()
        _termijnen_bijwerken(periode)
        if not periode.machtiging_op:
            # Without a machtiging nothing may be paid: what was planned and not yet in a batch
            # is planned again once a machtiging is recorded.
            Betaling.objects.filter(
                vaste_last__periode=periode, status=BetalingStatus.GEPLAND
            ).delete()
        else:
            periode_plannen(periode=periode, door=door)
    return periode


@transaction.atomic
def periode_verlengen(
    *,
    periode: Ontzorgperiode,
    door: User,
    tot: datetime.date | None,
    besluit_op: datetime.date | None,
    reden: str,
) -> Verlenging:
    _eist_dossierrol(door, periode.persoon)
    datums_controleren(tot=tot, besluit_op=besluit_op)
    periode = Ontzorgperiode.objects.select_for_update().get(pk=periode.pk)
    einde = selectors.einde_van(periode)
    fouten: dict = {}
    if periode.is_beeindigd:
        raise ValidationError(_("Een beëindigde ontzorgperiode kan niet meer verlengd worden."))
    if tot is None:
        fouten["tot"] = [_("Vul de nieuwe einddatum in.")]
    elif einde and tot <= einde:
        fouten["tot"] = [
            _("De nieuwe einddatum moet na het huidige einde (%(datum)s) liggen.")
            % {"datum": f"{einde:%d-%m-%Y}"}
        ]
    if besluit_op is None:
        fouten["besluit_op"] = [_("Vul de datum van het besluit in.")]
    elif besluit_op > timezone.localdate():
        fouten["besluit_op"] = [_("Het besluit kan niet in de toekomst genomen zijn.")]
    if not (reden or "").strip():
        fouten["reden"] = [_("Leg uit waarom de ontzorging langer duurt.")]
    if fouten:
        raise ValidationError(fouten)
    with pghistory.context(user=door.pk):
        verlenging = Verlenging.objects.create(
            periode=periode, tot=tot, besluit_op=besluit_op, reden=reden.strip(), door=door
        )
        periode.overdracht_gemeld_op = None  # a later end means a later handover melding
        periode.save(update_fields=["overdracht_gemeld_op"])
        _termijnen_bijwerken(periode)
        _status_bijwerken(periode, timezone.localdate())
        # The months the extension adds, as far as they are due already.
        periode_plannen(periode=periode, door=door)
    return verlenging


@transaction.atomic
def periode_beeindigen(
    *, periode: Ontzorgperiode, door: User, op: datetime.date | None, reden: str
) -> Ontzorgperiode:
    """End a period, for instance when the bijstand stops. What was planned after the end and
    is not yet in a batch is removed."""
    _eist_dossierrol(door, periode.persoon)
    datums_controleren(op=op)
    periode = Ontzorgperiode.objects.select_for_update().get(pk=periode.pk)
    fouten: dict = {}
    if periode.is_beeindigd:
        raise ValidationError(_("Deze ontzorgperiode is al beëindigd."))
    gepland_einde = selectors.einde_van(periode)
    if op is None:
        fouten["op"] = [_("Vul de datum van het einde in.")]
    elif op < periode.start_bijstand:
        fouten["op"] = [_("Het einde kan niet vóór de start van de bijstand liggen.")]
    elif gepland_einde and op > gepland_einde:
        fouten["op"] = [
            _(
                "De periode loopt al tot en met %(datum)s; voor een later einde is een "
                "verlenging nodig."
            )
            % {"datum": f"{gepland_einde:%d-%m-%Y}"}
        ]
    if not (reden or "").strip():
        fouten["reden"] = [_("Vul de reden van het einde in.")]
    if fouten:
        raise ValidationError(fouten)
    vandaag = timezone.localdate()
    with pghistory.context(user=door.pk):
        if op <= vandaag:
            _beeindigen(periode, op, reden.strip())
        else:
            # An end still to come: the period runs until that day, and nothing after it is
            # paid; the daily run ends it then.
            periode.beeindigd_op = op
            periode.beeindiging_reden = reden.strip()[:300]
            periode.overdracht_gemeld_op = None
            periode.save(
                update_fields=["beeindigd_op", "beeindiging_reden", "overdracht_gemeld_op"]
            )
            Betaling.objects.filter(
                vaste_last__periode=periode, status=BetalingStatus.GEPLAND, maand__gt=op
            ).delete()
            _status_bijwerken(periode, vandaag)
    return periode


def _beeindigen(periode: Ontzorgperiode, op: datetime.date, reden: str) -> None:
    periode.status = PeriodeStatus.BEEINDIGD
    periode.beeindigd_op = op
    periode.beeindiging_reden = reden[:300]
    periode.save(update_fields=["status", "beeindigd_op", "beeindiging_reden"])
    Betaling.objects.filter(
        vaste_last__periode=periode, status=BetalingStatus.GEPLAND, maand__gt=op
    ).delete()
    termijn_bijwerken(
        persoon=periode.persoon,
        code=TERMIJN_EINDE,
        basisdatum=periode.start_bijstand,
        sleutel=periode.termijn_sleutel,
        gehaald_op=op,
        onderwerp=_("ontzorging"),
        link=_periode_link(periode),
    )


def _periode_link(periode: Ontzorgperiode) -> str:
    return reverse("ontzorging:periode-detail", kwargs={"uuid": periode.persoon.uuid})


def _termijnen_bijwerken(periode: Ontzorgperiode) -> None:
    """The end (minimum + extensions) and the objection window live in termijnen."""
    laatste = periode.verlengingen.order_by("-tot").first()
    termijn_bijwerken(
        persoon=periode.persoon,
        code=TERMIJN_EINDE,
        basisdatum=periode.start_bijstand,
        sleutel=periode.termijn_sleutel,
        gehaald_op=periode.beeindigd_op,
        verlengd_tot=laatste.tot if laatste else None,
        besluit=(laatste.door, laatste.reden) if laatste else None,
        onderwerp=_("ontzorging"),
        link=_periode_link(periode),
    )
    termijn_bijwerken(
        persoon=periode.persoon,
        code=TERMIJN_BEZWAAR,
        basisdatum=periode.beschikking_op,
        sleutel=periode.termijn_sleutel,
        onderwerp=_("besluit ontzorging"),
        link=_periode_link(periode),
    )


def _status_voor(periode: Ontzorgperiode, einde, vandaag: datetime.date) -> str:
    if periode.status == PeriodeStatus.BEEINDIGD:
        return PeriodeStatus.BEEINDIGD
    if vandaag < periode.start_bijstand:
        return PeriodeStatus.GEPLAND
    if einde and vandaag > einde:
        return PeriodeStatus.BEEINDIGD
    if einde and vandaag >= einde - OVERDRACHT_VOORAF:
        return PeriodeStatus.AFBOUW
    return PeriodeStatus.ACTIEF


def _status_bijwerken(periode: Ontzorgperiode, vandaag: datetime.date) -> None:
    einde = selectors.einde_van(periode)
    status = _status_voor(periode, einde, vandaag)
    if status == PeriodeStatus.BEEINDIGD and periode.status != PeriodeStatus.BEEINDIGD:
        _beeindigen(periode, einde, _("Einde van de ontzorgperiode bereikt."))
        return
    if status == PeriodeStatus.AFBOUW and not periode.overdracht_gemeld_op:
        melding_maken(
            gebruiker_id=periode.persoon.regisseur_id,
            persoon=periode.persoon,
            tekst=_("De ontzorgperiode van %(naam)s eindigt op %(datum)s: begin de overdracht.")
            % {"naam": periode.persoon.naam, "datum": f"{einde:%d-%m-%Y}"},
            link=_periode_link(periode),
        )
        periode.overdracht_gemeld_op = vandaag
    if status != periode.status or periode.overdracht_gemeld_op == vandaag:
        periode.status = status
        periode.save(update_fields=["status", "overdracht_gemeld_op"])


def periodes_bijwerken(*, vandaag: datetime.date | None = None) -> int:
    """Move every running period along by date (gepland → actief → afbouw → beëindigd), with
    the handover melding four weeks before the end. Safe to run again the same day."""
    vandaag = vandaag or timezone.localdate()
    config = termijnconfig(TERMIJN_EINDE)
    # Only the periods whose status the date changes: the rest are left alone.
    kandidaten = Ontzorgperiode.objects.raw(
        """
        SELECT p.* FROM ontzorging_ontzorgperiode p
        LEFT JOIN termijnen_termijn t ON t.persoon_id = p.persoon_id AND t.config_id = %(config)s
             AND t.sleutel = p.uuid::text
        WHERE p.status IN ('gepland', 'actief', 'afbouw') AND (
            (p.status = 'gepland' AND p.start_bijstand <= %(vandaag)s)
            OR (t.vervalt_op IS NOT NULL AND t.vervalt_op < %(vandaag)s)
            OR (p.status <> 'afbouw' AND t.vervalt_op IS NOT NULL
                AND t.vervalt_op - %(vooraf)s <= %(vandaag)s)
            OR (p.status = 'afbouw' AND p.overdracht_gemeld_op IS NULL)
            OR (p.beeindigd_op IS NOT NULL AND p.beeindigd_op - %(vooraf)s <= %(vandaag)s)
        )
        """,
        {"config": config.pk, "vandaag": vandaag, "vooraf": OVERDRACHT_VOORAF.days},
    )
    bijgewerkt = 0
    for periode in kandidaten:
        with transaction.atomic():
            periode = (
                Ontzorgperiode.objects.select_for_update()
                .select_related("persoon")
                .get(pk=periode.pk)
            )
            voor = (periode.status, periode.overdracht_gemeld_op)
            _status_bijwerken(periode, vandaag)
            bijgewerkt += voor != (periode.status, periode.overdracht_gemeld_op)
    return bijgewerkt
