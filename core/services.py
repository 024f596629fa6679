import datetime

import pghistory
from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mass_mail
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.constants import TERMIJN_STANDAARDEN
from core.models import Eenheid, Melding, Termijn, TermijnConfig, TermijnStatus, Toegangslog
from core.werkdagen import werkdagen_later


def toegang_vastleggen(*, gebruiker, persoon, pad: str) -> Toegangslog:
    """Record that `gebruiker` opened a page of `persoon`'s dossier."""
    return Toegangslog.objects.create(
        gebruiker=gebruiker, persoon=persoon, persoon_uuid=persoon.uuid, pad=pad[:300]
    )


# --- Termijnen ------------------------------------------------------------------------------


def termijnconfig(code: str) -> TermijnConfig:
    """The configured term; created from the legal default the first time it is needed."""
    try:
        return TermijnConfig.objects.get(code=code)
    except TermijnConfig.DoesNotExist:
        standaard = next(t for t in TERMIJN_STANDAARDEN if t[0] == code)
        _code, label, basis, berekening, lengte, eenheid, geverifieerd, herinneren = standaard
        config, _created = TermijnConfig.objects.get_or_create(
            code=code,
            defaults={
                "label": str(label),
                "wettelijke_basis": str(basis),
                "berekening": str(berekening),
                "lengte": lengte,
                "eenheid": eenheid,
                "geverifieerd": geverifieerd,
                "herinneren": herinneren,
            },
        )
        return config


def termijn_datum(config: TermijnConfig, vanaf: datetime.date) -> datetime.date:
    """`vanaf` plus the configured length, counted in the configured unit."""
    n = config.lengte
    if config.eenheid == Eenheid.WERKDAGEN:
        return werkdagen_later(vanaf, n)
    stap = {
        Eenheid.DAGEN: relativedelta(days=n),
        Eenheid.WEKEN: relativedelta(weeks=n),
        Eenheid.MAANDEN: relativedelta(months=n),
        Eenheid.JAREN: relativedelta(years=n),
    }[config.eenheid]
    return vanaf + stap


def _vervaldatum(termijn: Termijn) -> datetime.date:
    if termijn.verlengd_tot:
        return termijn.verlengd_tot
    return termijn_datum(termijn.config, termijn.basisdatum) + datetime.timedelta(
        days=termijn.verlenging_dagen
    )


def _status(termijn: Termijn, vandaag: datetime.date) -> str:
    if termijn.gehaald_op:
        return TermijnStatus.GEHAALD
    if termijn.status == TermijnStatus.VERVALLEN:
        return TermijnStatus.VERVALLEN
    return TermijnStatus.VERLOPEN if termijn.vervalt_op < vandaag else TermijnStatus.OPEN


@transaction.atomic
def termijn_bijwerken(
    *,
    persoon,
    code: str,
    basisdatum: datetime.date | None,
    sleutel: str = "",
    gehaald_op: datetime.date | None = None,
    verlengd_tot: datetime.date | None = None,
) -> Termijn | None:
    """Compute (or recompute) one deadline from the dossier date it counts from. Without that
    date there is no deadline: an open one is removed."""
    config = termijnconfig(code)
    if basisdatum is None:
        Termijn.objects.filter(
            persoon=persoon, config=config, sleutel=sleutel, gehaald_op__isnull=True
        ).delete()
        return None
    termijn, _created = Termijn.objects.select_for_update().get_or_create(
        persoon=persoon,
        config=config,
        sleutel=sleutel,
        defaults={"basisdatum": basisdatum, "vervalt_op": basisdatum},
    )
    termijn.basisdatum = basisdatum
    termijn.gehaald_op = gehaald_op
    if verlengd_tot is not None:
        termijn.verlengd_tot = verlengd_tot
    termijn.vervalt_op = _vervaldatum(termijn)
    termijn.status = _status(termijn, timezone.localdate())
    termijn.save()
    return termijn


@transaction.atomic
def termijn_verlengen(*, termijn: Termijn, dagen: int, reden: str, door) -> Termijn:
    """The one-time extension of the PIP term while waiting on third parties (at most two
    weeks, with the reason recorded)."""
    termijn = Termijn.objects.select_for_update().select_related("config").get(pk=termijn.pk)
    if termijn.config.code != "pip_vaststellen":
        raise ValidationError(
            _("Alleen de termijn voor het vaststellen van het PIP kan zo worden verlengd.")
        )
    if termijn.verlenging_dagen:
        raise ValidationError(_("Deze termijn is al eens verlengd; dat kan maar één keer."))
    if not 1 <= dagen <= 14:
        raise ValidationError({"dagen": _("Verlengen kan met 1 tot en met 14 dagen.")})
    if not reden.strip():
        raise ValidationError({"reden": _("Leg vast op welke derde partij wordt gewacht.")})
    with pghistory.context(user=door.pk):
        termijn.verlenging_dagen = dagen
        termijn.verlenging_reden = reden.strip()
        termijn.vervalt_op = _vervaldatum(termijn)
        termijn.status = _status(termijn, timezone.localdate())
        termijn.save()
    return termijn


def termijnconfig_wijzigen(
    *, config: TermijnConfig, lengte: int, eenheid: str, door, batch: int = 2000
) -> int:
    """Change a term's length (audited) and recompute every deadline that is still open."""
    with transaction.atomic(), pghistory.context(user=door.pk):
        config.lengte, config.eenheid = lengte, eenheid
        config.full_clean()
        config.save()
    vandaag, bijgewerkt, laatste = timezone.localdate(), 0, 0
    while True:
        with transaction.atomic():
            rijen = list(
                Termijn.objects.select_for_update()
                .select_related("config")
                .filter(config=config, gehaald_op__isnull=True, pk__gt=laatste)
                .exclude(status=TermijnStatus.VERVALLEN)
                .order_by("pk")[:batch]
            )
            if not rijen:
                return bijgewerkt
            for termijn in rijen:
                termijn.vervalt_op = _vervaldatum(termijn)
                termijn.status = _status(termijn, vandaag)
            Termijn.objects.bulk_update(rijen, ["vervalt_op", "status"])
        bijgewerkt += len(rijen)
        laatste = rijen[-1].pk


# --- Herinneringen ----------------------------------------------------------------------------

# Which open deadlines are due a reminder for a moment, as SQL on core_termijn t.
# By date, not by the stored status, so a run for a given day decides the same whenever it runs.
_MOMENT_VOORWAARDEN = {
    "vooraf": "t.vervalt_op > %(vandaag)s AND t.vervalt_op <= %(vandaag)s + %(dagen)s",
    "vervaldag": "t.vervalt_op = %(vandaag)s",
    "verlopen": "t.vervalt_op < %(vandaag)s",
}


def herinnering_momenten() -> list[tuple[str, str, int]]:
    """(moment name, condition, days) for each configured reminder moment."""
    momenten = [(f"vooraf_{d}", "vooraf", d) for d in settings.TERMIJN_HERINNEREN_DAGEN_VOOR]
    return [*momenten, ("vervaldag", "vervaldag", 0), ("verlopen", "verlopen", 0)]


def herinneringen_versturen(*, vandaag: datetime.date | None = None, batch: int = 5000) -> dict:
    """The daily reminder job. Each (deadline, moment) is claimed with one INSERT … ON CONFLICT
    DO NOTHING: only the run whose insert succeeds notifies, so a second run, a concurrent run
    or a redelivered task sends nothing twice. Work goes in batches by id: memory stays flat."""
    vandaag = vandaag or timezone.localdate()
    verlopen = Termijn.objects.filter(status=TermijnStatus.OPEN, vervalt_op__lt=vandaag).update(
        status=TermijnStatus.VERLOPEN
    )
    verstuurd = 0
    for moment, soort, dagen in herinnering_momenten():
        laatste = 0
        while True:
            with transaction.atomic():
                laatste, geclaimd = _claim(moment, soort, dagen, vandaag, laatste, batch)
                mails = _meldingen_maken(geclaimd, moment)
            # After the commit: a crash here loses an e-mail, it never sends one twice.
            if mails:
                send_mass_mail(mails, fail_silently=False)
            verstuurd += len(geclaimd)
            if laatste is None:
                break
    return {"verlopen": verlopen, "herinneringen": verstuurd}


def _claim(moment, soort, dagen, vandaag, na_id, batch):
    sql = f"""
        WITH kandidaten AS (
            SELECT t.id FROM core_termijn t
            JOIN core_termijnconfig c ON c.id = t.config_id
            JOIN statushouders_persoon p ON p.id = t.persoon_id
            WHERE c.herinneren AND p.regisseur_id IS NOT NULL AND t.id > %(na)s
              AND t.status IN ('open', 'verlopen')
              AND {_MOMENT_VOORWAARDEN[soort]}
            ORDER BY t.id LIMIT %(batch)s
        ), geclaimd AS (
            INSERT INTO core_herinnering (termijn_id, moment, verstuurd_op)
            SELECT id, %(moment)s, now() FROM kandidaten
            ON CONFLICT (termijn_id, moment) DO NOTHING
            RETURNING termijn_id
        )
        SELECT (SELECT max(id) FROM kandidaten), (SELECT count(*) FROM kandidaten),
               ARRAY(SELECT termijn_id FROM geclaimd)
    """
    with connection.cursor() as cursor:
        cursor.execute(
            sql, {"na": na_id, "batch": batch, "moment": moment, "vandaag": vandaag, "dagen": dagen}
        )
        hoogste, aantal, geclaimd = cursor.fetchone()
    return (hoogste if aantal == batch else None), geclaimd


_MOMENT_TEKST = {
    "vervaldag": _("vandaag is de uiterste datum"),
    "verlopen": _("de termijn is verstreken"),
}


def _meldingen_maken(termijn_ids, moment) -> list[tuple]:
    if not termijn_ids:
        return []
    termijnen = Termijn.objects.filter(pk__in=termijn_ids).select_related(
        "config", "persoon__regisseur"
    )
    meldingen, mails = [], []
    for termijn in termijnen:
        regisseur = termijn.persoon.regisseur
        wanneer = _MOMENT_TEKST.get(moment) or _("over %s dagen") % moment.split("_")[1]
        link = termijn.persoon.get_absolute_url()
        # No name, BSN or date of birth: the dossier link says which person it is about.
        tekst = _("%(termijn)s: %(wanneer)s (uiterlijk %(datum)s).") % {
            "termijn": termijn.config.label,
            "wanneer": wanneer,
            "datum": termijn.vervalt_op.strftime("%d-%m-%Y"),
        }
        meldingen.append(Melding(gebruiker=regisseur, tekst=tekst, link=link))
        if regisseur.email:
            mails.append(
                (
                    _("Koers: een termijn vraagt aandacht"),
                    _(
                        "%(tekst)s\n\nOpen het dossier na inloggen:\n%(url)s\n\n"
                        "In deze e-mail staan geen persoonsgegevens."
                    )
                    % {"tekst": tekst, "url": settings.KOERS_BASIS_URL.rstrip("/") + link},
                    None,
                    [regisseur.email],
                )
            )
    Melding.objects.bulk_create(meldingen)
    return mails


@transaction.atomic
def meldingen_gelezen(*, gebruiker) -> int:
    return Melding.objects.filter(gebruiker=gebruiker, gelezen_op__isnull=True).update(
        gelezen_op=timezone.now()
    )
