"""Payment batches (four eyes: composed by one, approved by a teamleider who did not compose
it) and the SEPA export. Reading the bank's answers back is afschriften.py."""

import datetime
from decimal import Decimal

import pghistory
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.constants import Rol
from accounts.models import User
from accounts.scope import Doel, mag
from core.validators import datums_controleren
from statushouders.models import Gemeente
from termijnen.models import Melding
from termijnen.services import melding_maken

from .. import selectors
from ..constants import (
    SEPA_ID,
    SEPA_OMSCHRIJVING,
    BatchStatus,
    BetalingStatus,
    KenmerkSoort,
)
from ..geld import (
    bankdagen_na,
    eerstvolgende_bankdag,
    is_bankdag,
    maand_van,
    volgende_maand,
)
from ..models import (
    Batchregel,
    Betaalbatch,
    Betaalinstelling,
    Betaling,
)

# --- Batches ----------------------------------------------------------------------------------


def _eist_gemeente(door: User, gemeente: Gemeente) -> None:
    if not mag(door, gemeente, Doel.DOSSIER):
        raise ValidationError(_("U werkt niet voor deze gemeente."))


@transaction.atomic
def batch_samenstellen(
    *,
    gemeente: Gemeente,
    door: User,
    uitvoerdatum: datetime.date | None,
    tot_maand: datetime.date | None = None,
) -> Betaalbatch:
    """Put every planned payment of the gemeente due up to the month into a new batch."""
    _eist_gemeente(door, gemeente)
    datums_controleren(uitvoerdatum=uitvoerdatum, tot_maand=tot_maand)
    vandaag = timezone.localdate()
    fouten: dict = {}
    if uitvoerdatum is None:
        fouten["uitvoerdatum"] = [_("Vul de datum in waarop de bank moet betalen.")]
    elif uitvoerdatum < vandaag:
        fouten["uitvoerdatum"] = [_("De uitvoerdatum kan niet in het verleden liggen.")]
    elif uitvoerdatum > vandaag + datetime.timedelta(days=90):
        fouten["uitvoerdatum"] = [_("Kies een uitvoerdatum binnen drie maanden.")]
    elif not is_bankdag(uitvoerdatum):
        fouten["uitvoerdatum"] = [
            _(
                "Op zaterdag, zondag en de feestdagen van het betalingsverkeer voert de bank "
                "niets uit; kies bijvoorbeeld %(datum)s."
            )
            % {"datum": f"{eerstvolgende_bankdag(uitvoerdatum):%d-%m-%Y}"}
        ]
    if fouten:
        raise ValidationError(fouten)
    # One composer at a time per gemeente; the payment rows are locked besides.
    instelling = Betaalinstelling.objects.select_for_update().filter(gemeente=gemeente).first()
    if instelling is None:
        raise ValidationError(
            _("Functioneel beheer heeft de betaalrekening van %(gemeente)s nog niet ingesteld.")
            % {"gemeente": gemeente}
        )
    # Rent and premiums are paid ahead: by default a batch takes next month's payments too.
    tot_maand = maand_van(tot_maand) if tot_maand else volgende_maand(uitvoerdatum)
    betalingen = list(
        selectors.te_betalen(gemeente=gemeente, tot_maand=tot_maand)
        .select_for_update(of=("self",))
        .select_related("vaste_last")
        .order_by("vaste_last__crediteur", "id")
    )
    if not betalingen:
        raise ValidationError(
            _("Er zijn geen geplande betalingen tot en met %(maand)s.")
            % {"maand": f"{tot_maand:%m-%Y}"}
        )
    with pghistory.context(user=door.pk):
        batch = Betaalbatch.objects.create(
            gemeente=gemeente,
            uitvoerdatum=uitvoerdatum,
            samengesteld_door=door,
            aantal=len(betalingen),
            totaal=sum((b.bedrag for b in betalingen), Decimal("0.00")),
        )
        Batchregel.objects.bulk_create(
            [
                Batchregel(
                    batch=batch,
                    betaling=betaling,
                    bedrag=betaling.bedrag,
                    crediteur=betaling.vaste_last.crediteur,
                    iban=betaling.vaste_last.iban,
                    bic=betaling.vaste_last.bic,
                    kenmerk_soort=betaling.vaste_last.kenmerk_soort,
                    kenmerk=_omschrijving(betaling),
                    end_to_end_id=f"KOERS-{batch.pk}-{betaling.pk}"[:SEPA_ID],
                )
                for betaling in betalingen
            ],
            batch_size=1000,
        )
        Betaling.objects.filter(pk__in=[b.pk for b in betalingen]).update(
            status=BetalingStatus.IN_BATCH
        )
    return batch


def _omschrijving(betaling: Betaling) -> str:
    """What the creditor sees: the reference it asked for, and the month."""
    last = betaling.vaste_last
    if last.kenmerk_soort == KenmerkSoort.BETALINGSKENMERK:
        return last.kenmerk
    maand = f" {betaling.maand:%m-%Y}"
    return last.kenmerk[: SEPA_OMSCHRIJVING - len(maand)] + maand


@transaction.atomic
def batch_goedkeuren(
    *, batch: Betaalbatch, door: User, waarschuwingen_gezien: bool = False
) -> Betaalbatch:
    """A teamleider who did not compose the batch approves it. When any line carries a
    warning (another IBAN for the creditor, a first payment to an account, an amount that
    differs from last month's) they confirm having seen them; how many is kept."""
    batch = Betaalbatch.objects.select_for_update().get(pk=batch.pk)
    _eist_gemeente(door, batch.gemeente)
    if batch.status != BatchStatus.SAMENGESTELD:
        raise ValidationError(
            _("Alleen een batch die op goedkeuring wacht kan worden goedgekeurd.")
        )
    if not door.is_teamleider:
        raise ValidationError(_("Alleen een teamleider kan een betaalbatch goedkeuren."))
    if batch.samengesteld_door_id == door.pk:
        raise ValidationError(
            _("U hebt deze batch samengesteld; een andere teamleider moet hem goedkeuren.")
        )
    met_waarschuwing = len(selectors.batch_waarschuwingen(batch=batch))
    if met_waarschuwing and not waarschuwingen_gezien:
        raise ValidationError(
            {
                "waarschuwingen_gezien": [
                    ngettext(
                        "Eén betaling heeft een waarschuwing. Bekijk die en bevestig dat u "
                        "hem hebt gezien.",
                        "%(aantal)d betalingen hebben een waarschuwing. Bekijk ze en bevestig "
                        "dat u ze hebt gezien.",
                        met_waarschuwing,
                    )
                    % {"aantal": met_waarschuwing}
                ]
            }
        )
    with pghistory.context(user=door.pk):
        batch.status = BatchStatus.GOEDGEKEURD
        batch.goedgekeurd_door = door
        batch.goedgekeurd_op = timezone.now()
        batch.goedgekeurd_met_waarschuwingen = met_waarschuwing
        batch.save(
            update_fields=[
                "status",
                "goedgekeurd_door",
                "goedgekeurd_op",
                "goedgekeurd_met_waarschuwingen",
            ]
        )
    return batch


# The bank books a transfer on its execution date; a statement that still has not confirmed it
# five bank days later means a statement was not read in, or the bank did not pay.
BANKDAGEN_TOT_BEVESTIGING = 5


@transaction.atomic
def onbevestigde_batches_melden(*, vandaag: datetime.date | None = None) -> int:
    """Nightly: tell the teamleiders of the gemeente about an exported batch whose payments
    are not all confirmed (paid or failed) five bank days after the execution date. Once per
    batch and teamleider; returns how many meldingen were made."""
    vandaag = vandaag or timezone.localdate()
    gemaakt = 0
    batches = (
        Betaalbatch.objects.filter(
            status=BatchStatus.GEEXPORTEERD,
            uitvoerdatum__lt=vandaag,
            regels__betaling__status=BetalingStatus.IN_BATCH,
        )
        .annotate(wacht=Count("regels", filter=Q(regels__betaling__status=BetalingStatus.IN_BATCH)))
        .select_related("gemeente")
    )
    for batch in batches:
        if bankdagen_na(batch.uitvoerdatum, BANKDAGEN_TOT_BEVESTIGING) > vandaag:
            continue
        link = reverse("ontzorging:batch-detail", kwargs={"batch": batch.uuid})
        al_gemeld = set(Melding.objects.filter(link=link).values_list("gebruiker_id", flat=True))
        teamleiders = User.objects.filter(
            rol=Rol.TEAMLEIDER, is_active=True, gemeenten=batch.gemeente
        ).exclude(pk__in=al_gemeld)
        tekst = ngettext(
            "Betaalbatch %(nummer)s van %(gemeente)s (uitvoerdatum %(datum)s): %(aantal)d "
            "betaling is na vijf bankdagen nog niet bevestigd door een afschrift. Lees het "
            "afschrift in of vraag de bank.",
            "Betaalbatch %(nummer)s van %(gemeente)s (uitvoerdatum %(datum)s): %(aantal)d "
            "betalingen zijn na vijf bankdagen nog niet bevestigd door een afschrift. Lees het "
            "afschrift in of vraag de bank.",
            batch.wacht,
        ) % {
            "nummer": batch.nummer,
            "gemeente": batch.gemeente,
            "datum": f"{batch.uitvoerdatum:%d-%m-%Y}",
            "aantal": batch.wacht,
        }
        for teamleider_id in teamleiders.values_list("pk", flat=True):
            melding_maken(gebruiker_id=teamleider_id, persoon=None, tekst=tekst, link=link)
            gemaakt += 1
    return gemaakt


@transaction.atomic
def batch_intrekken(*, batch: Betaalbatch, door: User, reden: str) -> Betaalbatch:
    """Withdraw a batch before it is exported: its payments are planned again."""
    batch = Betaalbatch.objects.select_for_update().get(pk=batch.pk)
    _eist_gemeente(door, batch.gemeente)
    if (
        batch.status not in (BatchStatus.SAMENGESTELD, BatchStatus.GOEDGEKEURD)
        or batch.export_status
    ):
        raise ValidationError(
            _("Een batch die al naar de bank gaat, kan niet meer worden ingetrokken.")
        )
    if not (reden or "").strip():
        raise ValidationError({"reden": [_("Vul de reden in.")]})
    with pghistory.context(user=door.pk):
        Betaling.objects.filter(batchregels__batch=batch, status=BetalingStatus.IN_BATCH).update(
            status=BetalingStatus.GEPLAND
        )
        batch.status = BatchStatus.INGETROKKEN
        batch.ingetrokken_door = door
        batch.intrekking_reden = reden.strip()[:300]
        batch.ingetrokken_op = timezone.now()
        batch.save(
            update_fields=["status", "ingetrokken_door", "intrekking_reden", "ingetrokken_op"]
        )
    return batch


@transaction.atomic
def batch_export_starten(*, batch: Betaalbatch, door: User) -> Betaalbatch:
    """Queue the SEPA file; the page shows its progress."""
    from ..tasks import batch_exporteren_task

    batch = Betaalbatch.objects.select_for_update().get(pk=batch.pk)
    _eist_gemeente(door, batch.gemeente)
    if batch.status != BatchStatus.GOEDGEKEURD:
        raise ValidationError(_("Alleen een goedgekeurde batch kan naar de bank."))
    if batch.export_status in ("wacht", "bezig"):
        return batch
    batch.export_status = "wacht"
    batch.export_voortgang = 0
    batch.save(update_fields=["export_status", "export_voortgang"])
    transaction.on_commit(lambda: batch_exporteren_task.delay(batch.pk))
    return batch


def batch_exporteren(*, batch: Betaalbatch, voortgang=None) -> Betaalbatch:
    """Write the pain.001.001.03 file, validated against its XSD, and freeze the batch."""
    from ..sepa import pain001_maken

    with transaction.atomic():
        batch = Betaalbatch.objects.select_for_update().get(pk=batch.pk)
        if batch.geexporteerd_op is not None:
            return batch
        if batch.status != BatchStatus.GOEDGEKEURD:
            raise ValidationError(_("Alleen een goedgekeurde batch kan naar de bank."))
        batch.export_status = "bezig"
        batch.save(update_fields=["export_status"])
    instelling = Betaalinstelling.objects.get(gemeente=batch.gemeente)
    regels = list(Batchregel.objects.filter(batch=batch).order_by("id"))
    bericht_id, xml = pain001_maken(
        batch=batch, instelling=instelling, regels=regels, voortgang=voortgang
    )
    with transaction.atomic():
        batch = Betaalbatch.objects.select_for_update().get(pk=batch.pk)
        batch.sepa_xml = xml
        batch.bericht_id = bericht_id
        batch.status = BatchStatus.GEEXPORTEERD
        batch.export_status = "klaar"
        batch.export_voortgang = 100
        batch.geexporteerd_op = timezone.now()
        batch.save(
            update_fields=[
                "sepa_xml",
                "bericht_id",
                "status",
                "export_status",
                "export_voortgang",
                "geexporteerd_op",
            ]
        )
    return batch


def batch_export_mislukt(*, batch_id: int) -> None:
    Betaalbatch.objects.filter(pk=batch_id, geexporteerd_op__isnull=True).update(
        export_status="mislukt"
    )


def batch_voortgang(*, batch_id: int, procent: int) -> None:
    Betaalbatch.objects.filter(pk=batch_id, geexporteerd_op__isnull=True).update(
        export_voortgang=max(0, min(100, procent))
    )
