"""Bar charts as inline SVG, drawn on the server: nothing leaves the server, the PDF renders
the same drawing, and the page shows the same figures in a table beside it (the SVG is
hidden from screen readers)."""

from django.utils.html import format_html, format_html_join

from .selectors.cijfers import Rapportage, Tabel, waarde_tekst

BREEDTE = 560
LABEL = 210
REGEL = 26
BALK = 18
KLEUR = "#005aa0"
# Room above the bars for the name of the figure they draw.
KOP = 22


def staafdiagram_svg(tabel: Tabel) -> str:
    """Horizontal bars of the table's chart column, one per row, labelled with its value."""
    if tabel.grafiek is None:
        return ""
    kolom = tabel.kolommen[tabel.grafiek]
    rijen = [
        (str(rij[0]), rij[tabel.grafiek])
        for rij in tabel.grafiek_rijen
        if rij[tabel.grafiek] is not None
    ]
    if not rijen:
        return ""
    grootste = max(float(waarde) for _label, waarde in rijen) or 1.0
    ruimte = BREEDTE - LABEL - 60
    hoogte = KOP + REGEL * len(rijen) + 4
    balken = format_html_join(
        "",
        '<text x="{}" y="{}" font-size="12" text-anchor="end">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>'
        '<text x="{}" y="{}" font-size="12">{}</text>',
        (
            (
                LABEL - 6,
                KOP + i * REGEL + BALK - 4,
                _ingekort(label),
                LABEL,
                KOP + i * REGEL + 2,
                round(ruimte * max(float(waarde), 0) / grootste, 1),
                BALK,
                KLEUR,
                LABEL + round(ruimte * max(float(waarde), 0) / grootste, 1) + 4,
                KOP + i * REGEL + BALK - 4,
                waarde_tekst(waarde, kolom.soort),
            )
            for i, (label, waarde) in enumerate(rijen)
        ),
    )
    return format_html(
        '<svg viewBox="0 0 {} {}" width="{}" height="{}" role="img" aria-hidden="true" '
        'focusable="false" class="koers-staafdiagram">'
        '<text x="{}" y="13" font-size="12" font-weight="bold">{}</text>{}</svg>',
        BREEDTE,
        hoogte,
        BREEDTE,
        hoogte,
        LABEL,
        kolom.titel,
        balken,
    )


def _ingekort(label: str, lengte: int = 28) -> str:
    # About 7 pixels a character at this size: 28 fit in the label's room.
    return label if len(label) <= lengte else label[: lengte - 1] + "…"


def met_grafieken(cijfers: Rapportage) -> Rapportage:
    for tabel in cijfers.tabellen:
        tabel.svg = staafdiagram_svg(tabel)
    return cijfers
