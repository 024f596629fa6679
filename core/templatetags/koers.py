from decimal import Decimal

from django import forms, template
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join

register = template.Library()

_WIDGET_CLASSES = {
    forms.Textarea: "utrecht-textarea",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.SelectMultiple: "utrecht-select utrecht-select--html-select",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
}


@register.simple_tag
def nlds_widget(field):
    """Render a form field's widget with NL Design System classes and ARIA wiring."""
    widget = field.field.widget
    css = next(
        (cls for kind, cls in _WIDGET_CLASSES.items() if isinstance(widget, kind)),
        "utrecht-textbox utrecht-textbox--html-input",
    )
    attrs = {"class": css}
    beschreven = []
    if field.help_text:
        beschreven.append(f"{field.auto_id}_helptext")
    if field.errors:
        beschreven.append(f"{field.auto_id}_error")
        attrs["aria-invalid"] = "true"
        attrs["class"] += " utrecht-textbox--invalid" if "textbox" in css else ""
    if beschreven:
        attrs["aria-describedby"] = " ".join(beschreven)
    return field.as_widget(attrs=attrs)


@register.filter
def euro(bedrag) -> str:
    """€ 1.234,56"""
    if bedrag in (None, ""):
        return ""
    return "€ " + number_format(Decimal(bedrag), decimal_pos=2, use_l10n=True, force_grouping=True)


@register.filter
def iban(nummer) -> str:
    """NL20 INGB 0001 2345 67: in groups of four, as on a bank card, to read aloud and check."""
    nummer = "".join(str(nummer or "").split())
    return " ".join(nummer[i : i + 4] for i in range(0, len(nummer), 4))


@register.filter
def is_checkbox(field) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.simple_tag(takes_context=True)
def sorteer_kop(context, sleutel: str, label: str, standaard: bool = False):
    """A column header that sorts the list by `sleutel`; a second click reverses the order.
    `standaard`: the list is in this order when no other is chosen."""
    params = context["request"].GET.copy()
    params.pop("pagina", None)
    # The view puts the validated order in the context; an invalid one sorts by the default.
    gevraagd = context["sorteer"] if "sorteer" in context else params.get("sorteer", "")
    huidig = gevraagd or (sleutel if standaard else "")
    richting = {sleutel: "ascending", f"-{sleutel}": "descending"}.get(huidig)
    params["sorteer"] = f"-{sleutel}" if huidig == sleutel else sleutel
    pijl = {"ascending": " ▲", "descending": " ▼"}.get(richting, "")
    return format_html(
        '<th class="utrecht-table__header-cell" scope="col"{}><a class="utrecht-link" '
        'href="?{}">{}<span aria-hidden="true">{}</span></a></th>',
        format_html(' aria-sort="{}"', richting) if richting else "",
        params.urlencode(),
        label,
        pijl,
    )


def pagina_nummers(huidig: int, totaal: int, *, omgeving: int = 2) -> list[int | None]:
    """The page numbers a pager shows: the first and the last, `omgeving` pages either side of
    the current one, and None for a gap (drawn as an ellipsis): 1 … 4 5 6 7 8 … 40.
    A gap of a single page shows that page, as an ellipsis would hide no more than it."""
    if totaal < 1:
        return []
    huidig = min(max(huidig, 1), totaal)
    zichtbaar = sorted(
        n for n in {1, totaal, *range(huidig - omgeving, huidig + omgeving + 1)} if 1 <= n <= totaal
    )
    nummers: list[int | None] = []
    vorige = 0
    for nummer in zichtbaar:
        if nummer - vorige == 2:
            nummers.append(vorige + 1)
        elif nummer - vorige > 2:
            nummers.append(None)
        nummers.append(nummer)
        vorige = nummer
    return nummers


@register.simple_tag(takes_context=True)
def paginering(context, pagina) -> dict:
    """The links of a pager; each keeps the list's filters and sort from the query string."""
    params = context["request"].GET.copy()

    def link(nummer: int) -> str:
        params["pagina"] = str(nummer)
        return f"?{params.urlencode()}"

    return {
        "vorige": link(pagina.previous_page_number()) if pagina.has_previous() else "",
        "volgende": link(pagina.next_page_number()) if pagina.has_next() else "",
        "nummers": [
            {"nummer": nummer, "link": link(nummer), "huidig": nummer == pagina.number}
            if nummer
            else {"nummer": None}
            for nummer in pagina_nummers(pagina.number, pagina.paginator.num_pages)
        ],
    }


@register.filter
def fieldsets(form):
    """(legend, bound fields) for each group in `form.fieldsets`, skipping absent fields."""
    return [
        (legend, [form[naam] for naam in namen if naam in form.fields])
        for legend, namen in form.fieldsets
    ]


@register.filter
def is_keuzegroep(field) -> bool:
    """Radio buttons and checkbox lists: a group of options under one legend."""
    return isinstance(field.field.widget, forms.RadioSelect)  # CheckboxSelectMultiple too


@register.simple_tag
def nlds_opties(field):
    """The options of a radio or checkbox group in NL Design System markup."""
    soort = "checkbox" if isinstance(field.field.widget, forms.CheckboxSelectMultiple) else "radio"
    klasse = {
        "checkbox": "utrecht-checkbox utrecht-checkbox--html-input",
        "radio": "utrecht-radio-button utrecht-radio-button--html-input",
    }[soort]
    regels = []
    for optie in field.subwidgets:
        optie.data["attrs"]["class"] = klasse
        if field.errors:
            optie.data["attrs"]["aria-invalid"] = "true"
        regels.append(
            (soort, optie.tag(wrap_label=False), soort, optie.id_for_label, optie.choice_label)
        )
    return format_html_join(
        "",
        '<div class="utrecht-form-field utrecht-form-field--{} koers-optie">{}'
        '<label class="utrecht-form-label utrecht-form-label--{}" for="{}">{}</label></div>',
        regels,
    )
