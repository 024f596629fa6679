"""Every write of deadlines. Apps that own a dated thing call `termijn_bijwerken`; nothing else
writes a deadline row."""

import datetime
from collections import Counter
from dataclasses import dataclass

import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.validators import (
    LAATSTE_DATUM,
    VROEGSTE_DATUM,
    datum_in_bereik,
    datums_controleren,
    geen_stuurtekens_regel,
)
from statushouders.leeftijd import inburgeringsplichtig_op_leeftijd
from statushouders.selectors import plicht_begint_op

from .berekening import Kalender, Vervaldatum, vervaldatum
from .constants import (
    EERSTE_DAG_TELT,
    MAXIMUM_LENGTE,
    OPENSTAAND,
    TERMIJN_STANDAARDEN,
    VERLOPEN,
    VERVALDAG,
    Eenheid,
    TermijnStatus,
    lengte_tekst,
)
from .models import Dagoverzicht, Feestdag, Melding, Termijn, TermijnConfig
from .selectors import kalender as kalender_laden
from .selectors import verlengen_geweigerd


def _tekst_controleren(**velden) -> None:
    """Text reaches the database only without control characters, whoever calls."""
    fouten = {}
    for naam, waarde in velden.items():
        try:
            geen_stuurtekens_regel(waarde)
        except ValidationError as fout:
            fouten[naam] = fout.messages
    if fouten:
        raise ValidationError(fouten)


# --- Configuration ----------------------------------------------------------------------------


def termijnconfig(code: str) -> TermijnConfig:
    """The configured term; created from the legal default the first time it is needed."""
    try:
        return TermijnConfig.objects.get(code=code)
    except TermijnConfig.DoesNotExist:
        standaard = next(t for t in TERMIJN_STANDAARDEN if t[0] == code)
        _code, label, basis, berekening, lengte, eenheid, atw, geverifieerd, herinneren = standaard
        config, _created = TermijnConfig.objects.get_or_create(
            code=code,
            defaults={
                "label": str(label),
                "wettelijke_basis": str(basis),
                "berekening": str(berekening),
                "lengte": lengte,
                "eenheid": eenheid,
                "atw": atw,
                "geverifieerd": geverifieerd,
                "herinneren": herinneren,
                "eerste_dag_telt": code in EERSTE_DAG_TELT,
            },
        )
        return config


def lengte_controleren(*, lengte, eenheid: str) -> None:
    """A term lasts at least one unit and at most 120 months' worth."""
    if eenheid not in MAXIMUM_LENGTE:
        raise ValidationError({"eenheid": _("Kies een eenheid uit de lijst.")})
    maximum = MAXIMUM_LENGTE[eenheid]
    if lengte is None or not 1 <= lengte <= maximum:
        raise ValidationError(
            {
                "lengte": _("Een termijn duurt minstens 1 en hoogstens %s.")
                % lengte_tekst(maximum, eenheid)
            }
        )


CONFIG_VELDEN = (
    "label",
    "wettelijke_basis",
    "berekening",
    "lengte",
    "eenheid",
    "atw",
    "geverifieerd",
    "herinneren",
)


def termijnconfig_wijzigen(*, config: TermijnConfig, door, batch: int = 2000, **velden) -> int:
    """Change a configured term (audited: the history keeps old → new). When its length, unit
    or Atw rule changes, every deadline still open is recomputed. Returns how many."""
    onbekend = set(velden) - set(CONFIG_VELDEN)
    if onbekend:
        raise TypeError(f"onbekende velden: {sorted(onbekend)}")
    lengte_controleren(
        lengte=velden.get("lengte", config.lengte), eenheid=velden.get("eenheid", config.eenheid)
    )
    _tekst_controleren(
        **{n: velden[n] for n in ("label", "wettelijke_basis", "berekening") if n in velden}
    )
    rekent_anders = any(
        naam in velden and velden[naam] != getattr(config, naam)
        for naam in ("lengte", "eenheid", "atw")
    )
    with transaction.atomic(), pghistory.context(user=door.pk):
        config = TermijnConfig.objects.select_for_update().get(pk=config.pk)
        for naam, waarde in velden.items():
            setattr(config, naam, waarde)
        config.full_clean()
        config.save()
    if not rekent_anders:
        return 0
    return termijnen_herberekenen(configs=[config], batch=batch)


def termijnen_herberekenen(*, configs=None, batch: int = 2000) -> int:
    """Recompute every open deadline (of these configured terms) in batches by id, so memory
    stays flat however many there are."""
    kalender = kalender_laden()
    vandaag, bijgewerkt, laatste = timezone.localdate(), 0, 0
    rijen_qs = Termijn.objects.filter(status__in=OPENSTAAND)
    if configs is not None:
        rijen_qs = rijen_qs.filter(config__in=configs)
    while True:
        with transaction.atomic():
            rijen = list(
                rijen_qs.select_for_update(of=("self",))
                .select_related("config")
                .filter(pk__gt=laatste)
                .order_by("pk")[:batch]
            )
            if not rijen:
                return bijgewerkt
            for termijn in rijen:
                _uitrekenen(termijn, kalender, vandaag)
            Termijn.objects.bulk_update(
                rijen, ["vervalt_op", "verschoven_van", "verschuiving_reden", "status"]
            )
        bijgewerkt += len(rijen)
        laatste = rijen[-1].pk


# --- Deadline rows ----------------------------------------------------------------------------


def _berekend(termijn: Termijn, kalender: Kalender) -> Vervaldatum:
    # A decision's new end date (DUO) or an agreed date replaces the computed one.
    if termijn.verlengd_tot:
        return Vervaldatum(termijn.verlengd_tot)
    if termijn.afgesproken_op:
        return Vervaldatum(termijn.afgesproken_op)
    config = termijn.config
    return vervaldatum(
        vanaf=termijn.basisdatum,
        lengte=config.lengte,
        eenheid=config.eenheid,
        atw=config.atw,
        kalender=kalender,
        extra_dagen=termijn.verlenging_dagen,
        eerste_dag_telt=config.eerste_dag_telt,
    )


def _uitrekenen(termijn: Termijn, kalender: Kalender, vandaag: datetime.date) -> None:
    try:
        uitkomst = _berekend(termijn, kalender)
    except (OverflowError, ValueError):  # past the year 9999: a date no one meant
        uitkomst = None
    if uitkomst is None or not datum_in_bereik(uitkomst.datum):
        raise ValidationError(
            _(
                "De termijn '%(termijn)s' zou na 2100 eindigen. Controleer de datum waar hij "
                "vanaf telt (%(datum)s)."
            )
            % {"termijn": termijn.config.label, "datum": termijn.basisdatum.strftime("%d-%m-%Y")}
        )
    termijn.vervalt_op = uitkomst.datum
    termijn.verschoven_van = uitkomst.verschoven_van
    termijn.verschuiving_reden = uitkomst.reden
    if termijn.gehaald_op:
        termijn.status = TermijnStatus.GEHAALD
    elif termijn.status != TermijnStatus.VERVALLEN:
        termijn.status = (
            TermijnStatus.VERLOPEN if termijn.vervalt_op < vandaag else TermijnStatus.OPEN
        )


_NIET_MEEGEGEVEN = object()


@transaction.atomic
def termijn_bijwerken(
    *,
    persoon,
    code: str,
    basisdatum: datetime.date | None,
    sleutel: str = "",
    gehaald_op: datetime.date | None = None,
    verlengd_tot=_NIET_MEEGEGEVEN,
    besluit: tuple | None = None,
    afgesproken_op: datetime.date | None = None,
    onderwerp: str = "",
    link: str = "",
) -> Termijn | None:
    """Compute (or recompute) one deadline from the dossier date it counts from. Without that
    date there is no deadline: an open one is removed. `verlengd_tot` (a decision's new end
    date) is kept as it is unless given; `besluit` says who recorded that decision and why,
    as (user, reason)."""
    datums_controleren(
        basisdatum=basisdatum,
        gehaald_op=gehaald_op,
        afgesproken_op=afgesproken_op,
        verlengd_tot=None if verlengd_tot is _NIET_MEEGEGEVEN else verlengd_tot,
    )
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
    termijn.config = config
    termijn.basisdatum = basisdatum
    termijn.gehaald_op = gehaald_op
    termijn.afgesproken_op = afgesproken_op
    termijn.onderwerp = onderwerp[:200]
    termijn.link = link[:300]
    if verlengd_tot is not _NIET_MEEGEGEVEN:
        termijn.verlengd_tot = verlengd_tot
        if verlengd_tot is None:
            termijn.verlengd_door, termijn.verlenging_reden = None, ""
        elif besluit is not None:
            termijn.verlengd_door, reden = besluit
            termijn.verlenging_reden = reden[:300]
    _uitrekenen(termijn, kalender_laden(), timezone.localdate())
    termijn.save()
    return termijn


@dataclass
class NieuweTermijn:
    persoon: object
    code: str
    basisdatum: datetime.date
    gehaald_op: datetime.date | None = None
    sleutel: str = ""
    onderwerp: str = ""
    link: str = ""


def termijnen_invoegen(nieuw: list[NieuweTermijn], *, batch_size: int = 2000) -> int:
    """Many new deadline rows at once (demo data, imports), computed exactly as
    `termijn_bijwerken` computes one."""
    kalender, vandaag = kalender_laden(), timezone.localdate()
    configs = {code: termijnconfig(code) for code in {n.code for n in nieuw}}
    rijen = []
    for n in nieuw:
        termijn = Termijn(
            persoon=n.persoon,
            config=configs[n.code],
            sleutel=n.sleutel,
            basisdatum=n.basisdatum,
            gehaald_op=n.gehaald_op,
            onderwerp=n.onderwerp[:200],
            link=n.link[:300],
        )
        _uitrekenen(termijn, kalender, vandaag)
        rijen.append(termijn)
    Termijn.objects.bulk_create(rijen, batch_size=batch_size)
    return len(rijen)


@transaction.atomic
def termijn_verlengen(*, termijn: Termijn, dagen: int, reden: str, door) -> Termijn:
    """The one-time extension of the PIP term while waiting on third parties (at most two
    weeks, with the reason and who decided it recorded)."""
    termijn = Termijn.objects.select_for_update().select_related("config").get(pk=termijn.pk)
    geweigerd = verlengen_geweigerd(termijn)
    if geweigerd:
        raise ValidationError(geweigerd)
    fouten = {}
    if dagen is None or not 1 <= dagen <= 14:
        fouten["dagen"] = _("Verlengen kan met 1 tot en met 14 dagen.")
    reden = (reden or "").strip()
    if not reden:
        fouten["reden"] = _("Leg vast op welke derde partij wordt gewacht.")
    if fouten:
        raise ValidationError(fouten)
    _tekst_controleren(reden=reden)
    termijn.verlenging_dagen = dagen
    termijn.verlenging_reden = reden[:300]
    termijn.verlengd_door = door
    termijn.verlengd_op = timezone.now()
    _uitrekenen(termijn, kalender_laden(), timezone.localdate())
    with pghistory.context(user=door.pk):
        termijn.save()
    return termijn


# --- Holidays ---------------------------------------------------------------------------------


def _feestdag_controleren(*, datum: datetime.date, naam: str, feestdag: Feestdag | None) -> str:
    fouten = {}
    if datum is None or not VROEGSTE_DATUM <= datum <= LAATSTE_DATUM:
        fouten["datum"] = _("Kies een datum tussen 1900 en 2100.")
    elif Feestdag.objects.filter(datum=datum).exclude(pk=getattr(feestdag, "pk", None)).exists():
        fouten["datum"] = _("Deze dag staat al in de lijst.")
    elif Kalender().feestdag(datum):
        fouten["datum"] = _("%s is al een feestdag volgens de Algemene termijnenwet.") % (
            Kalender().feestdag(datum)
        )
    elif datum.weekday() >= 5:
        fouten["datum"] = _(
            "Dit is een %s: die telt al niet als werkdag. Een gelijkgestelde dag valt op een "
            "werkdag."
        ) % Kalender().vrije_dag(datum)
    naam = (naam or "").strip()
    if not naam:
        fouten["naam"] = _("Geef aan welk besluit deze dag gelijkstelt.")
    if fouten:
        raise ValidationError(fouten)
    _tekst_controleren(naam=naam)
    return naam


def feestdag_opslaan(
    *, door, datum: datetime.date, naam: str, feestdag: Feestdag | None = None
) -> Feestdag:
    """Add or change a day declared equal to a holiday; open deadlines follow."""
    naam = _feestdag_controleren(datum=datum, naam=naam, feestdag=feestdag)
    with transaction.atomic(), pghistory.context(user=door.pk):
        feestdag = feestdag or Feestdag()
        feestdag.datum, feestdag.naam = datum, naam
        feestdag.save()
    _na_kalenderwijziging()
    return feestdag


def feestdag_verwijderen(*, feestdag: Feestdag, door) -> None:
    with transaction.atomic(), pghistory.context(user=door.pk):
        feestdag.delete()
    _na_kalenderwijziging()


def _na_kalenderwijziging() -> None:
    """Only terms that count working days or follow the Atw depend on the holidays."""
    configs = TermijnConfig.objects.filter(atw=True) | TermijnConfig.objects.filter(
        eenheid=Eenheid.WERKDAGEN
    )
    termijnen_herberekenen(configs=list(configs))


# --- Reminders, meldingen and the daily digest ------------------------------------------------

# Which open deadlines are due a reminder for a moment, as SQL on termijnen_termijn t.
# By date, not by the stored status, so a run for a given day decides the same whenever it runs.
_MOMENT_VOORWAARDEN = {
    "vooraf": "t.vervalt_op > %(vandaag)s AND t.vervalt_op <= %(vandaag)s + %(dagen)s",
    VERVALDAG: "t.vervalt_op = %(vandaag)s",
    VERLOPEN: "t.vervalt_op < %(vandaag)s",
}


def herinnering_momenten() -> list[tuple[str, str, int]]:
    """(moment name, condition, days) for each configured reminder moment."""
    momenten = [(f"vooraf_{d}", "vooraf", d) for d in settings.TERMIJN_HERINNEREN_DAGEN_VOOR]
    return [*momenten, (VERVALDAG, VERVALDAG, 0), (VERLOPEN, VERLOPEN, 0)]


def herinneringen_versturen(*, vandaag: datetime.date | None = None, batch: int = 5000) -> dict:
    """The daily reminder job. Each (deadline, moment) is claimed with one INSERT … ON CONFLICT
    DO NOTHING: only the run whose insert succeeds makes a melding, so a second run, a
    concurrent run or a redelivered task notifies nothing twice. Work goes in batches by id:
    memory stays flat. Then each regisseur with new meldingen gets one digest e-mail."""
    vandaag = vandaag or timezone.localdate()
    verlopen = Termijn.objects.filter(status=TermijnStatus.OPEN, vervalt_op__lt=vandaag).update(
        status=TermijnStatus.VERLOPEN
    )
    per_gebruiker: Counter = Counter()
    for moment, soort, dagen in herinnering_momenten():
        laatste = 0
        while True:
            with transaction.atomic():
                laatste, geclaimd = _claim(moment, soort, dagen, vandaag, laatste, batch)
                per_gebruiker.update(_meldingen_maken(geclaimd, moment))
            if laatste is None:
                break
    overzichten = dagoverzichten_versturen(vandaag=vandaag, gebruiker_ids=set(per_gebruiker))
    return {
        "verlopen": verlopen,
        "herinneringen": sum(per_gebruiker.values()),
        "dagoverzichten": overzichten,
    }


def _claim(moment, soort, dagen, vandaag, na_id, batch):
    sql = f"""
        WITH kandidaten AS (
            SELECT t.id FROM termijnen_termijn t
            JOIN termijnen_termijnconfig c ON c.id = t.config_id
            JOIN statushouders_persoon p ON p.id = t.persoon_id
            WHERE c.herinneren AND p.regisseur_id IS NOT NULL AND p.afgesloten_op IS NULL
              AND t.id > %(na)s
              AND t.status IN ('open', 'verlopen')
              AND {_MOMENT_VOORWAARDEN[soort]}
            ORDER BY t.id LIMIT %(batch)s
        ), geclaimd AS (
            INSERT INTO termijnen_herinnering (termijn_id, moment, verstuurd_op)
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


def _wanneer(moment: str) -> str:
    """Which reminder this is. How many days are left is not written down: the page counts
    them from the deadline row, so they stay right when the date changes."""
    if moment == VERVALDAG:
        return _("herinnering op de uiterste dag")
    if moment == VERLOPEN:
        return _("de termijn is verstreken")
    dagen = int(moment.removeprefix("vooraf_"))
    return ngettext("herinnering %d dag vooraf", "herinnering %d dagen vooraf", dagen) % dagen


def _meldingen_maken(termijn_ids, moment) -> Counter:
    """One melding per event for the person's regisseur, naming the person and what is due
    (in-app only), linking to where it is handled. Members of one household with the same
    deadline on the same day (they moved in together) are one event: one melding that names
    the household, about its main person when they are among them. Returns meldingen per
    user."""
    if not termijn_ids:
        return Counter()
    termijnen = (
        Termijn.objects.filter(pk__in=termijn_ids)
        .select_related("config", "persoon", "persoon__huishouden")
        .order_by("id")
    )
    gebeurtenissen: dict[tuple, list[Termijn]] = {}
    for termijn in termijnen:
        persoon = termijn.persoon
        wie = (
            ("huishouden", persoon.huishouden_id)
            if persoon.huishouden_id
            else ("persoon", persoon.pk)
        )
        sleutel = (
            persoon.regisseur_id,
            wie,
            termijn.config_id,
            termijn.onderwerp,
            termijn.vervalt_op,
        )
        gebeurtenissen.setdefault(sleutel, []).append(termijn)
    meldingen = []
    for groep in gebeurtenissen.values():
        huishouden = groep[0].persoon.huishouden
        termijn = next(
            (t for t in groep if huishouden and t.persoon_id == huishouden.hoofdpersoon_id),
            groep[0],
        )
        # The due date itself is not copied into the text: the page shows it from the
        # deadline row, so a later change of the date shows there too.
        if len(groep) > 1:
            tekst = _("%(termijn)s voor %(huishouden)s (%(aantal)d personen): %(wanneer)s.") % {
                "termijn": termijn.omschrijving,
                "huishouden": huishouden.naam,
                "aantal": len(groep),
                "wanneer": _wanneer(moment),
            }
        else:
            tekst = _("%(termijn)s: %(wanneer)s.") % {
                "termijn": termijn.omschrijving,
                "wanneer": _wanneer(moment),
            }
        meldingen.append(
            Melding(
                gebruiker_id=termijn.persoon.regisseur_id,
                persoon=termijn.persoon,
                termijn=termijn,
                tekst=tekst[:300],
                link=termijn.link or termijn.persoon.get_absolute_url(),
            )
        )
    Melding.objects.bulk_create(meldingen)
    return Counter(m.gebruiker_id for m in meldingen)


def dagoverzichten_versturen(*, vandaag: datetime.date, gebruiker_ids=None) -> int:
    """One e-mail per user per day with counts and a link — never a name, BSN or date of
    birth, never one e-mail per deadline. The Dagoverzicht row is claimed first (unique per
    user and day), so repeated or concurrent runs send it once; a crash after the claim loses
    that day's e-mail rather than sending it twice."""
    from django.contrib.auth import get_user_model

    from .selectors import werkvoorraad_tellingen

    gebruikers = get_user_model().objects.filter(is_active=True).exclude(email="")
    if gebruiker_ids is not None:
        gebruikers = gebruikers.filter(pk__in=gebruiker_ids)
    verstuurd = 0
    for gebruiker in gebruikers.order_by("pk"):
        with transaction.atomic():
            _overzicht, nieuw = Dagoverzicht.objects.get_or_create(
                gebruiker=gebruiker, datum=vandaag
            )
        if not nieuw:
            continue
        tellingen = werkvoorraad_tellingen(user=gebruiker, vandaag=vandaag)
        ongelezen = Melding.objects.filter(gebruiker=gebruiker, gelezen_op__isnull=True).count()
        basis = settings.KOERS_BASIS_URL.rstrip("/")
        regels = [
            ngettext("%d termijn over tijd", "%d termijnen over tijd", tellingen["verlopen"])
            % tellingen["verlopen"],
            ngettext(
                "%d termijn die binnen 7 dagen afloopt",
                "%d termijnen die binnen 7 dagen aflopen",
                tellingen["deze-week"],
            )
            % tellingen["deze-week"],
            ngettext(
                "%d termijn die over 1 tot 4 weken afloopt",
                "%d termijnen die over 1 tot 4 weken aflopen",
                tellingen["vier-weken"],
            )
            % tellingen["vier-weken"],
        ]
        tekst = _(
            "Goedemorgen,\n\n"
            "In uw werkvoorraad in Koers staan vandaag:\n%(regels)s\n\n"
            "%(ongelezen)s\n\n"
            "Bekijk ze na inloggen: %(url)s\n\n"
            "In deze e-mail staan bewust geen persoonsgegevens."
        ) % {
            "regels": "\n".join(f"- {regel}" for regel in regels),
            "ongelezen": ngettext(
                "U heeft %d ongelezen melding.", "U heeft %d ongelezen meldingen.", ongelezen
            )
            % ongelezen,
            "url": basis + "/werkvoorraad/",
        }
        send_mail(
            _("Koers: uw termijnen van %s") % vandaag.strftime("%d-%m-%Y"),
            tekst,
            None,
            [gebruiker.email],
            fail_silently=False,
        )
        verstuurd += 1
    return verstuurd


def melding_maken(*, gebruiker_id: int | None, persoon, tekst: str, link: str) -> Melding | None:
    """A melding about something that happened in a dossier, for one user; none without one."""
    if gebruiker_id is None:
        return None
    return Melding.objects.create(
        gebruiker_id=gebruiker_id, persoon=persoon, tekst=tekst[:300], link=link[:300]
    )


@transaction.atomic
def melding_openen(*, melding: Melding, gebruiker) -> str:
    """Mark a melding read (only the user's own) and return where it leads."""
    if melding.gebruiker_id != gebruiker.pk:
        raise ValidationError(_("Deze melding is niet voor u."))
    if melding.gelezen_op is None:
        Melding.objects.filter(pk=melding.pk).update(gelezen_op=timezone.now())
    return melding.link


@transaction.atomic
def meldingen_gelezen(*, gebruiker) -> int:
    return Melding.objects.filter(gebruiker=gebruiker, gelezen_op__isnull=True).update(
        gelezen_op=timezone.now()
    )


def dossier_termijnen_bijwerken(*, persoon) -> None:
    """The deadlines that count from dates in the person's own dossier."""
    link = reverse("statushouders:persoon-bewerken", kwargs={"uuid": persoon.uuid})
    termijn_bijwerken(
        persoon=persoon,
        code="woning_aanbieden",
        basisdatum=persoon.koppeling_datum,
        gehaald_op=persoon.woning_aangeboden_op or persoon.huisvesting_datum,
        link=link,
    )
    termijn_bijwerken(
        persoon=persoon,
        code="verhuizing",
        basisdatum=persoon.koppeling_datum,
        gehaald_op=persoon.huisvesting_datum,
        link=link,
    )
    # The PIP is due ten weeks after the later of DUO's notice and the BRP registration, and
    # only for someone of an age the law obliges (18 up to the AOW age) on that day.
    plichtig = plicht_begint_op(persoon)
    if plichtig and not inburgeringsplichtig_op_leeftijd(persoon.geboortedatum, plichtig):
        plichtig = None
    plan = getattr(persoon, "plan", None)
    termijn_bijwerken(
        persoon=persoon,
        code="pip_vaststellen",
        basisdatum=plichtig,
        gehaald_op=plan.eerste_vaststelling_op if plan else None,
        link=reverse("pip_plans:plan-detail", kwargs={"uuid": persoon.uuid})
        if plan
        else persoon.get_absolute_url(),
    )
    # The ontzorgperiode's end is the deadline of the period itself (ontzorging.services).


def _dossierdatums_gewijzigd(sender, *, persoon, **kwargs) -> None:
    dossier_termijnen_bijwerken(persoon=persoon)
