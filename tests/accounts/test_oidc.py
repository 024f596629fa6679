import pytest
from allauth.account.models import EmailAddress
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.models import SocialAccount, SocialLogin
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.middleware import SessionMiddleware
from django.urls import reverse

from accounts.adapters import KoersSocialAccountAdapter
from accounts.constants import Gebeurtenis
from accounts.models import Beveiligingsgebeurtenis, User
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

PROVIDER = {
    "id": "gemeente-weert",
    "name": "Gemeente Weert",
    "server_url": "https://login.weert.example/realms/koers",
    "client_id": "koers",
    "secret": "niet-geheim-in-tests",
}


@pytest.fixture(autouse=True)
def identiteitsprovider(settings):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "APPS": [
                {
                    "provider_id": PROVIDER["id"],
                    "name": PROVIDER["name"],
                    "client_id": PROVIDER["client_id"],
                    "secret": PROVIDER["secret"],
                    "settings": {"server_url": PROVIDER["server_url"]},
                }
            ]
        }
    }


@pytest.fixture
def request_(rf):
    request = rf.get("/accounts/oidc/gemeente-weert/login/callback/")
    SessionMiddleware(lambda r: None).process_request(request)
    request.session.save()
    request._messages = FallbackStorage(request)
    request.user = AnonymousUser()
    return request


def _sociallogin(email: str, *, geverifieerd: bool = True) -> SocialLogin:
    return SocialLogin(
        account=SocialAccount(provider=PROVIDER["id"], uid="sub-123", extra_data={}),
        user=User(email=email),
        email_addresses=[EmailAddress(email=email, verified=geverifieerd, primary=True)],
    )


def _geweigerd(request, sociallogin) -> str:
    with pytest.raises(ImmediateHttpResponse) as fout:
        KoersSocialAccountAdapter(request).pre_social_login(request, sociallogin)
    assert fout.value.response.url == reverse("accounts:login")
    return " ".join(str(m) for m in get_messages(request))


def test_bestaand_medewerkersaccount_wordt_gekoppeld_op_bevestigd_emailadres(request_, weert):
    medewerker = UserFactory(email="ingrid.janssen@weert.example", gemeenten=[weert])
    sociallogin = _sociallogin("Ingrid.Janssen@weert.example")
    KoersSocialAccountAdapter(request_).pre_social_login(request_, sociallogin)
    assert sociallogin.user == medewerker
    assert SocialAccount.objects.get(uid="sub-123").user == medewerker
    assert User.objects.count() == 1


def test_onbekend_emailadres_wordt_geweigerd_zonder_account_te_maken(request_, db):
    bericht = _geweigerd(request_, _sociallogin("onbekend@weert.example"))
    assert "niet inloggen bij Koers" in bericht
    assert not User.objects.exists() and not SocialAccount.objects.exists()
    assert Beveiligingsgebeurtenis.objects.filter(soort=Gebeurtenis.OIDC_GEWEIGERD).exists()


def test_onbevestigd_emailadres_wordt_geweigerd(request_, weert):
    UserFactory(email="ingrid.janssen@weert.example", gemeenten=[weert])
    _geweigerd(request_, _sociallogin("ingrid.janssen@weert.example", geverifieerd=False))
    assert not SocialAccount.objects.exists()


def test_partner_mag_niet_via_de_identiteitsprovider(request_, db):
    UserFactory(partnermedewerker=True, email="sanne@taalhuis.example")
    _geweigerd(request_, _sociallogin("sanne@taalhuis.example"))
    assert not SocialAccount.objects.exists()


def test_gedeactiveerd_account_wordt_geweigerd_ook_als_het_al_gekoppeld_was(request_, weert):
    medewerker = UserFactory(email="ingrid.janssen@weert.example", gemeenten=[weert])
    sociallogin = _sociallogin("ingrid.janssen@weert.example")
    KoersSocialAccountAdapter(request_).pre_social_login(request_, sociallogin)
    medewerker.is_active = False
    medewerker.save()
    opnieuw = _sociallogin("ingrid.janssen@weert.example")
    opnieuw.lookup()
    _geweigerd(request_, opnieuw)


def test_registreren_via_de_identiteitsprovider_is_gesloten(request_):
    adapter = KoersSocialAccountAdapter(request_)
    assert adapter.is_open_for_signup(request_, _sociallogin("x@weert.example")) is False


def test_inlogpagina_toont_een_knop_per_identiteitsprovider(client, db):
    html = client.get(reverse("accounts:login")).content.decode()
    assert "Inloggen via Gemeente Weert" in html
