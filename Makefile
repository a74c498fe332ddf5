# Two commands on a fresh machine: `make run` and `make test`. Everything else is optional.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: help install run test lint openapi clients check-pack clinical-report migrate lock docker-smoke hostile-run bench bench-profile bench-assessment bench-locator clean web

help:
	@echo "make run      serve the API on http://127.0.0.1:8000 (embedded PostgreSQL unless DATABASE_URL is set)"
	@echo "make test     run the test suite (embedded PostgreSQL unless TEST_DATABASE_URL is set)"
	@echo "make lint     ruff check, ruff format --check and mypy (service/), the pinned versions"
	@echo "make web      what the browser tests need: clients/web npm ci, Debian chromium (as root)"
	@echo "make openapi  regenerate openapi/openapi.json from the code"
	@echo "make clients  regenerate the Python and TypeScript clients from openapi/openapi.json (needs npm)"
	@echo "make clinical-report  the safety vignettes against the ruleset: misses, answers needed (docs/clinical)"
	@echo "make migrate  apply migrations to DATABASE_URL"
	@echo "make lock     re-pin requirements/*.lock from pyproject.toml"
	@echo "make bench    HTTP benchmark under gunicorn vs bare Flask endpoints (JSON; the locator as raw SQL) (needs wrk)"
	@echo "make bench-profile  the same scenarios in-process: time per request, PROFILE=1 for a pyinstrument tree"
	@echo "make docker-smoke  build the image and prove it serves (root, docker.io, debootstrap)"
	@echo "make bench-assessment  in-process CPU µs per assessment evaluation on one core (target <= 100 µs)"
	@echo "make bench-locator  1M-provider search benchmark, BENCH_ARGS=\"--providers 8000000\" for 8M (embedded PostgreSQL unless BENCH_DATABASE_URL)"
	@echo "make hostile-run  schemathesis with every check through gunicorn (issue 14's run; minutes)"
	@echo "make clean    remove the virtualenv and the embedded databases"

# Pinned dependencies from the lockfile, then the project itself (editable, no dependency resolution).
$(STAMP): pyproject.toml requirements/dev.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is required")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/dev.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)

install: $(STAMP)

run: install
	$(PY) -m service.devserver

test: install web
	$(PY) -m pytest $(PYTEST_ARGS)

# The same checks as .pre-commit-config.yaml; tests/test_lint.py runs ruff check and mypy too.
# Every step runs, and the target fails if any did.
lint: install
	@status=0; \
	$(VENV)/bin/ruff check . || status=1; \
	$(VENV)/bin/ruff format --check . || status=1; \
	$(VENV)/bin/mypy || status=1; \
	exit $$status

# What tests/browser needs: clients/web's node_modules (esbuild, axe-core) and Debian's chromium,
# installed with apt-get when running as root (never a downloaded browser); else they skip, saying so.
web:
	@if ! command -v npm >/dev/null; then echo "web: npm not found, the web bundle is not rebuilt"; \
	elif [ ! clients/web/node_modules/.package-lock.json -nt clients/web/package-lock.json ]; then \
	  cd clients/web && npm ci --no-audit --no-fund; fi
	@if [ ! -x /usr/bin/chromium ] && ! command -v chromium >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || echo "web: could not install chromium; the browser tests will be skipped"; \
	  else echo "web: no chromium and not root; the browser tests will be skipped (apt-get install chromium)"; fi; \
	fi

openapi: install
	$(PY) -m service.openapi_export openapi/openapi.json

# Pinned generators: openapi-python-client and ruff from dev.lock, openapi-typescript from package-lock.json.
clients: install
	cd clients/typescript && npm ci --no-audit --no-fund
	$(PY) clients/generate.py

check-pack: install
	$(PY) -m flask --app service.openapi_export:offline_app content check

# A report, not a gate (the safety tests are the gate): exits 0 whatever the misses.
clinical-report: install
	$(PY) tools/clinical_report.py

migrate: install
	@test -n "$(DATABASE_URL)" || (echo "DATABASE_URL is not set" >&2; exit 1)
	$(PY) -m alembic upgrade head

bench: install
	$(PY) bench/http_bench.py $(BENCH_ARGS)

# Every pin with its sha256 hashes: pip then installs in hash-checking mode (here and in the image)
# and refuses any file that differs from the one locked. pip and setuptools are pinned too
# (--allow-unsafe): hash mode needs every requirement locked, and Python 3.12+ venvs lack setuptools.
LOCK_FLAGS := -q --strip-extras --no-emit-index-url --no-emit-find-links --generate-hashes --allow-unsafe
lock: install
	$(PY) -m piptools compile $(LOCK_FLAGS) -o requirements/runtime.lock pyproject.toml
	$(PY) -m piptools compile $(LOCK_FLAGS) --extra dev --extra embedded -o requirements/dev.lock pyproject.toml

# pyinstrument comes from dev.lock; PROFILE=1 prints where each scenario's time goes.
bench-profile: install
	$(PY) bench/profile_requests.py $(if $(PROFILE),--profile) $(BENCH_ARGS)

docker-smoke: install
	bash ops/docker-smoke.sh

bench-assessment: install
	$(PY) bench/assessment_bench.py

# Not part of `make test` (minutes): schemathesis CLI, every check, 100 examples, stateful,
# through gunicorn on a scratch database (tools/hostile_run.py).
hostile-run: install
	$(PY) tools/hostile_run.py

# Not part of `make test`: loads 1,000,000 providers into a scratch database (a few minutes).
bench-locator: install
	$(PY) -m bench.locator_bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .data *.egg-info
