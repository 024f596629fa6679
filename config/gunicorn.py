"""Gunicorn settings of the web process: `gunicorn -c config/gunicorn.py config.wsgi`.

Used by the image (Dockerfile) and by the load test (benchmarks/belasting.py). Every knob can
be changed from the environment without rebuilding the image.
"""

import os

from config.environment import read


def _getal(naam: str, standaard: int) -> int:
    waarde = read(naam).strip()
    return int(waarde) if waarde else standaard


# The cores this process may use (a container limited to some CPUs sees only those).
_KERNEN = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1

bind = read("KOERS_GUNICORN_BIND", "0.0.0.0:8000")
# A request spends part of its time waiting for PostgreSQL, so a few threads per process keep
# the cores busy without the memory of a process each; one process per core avoids the GIL.
# On two cores the load test (benchmarks/belasting.py) served most with 2 processes of 4
# threads; 5 single-threaded processes (2 x cores + 1) served about half that, with long tails.
workers = _getal("KOERS_GUNICORN_WORKERS", _KERNEN)
threads = _getal("KOERS_GUNICORN_THREADS", 4)
worker_class = "gthread"
# Behind the proxy, connections are reused for several requests.
keepalive = _getal("KOERS_GUNICORN_KEEPALIVE", 5)
timeout = _getal("KOERS_GUNICORN_TIMEOUT", 30)
graceful_timeout = 30
# A worker is replaced now and then, so a slow leak never grows without bound.
max_requests = _getal("KOERS_GUNICORN_MAX_REQUESTS", 5000)
max_requests_jitter = max_requests // 10
# Heartbeat files in memory, not on a possibly slow container filesystem.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# No access log: request lines carry URLs with search terms (names, BSN), and the proxy logs
# requests already. KOERS_GUNICORN_ACCESSLOG=- writes them to stdout anyway.
accesslog = read("KOERS_GUNICORN_ACCESSLOG") or None
errorlog = "-"
loglevel = read("KOERS_GUNICORN_LOGLEVEL", "info")
# Nothing uses gunicornc; its socket under $HOME would not be writable for the image's user,
# and two servers on one machine (a load test beside `make run`) would share it.
control_socket_disable = True
