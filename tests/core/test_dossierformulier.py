"""A form on a dossier page answers one way (core.views.dossierformulier): a success flashes
a message and redirects, or for htmx answers the refreshed partial; a refusal answers 422 with
the errors beside the fields and what was typed, the whole page or the partial alike. Shown
through the contact moment form on the dossier, the one that has both."""

import datetime
import json
import re

import pytest
import time_machine
from django.urls import reverse

NU = datetime.datetime(2026, 4, 3, 10, 0, tzinfo=datetime.UTC)
FOUT_TOEKOMST = "het kan niet in de toekomst liggen"


@pytest.fixture(autouse=True)
def klok():
    with time_machine.travel(NU, tick=False):
        yield


def _url(persoon):
    return reverse("dossier:contactmoment-nieuw", kwargs={"uuid": persoon.uuid})


def _gegevens(**anders):
    return {
        "moment": "02-04-2026 09:30",
        "soort": "telefoon",
        "onderwerp": "Bellen over huur",
        **anders,
    }


def _veld(html: str, naam: str) -> str:
    """The markup of one field: its label, input and error message."""
    begin = html.index(f'id="veld_id_{naam}"')
    einde = html.find('id="veld_id_', begin + 1)
    return html[begin : einde if einde != -1 else len(html)]


def test_gelukt_geeft_een_melding_en_gaat_terug_naar_het_dossier(regisseur_client, persoon):
    response = regisseur_client.post(_url(persoon), _gegevens(), follow=True)
    assert response.redirect_chain == [(persoon.get_absolute_url(), 302)]
    assert [str(m) for m in response.context["messages"]] == ["Het contactmoment is vastgelegd."]
    assert persoon.contactmomenten.get().onderwerp == "Bellen over huur"


def test_fout_geeft_422_met_de_fout_naast_het_veld_en_de_invoer_blijft(regisseur_client, persoon):
    response = regisseur_client.post(_url(persoon), _gegevens(moment="04-04-2026 09:30"))
    html = response.content.decode()
    assert response.status_code == 422
    assert "<html" in html  # without JavaScript the whole dossier comes back
    assert FOUT_TOEKOMST in _veld(html, "moment")
    assert FOUT_TOEKOMST not in _veld(html, "onderwerp")
    assert 'value="04-04-2026 09:30"' in html and 'value="Bellen over huur"' in html
    assert not persoon.contactmomenten.exists()


def test_fout_met_htmx_geeft_422_met_alleen_het_bijgewerkte_deel(regisseur_client, persoon):
    response = regisseur_client.post(
        _url(persoon), _gegevens(moment="04-04-2026 09:30"), HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert "<html" not in html and 'id="contactmomenten"' in html
    assert FOUT_TOEKOMST in _veld(html, "moment")
    assert 'value="Bellen over huur"' in html
    assert "Het contactmoment is vastgelegd." not in html


def test_gelukt_met_htmx_geeft_het_deel_met_een_leeg_formulier(regisseur_client, persoon):
    response = regisseur_client.post(_url(persoon), _gegevens(), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and "Het contactmoment is vastgelegd." in html
    assert "Bellen over huur" in html  # in the timeline ...
    assert 'value="Bellen over huur"' not in html  # ... and no longer in the form
    # The partial said it; the next page does not say it again.
    pagina = regisseur_client.get(persoon.get_absolute_url())
    assert not list(pagina.context["messages"])


def test_formulier_openen_is_200(regisseur_client, persoon):
    url = reverse("statushouders:persoon-regisseur", kwargs={"uuid": persoon.uuid})
    response = regisseur_client.get(url)
    assert response.status_code == 200
    assert not response.context["form"].errors


def test_htmx_zet_een_422_op_de_pagina_en_andere_fouten_niet(regisseur_client, persoon):
    """htmx 2 swaps no 4xx by itself: the base template's config lets it swap a 422."""
    html = regisseur_client.get(persoon.get_absolute_url()).content.decode()
    meta = re.search(r'<meta name="htmx-config" content=\'([^\']*)\'>', html)
    regels = json.loads(meta.group(1))["responseHandling"]

    def eerste_regel(status: str) -> dict:
        return next(r for r in regels if re.search(r["code"], status))

    assert eerste_regel("422")["swap"] is True
    assert eerste_regel("200")["swap"] is True
    assert eerste_regel("204")["swap"] is False
    for status in ("403", "404", "500"):
        assert eerste_regel(status) == {"code": "[45]..", "swap": False, "error": True}
