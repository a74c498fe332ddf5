# Two commands on a fresh machine: `make run` and `make test`. Everything else is optional.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: help install run test openapi check-pack migrate bench-locator clean

help:
	@echo "make run      serve the API on http://127.0.0.1:8000 (embedded PostgreSQL unless DATABASE_URL is set)"
	@echo "make test     run the test suite (embedded PostgreSQL unless TEST_DATABASE_URL is set)"
	@echo "make openapi  regenerate openapi/openapi.json from the code"
	@echo "make migrate  apply migrations to DATABASE_URL"
	@echo "make bench-locator  1M-provider search benchmark (embedded PostgreSQL unless BENCH_DATABASE_URL)"
	@echo "make clean    remove the virtualenv and the embedded databases"

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is required")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev,embedded]'
	@touch $(STAMP)

install: $(STAMP)

run: install
	$(PY) -m service.devserver

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

openapi: install
	$(PY) -m service.openapi_export openapi/openapi.json

check-pack: install
	$(PY) -m flask --app service.openapi_export:offline_app content check

migrate: install
	@test -n "$(DATABASE_URL)" || (echo "DATABASE_URL is not set" >&2; exit 1)
	$(PY) -m alembic upgrade head

# Not part of `make test`: loads 1,000,000 providers into a scratch database (a few minutes).
bench-locator: install
	$(PY) -m bench.locator_bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .data *.egg-info
