"""The printed PIP: what it says, on which page, and what it may read while it is made."""

import io

import pytest
from PIL import Image
from pypdf import PdfReader

from pip_plans import services
from tests.pip_plans.factories import PlanDoelFactory, PlanFactory
from tests.statushouders.factories import GemeenteFactory, PersoonFactory

pytestmark = pytest.mark.django_db


def _paginas(versie) -> list[str]:
    """The text of each page, white space folded (line breaks of the layout are no content)."""
    versie = services.plan_pdf_opslaan(versie_id=versie.pk)
    with versie.pdf.open("rb") as pdf:
        reader = PdfReader(io.BytesIO(pdf.read()))
    return [" ".join(pagina.extract_text().split()) for pagina in reader.pages]


def _afbeeldingen(versie) -> int:
    """The images on the first page, where the logo belongs."""
    versie = services.plan_pdf_opslaan(versie_id=versie.pk)
    with versie.pdf.open("rb") as pdf:
        return len(PdfReader(io.BytesIO(pdf.read())).pages[0].images)


def _pagina_van(paginas: list[str], tekst: str) -> int:
    treffers = [nummer for nummer, pagina in enumerate(paginas) if tekst in pagina]
    assert len(treffers) == 1, f"{tekst!r} op pagina's {treffers}"
    return treffers[0]


@pytest.fixture
def lang_plan(persoon):
    """A plan of many goals with several lines of actions each: four pages or more."""
    plan = PlanFactory(
        intake__persoon=persoon,
        taal_lezen_huidig="A1",
        taal_lezen_doel="B1",
        afspraken="\n".join(f"Afspraak {n}: elke week overleg met de taalcoach." for n in range(8)),
        verplichtingen="Aanwezig bij de lessen; afmelden bij ziekte.",
        kinderopvang="Zoon naar de VVE op de Regenboog.",
        ontzorgen=True,
        ontzorgen_toelichting="Huur, energie en zorgverzekering.",
    )
    for n in range(40):
        PlanDoelFactory(
            plan=plan,
            leefgebied="werkervaring",
            doel=f"Werkdoel {n:02d}",
            acties="\n".join(f"Stap {n:02d}.{stap} met de werkcoach" for stap in range(1, 7)),
        )
    return plan


def test_lang_plan_zegt_op_elke_pagina_welke_versie_het_is(lang_plan, regisseur, vandaag):
    services.plan_vaststellen(plan=lang_plan, door=regisseur, bekendmaking_op=vandaag)
    services.plan_wijzigen(plan=lang_plan, door=regisseur)
    versie = services.plan_vaststellen(plan=lang_plan, door=regisseur, bekendmaking_op=vandaag)
    paginas = _paginas(versie)
    assert len(paginas) >= 3
    for nummer, pagina in enumerate(paginas, start=1):
        assert f"PIP versie 2 — pagina {nummer} van {len(paginas)}" in pagina


def test_lang_plan_splitst_geen_label_en_waarde_of_rij_over_twee_paginas(
    lang_plan, regisseur, vandaag
):
    versie = services.plan_vaststellen(plan=lang_plan, door=regisseur, bekendmaking_op=vandaag)
    paginas = _paginas(versie)
    assert len(paginas) >= 3
    # Each goal's row: its first and last line of actions on the page of the goal itself.
    for n in range(40):
        pagina = _pagina_van(paginas, f"Werkdoel {n:02d}")
        assert f"Stap {n:02d}.1 met de werkcoach" in paginas[pagina], n
        assert f"Stap {n:02d}.6 met de werkcoach" in paginas[pagina], n
    # Each label of the plan with its value, also a value of several lines.
    for label, eerste, laatste in (
        ("PVT: aanbieder", "Vluchtelingenwerk", "Vluchtelingenwerk"),
        ("Afspraken", "Afspraak 0:", "Afspraak 7: elke week overleg met de taalcoach."),
        ("Verplichtingen", "Aanwezig bij de lessen", "afmelden bij ziekte."),
        ("Kinderopvang en VVE", "Zoon naar de VVE", "op de Regenboog."),
        ("Wat wordt ontzorgd", "Huur, energie", "zorgverzekering."),
    ):
        pagina = _pagina_van(paginas, f"{label} {eerste}")
        assert laatste in paginas[pagina], label
    # The signatures stay with the objection text above them, at the end.
    slot = _pagina_van(paginas, "Handtekening:")
    assert slot == len(paginas) - 1
    assert "Bezwaar maken" in paginas[slot] and "Stuur uw bezwaarschrift" in paginas[slot]


def test_labels_houden_hun_hoofdletters(persoon):
    plan = PlanFactory(intake__persoon=persoon, kinderopvang="Peuterspeelzaal", vastgesteld=True)
    tekst = " ".join(_paginas(plan.versies.get()))
    for label in ("PVT: aanbieder", "MAP: aanbieder", "KNM: aanbieder", "Kinderopvang en VVE"):
        assert label in tekst
    for fout in ("Pvt:", "Map:", "Knm:", "en vve"):
        assert fout not in tekst


def test_pdf_toont_alleen_de_velden_van_de_leerroute(persoon):
    plan = PlanFactory(
        intake__persoon=persoon,
        z_taal_uren=500,  # left from an earlier Z-route
        taal_spreken_huidig="A2",
        taal_spreken_doel="B1",
        vastgesteld=True,
    )
    tekst = " ".join(_paginas(plan.versies.get()))
    assert "B1-route" in tekst and "Spreken A2 B1" in tekst
    assert "MAP: geplande uren praktijk 40" in tekst
    assert "Z-route" not in tekst and "500" not in tekst


def test_pdf_toont_afwijking_en_motivatie(persoon):
    plan = PlanFactory(
        intake__persoon=persoon,
        pvt_uren=6,
        vastgesteld=True,
        vaststelling__afwijking_motivatie="De PVT-aanbieder heeft pas in juni plek.",
    )
    tekst = " ".join(_paginas(plan.versies.get()))
    assert "Afwijking van de routenormen" in tekst
    assert "PVT: minimaal 12 uur, gepland 6." in tekst
    assert "De PVT-aanbieder heeft pas in juni plek." in tekst


@pytest.fixture
def static_logo(settings, tmp_path):
    map_ = tmp_path / "static"
    (map_ / "gemeente").mkdir(parents=True)
    Image.new("RGB", (60, 30), "navy").save(map_ / "gemeente" / "logo.png")
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, map_]
    return "gemeente/logo.png"


def test_logo_van_de_gemeente_staat_op_de_pdf(persoon, settings, static_logo):
    settings.KOERS_PDF_LOGO = ""
    plan = PlanFactory(intake__persoon=persoon, vastgesteld=True)
    versie = plan.versies.get()
    assert _afbeeldingen(versie) == 0
    services.plan_pdf_opnieuw(versie=versie, door=plan.persoon.regisseur)
    settings.KOERS_PDF_LOGO = static_logo
    assert _afbeeldingen(versie) == 1


def test_logo_buiten_de_static_bestanden_wordt_niet_gelezen(persoon, settings, tmp_path):
    elders = tmp_path / "elders.png"
    Image.new("RGB", (60, 30), "red").save(elders)
    settings.KOERS_PDF_LOGO = f"../../../../../../..{elders}"
    plan = PlanFactory(intake__persoon=persoon, vastgesteld=True)
    assert _afbeeldingen(plan.versies.get()) == 0


@pytest.mark.parametrize("aantal_doelen", [1, 2, 13])  # each puts a page break near the end
def test_handtekeningen_blijven_bij_de_bezwaartekst(persoon, aantal_doelen):
    plan = PlanFactory(
        intake__persoon=persoon,
        vastgesteld=True,
        vaststelling__doelen=[
            {"doel": f"Werkdoel {n:02d}", "acties": "Stap 0\nStap 1\nStap 2"}
            for n in range(aantal_doelen)
        ],
    )
    paginas = _paginas(plan.versies.get())
    slot = _pagina_van(paginas, "Handtekening:")
    assert slot == len(paginas) - 1
    assert "Bezwaar maken" in paginas[slot] and "Stuur uw bezwaarschrift" in paginas[slot]


def test_gemeente_met_apostrof_staat_goed_op_elke_pagina(regisseur):
    bosch = GemeenteFactory(naam="'s-Hertogenbosch")
    regisseur.gemeenten.add(bosch)
    persoon = PersoonFactory(gemeente=bosch, regisseur=regisseur)
    plan = PlanFactory(intake__persoon=persoon, vastgesteld=True)
    paginas = _paginas(plan.versies.get())
    assert len(paginas) > 1
    for pagina in paginas:
        assert pagina.count("Gemeente 's-Hertogenbosch") >= 1
        assert "&#x27;" not in pagina


def _xobject_afbeeldingen(versie) -> int:
    """Image XObjects in the resources of the first page."""
    versie = services.plan_pdf_opslaan(versie_id=versie.pk)
    with versie.pdf.open("rb") as pdf:
        pagina = PdfReader(io.BytesIO(pdf.read())).pages[0]
    xobjecten = pagina["/Resources"].get("/XObject") or {}
    return sum(1 for x in xobjecten.values() if x.get_object()["/Subtype"] == "/Image")


def test_logo_uit_de_eigen_static_bestanden_staat_op_de_pdf(persoon, settings):
    settings.KOERS_PDF_LOGO = "img/koers-logo.png"  # shipped with Koers
    plan = PlanFactory(intake__persoon=persoon, vastgesteld=True)
    assert _xobject_afbeeldingen(plan.versies.get()) == 1


@pytest.mark.parametrize(
    "logo",
    [
        "http://example.org/logo.png",
        "https://169.254.169.254/logo.png",
        "file:///etc/passwd",
        "../../../../../../../etc/passwd",
        "img/bestaat-niet.png",
    ],
)
def test_logo_buiten_koers_wordt_geweigerd_en_de_pdf_komt_er_toch(persoon, settings, logo):
    settings.KOERS_PDF_LOGO = logo
    plan = PlanFactory(intake__persoon=persoon, vastgesteld=True)
    versie = plan.versies.get()
    assert _xobject_afbeeldingen(versie) == 0
    versie.refresh_from_db()
    assert versie.pdf and versie.pdf_status == "klaar"


def test_een_versie_die_te_lang_op_haar_pdf_wacht_wordt_opnieuw_ingepland():
    """A version whose job was lost (or that was written in bulk) gets its PDF after all (the
    job runs at once in the tests); a version just fixed, or one with its PDF, is left alone."""
    import datetime

    import time_machine

    from pip_plans import tasks
    from pip_plans.constants import PdfStatus

    with time_machine.travel(datetime.datetime(2026, 5, 1, 9, tzinfo=datetime.UTC), tick=False):
        plan = PlanFactory(vastgesteld=True)
    versie = plan.versies.get()
    assert versie.pdf_status == PdfStatus.WACHT  # its job never ran: on_commit in a test
    with time_machine.travel(datetime.datetime(2026, 5, 1, 9, 5, tzinfo=datetime.UTC)):
        assert tasks.wachtende_pdfs_inplannen() == 0
    versie.refresh_from_db()
    assert versie.pdf_status == PdfStatus.WACHT and not versie.pdf
    with time_machine.travel(datetime.datetime(2026, 5, 1, 9, 15, tzinfo=datetime.UTC)):
        assert tasks.wachtende_pdfs_inplannen() == 1
        versie.refresh_from_db()
        assert versie.pdf_status == PdfStatus.KLAAR and versie.pdf
        assert tasks.wachtende_pdfs_inplannen() == 0
