from django import template

from ..selectors.cijfers import waarde_tekst

register = template.Library()


@register.filter
def cijfer(waarde, soort: str) -> str:
    """A figure written the Dutch way for its kind: 1.234 · 12,5 · 66,7% · € 1.234,56."""
    return waarde_tekst(waarde, soort)


@register.filter
def kolom(rij, index: int):
    return rij[index]
