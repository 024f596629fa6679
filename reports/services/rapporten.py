"""Requesting and producing reports: the quarterly report (PDF and XLSX) and the per-person
quarterly delivery (XLSX and CSV). Producing runs in Celery; the page polls the progress."""

import datetime
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.pdf import html_naar_pdf

from .. import export
from ..constants import RapportSoort, RapportStatus
from ..grafiek import met_grafieken
from ..models import Leveringsdownload, Rapport
from ..selectors import (
    LEVERING_KOLOMMEN,
    kwartaallevering,
    levering_gemeenten,
    rapportage,
    rapportage_gemeenten,
)
from ..selectors.levering import kwartaal_einde


def kwartaal_grenzen(jaar: int, kwartaal: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(jaar, 3 * kwartaal - 2, 1), kwartaal_einde(jaar, kwartaal)


def rapport_aanvragen(*, door, soort: str, gemeenten, jaar: int, kwartaal: int) -> Rapport:
    """A report of gemeenten the user may report on, for a quarter that has begun."""
    toegestaan = (
        levering_gemeenten(user=door)
        if soort == RapportSoort.LEVERING
        else rapportage_gemeenten(user=door)
    )
    gemeenten = list(gemeenten)
    if not gemeenten:
        raise ValidationError({"gemeenten": _("Kies ten minste één gemeente.")})
    toegestane_ids = set(toegestaan.values_list("pk", flat=True))
    if any(g.pk not in toegestane_ids for g in gemeenten):
        raise ValidationError(
            {"gemeenten": _("U kunt alleen over uw eigen gemeenten rapporteren.")}
        )
    if not 1 <= kwartaal <= 4:
        raise ValidationError({"kwartaal": _("Kies een kwartaal van 1 tot en met 4.")})
    if not 2000 <= jaar <= 2100:
        raise ValidationError({"jaar": _("Vul een jaar in van 2000 tot en met 2100.")})
    begin, _eind = kwartaal_grenzen(jaar, kwartaal)
    if begin > timezone.localdate():
        raise ValidationError({"kwartaal": _("Dit kwartaal is nog niet begonnen.")})

    from ..tasks import rapport_maken_task

    with transaction.atomic():
        rapport = Rapport.objects.create(
            soort=soort, jaar=jaar, kwartaal=kwartaal, aangevraagd_door=door
        )
        rapport.gemeenten.set(gemeenten)
        transaction.on_commit(lambda: rapport_maken_task.delay(rapport.pk))
    return rapport


def _voortgang(rapport: Rapport, procent: int, stap: str) -> None:
    Rapport.objects.filter(pk=rapport.pk).update(
        status=RapportStatus.BEZIG, voortgang=max(0, min(99, procent)), stap=stap
    )


def rapport_maken(*, rapport: Rapport, voortgang: Callable | None = None) -> Rapport:
    """Produce the files of a requested report. The figures are computed once and written to
    every file from the same `Rapportage`, so the PDF and the XLSX agree."""
    melden = voortgang or (lambda procent, stap: _voortgang(rapport, procent, stap))
    gemeenten = list(rapport.gemeenten.order_by("naam"))
    van, tot = kwartaal_grenzen(rapport.jaar, rapport.kwartaal)
    naam = f"{'-'.join(g.cbs_code for g in gemeenten)}-{rapport.jaar}-K{rapport.kwartaal}"
    melden(5, _("Cijfers berekenen"))
    if rapport.soort == RapportSoort.LEVERING:
        rijen = list(kwartaallevering(gemeente_ids=[g.pk for g in gemeenten], van=van, tot=tot))
        melden(50, _("Spreadsheet maken"))
        rapport.xlsx.save(
            f"levering-{naam}.xlsx", ContentFile(export.levering_xlsx(rijen)), save=False
        )
        melden(80, _("CSV maken"))
        rapport.csv.save(
            f"levering-{naam}.csv", ContentFile(export.levering_csv(rijen)), save=False
        )
        rapport.aantal_personen = len(rijen)
    else:
        cijfers = met_grafieken(
            rapportage(gemeenten=gemeenten, van=van, tot=tot, vandaag=timezone.localdate())
        )
        melden(40, _("PDF maken"))
        pdf = html_naar_pdf(
            "reports/pdf/kwartaalrapport.html",
            {
                "rapport": rapport,
                "cijfers": cijfers,
                "gemaakt_op": timezone.localtime(),
            },
        )
        rapport.pdf.save(f"kwartaalrapport-{naam}.pdf", ContentFile(pdf), save=False)
        melden(85, _("Spreadsheet maken"))
        rapport.xlsx.save(
            f"kwartaalrapport-{naam}.xlsx", ContentFile(export.rapportage_xlsx(cijfers)), save=False
        )
    rapport.status = RapportStatus.KLAAR
    rapport.voortgang = 100
    rapport.stap = ""
    rapport.klaar_op = timezone.now()
    rapport.save()
    return rapport


def rapport_mislukt(*, rapport_id: int) -> None:
    Rapport.objects.filter(pk=rapport_id).exclude(status=RapportStatus.KLAAR).update(
        status=RapportStatus.MISLUKT,
        foutmelding=_("Het maken is onderbroken; vraag het rapport opnieuw aan."),
    )


def levering_gedownload(*, rapport: Rapport, gebruiker, bestand: str) -> Leveringsdownload:
    """Every download of a per-person delivery is recorded: it holds BSNs."""
    return Leveringsdownload.objects.create(
        rapport=rapport,
        gebruiker=gebruiker,
        bestand=bestand,
        aantal_personen=rapport.aantal_personen or 0,
    )


__all__ = [
    "LEVERING_KOLOMMEN",
    "kwartaal_grenzen",
    "levering_gedownload",
    "rapport_aanvragen",
    "rapport_maken",
    "rapport_mislukt",
]
