"""Money, months, accounts and the SEPA character set: the small rules every ontzorging write
and page uses, in one place."""

import datetime
import re
from decimal import Decimal, InvalidOperation

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from schwifty import BIC, IBAN
from schwifty.exceptions import SchwiftyException
from text_unidecode import unidecode

from core.templatetags.koers import euro

from . import betalingskenmerk
from .constants import HOOGSTE_BEDRAG, STANDAARD_MAXIMA, LastSoort

CENT = Decimal("0.01")


def maand_van(datum: datetime.date) -> datetime.date:
    """A month is kept as its first day."""
    return datum.replace(day=1)


def volgende_maand(datum: datetime.date) -> datetime.date:
    return maand_van(datum) + relativedelta(months=1)


def vorige_maand(datum: datetime.date) -> datetime.date:
    return maand_van(datum) - relativedelta(months=1)


def maximum_voor(soort: str) -> Decimal:
    ingesteld = getattr(settings, "KOERS_ONTZORGING_MAXIMA", {}) or {}
    try:
        waarde = Decimal(str(ingesteld[soort])) if soort in ingesteld else None
    except InvalidOperation:
        waarde = None
    if waarde is None or not (0 < waarde <= HOOGSTE_BEDRAG):
        waarde = STANDAARD_MAXIMA.get(LastSoort(soort), HOOGSTE_BEDRAG)
    return waarde


def bedrag_controleren(bedrag: Decimal | None, *, soort: str) -> None:
    if bedrag is None:
        raise ValidationError(_("Vul een bedrag in."), code="required")
    if not isinstance(bedrag, Decimal):
        raise ValidationError(_("Vul een bedrag in euro’s in, bijvoorbeeld 612,50."))
    if not bedrag.is_finite() or bedrag <= 0:
        raise ValidationError(_("Het bedrag moet groter zijn dan € 0,00."), code="min_value")
    if bedrag != bedrag.quantize(CENT):
        raise ValidationError(_("Een bedrag heeft hoogstens twee cijfers achter de komma."))
    maximum = maximum_voor(soort)
    if bedrag > maximum:
        raise ValidationError(
            _("%(bedrag)s per maand is meer dan het maximum voor %(soort)s (%(maximum)s).")
            % {
                "bedrag": euro(bedrag),
                "soort": LastSoort(soort).label.lower(),
                "maximum": euro(maximum),
            },
            code="max_value",
        )


def iban_controleren(waarde: str) -> tuple[str, str]:
    """The IBAN in its compact form and the BIC that belongs to it where the bank is known
    ("" otherwise). An invalid IBAN is refused with the reason."""
    try:
        iban = IBAN(waarde or "")
    except SchwiftyException:
        raise ValidationError(
            _(
                "Dit is geen geldig IBAN. Controleer de letters en cijfers; een Nederlands "
                "IBAN heeft 18 tekens, in de vorm NL00 BANK 0123 4567 89."
            ),
            code="invalid",
        ) from None
    if iban.country_code not in SEPA_LANDEN:
        raise ValidationError(_("Dit IBAN hoort niet bij een land van de SEPA-zone."))
    try:
        bic = str(iban.bic or "")
    except SchwiftyException:
        bic = ""
    return iban.compact, bic


def bic_controleren(waarde: str, *, afgeleid: str = "") -> str:
    """A typed BIC, checked; it must belong to the bank of the IBAN when that bank is known
    (the first six characters: bank and country)."""
    if not waarde:
        return ""
    try:
        bic = str(BIC(waarde))
    except SchwiftyException:
        raise ValidationError(
            _("Dit is geen geldige BIC: 8 of 11 tekens, bijvoorbeeld ABNANL2A."), code="invalid"
        ) from None
    if afgeleid and bic[:6] != afgeleid[:6]:
        raise ValidationError(
            _("Deze BIC hoort niet bij de bank van het IBAN; die heeft BIC %(bic)s.")
            % {"bic": afgeleid},
            code="andere_bank",
        )
    return bic


# Countries whose banks take SEPA credit transfers.
SEPA_LANDEN = frozenset(
    [
        "AD",
        "AT",
        "BE",
        "BG",
        "CH",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "ES",
        "FI",
        "FR",
        "GB",
        "GI",
        "GR",
        "HR",
        "HU",
        "IE",
        "IS",
        "IT",
        "LI",
        "LT",
        "LU",
        "LV",
        "MC",
        "MT",
        "NL",
        "NO",
        "PL",
        "PT",
        "RO",
        "SE",
        "SI",
        "SK",
        "SM",
        "VA",
    ]
)

# Betaalvereniging IG SCT 6.0, Character set: inside the tags only the Latin letters a-z and
# A-Z, the digits, the signs / - ? : ( ) . , ' + and the space may be used.
_NIET_SEPA = re.compile(r"[^A-Za-z0-9/\-?:().,'+ ]")


def sepa_tekst(tekst: str, lengte: int) -> str:
    """A name or reference in the SEPA character set: letters transliterated (Ş → S, ë → e),
    '&' as '+', anything else the banks refuse left out."""
    tekst = unidecode(tekst or "").replace("&", "+")
    # Tabs and line breaks separate words: make them spaces before the rest is left out.
    tekst = _NIET_SEPA.sub("", " ".join(tekst.split()))
    # Cut, then strip: a name cut at a space would end in one.
    return " ".join(tekst.split())[:lengte].rstrip()


def kenmerk_controleren(kenmerk: str, *, soort: str) -> str:
    from .constants import SEPA_OMSCHRIJVING, KenmerkSoort

    kenmerk = (kenmerk or "").strip()
    if not kenmerk:
        raise ValidationError(
            _("Vul het kenmerk in dat de crediteur nodig heeft, zoals een klantnummer."),
            code="required",
        )
    if soort == KenmerkSoort.BETALINGSKENMERK:
        kenmerk = kenmerk.replace(" ", "")
        fout = betalingskenmerk.fout_in(kenmerk)
        if fout == betalingskenmerk.LENGTE:
            raise ValidationError(
                _("Een betalingskenmerk bestaat alleen uit cijfers: 7, 9 tot en met 14, of 16."),
                code="invalid",
            )
        if fout == betalingskenmerk.LENGTECODE:
            raise ValidationError(
                _(
                    "Dit betalingskenmerk klopt niet: het tweede cijfer (de lengtecode) past "
                    "niet bij het aantal cijfers. Neem het kenmerk precies over van de "
                    "acceptgiro of factuur."
                ),
                code="lengtecode",
            )
        if fout:
            raise ValidationError(
                _(
                    "Dit betalingskenmerk klopt niet: het controlegetal wijkt af. Neem het "
                    "kenmerk precies over van de acceptgiro of factuur."
                ),
                code="controlegetal",
            )
        return kenmerk
    if len(kenmerk) > SEPA_OMSCHRIJVING:
        raise ValidationError(
            _("Een omschrijving is hoogstens %(n)s tekens lang.") % {"n": SEPA_OMSCHRIJVING}
        )
    kenmerk = " ".join(kenmerk.split())
    if not sepa_tekst(kenmerk, SEPA_OMSCHRIJVING).strip():
        raise ValidationError(_("Gebruik letters of cijfers in de omschrijving."))
    return kenmerk


def _target_feestdagen(jaar: int) -> set[datetime.date]:
    """Days the euro payment system (TARGET2) is closed, besides weekends."""
    from dateutil.easter import easter

    pasen = easter(jaar)
    return {
        datetime.date(jaar, 1, 1),
        pasen - datetime.timedelta(days=2),  # Goede Vrijdag
        pasen + datetime.timedelta(days=1),  # tweede Paasdag
        datetime.date(jaar, 5, 1),
        datetime.date(jaar, 12, 25),
        datetime.date(jaar, 12, 26),
    }


def is_bankdag(datum: datetime.date) -> bool:
    return datum.weekday() < 5 and datum not in _target_feestdagen(datum.year)


def eerstvolgende_bankdag(datum: datetime.date) -> datetime.date:
    while not is_bankdag(datum):
        datum += datetime.timedelta(days=1)
    return datum


def bankdagen_na(datum: datetime.date, dagen: int) -> datetime.date:
    """The bank day `dagen` bank days after `datum` (weekends and TARGET holidays skipped)."""
    for _dag in range(dagen):
        datum = eerstvolgende_bankdag(datum + datetime.timedelta(days=1))
    return datum
