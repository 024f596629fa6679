# Koers: `make run` serves the whole application, `make test` runs every test.
# Both bootstrap a virtualenv, the pinned dependencies and the front-end assets, and start an
# embedded PostgreSQL and Redis under .run/ when KOERS_DATABASE_URL / KOERS_REDIS_URL (or their
# old names DATABASE_URL / REDIS_URL) are unset.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test fuzz bench lint format manage browser clean-run pg-verhuizen help

help:
	@echo "make run     - Koers op http://127.0.0.1:8000 (web, Celery worker en beat) met demodata"
	@echo "make test    - alle tests (unit, views, browser) op PostgreSQL"
	@echo "make fuzz    - elk formulier met veel meer willekeurige invoer (duurt lang)"
	@echo "make bench   - benchmarks"
	@echo "make lint    - ruff, importrichting (lint-imports) en dode code (vulture)"
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
# The tests run in two processes (one per core), each with its own test database; a process
# that runs out of tests takes over tests the other has not started yet.
TESTPROCESSEN ?= 2
test: $(STAMP) node_modules/.installed browser lint
	$(PY) -m config.devservices test -n $(TESTPROCESSEN) --dist worksteal $(ARGS)

# The fuzz walk alone, with hypothesis's profile `diep` (tests/conftest.py): hundreds of new
# examples per form on every run; the ones that failed are kept under .run/hypothesis and tried
# first the next time.
fuzz: $(STAMP) node_modules/.installed browser
	KOERS_HYPOTHESIS_PROFIEL=diep $(PY) -m config.devservices test -m fuzz $(ARGS)

bench: $(STAMP) node_modules/.installed
	$(PY) -m config.devservices bench

manage: $(STAMP) node_modules/.installed
	$(PY) -m config.devservices manage $(ARGS)

# The apps' direction (pyproject.toml, [tool.importlinter]) and dead code count as lint errors.
APPS := config core accounts statushouders termijnen intake partners pip_plans ontzorging \
	participatie reports dossier demo beheer
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/vulture --min-confidence 61 --exclude "*/migrations/*" \
		--ignore-names sender,options,exception,extra_context,frame,signum,using,args,kwargs \
		$(APPS)

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Move .run/pgdata from an older embedded PostgreSQL (16) to the current one (18); keeps the old.
pg-verhuizen: $(STAMP)
	$(PY) -m config.pgverhuizen

clean-run:
	rm -rf .run
