"""A PDF reads our own static files and nothing else: no other file, no network."""

import io

import pytest
from PIL import Image
from pypdf import PdfReader

from core.pdf_bronnen import AlleenEigenStatic, ExterneBronGeweigerd


@pytest.fixture
def static_map(settings, tmp_path):
    map_ = tmp_path / "static"
    (map_ / "gemeente").mkdir(parents=True)
    Image.new("RGB", (60, 30), "navy").save(map_ / "gemeente" / "logo.png")
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, map_]
    return map_


@pytest.fixture
def elders(tmp_path):
    pad = tmp_path / "geheim" / "foto.png"
    pad.parent.mkdir()
    Image.new("RGB", (60, 30), "red").save(pad)
    return pad


def _afbeeldingen(html: str) -> int:
    from weasyprint import HTML

    pdf = HTML(string=html, url_fetcher=AlleenEigenStatic()).write_pdf()
    return len(PdfReader(io.BytesIO(pdf)).pages[0].images)


def test_static_bestand_wordt_gelezen(static_map):
    antwoord = AlleenEigenStatic().fetch("koers-static:gemeente/logo.png")
    assert antwoord.content_type == "image/png"
    assert antwoord.read().startswith(b"\x89PNG")
    antwoord = AlleenEigenStatic().fetch((static_map / "gemeente" / "logo.png").as_uri())
    assert antwoord.read().startswith(b"\x89PNG")
    assert _afbeeldingen('<img src="koers-static:gemeente/logo.png">') == 1


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "koers-static:../../../../../../../etc/passwd",
        "koers-static:/etc/passwd",
        "koers-static:gemeente/bestaat-niet.png",
        "https://example.org/logo.png",
        "http://169.254.169.254/latest/meta-data/",
        "ftp://example.org/logo.png",
        "data:image/png;base64,iVBORw0KGgo=",
    ],
)
def test_alles_buiten_de_static_bestanden_wordt_geweigerd(static_map, url):
    with pytest.raises(ExterneBronGeweigerd):
        AlleenEigenStatic().fetch(url)


def test_bestand_buiten_de_static_mappen_komt_niet_in_de_pdf(static_map, elders):
    with pytest.raises(ExterneBronGeweigerd):
        AlleenEigenStatic().fetch(elders.as_uri())
    via_omweg = (static_map / ".." / "geheim" / "foto.png").as_uri()
    with pytest.raises(ExterneBronGeweigerd):
        AlleenEigenStatic().fetch(via_omweg)
    assert _afbeeldingen(f'<p>Plan</p><img src="{elders.as_uri()}">') == 0
    assert _afbeeldingen(f'<p>Plan</p><img src="{via_omweg}">') == 0


def test_geweigerde_bronnen_laten_de_pdf_heel(static_map, elders):
    html = (
        "<p>Plan</p>"
        '<img src="http://example.org/logo.png">'
        '<img src="https://example.org/logo.png">'
        f'<img src="{elders.as_uri()}">'
        '<img src="../../../../etc/passwd">'
        '<link rel="stylesheet" href="http://example.org/stijl.css">'
        '<img src="koers-static:gemeente/logo.png">'
    )
    assert _afbeeldingen(html) == 1
