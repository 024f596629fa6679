"""The load of the load test (benchmarks/belasting.py): regisseurs at work in the person list,
dossiers, searches, the werkvoorraad and new contactmomenten, and a teamleider who downloads
the quarterly report.

Started by belasting.py, which logs the users in and writes what they need to the JSON file
named in KOERS_BELASTING_GEGEVENS: session keys, a CSRF secret, person UUIDs, search terms.
The client plays the TLS proxy (X-Forwarded-Proto), so the production settings stay as they
are. There is no think time: the number of users bounds the load.
"""

import datetime
import json
import os
import random
from zoneinfo import ZoneInfo

from locust import constant, task
from locust.contrib.fasthttp import FastHttpSession, FastHttpUser

with open(os.environ["KOERS_BELASTING_GEGEVENS"]) as bestand:
    GEGEVENS = json.load(bestand)

TIJDZONE = ZoneInfo("Europe/Amsterdam")
SOORTEN = ("gesprek", "telefoon", "video", "huisbezoek")


def _koppen(*, sessie: str, csrf: bool = False) -> dict[str, str]:
    """Headers of one logged-in browser. Its cookies are sent as they are: what the server
    sets anew (the same CSRF secret, a message after saving) changes nothing for the load."""
    cookies = {GEGEVENS["sessie_cookie"]: sessie}
    if csrf:
        cookies[GEGEVENS["csrf_cookie"]] = GEGEVENS["csrf_geheim"]
    return {
        # Behind the proxy every request arrived over https.
        "X-Forwarded-Proto": "https",
        "Cookie": "; ".join(f"{naam}={waarde}" for naam, waarde in cookies.items()),
    }


def _fout(antwoord) -> str:
    """The status, and where a redirect leads (without its query)."""
    naar = (antwoord.headers or {}).get("Location", "").split("?", 1)[0]
    return f"status {antwoord.status_code}" + (f" naar {naar}" if naar else "")


class RegieTeam(FastHttpUser):
    """A regisseur at work, and now and then the teamleider beside them downloading the
    quarterly report; the task weights are the shares of the mix."""

    wait_time = constant(0)

    def __init__(self, environment) -> None:
        self.default_headers = _koppen(sessie=GEGEVENS["regisseur_sessie"], csrf=True)
        super().__init__(environment)
        # A second browser for the teamleider's downloads, with a session of its own.
        self.teamleider = FastHttpSession(
            base_url=self.host,
            request_event=self.environment.events.request,
            user=self,
            headers=_koppen(sessie=GEGEVENS["teamleider_sessie"]),
        )
        # No cookie jar: the cookies in the headers are all the state these browsers need,
        # and a jar would mix them with the ones the server sets for an https it never saw.
        for browser in (self.client, self.teamleider):
            browser.client.cookiejar = None

    def _openen(self, pad: str, naam: str, **kwargs) -> None:
        """A page counts when it is there: a redirect (to the login page, say) is a failure,
        not a fast answer."""
        with self.client.get(
            pad, name=naam, allow_redirects=False, catch_response=True, **kwargs
        ) as antwoord:
            if antwoord.status_code != 200:
                antwoord.failure(_fout(antwoord))

    @task(30)
    def lijst(self) -> None:
        # Mostly the first page, as a regisseur opens it; now and then one further on.
        pagina = 1 if random.random() < 0.6 else random.randint(2, GEGEVENS["lijst_paginas"])
        self._openen(f"/personen/?pagina={pagina}", "lijst")

    @task(25)
    def dossier(self) -> None:
        uuid = random.choice(GEGEVENS["personen"])
        self._openen(f"/personen/{uuid}/", "dossier")

    @task(15)
    def zoeken(self) -> None:
        term = random.choice(GEGEVENS["zoektermen"])
        self._openen("/personen/", "zoeken", params={"q": term})

    @task(15)
    def werkvoorraad(self) -> None:
        self._openen("/werkvoorraad/", "werkvoorraad")

    @task(10)
    def contactmoment(self) -> None:
        uuid = random.choice(GEGEVENS["personen"])
        dossier = f"/personen/{uuid}/"
        moment = datetime.datetime.now(TIJDZONE) - datetime.timedelta(
            minutes=random.randint(5, 600)
        )
        with self.client.post(
            f"{dossier}contactmomenten/nieuw/",
            data={
                "csrfmiddlewaretoken": GEGEVENS["csrf_geheim"],
                "moment": moment.strftime("%d-%m-%Y %H:%M"),
                "soort": random.choice(SOORTEN),
                "onderwerp": "Voortgang inburgering besproken",
                "notitie": "Afspraken gemaakt over de volgende stap.",
            },
            # Over https the CSRF check asks where the form came from.
            headers={"Referer": f"https://{self.host.split('://', 1)[-1]}{dossier}"},
            allow_redirects=False,
            name="contactmoment toevoegen",
            catch_response=True,
        ) as antwoord:
            # Saved: back to the dossier. Refused: the dossier again with errors (422).
            if antwoord.status_code != 302 or not antwoord.headers.get("Location", "").endswith(
                dossier
            ):
                antwoord.failure(_fout(antwoord))

    @task(5)
    def rapport_downloaden(self) -> None:
        with self.teamleider.get(
            GEGEVENS["rapport_url"],
            name="rapport downloaden",
            allow_redirects=False,
            catch_response=True,
        ) as antwoord:
            if antwoord.status_code != 200 or not (antwoord.content or b"").startswith(b"%PDF"):
                antwoord.failure(_fout(antwoord))
