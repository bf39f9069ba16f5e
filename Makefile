# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check

.PHONY: run serve test lint bench bench-resumes bench-interviews bench-scoring bench-reports bench-recordings bench-history bench-code-runs local-supabase migrate fuzz bench-load mutation mutation-policies clean

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

## Serve the API with gunicorn and the production configuration (backend/gunicorn.conf.py) on
## $(SERVE_ADDR); starts the local Supabase stack when SUPABASE_URL is unset, as `make run` does
SERVE_ADDR ?= 127.0.0.1:8000
serve: $(VENV)/.runtime-installed
	$(PY) manage.py serve --gunicorn $(SERVE_ADDR)

# supabase-js for tests/test_supabase_js.py (front ends' client, pinned by package-lock.json)
JS_TESTS := tests/js

$(JS_TESTS)/node_modules/.installed: $(JS_TESTS)/package.json $(JS_TESTS)/package-lock.json
	@command -v npm >/dev/null || { echo "Node.js >= 20 with npm is required (supabase-js tests)" >&2; exit 1; }
	npm ci --prefix $(JS_TESTS) --no-audit --no-fund --loglevel=error
	touch $@

## Run the whole test suite against a throwaway local stack
test: $(VENV)/.dev-installed $(JS_TESTS)/node_modules/.installed
	$(PY) -m pytest

## Run the local Supabase-compatible stack alone (prints KEY=value settings)
local-supabase: $(VENV)/.runtime-installed
	$(PY) manage.py local_supabase

## Apply supabase_migrations/ to the database at DATABASE_URL (a real Supabase project)
migrate: $(VENV)/.runtime-installed
	$(PY) manage.py supabase_migrate
	$(PY) manage.py load_question_bank

## Fuzz every operation against the OpenAPI schema for longer than `make test` does (schemathesis:
## FUZZ_EXAMPLES cases per operation plus the coverage phase; FUZZ_SEED=N for another seeded run)
fuzz: $(VENV)/.dev-installed
	FUZZ_EXAMPLES=$(or $(FUZZ_EXAMPLES),200) FUZZ_COVERAGE=1 $(PY) -m pytest tests/api/test_fuzz.py $(ARGS)

lint: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check .

bench: $(VENV)/.dev-installed
	$(PY) bench/rest_overhead.py

bench-resumes: $(VENV)/.dev-installed
	$(PY) bench/resume_parse.py

bench-interviews: $(VENV)/.dev-installed
	$(PY) bench/interview_turns.py

bench-scoring: $(VENV)/.dev-installed
	$(PY) bench/scoring_bench.py $(ARGS)

bench-reports: $(VENV)/.dev-installed
	$(PY) bench/report_pdf.py

bench-recordings: $(VENV)/.dev-installed
	$(PY) bench/recording_upload.py

bench-history: $(VENV)/.dev-installed
	$(PY) bench/history_scaling.py $(ARGS)

bench-code-runs: $(VENV)/.dev-installed
	$(PY) bench/code_runs.py $(ARGS)

## 1, 10 and 50 simulated candidates at once against gunicorn (production config), then a census in Postgres
bench-load: $(VENV)/.dev-installed
	$(PY) bench/load_interviews.py $(ARGS)

## Mutation testing (slow; not part of `make test`): every module, or MODULE=backend/llm_api/jwks.py
## (TESTS="tests/api/..." to choose the covering tests, JOBS=N mutants in parallel)
mutation: $(VENV)/.dev-installed
	$(PY) tools/mutation/modules.py $(if $(MODULE),--module $(MODULE)) $(if $(TESTS),--tests "$(TESTS)") $(if $(MUTANTS),--mutants "$(MUTANTS)") --jobs $(or $(JOBS),2)

## Mutation-test the RLS and storage policies against the schema tests (slow; not part of `make test`)
mutation-policies: $(VENV)/.dev-installed
	$(PY) -m tools.mutation.policies $(ARGS)

clean:
	rm -rf $(VENV) .local_supabase .pytest_cache $(JS_TESTS)/node_modules mutants
