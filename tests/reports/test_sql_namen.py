"""The reports' SQL names its tables and columns through the models, counts days in the
installation's time zone from the settings, and words a term as its configuration does: none
of them is typed into the code, so a renamed table or a changed term cannot leave a report
behind."""

import ast
import re
from pathlib import Path

from django.apps import apps
from django.conf import settings

import reports

REPORTS = Path(reports.__file__).parent
TEMPLATES = Path(settings.BASE_DIR) / "templates" / "reports"


def _modules() -> list[Path]:
    return sorted(p for p in REPORTS.rglob("*.py") if "migrations" not in p.parts)


def _strings(pad: Path) -> list[str]:
    """Every string in the module's code, docstrings left out (they may show an example)."""
    boom = ast.parse(pad.read_text())
    docstrings = set()
    for node in ast.walk(boom):
        soort = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
        if isinstance(node, soort) and node.body and isinstance(node.body[0], ast.Expr):
            docstrings.add(id(node.body[0].value))
    return [
        node.value
        for node in ast.walk(boom)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def _project_apps() -> list[str]:
    basis = Path(settings.BASE_DIR).resolve()
    return [
        config.label
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(basis)
    ]


def test_de_rapportmodules_bestaan():
    namen = {p.relative_to(REPORTS).as_posix() for p in _modules()}
    assert {"selectors/cijfers/__init__.py", "selectors/extract.py", "export.py"} <= namen


def test_geen_tabelnaam_getypt_in_de_rapporten():
    # Any name shaped like a table of one of the project's apps, including tables that no
    # longer exist under that name (core_termijn, core_termijnconfig).
    tabelnaam = re.compile(rf"\b(?:{'|'.join(_project_apps())})_[a-z0-9_]+\b")
    bestaand = {model._meta.db_table for model in apps.get_models(include_auto_created=True)}
    gevonden = {
        (pad.relative_to(REPORTS).as_posix(), naam)
        for pad in _modules()
        for tekst in _strings(pad)
        for naam in tabelnaam.findall(tekst)
        + [n for n in bestaand if re.search(rf"\b{n}\b", tekst)]
    }
    assert gevonden == set()


def test_geen_tijdzone_getypt_in_de_rapporten():
    gevonden = [
        pad.relative_to(REPORTS).as_posix()
        for pad in _modules()
        if any(re.search(r"\b[A-Z][a-z]+/[A-Z][a-z_]+\b", tekst) for tekst in _strings(pad))
    ]
    assert gevonden == []


def test_geen_termijnlengte_getypt_in_de_rapporten():
    lengte = re.compile(
        r"\b(\d+|een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf)\s+"
        r"(werkdagen|weken|maanden)\b",
        re.IGNORECASE,
    )
    teksten = [(p.name, t) for p in _modules() for t in _strings(p)]
    teksten += [(p.name, p.read_text()) for p in TEMPLATES.rglob("*.html")]
    assert [(naam, lengte.search(t)[0]) for naam, t in teksten if lengte.search(t)] == []
