"""Validators for Dutch identifiers and dates, shared by models and forms."""

import datetime
import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxLengthValidator,
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from localflavor.nl.validators import NLBSNFieldValidator, NLZipCodeFieldValidator

# No date Koers keeps lies outside these years; a typing error such as 01-01-0001 or
# 31-12-9999 is refused before it can reach a calculation or a page.
VROEGSTE_DATUM = datetime.date(1900, 1, 1)
LAATSTE_DATUM = datetime.date(2100, 12, 31)


class BSNValidator(NLBSNFieldValidator):
    error_message = _(
        "Dit is geen geldig BSN: het moet uit 9 cijfers bestaan en voldoen aan de elfproef. "
        "Controleer de cijfers."
    )


class PostcodeValidator(NLZipCodeFieldValidator):
    error_message = _("Vul een Nederlandse postcode in, bijvoorbeeld 6001 AB.")


v_nummer_validator = RegexValidator(
    r"^[0-9]{10}$", _("Een V-nummer bestaat uit precies 10 cijfers."), code="invalid"
)


def telefoon_validator(value: str) -> None:
    try:
        nummer = phonenumbers.parse(value, "NL")
    except phonenumbers.NumberParseException:
        nummer = None
    if nummer is None or not phonenumbers.is_valid_number(nummer):
        raise ValidationError(
            _("Dit is geen geldig telefoonnummer. Bijvoorbeeld 06 12345678 of +31 495 575 000."),
            code="invalid",
        )


def telefoon_normaliseren(value: str) -> str:
    """Write a valid number the same way everywhere: +31 6 12345678."""
    nummer = phonenumbers.parse(value, "NL")
    return phonenumbers.format_number(nummer, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


# What a user can type into one text field (a note, a report, a reason): about five pages.
# Models give their TextFields this max_length and the database checks it (core.constraints).
LANGE_TEKST = 10_000

_HOOGSTENS_LANGE_TEKST = MaxLengthValidator(
    LANGE_TEKST, message=_("Gebruik hoogstens %(limit_value)d tekens (nu %(show_value)d).")
)


def tekst_niet_te_lang(value: str) -> None:
    if isinstance(value, str):
        _HOOGSTENS_LANGE_TEKST(value)


def begrensd(minimum: int, maximum: int, wat: str) -> list:
    """Validators for a number users type, with the domain's bounds in the message (not the
    database's 2147483647): `wat` is e.g. "een aantal uren"."""
    bericht = _("Vul %(wat)s in van %(minimum)s tot en met %(maximum)s.") % {
        "wat": wat,
        "minimum": minimum,
        "maximum": maximum,
    }
    return [
        MinValueValidator(minimum, message=bericht),
        MaxValueValidator(maximum, message=bericht),
    ]


BUITEN_BEREIK = _("Vul een datum tussen 1900 en 2100 in.")

# A contactmoment records what happened; Koers has no contacts from before this day.
VROEGSTE_CONTACTMOMENT = datetime.date(2000, 1, 1)


def _als_datum(value: datetime.date) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def datum_in_bereik(value: datetime.date | None) -> bool:
    return value is None or VROEGSTE_DATUM <= _als_datum(value) <= LAATSTE_DATUM


def plausibele_datum(value: datetime.date | None) -> None:
    """Every date (and moment) Koers keeps lies between 1900 and 2100."""
    if not datum_in_bereik(value):
        raise ValidationError(BUITEN_BEREIK, code="buiten_bereik")


def datums_controleren(**datums: datetime.date | None) -> None:
    """For services that take dates from users: one field error per date outside
    1900 … 2100, keyed by the argument's name so a form can show it next to the field."""
    fouten = {naam: BUITEN_BEREIK for naam, waarde in datums.items() if not datum_in_bereik(waarde)}
    if fouten:
        raise ValidationError(fouten, code="buiten_bereik")


def contactmoment_moment(value: datetime.datetime | None) -> None:
    """A contactmoment happened: not before 2000, not in the future (five minutes' grace for
    a clock that runs ahead)."""
    if value is None:
        return
    if _als_datum(value) < VROEGSTE_CONTACTMOMENT:
        raise ValidationError(
            _("Een contactmoment ligt niet vóór 1 januari 2000; controleer het jaartal."),
            code="te_vroeg",
        )
    if value > timezone.now() + datetime.timedelta(minutes=5):
        raise ValidationError(
            _("Een contactmoment legt vast wat er gebeurd is; het kan niet in de toekomst liggen."),
            code="toekomst",
        )


def niet_in_toekomst(value: datetime.date) -> None:
    if value and value > timezone.localdate():
        raise ValidationError(_("Deze datum ligt in de toekomst."), code="toekomst")


def bsn_aanvullen(acht_cijfers: str) -> str | None:
    """The BSN that starts with these eight digits and passes the elfproef, if one exists."""
    som = sum(int(c) * w for c, w in zip(acht_cijfers, range(9, 1, -1), strict=True))
    controle = som % 11
    return None if controle == 10 else acht_cijfers + str(controle)


# Control characters (C0 and C1, DEL) and the invisible direction overrides that can make text
# read differently from what was stored. Newlines and tabs are allowed only in multi-line text.
_ONZICHTBAAR = "\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
# A browser sends a line break in a text area as \r\n: both stay allowed in multi-line text.
_STUURTEKENS = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_ONZICHTBAAR}]")
_STUURTEKENS_REGEL = re.compile(f"[\x00-\x1f\x7f-\x9f{_ONZICHTBAAR}]")


def geen_stuurtekens(value: str) -> None:
    """For multi-line text: refuses control characters except line breaks and tabs. Every
    text field of a Koers form has it (core.forms.KoersFormMixin)."""
    if isinstance(value, str) and _STUURTEKENS.search(value):
        raise ValidationError(
            _("Deze tekst bevat onzichtbare stuurtekens; typ of plak de tekst opnieuw."),
            code="stuurtekens",
        )


def bevat_stuurtekens(value: str) -> bool:
    return isinstance(value, str) and _STUURTEKENS.search(value) is not None


def geen_stuurtekens_regel(value: str) -> None:
    """For one line of text: no control characters, no line breaks or tabs either."""
    if isinstance(value, str) and _STUURTEKENS_REGEL.search(value):
        raise ValidationError(
            _(
                "Deze tekst bevat onzichtbare stuurtekens of regeleinden; "
                "typ of plak de tekst opnieuw."
            ),
            code="stuurtekens",
        )
