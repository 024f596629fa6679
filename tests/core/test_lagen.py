"""The apps have one direction (pyproject.toml, [tool.importlinter]); `make lint` and so `make
test` run `lint-imports`. These tests show the contract holds today and that one upward import
breaks it."""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
pytestmark = pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="lint-imports ontbreekt")


def _lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def test_de_apps_volgen_hun_richting():
    uitkomst = _lint_imports(ROOT)
    assert uitkomst.returncode == 0, uitkomst.stdout + uitkomst.stderr


def test_een_import_naar_boven_breekt_het_contract(tmp_path):
    """A copy of the project in which `statushouders` (low) imports `reports` (high)."""
    apps = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    for app in apps["root_packages"]:
        shutil.copytree(ROOT / app, tmp_path / app, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    with (tmp_path / "statushouders" / "selectors.py").open("a") as bestand:
        bestand.write("\nfrom reports.constants import RapportSoort  # noqa: E402, F401\n")
    uitkomst = _lint_imports(tmp_path)
    assert uitkomst.returncode != 0
    assert "statushouders.selectors -> reports.constants" in uitkomst.stdout
