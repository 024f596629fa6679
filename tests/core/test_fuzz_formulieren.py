"""Hostile input in every form and every list parameter of the project answers with a page,
never a server error (the forms are found by walking the URLs; the examples are built in
tests/fuzz.py); script and formula-like text comes back as text."""

import datetime

import pytest

from tests.fuzz import FORMULE, SCRIPT, _clients, _paginas, formulieren_fuzzen
from tests.partners.factories import VerwijzingFactory
from tests.pip_plans.factories import PlanDoelFactory, PlanFactory
from tests.spreadsheets import assert_veilige_download
from tests.statushouders.factories import ContactmomentFactory, PersoonFactory

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]


def test_geen_formulier_of_lijstparameter_geeft_een_serverfout(staat):
    formulieren_fuzzen(staat)


def test_script_en_formules_komen_als_tekst_terug(staat):
    """Script and formula-like text typed into a dossier is shown as text on every page the
    regisseur and the partner open, and printed literally in the PIP."""
    from pip_plans import services

    gebruikers, waarden = staat
    regisseur = gebruikers["regisseur"]
    persoon = PersoonFactory(
        gemeente=regisseur.gemeenten.get(), regisseur=regisseur, voornamen=SCRIPT,
        achternaam=FORMULE, azc="@SUM(1+1)",
    )  # fmt: skip
    ContactmomentFactory(persoon=persoon, onderwerp=SCRIPT, notitie=FORMULE)
    verwijzing = VerwijzingFactory(
        persoon=persoon, partner=gebruikers["partner"].partner, door=regisseur, doel=SCRIPT,
        notitie=FORMULE,
    )  # fmt: skip
    plan = PlanFactory(intake__persoon=persoon, afspraken=FORMULE)
    doel = PlanDoelFactory(plan=plan, doel=SCRIPT, acties="+31 6 1234 5678")
    versie = services.plan_vaststellen(
        plan=plan, door=regisseur, bekendmaking_op=datetime.date(2026, 4, 15)
    )
    versie = services.plan_pdf_opslaan(versie_id=versie.pk)
    eigen = {
        **waarden[0],
        "uuid": persoon.uuid,
        "intake_uuid": plan.intake.uuid,
        "doel_uuid": doel.uuid,
        "verwijzing_uuid": verwijzing.uuid,
        "nummer": versie.nummer,
    }
    clients = _clients(gebruikers)
    ontsnapt = 0
    for (wie, url), _naam in _paginas([eigen]).items():
        response = clients[wie].get(url)
        assert response.status_code < 500, url
        assert_veilige_download(response)
        if "html" in response.get("Content-Type", ""):
            html = response.content.decode()
            assert SCRIPT not in html, url
            ontsnapt += html.count("&lt;script&gt;alert(1)&lt;/script&gt;")
    assert ontsnapt >= 3  # the dossier, the referral, the portal at least
    from pypdf import PdfReader

    tekst = " ".join(p.extract_text() for p in PdfReader(versie.pdf.open("rb")).pages)
    assert SCRIPT in tekst
    assert FORMULE in tekst.replace("\n", "")
