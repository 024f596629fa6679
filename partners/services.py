"""Every write of a referral: sent by a regisseur, answered, reported on and closed by the
partner, only along the allowed transitions."""

import datetime
from decimal import Decimal

import pghistory
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from statushouders.models import Persoon
from termijnen.services import termijn_bijwerken

from .constants import OVERGANGEN, PartnerSoort, VerwijzingStatus
from .models import Partner, Terugkoppeling, Verwijzing
from .selectors import termijn_sleutel


@transaction.atomic
def verwijzing_versturen(
    *,
    persoon: Persoon,
    door: User,
    partner: Partner,
    leefgebied: str,
    doel: str,
    toestemming_op: datetime.date | None,
    toestemming_wijze: str,
    notitie: str = "",
    adres_delen: bool | None = None,
) -> Verwijzing:
    fouten = {}
    if not partner.actief:
        fouten["partner"] = _("%s neemt geen verwijzingen meer aan.") % partner
    if toestemming_op is None:
        fouten["toestemming_op"] = _(
            "Zonder toestemming van de persoon om gegevens te delen kan er niet worden verwezen."
        )
    elif toestemming_op > timezone.localdate():
        fouten["toestemming_op"] = _("De toestemming kan niet in de toekomst liggen.")
    if fouten:
        raise ValidationError(fouten)
    if adres_delen is None:
        adres_delen = partner.soort == PartnerSoort.MAATSCHAPPELIJKE_BEGELEIDING
    verwijzing = Verwijzing(
        persoon=persoon,
        partner=partner,
        leefgebied=leefgebied,
        doel=doel,
        notitie=notitie,
        toestemming_op=toestemming_op,
        toestemming_wijze=toestemming_wijze,
        adres_delen=adres_delen,
        door=door,
    )
    with pghistory.context(user=door.pk):
        verwijzing.full_clean()
        verwijzing.save()
        _termijnen_bijwerken(verwijzing)
    from .tasks import verwijzing_melden

    transaction.on_commit(lambda: verwijzing_melden.delay(verwijzing.pk))
    return verwijzing


def _termijnen_bijwerken(verwijzing: Verwijzing) -> None:
    """The partner's answer term, and for maatschappelijke begeleiding its 18 months."""
    sleutel = termijn_sleutel(verwijzing.uuid)
    onderwerp = str(verwijzing.partner)
    link = verwijzing.persoon.get_absolute_url() + "#verwijzingen"
    termijn_bijwerken(
        persoon=verwijzing.persoon,
        code="verwijzing_reactie",
        sleutel=sleutel,
        basisdatum=timezone.localdate(verwijzing.verstuurd_op),
        gehaald_op=timezone.localdate(verwijzing.beantwoord_op)
        if verwijzing.beantwoord_op
        else None,
        onderwerp=onderwerp,
        link=link,
    )
    if (
        verwijzing.partner.soort == PartnerSoort.MAATSCHAPPELIJKE_BEGELEIDING
        and verwijzing.status in (VerwijzingStatus.GEACCEPTEERD, VerwijzingStatus.AFGEROND)
    ):
        termijn_bijwerken(
            persoon=verwijzing.persoon,
            code="maatschappelijke_begeleiding",
            sleutel=sleutel,
            basisdatum=timezone.localdate(verwijzing.beantwoord_op),
            gehaald_op=timezone.localdate(verwijzing.afgesloten_op)
            if verwijzing.afgesloten_op
            else None,
            onderwerp=onderwerp,
            link=link,
        )


def _vergrendeld(verwijzing: Verwijzing, door: User, naar: str) -> Verwijzing:
    """The referral locked for this change, after checking who acts and that the step is
    allowed from where the referral stands."""
    verwijzing = Verwijzing.objects.select_for_update().get(pk=verwijzing.pk)
    if door.partner_id != verwijzing.partner_id:
        raise ValidationError(_("Alleen de partner van deze verwijzing kan dit doen."))
    if naar not in OVERGANGEN.get(verwijzing.status, ()):
        raise ValidationError(
            _("Een verwijzing die %(van)s is, kan niet %(naar)s worden.")
            % {
                "van": verwijzing.get_status_display().lower(),
                "naar": VerwijzingStatus(naar).label.lower(),
            }
        )
    return verwijzing


@transaction.atomic
def verwijzing_accepteren(*, verwijzing: Verwijzing, door: User) -> Verwijzing:
    verwijzing = _vergrendeld(verwijzing, door, VerwijzingStatus.GEACCEPTEERD)
    with pghistory.context(user=door.pk):
        verwijzing.status = VerwijzingStatus.GEACCEPTEERD
        verwijzing.beantwoord_op = timezone.now()
        verwijzing.save(update_fields=["status", "beantwoord_op"])
        _termijnen_bijwerken(verwijzing)
    return verwijzing


@transaction.atomic
def verwijzing_afwijzen(*, verwijzing: Verwijzing, door: User, reden: str) -> Verwijzing:
    verwijzing = _vergrendeld(verwijzing, door, VerwijzingStatus.AFGEWEZEN)
    if not reden.strip():
        raise ValidationError({"reden": _("Geef aan waarom u de verwijzing afwijst.")})
    with pghistory.context(user=door.pk):
        verwijzing.status = VerwijzingStatus.AFGEWEZEN
        verwijzing.afwijzingsreden = reden.strip()
        verwijzing.beantwoord_op = verwijzing.afgesloten_op = timezone.now()
        verwijzing.save(
            update_fields=["status", "afwijzingsreden", "beantwoord_op", "afgesloten_op"]
        )
        _termijnen_bijwerken(verwijzing)
    return verwijzing


@transaction.atomic
def verwijzing_afronden(*, verwijzing: Verwijzing, door: User, resultaat: str) -> Verwijzing:
    verwijzing = _vergrendeld(verwijzing, door, VerwijzingStatus.AFGEROND)
    if not resultaat.strip():
        raise ValidationError({"resultaat": _("Beschrijf het resultaat van de verwijzing.")})
    with pghistory.context(user=door.pk):
        verwijzing.status = VerwijzingStatus.AFGEROND
        verwijzing.resultaat = resultaat.strip()
        verwijzing.afgesloten_op = timezone.now()
        verwijzing.save(update_fields=["status", "resultaat", "afgesloten_op"])
        _termijnen_bijwerken(verwijzing)
    return verwijzing


@transaction.atomic
def terugkoppeling_geven(
    *,
    verwijzing: Verwijzing,
    door: User,
    datum: datetime.date,
    tekst: str,
    aanwezig: bool | None = None,
    uren: Decimal | None = None,
) -> Terugkoppeling:
    verwijzing = Verwijzing.objects.select_for_update().get(pk=verwijzing.pk)
    if door.partner_id != verwijzing.partner_id:
        raise ValidationError(_("Alleen de partner van deze verwijzing kan terugkoppelen."))
    if verwijzing.status != VerwijzingStatus.GEACCEPTEERD:
        raise ValidationError(
            _("Terugkoppelen kan op een geaccepteerde verwijzing; deze is %s.")
            % verwijzing.get_status_display().lower()
        )
    if datum < verwijzing.verstuurd_op.date():
        raise ValidationError({"datum": _("Deze datum ligt vóór de verwijzing.")})
    terugkoppeling = Terugkoppeling(
        verwijzing=verwijzing, door=door, datum=datum, tekst=tekst, aanwezig=aanwezig, uren=uren
    )
    with pghistory.context(user=door.pk):
        terugkoppeling.full_clean()
        terugkoppeling.save()
    return terugkoppeling
