"""Where a PDF may read its resources from: our own static files, nothing else. Imported only
when a PDF is made, so a web process does not load WeasyPrint at start."""

import mimetypes
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint.urls import URLFetcher, URLFetcherResponse

# A static file addressed by its path among the static files: koers-static:gemeente/logo.png.
STATIC_SCHEMA = "koers-static"


class ExterneBronGeweigerd(ValueError):
    pass


def _static_mappen() -> list[Path]:
    """Every directory static files are served from: the finders' sources and the collected
    directory."""
    mappen = [Path(settings.STATIC_ROOT)] if settings.STATIC_ROOT else []
    for finder in finders.get_finders():
        for storage in getattr(finder, "storages", {}).values():
            if getattr(storage, "location", None):
                mappen.append(Path(storage.location))
    return [map.resolve() for map in mappen]


class AlleenEigenStatic(URLFetcher):
    """A PDF never fetches from the network or reads arbitrary files: only our static assets
    (a gemeente's logo, say), addressed as koers-static:<path> or as a file:// URL inside a
    static directory. Anything else is refused; WeasyPrint then leaves the resource out."""

    def __init__(self):
        super().__init__(allowed_protocols=(STATIC_SCHEMA, "file"), allow_redirects=False)

    def fetch(self, url, headers=None):
        pad = self._static_bestand(url)
        if pad is None:
            raise ExterneBronGeweigerd(f"bron buiten Koers geweigerd: {url[:80]}")
        soort, _codering = mimetypes.guess_type(pad.name)
        return URLFetcherResponse(
            url, pad.read_bytes(), {"Content-Type": soort or "application/octet-stream"}
        )

    @staticmethod
    def _static_bestand(url: str) -> Path | None:
        if url.startswith(f"{STATIC_SCHEMA}:"):
            relatief = PurePosixPath(unquote(url.removeprefix(f"{STATIC_SCHEMA}:")))
            if relatief.is_absolute() or ".." in relatief.parts:
                return None
            gevonden = finders.find(str(relatief))
            return Path(gevonden).resolve() if gevonden else None
        delen = urlsplit(url)
        if delen.scheme != "file" or delen.netloc not in ("", "localhost"):
            return None
        pad = Path(unquote(delen.path)).resolve()
        if pad.is_file() and any(pad.is_relative_to(map) for map in _static_mappen()):
            return pad
        return None
