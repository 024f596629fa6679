"""The Dutch betalingskenmerk (the payment reference on an acceptgiro or invoice): its check
digit and length code, so a mistyped reference is caught before the creditor cannot match the
payment.

Betaalvereniging IG SCT 6.0, 2.126 Reference: with Issuer "CUR" the reference must follow the
rules of the Dutch structured communication ("betalingskenmerk"). Those rules are the
Betaalvereniging's specification of the betalingskenmerk:
- 7 digits: no check digit and no length code;
- 16 digits: a check digit followed by 15 digits;
- 9 to 14 digits: a check digit, a length code (how many digits follow it, modulo 10) and the
  rest; other lengths (8, 15, more than 16) do not exist;
- the check digit is the first digit. Weigh every digit after it, length code included, from
  the right with 2, 4, 8, 5, 10, 9, 7, 3, 6, 1 (repeating); the check digit is 11 minus the
  sum modulo 11, where 10 counts as 1 and 11 as 0.
"""

import re

GEWICHTEN = (2, 4, 8, 5, 10, 9, 7, 3, 6, 1)

# Why a reference is refused; "" is a valid one.
LENGTE = "lengte"
LENGTECODE = "lengtecode"
CONTROLECIJFER = "controlecijfer"

_CIJFERS = re.compile(r"[0-9]+")


def controlecijfer(cijfers: str) -> int:
    """The check digit for the digits that follow it (length code included)."""
    som = sum(
        int(cijfer) * GEWICHTEN[positie % len(GEWICHTEN)]
        for positie, cijfer in enumerate(reversed(cijfers))
    )
    uitkomst = 11 - som % 11
    return {10: 1, 11: 0}.get(uitkomst, uitkomst)


def fout_in(kenmerk: str) -> str:
    """What is wrong with the reference (LENGTE, LENGTECODE or CONTROLECIJFER), or "" when
    it is a valid betalingskenmerk. Spaces are the caller's to remove."""
    if not _CIJFERS.fullmatch(kenmerk or ""):
        return LENGTE
    lengte = len(kenmerk)
    if lengte == 7:
        return ""
    if 9 <= lengte <= 14:
        if int(kenmerk[1]) != (lengte - 2) % 10:
            return LENGTECODE
    elif lengte != 16:
        return LENGTE
    if int(kenmerk[0]) != controlecijfer(kenmerk[1:]):
        return CONTROLECIJFER
    return ""


def is_geldig(kenmerk: str) -> bool:
    return not fout_in(kenmerk)


def maken(nummer: str) -> str:
    """A 16-digit betalingskenmerk for a number of at most 15 digits (padded with zeros on
    the left), as a creditor prints one."""
    if not _CIJFERS.fullmatch(nummer or "") or len(nummer) > 15:
        raise ValueError("een betalingskenmerk draagt hoogstens 15 cijfers")
    cijfers = nummer.rjust(15, "0")
    return f"{controlecijfer(cijfers)}{cijfers}"
