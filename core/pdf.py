"""HTML to PDF with WeasyPrint, reading only our own static files."""

from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string


class ExterneBronGeweigerd(ValueError):
    pass


def _alleen_eigen_static(url: str, **kwargs):
    # A PDF never fetches from the network or reads arbitrary files: only our static assets,
    # addressed as koers-static:<path> (a gemeente's logo, say).
    if url.startswith("koers-static:"):
        pad = finders.find(url.removeprefix("koers-static:"))
        if pad:
            return {"string": Path(pad).read_bytes(), "mime_type": None}
    raise ExterneBronGeweigerd(f"bron buiten Koers geweigerd: {url[:80]}")


def html_naar_pdf(template: str, context: dict) -> bytes:
    from weasyprint import HTML

    html = render_to_string(template, context)
    return HTML(string=html, url_fetcher=_alleen_eigen_static).write_pdf()
