"""Validators for Dutch identifiers and dates, shared by models and forms."""

import datetime
import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
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
_STUURTEKENS = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_ONZICHTBAAR}]")
_STUURTEKENS_REGEL = re.compile(f"[\x00-\x1f\x7f-\x9f{_ONZICHTBAAR}]")


def geen_stuurtekens(value: str) -> None:
    """For multi-line text: refuses control characters except line breaks and tabs."""
    if isinstance(value, str) and _STUURTEKENS.search(value):
        raise ValidationError(
            _("Deze tekst bevat onzichtbare stuurtekens; typ of plak de tekst opnieuw."),
            code="stuurtekens",
        )


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
