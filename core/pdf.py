"""HTML to PDF with WeasyPrint, reading only our own static files (see core.pdf_bronnen)."""

from django.template.loader import render_to_string


def html_naar_pdf(template: str, context: dict) -> bytes:
    from weasyprint import HTML

    from .pdf_bronnen import AlleenEigenStatic

    html = render_to_string(template, context)
    return HTML(string=html, url_fetcher=AlleenEigenStatic()).write_pdf()
