"""The forms on a page as a browser sees them: method, action and the fields with the values
the page fills in, so tests can post every form of the project without listing them."""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin


@dataclass
class Veld:
    naam: str
    soort: str  # input type, "select" or "textarea"
    waarde: str = ""
    keuzes: list[str] = field(default_factory=list)
    aangevinkt: bool = False


@dataclass
class Formulier:
    methode: str
    actie: str
    multipart: bool
    velden: list[Veld] = field(default_factory=list)

    def gegevens(self) -> dict:
        """What submitting the form untouched sends."""
        gegevens = {}
        for veld in self.velden:
            if veld.soort in ("checkbox", "radio") and not veld.aangevinkt:
                continue
            if veld.soort in ("submit", "button", "file", "reset", "image"):
                continue
            gegevens.setdefault(veld.naam, veld.waarde)
        return gegevens

    @property
    def invulbaar(self) -> list[Veld]:
        """The fields a person types in or chooses from; one per name."""
        namen, velden = set(), []
        for veld in self.velden:
            if veld.naam == "csrfmiddlewaretoken" or veld.soort in ("submit", "button", "reset"):
                continue
            if veld.naam not in namen:
                namen.add(veld.naam)
                velden.append(veld)
        return velden


class _Lezer(HTMLParser):
    def __init__(self, url):
        super().__init__(convert_charrefs=True)
        self.url = url
        self.formulieren: list[Formulier] = []
        self._formulier = None
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            # htmx forms post where hx-post says, like the browser would after htmx.
            actie = a.get("hx-post") or a.get("action") or ""
            methode = "post" if a.get("hx-post") else (a.get("method") or "get").lower()
            self._formulier = Formulier(
                methode=methode,
                actie=urljoin(self.url, actie) if actie else self.url,
                multipart="multipart" in a.get("enctype", ""),
            )
            self.formulieren.append(self._formulier)
            return
        if self._formulier is None or not a.get("name"):
            if tag == "option" and self._select is not None:
                self._option(a)
            return
        if tag == "input":
            soort = a.get("type", "text").lower()
            self._formulier.velden.append(
                Veld(
                    a["name"],
                    soort,
                    a.get("value", "on" if soort == "checkbox" else ""),
                    aangevinkt="checked" in a,
                )
            )
        elif tag == "select":
            self._select = Veld(a["name"], "select")
            self._formulier.velden.append(self._select)
        elif tag == "textarea":
            self._textarea = Veld(a["name"], "textarea")
            self._formulier.velden.append(self._textarea)
        elif tag == "button" and a.get("value"):
            self._formulier.velden.append(Veld(a["name"], "submit", a["value"]))

    def _option(self, a):
        waarde = a.get("value", "")
        self._select.keuzes.append(waarde)
        if "selected" in a or len(self._select.keuzes) == 1:
            self._select.waarde = waarde

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.waarde += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._formulier = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def formulieren(html: str, url: str) -> list[Formulier]:
    lezer = _Lezer(url)
    lezer.feed(html)
    return lezer.formulieren
