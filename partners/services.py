"""Every write of a referral: sent by a regisseur, answered, reported on and closed by the
partner, only along the allowed transitions."""

import datetime
from decimal import Decimal

import pghistory
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.validators import datums_controleren
from statushouders.models import Persoon
from termijnen.services import melding_maken, termijn_bijwerken

from .constants import (
    OVERGANGEN,
    TOESTEMMING_BESTAND_EXTENSIES,
    TOESTEMMING_BESTAND_MAX_BYTES,
    TOESTEMMING_HOOGSTENS_OUD,
    PartnerSoort,
    ToestemmingWijze,
    VerwijzingStatus,
)
from .models import Partner, Terugkoppeling, Verwijzing
from .selectors import (
    partneractie_tekst,
    termijn_sleutel,
    toestemming_omschrijving,
    verwijzing_url,
)


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
    toestemming_bevestigd: bool = False,
    toestemming_document: UploadedFile | None = None,
    notitie: str = "",
    adres_delen: bool | None = None,
) -> Verwijzing:
    """Send a referral. The person's consent is recorded by hand every time: the date, how it
    was given and that it covers this partner and this purpose; nothing is assumed."""
    datums_controleren(toestemming_op=toestemming_op)
    if adres_delen is None:
        adres_delen = partner.soort == PartnerSoort.MAATSCHAPPELIJKE_BEGELEIDING
    fouten = {}
    if not partner.actief:
        fouten["partner"] = _("%s neemt geen verwijzingen meer aan.") % partner
    if persoon.is_afgesloten:
        fouten[NON_FIELD_ERRORS] = _("Het dossier is afgesloten; heropen het om te verwijzen.")
    if toestemming_op is None:
        fouten["toestemming_op"] = _(
            "Vul in wanneer de persoon toestemming gaf om gegevens met de partner te delen. "
            "Zonder toestemming kan er niet worden verwezen."
        )
    elif toestemming_op > timezone.localdate():
        fouten["toestemming_op"] = _("De toestemming kan niet in de toekomst liggen.")
    elif toestemming_op < timezone.localdate() - TOESTEMMING_HOOGSTENS_OUD:
        fouten["toestemming_op"] = _(
            "Deze toestemming is meer dan een jaar oud. Vraag de persoon opnieuw om toestemming."
        )
    if toestemming_wijze not in ToestemmingWijze.values:
        fouten["toestemming_wijze"] = _("Kies hoe de persoon toestemming gaf.")
    if not toestemming_bevestigd:
        fouten["toestemming_bevestigd"] = _(
            "Bevestig dat de persoon toestemming gaf voor deze partner en dit doel."
        )
    if toestemming_document:
        if toestemming_wijze == ToestemmingWijze.MONDELING:
            fouten["toestemming_document"] = _(
                "Bij mondelinge toestemming hoort geen ondertekend formulier. Kies "
                "‘schriftelijk’ of laat het bestand weg."
            )
        else:
            try:
                toestemming_document_controleren(toestemming_document)
            except ValidationError as fout:
                fouten["toestemming_document"] = fout.messages
    if fouten:
        raise ValidationError(fouten)
    verwijzing = Verwijzing(
        persoon=persoon,
        partner=partner,
        leefgebied=leefgebied,
        doel=doel,
        notitie=notitie,
        toestemming_op=toestemming_op,
        toestemming_wijze=toestemming_wijze,
        toestemming_voor=toestemming_omschrijving(
            partner=partner, doel=doel, adres_delen=adres_delen
        ),
        adres_delen=adres_delen,
        door=door,
    )
    if toestemming_document:
        toestemming_document.name = f"{verwijzing.uuid}{_extensie(toestemming_document.name)}"
        verwijzing.toestemming_document = toestemming_document
    with pghistory.context(user=door.pk):
        verwijzing.full_clean()
        verwijzing.save()
        _termijnen_bijwerken(verwijzing)
    from .tasks import verwijzing_melden

    transaction.on_commit(lambda: verwijzing_melden.delay(verwijzing.pk))
    return verwijzing


def _extensie(naam: str) -> str:
    return "." + naam.rsplit(".", 1)[-1].lower() if "." in naam else ""


def toestemming_document_controleren(bestand: UploadedFile) -> None:
    """A scan or PDF of the signed form: the extension, the size and the first bytes agree."""
    extensie = _extensie(bestand.name or "").lstrip(".")
    if extensie not in TOESTEMMING_BESTAND_EXTENSIES:
        raise ValidationError(_("Upload het formulier als PDF, JPG of PNG."))
    if bestand.size > TOESTEMMING_BESTAND_MAX_BYTES:
        raise ValidationError(_("Het bestand is groter dan 5 MB."))
    bestand.seek(0)
    begin = bestand.read(8)
    bestand.seek(0)
    if not any(begin.startswith(kenmerk) for kenmerk in _BESTANDSKENMERKEN[extensie]):
        raise ValidationError(_("Dit bestand is geen geldige PDF, JPG of PNG."))


_BESTANDSKENMERKEN = {
    "pdf": (b"%PDF-",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}


@transaction.atomic
def toestemming_intrekken(*, verwijzing: Verwijzing, door: User, reden: str = "") -> Verwijzing:
    """The person withdraws consent: the partner loses access at that moment, the open
    deadlines of the referral go, and the history keeps who recorded it and why."""
    verwijzing = Verwijzing.objects.select_for_update().get(pk=verwijzing.pk)
    if verwijzing.status == VerwijzingStatus.INGETROKKEN:
        raise ValidationError(_("De toestemming voor deze verwijzing is al ingetrokken."))
    nu = timezone.now()
    with pghistory.context(user=door.pk):
        verwijzing.status = VerwijzingStatus.INGETROKKEN
        verwijzing.toestemming_ingetrokken_op = nu
        verwijzing.toestemming_ingetrokken_door = door
        verwijzing.intrekking_reden = reden.strip()
        verwijzing.afgesloten_op = verwijzing.afgesloten_op or nu
        verwijzing.save(
            update_fields=[
                "status",
                "toestemming_ingetrokken_op",
                "toestemming_ingetrokken_door",
                "intrekking_reden",
                "afgesloten_op",
            ]
        )
        _termijnen_bijwerken(verwijzing)
    return verwijzing


def _regisseur_melden(verwijzing: Verwijzing, actie: str) -> None:
    """Tell the person's regisseur (or whoever referred, when there is none) what the partner
    did, in the bell of Koers."""
    ontvanger_id = verwijzing.persoon.regisseur_id or verwijzing.door_id
    melding_maken(
        gebruiker_id=ontvanger_id,
        persoon=verwijzing.persoon,
        tekst=partneractie_tekst(verwijzing, actie),
        link=verwijzing_url(verwijzing),
    )


def _termijnen_bijwerken(verwijzing: Verwijzing) -> None:
    """The partner's answer term, and for maatschappelijke begeleiding its 18 months."""
    sleutel = termijn_sleutel(verwijzing.uuid)
    onderwerp = str(verwijzing.partner)
    link = verwijzing_url(verwijzing)
    if verwijzing.status == VerwijzingStatus.INGETROKKEN:
        # Without consent nothing is expected of the partner any more.
        for code in ("verwijzing_reactie", "maatschappelijke_begeleiding"):
            termijn_bijwerken(
                persoon=verwijzing.persoon, code=code, sleutel=sleutel, basisdatum=None
            )
        return
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
    _regisseur_melden(verwijzing, "accepteren")
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
    _regisseur_melden(verwijzing, "afwijzen")
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
    _regisseur_melden(verwijzing, "afronden")
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
    datums_controleren(datum=datum)
    verwijzing = Verwijzing.objects.select_for_update().get(pk=verwijzing.pk)
    if door.partner_id != verwijzing.partner_id:
        raise ValidationError(_("Alleen de partner van deze verwijzing kan terugkoppelen."))
    if verwijzing.status != VerwijzingStatus.GEACCEPTEERD:
        raise ValidationError(
            _("Terugkoppelen kan op een geaccepteerde verwijzing; deze is %s.")
            % verwijzing.get_status_display().lower()
        )
    if datum < timezone.localdate(verwijzing.verstuurd_op):
        raise ValidationError({"datum": _("Deze datum ligt vóór de verwijzing.")})
    if datum > timezone.localdate():
        raise ValidationError(
            {"datum": _("Deze datum ligt in de toekomst; koppel terug wat al gebeurd is.")}
        )
    terugkoppeling = Terugkoppeling(
        verwijzing=verwijzing, door=door, datum=datum, tekst=tekst, aanwezig=aanwezig, uren=uren
    )
    with pghistory.context(user=door.pk):
        terugkoppeling.full_clean()
        terugkoppeling.save()
    _regisseur_melden(verwijzing, "terugkoppelen")
    return terugkoppeling


@transaction.atomic
def partner_opslaan(
    *,
    door: User,
    naam: str,
    soort: str,
    leefgebieden: list[str],
    contact_email: str,
    actief: bool = True,
    partner: Partner | None = None,
) -> Partner:
    """A new partner or a change of one; an inactive partner gets no new referrals."""
    if not door.is_functioneel_beheerder:
        raise ValidationError(_("Alleen functioneel beheer beheert partners."))
    partner = partner or Partner()
    partner.naam, partner.soort, partner.leefgebieden = naam, soort, list(leefgebieden)
    partner.contact_email, partner.actief = contact_email, actief
    partner.full_clean()
    with pghistory.context(user=door.pk):
        partner.save()
    return partner
