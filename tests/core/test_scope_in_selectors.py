"""Views and template tags never decide who may see what: they call selectors, and the scope
lives in the models' `visible_to(user)` and `accounts.scope`. These tests read the code of every
view and template tag and fail on a scope rule written there."""

import ast
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["root_packages"]


def _bestanden() -> list[Path]:
    gevonden = set()
    for app in APPS:
        for patroon in ("**/views.py", "**/views/*.py", "**/templatetags/*.py"):
            gevonden.update((ROOT / app).glob(patroon))
    return sorted(gevonden)


def _is_user(node: ast.expr) -> bool:
    return (isinstance(node, ast.Name) and node.id == "user") or (
        isinstance(node, ast.Attribute) and node.attr == "user"
    )


def scoperegels(bron: str) -> list[str]:
    """Where `bron` decides scope itself: `.visible_to(...)`, a filter on `gemeente__in`, a
    call of `accounts.scope.gemeenten` or `mag`, an import of `accounts.scope`, or a read of
    the user's own gemeenten. Strings and comments do not count."""
    regels = []
    for node in ast.walk(ast.parse(bron)):
        plek = f"regel {getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Call):
            functie = node.func
            naam = getattr(functie, "attr", None) or getattr(functie, "id", "")
            if naam == "visible_to":
                regels.append(f"{plek}: .visible_to()")
            if naam == "gemeenten":
                regels.append(f"{plek}: gemeenten()")
            if naam == "mag" and isinstance(functie, ast.Attribute):
                regels.append(f"{plek}: scope.mag()")
            for keyword in node.keywords:
                if keyword.arg and re.search(r"gemeenten?__in", keyword.arg):
                    regels.append(f"{plek}: {keyword.arg}")
        elif isinstance(node, ast.ImportFrom):
            modules = [node.module or ""] + [f"{node.module}.{a.name}" for a in node.names]
            if "accounts.scope" in modules:
                regels.append(f"{plek}: import van accounts.scope")
        elif isinstance(node, ast.Import):
            if any(a.name == "accounts.scope" for a in node.names):
                regels.append(f"{plek}: import van accounts.scope")
        elif isinstance(node, ast.Attribute) and node.attr == "gemeenten" and _is_user(node.value):
            regels.append(f"{plek}: user.gemeenten")
    return regels


def test_er_zijn_views_en_templatetags_om_te_lezen():
    namen = {str(pad.relative_to(ROOT)) for pad in _bestanden()}
    assert {"statushouders/views.py", "ontzorging/views/betalingen.py"} <= namen
    assert "core/templatetags/koers.py" in namen


@pytest.mark.parametrize("pad", _bestanden(), ids=lambda pad: str(pad.relative_to(ROOT)))
def test_views_en_templatetags_roepen_alleen_selectors_aan_voor_de_scope(pad):
    assert scoperegels(pad.read_text()) == []


@pytest.mark.parametrize(
    "regel",
    [
        "personen = Persoon.objects.visible_to(request.user)",
        "batches = Betaalbatch.objects.filter(gemeente__in=keuze)",
        "lasten = VasteLast.objects.filter(periode__persoon__gemeente__in=keuze)",
        "rapporten = Rapport.objects.exclude(gemeenten__in=buiten)",
        "keuze = scope.gemeenten(request.user, Doel.DOSSIER)",
        "from accounts.scope import Doel, gemeenten",
        "from accounts import scope",
        "toegestaan = scope.mag(request.user, gemeente, Doel.BEHEER)",
        "keuze = request.user.gemeenten.all()",
    ],
)
def test_een_scoperegel_in_een_view_valt_op(regel):
    assert scoperegels(regel) != []


@pytest.mark.parametrize(
    "regel",
    [
        "gemeenten = selectors.betaalgemeenten(user=request.user)",
        "keuze = beheer_gemeenten(user=request.user)",
        'context = {"gemeenten": gemeenten, "meer_gemeenten": True}',
        '"""Only a scoped lookup (`visible_to(user)`, gemeente__in) may answer."""',
        "weigering = mag(persoon)  # the step's own guard, passed in",
    ],
)
def test_selectoraanroepen_en_namen_zijn_geen_scoperegel(regel):
    assert scoperegels(regel) == []
