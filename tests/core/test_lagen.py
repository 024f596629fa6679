"""`core` holds only what every app shares; it never imports a domain app, so the shared layer
can not hide a domain again (`grep -rn "from statushouders\\|import statushouders" core/`)."""

import re
from pathlib import Path

import core

DOMEIN_APPS = ("statushouders", "intake", "pip_plans", "partners", "termijnen", "accounts")
IMPORT = re.compile(rf"^\s*(from|import)\s+({'|'.join(DOMEIN_APPS)})\b", re.MULTILINE)


def test_core_importeert_geen_domeinapp():
    map_ = Path(core.__file__).parent
    overtredingen = [
        f"{pad.relative_to(map_)}: {treffer.group(0).strip()}"
        for pad in map_.rglob("*.py")
        for treffer in IMPORT.finditer(pad.read_text())
    ]
    assert overtredingen == []
