import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings import mfa_verplichting


def test_tweede_factor_uitzetten_mag_alleen_bij_ontwikkeling():
    with pytest.raises(ImproperlyConfigured, match="KOERS_MFA_VERPLICHT"):
        mfa_verplichting(verplicht=False, debug=False)
    assert mfa_verplichting(verplicht=False, debug=True) is False
    assert mfa_verplichting(verplicht=True, debug=False) is True


def test_zonder_verplichting_kan_een_wachtwoordlogin_zonder_tweede_factor(
    client, regisseur, settings
):
    from django.urls import reverse

    from tests.accounts.factories import WACHTWOORD

    settings.KOERS_MFA_VERPLICHT = False
    client.post(reverse("accounts:login"), {"login": regisseur.username, "password": WACHTWOORD})
    assert client.get("/personen/").status_code == 200
