import datetime
import os
import shutil

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from django.core.cache import cache
from playwright.sync_api import sync_playwright

from tests.accounts.totp import totp_code, totp_instellen

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Chromium's own background traffic has nowhere to go on a closed network; keep it quiet.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


# The day every browser test runs on (the clock ticks on from here). Cookies carry a Max-Age,
# which the browser counts from its own clock, so logins work whatever the real date is.
VANDAAG = datetime.date(2026, 11, 16)


@pytest.fixture(autouse=True)
def _vaste_dag():
    with time_machine.travel(datetime.datetime(2026, 11, 16, 9, tzinfo=datetime.UTC), tick=True):
        yield


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        kwargs = {"args": CHROMIUM_ARGS}
        if os.path.exists(CHROMIUM):
            kwargs["executable_path"] = CHROMIUM
        browser = playwright.chromium.launch(**kwargs)
        yield browser
        browser.close()


# Every page runs under the Content-Security-Policy; a violation is reported on the console,
# where the page fixture collects it and fails the test.
CSP_SCHENDING = "Content Security Policy"
CSP_MELDER = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`Content Security Policy: ${event.violatedDirective} blokkeerde `
    + `${event.blockedURI || "inline"} op ${event.documentURI} (${event.sourceFile || ""}:`
    + `${event.lineNumber || ""}) ${event.sample || ""}`);
});
"""


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="nl-NL", base_url=live_server.url)
    context.add_init_script(CSP_MELDER)
    schendingen = []
    context.on(
        "console",
        lambda bericht: schendingen.append(bericht.text) if CSP_SCHENDING in bericht.text else None,
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
    assert schendingen == [], "Content-Security-Policy geschonden:\n" + "\n".join(schendingen)


def browser_inloggen(pagina, gebruiker, wachtwoord):
    """Log in as a user does: password, then the code from the authenticator app (a test
    user gets one with a known secret when they have none)."""
    if not Authenticator.objects.filter(user=gebruiker, type=Authenticator.Type.TOTP).exists():
        totp_instellen(gebruiker)
    # A code works once: a second login within the same 30 seconds may use it again here.
    cache.clear()
    pagina.goto("/accounts/login/")
    pagina.get_by_label("Gebruikersnaam").fill(gebruiker.username)
    pagina.get_by_label("Wachtwoord").fill(wachtwoord)
    pagina.get_by_role("button", name="Inloggen").click()
    pagina.wait_for_url(lambda url: "/accounts/login/" not in url)
    pagina.get_by_label("Code").fill(totp_code())
    pagina.get_by_role("button", name="Inloggen").click()
    pagina.wait_for_url(lambda url: "/accounts/2fa/" not in url)


@pytest.fixture
def inloggen(page):
    def _inloggen(gebruiker, wachtwoord):
        browser_inloggen(page, gebruiker, wachtwoord)

    return _inloggen
