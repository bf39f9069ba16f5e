# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check

.PHONY: run test lint bench local-supabase migrate clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime-installed: requirements.txt | $(VENV)/bin/python
	$(PIP) install -q -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PIP) install -q -r requirements-dev.txt
	touch $@ $(VENV)/.runtime-installed

## Serve the API on http://127.0.0.1:8000 (starts the local Supabase stack when SUPABASE_URL is unset)
run: $(VENV)/.runtime-installed
	$(PY) manage.py serve 127.0.0.1:8000

## Run the whole test suite against a throwaway local stack
test: $(VENV)/.dev-installed
	$(PY) -m pytest

## Run the local Supabase-compatible stack alone (prints KEY=value settings)
local-supabase: $(VENV)/.runtime-installed
	$(PY) manage.py local_supabase

## Apply supabase_migrations/ to the database at DATABASE_URL (a real Supabase project)
migrate: $(VENV)/.runtime-installed
	$(PY) manage.py supabase_migrate

lint: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check .

bench: $(VENV)/.dev-installed
	$(PY) bench/rest_overhead.py

clean:
	rm -rf $(VENV) .local_supabase .pytest_cache
