# Koers: `make run` serves the whole application, `make test` runs every test.
# Both bootstrap a virtualenv, the pinned dependencies and the front-end assets, and start an
# embedded PostgreSQL and Redis under .run/ when DATABASE_URL / REDIS_URL are unset.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test bench lint format manage browser clean-run pg-verhuizen help

help:
	@echo "make run     - Koers op http://127.0.0.1:8000 (web, Celery worker en beat) met demodata"
	@echo "make test    - alle tests (unit, views, browser) op PostgreSQL"
	@echo "make bench   - benchmarks"
	@echo "make lint    - ruff en migratiecontrole"
	@echo "make manage ARGS='...' - manage.py met dezelfde omgeving"
	@echo "make pg-verhuizen - ingebouwde database van PostgreSQL 16 naar 18 verhuizen"

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -c 'import tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; print("\n".join(p["dependencies"] + p["optional-dependencies"]["dev"]))' > $(VENV)/requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r $(VENV)/requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Browser tests need Chromium: Debian's package where possible, Playwright's download otherwise.
browser: $(STAMP)
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		$(VENV)/bin/playwright install chromium; \
	fi

run: $(STAMP) node_modules/.installed
	$(PY) -m config.devservices run

# Lint and formatting first: a ruff error fails `make test` (and so CI) like a failing test.
# The tests run in two processes (one per core), each file in one of them, each process with
# its own test database.
TESTPROCESSEN ?= 2
test: $(STAMP) node_modules/.installed browser
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m config.devservices test -n $(TESTPROCESSEN) --dist loadfile $(ARGS)

bench: $(STAMP) node_modules/.installed
	$(PY) -m config.devservices bench

manage: $(STAMP) node_modules/.installed
	$(PY) -m config.devservices manage $(ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Move .run/pgdata from an older embedded PostgreSQL (16) to the current one (18); keeps the old.
pg-verhuizen: $(STAMP)
	$(PY) -m config.pgverhuizen

clean-run:
	rm -rf .run
