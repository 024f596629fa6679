"""The positieve gezondheid spider web as inline SVG, drawn on the server."""

import math

from django.utils.html import format_html, format_html_join

GROOTTE = 320
MIDDEN = GROOTTE / 2
STRAAL = 110


def _punt(index: int, aantal: int, waarde: float) -> tuple[float, float]:
    hoek = -math.pi / 2 + 2 * math.pi * index / aantal
    afstand = STRAAL * waarde / 10
    return round(MIDDEN + afstand * math.cos(hoek), 1), round(MIDDEN + afstand * math.sin(hoek), 1)


def spinnenweb_svg(scores: list[tuple[str, int | None]]) -> str:
    """An SVG spider chart of 0–10 scores. Hidden from screen readers: the page shows the
    same scores in a table beside it."""
    aantal = len(scores)
    ringen = format_html_join(
        "",
        '<polygon points="{}" fill="none" stroke="#b5b5b5" stroke-width="1"/>',
        (
            (" ".join(f"{x},{y}" for x, y in (_punt(i, aantal, ring) for i in range(aantal))),)
            for ring in (2, 4, 6, 8, 10)
        ),
    )
    assen = format_html_join(
        "",
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#b5b5b5"/>'
        '<text x="{}" y="{}" font-size="11" text-anchor="middle">{}</text>',
        (
            (MIDDEN, MIDDEN, *_punt(i, aantal, 10), *_punt(i, aantal, 12.6), label)
            for i, (label, _score) in enumerate(scores)
        ),
    )
    punten = " ".join(
        f"{x},{y}" for x, y in (_punt(i, aantal, s or 0) for i, (_l, s) in enumerate(scores))
    )
    return format_html(
        '<svg viewBox="-40 0 {} {}" width="{}" height="{}" '
        'aria-hidden="true" focusable="false" class="koers-spinnenweb">{}{}'
        '<polygon points="{}" fill="rgba(0, 90, 160, 0.25)" stroke="#005aa0" stroke-width="2"/>'
        "</svg>",
        GROOTTE + 80,
        GROOTTE,
        GROOTTE + 80,
        GROOTTE,
        ringen,
        assen,
        punten,
    )
