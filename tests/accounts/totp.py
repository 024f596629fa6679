"""A second factor for test users: a TOTP authenticator with a known secret and its codes."""

import time

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value

GEHEIM = "JBSWY3DPEHPK3PXPJBSWY3DP"


def totp_instellen(user, geheim: str = GEHEIM) -> Authenticator:
    return TOTP.activate(user, geheim).instance


def herstelcodes_instellen(user) -> list[str]:
    return RecoveryCodes.activate(user).generate_codes()


def totp_code(geheim: str = GEHEIM, *, stap: int = 0) -> str:
    """The code an authenticator app shows now (or `stap` periods later)."""
    return format_hotp_value(hotp_value(geheim, int(time.time()) // 30 + stap))


__all__ = ["Authenticator", "herstelcodes_instellen", "totp_code", "totp_instellen"]
