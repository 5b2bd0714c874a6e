# Repayable's command index. `make run` serves the app; `make test` runs every check and test.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
# Where `make run` and `make dev` listen (one person, this machine), and where `make serve` does
# (nginx, for everyone): HOST and PORT override both.
RUN_ADDRESS = $(or $(HOST),127.0.0.1):$(or $(PORT),8000)
SERVE_ADDRESS = $(or $(HOST),0.0.0.0):$(or $(PORT),8080)
PYTEST_ARGS ?=
# Test workers (pytest-xdist): one per core by default; PYTEST_WORKERS=0 runs in one process.
# Work stealing: a worker that runs out takes tests from the other, so the browser tests' long
# runs do not leave one core idle at the end (about 40 s off the suite).
PYTEST_WORKERS ?= auto

# A local run keeps a generated secret key in data/ unless DJANGO_SECRET_KEY is already set.
RUN_ENV = DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-$$(cat data/secret_key)}"
# Tests run with DEBUG off, as in production, with a throwaway key.
TEST_ENV = DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-test-only-key-not-secret-0123456789-abcdefghijklmnop}" DJANGO_DEBUG=false
# Commands that only read code (messages) need no production secrets.
TOOL_ENV = DJANGO_DEBUG=true

.PHONY: help run serve loopback-only dev test test-faults lint format messages compilemessages static migrate bench clean

help:
	@echo "make run        serve the app to yourself with gunicorn at http://$(RUN_ADDRESS) (SQLite in data/)"
	@echo "make serve      serve it to everyone as production does: nginx in front of gunicorn at http://$(SERVE_ADDRESS)"
	@echo "make dev        Django's runserver with DEBUG on"
	@echo "make test       lint, Django checks, migrations check and every test (browser too)"
	@echo "make test-faults  the fault tests alone (Redis, and PostgreSQL: stops the cluster)"
	@echo "make lint       ruff (lint and format), the import contracts (lint-imports) and djLint (templates)"
	@echo "make format     ruff format and fix, and djLint's reformat of the templates"
	@echo "make messages   update locale/zh_Hans/LC_MESSAGES/django.po from the code"
	@echo "make bench      engine and load benchmarks (needs wrk)"

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Repayable needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime-installed: requirements.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@ $(VENV)/.runtime-installed

data/secret_key: | $(PY)
	@mkdir -p data
	@umask 077 && $(PY) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

# gettext's msgfmt when it is installed; otherwise a pure-Python compiler, so that a machine
# with only Python and make can still run the app in Chinese.
compilemessages: $(VENV)/.runtime-installed
	@if command -v msgfmt >/dev/null 2>&1; then \
		$(TOOL_ENV) $(PY) manage.py compilemessages --ignore='.venv' --verbosity 0; \
	else \
		$(PY) scripts/compile_messages.py; \
	fi

messages: $(VENV)/.runtime-installed
	@# The lock lets several people update the catalogue one after the other (see scripts/po_fill.py).
	flock locale/zh_Hans/LC_MESSAGES/django.po env $(TOOL_ENV) $(PY) manage.py makemessages --locale zh_Hans --ignore '.venv/*' --ignore 'staticfiles/*' --ignore 'test-artifacts/*' --no-obsolete --add-location file

# The cache (rate limits, cached pages) is a table in the database unless REDIS_URL is set, and
# the fallback for rate limits while Redis is away: createcachetable makes it (idempotent).
# The guidance texts live in content/; load_content makes the database match them (idempotent).
migrate: $(VENV)/.runtime-installed data/secret_key
	$(RUN_ENV) $(PY) manage.py migrate --noinput
	$(RUN_ENV) $(PY) manage.py createcachetable
	$(RUN_ENV) $(PY) manage.py load_content

static: $(VENV)/.runtime-installed data/secret_key
	$(RUN_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0

# gunicorn's sync workers on their own are for one person on this machine: a handful of slow
# connections would hold every worker. Anything else is what `make serve` is for.
loopback-only:
	@case "$(or $(HOST),127.0.0.1)" in \
		127.*|localhost|::1|"[::1]") ;; \
		*) echo "make run serves one person on this machine (HOST=127.0.0.1)." >&2; \
		   echo "To serve others, use make serve: nginx in front of gunicorn (README, \"Serving\")." >&2; \
		   exit 2 ;; \
	esac

run: loopback-only $(VENV)/.runtime-installed data/secret_key migrate compilemessages static
	$(RUN_ENV) exec $(VENV)/bin/gunicorn --config config/gunicorn.conf.py --bind $(RUN_ADDRESS) config.wsgi

# nginx (apt-get install nginx) in front of gunicorn, run as whoever runs make, with its files in
# data/nginx/: see `manage.py serve` (apps/core/management/commands/serve.py) and deploy/nginx.conf.
serve: $(VENV)/.runtime-installed data/secret_key migrate compilemessages static
	$(RUN_ENV) exec $(PY) manage.py serve $(SERVE_ADDRESS)

dev: $(VENV)/.dev-installed compilemessages
	DJANGO_DEBUG=true $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=true $(PY) manage.py createcachetable
	DJANGO_DEBUG=true $(PY) manage.py load_content
	DJANGO_DEBUG=true exec $(PY) manage.py runserver $(RUN_ADDRESS)

lint: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/djlint templates --check
	$(VENV)/bin/djlint templates --lint

format: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	@# djLint exits 1 when it rewrote a file, and a first pass can leave a little for a second:
	@# the second must find nothing to change.
	$(VENV)/bin/djlint templates --reformat --quiet || $(VENV)/bin/djlint templates --reformat --quiet

test: $(VENV)/.dev-installed compilemessages lint
	$(TEST_ENV) $(PY) manage.py check --fail-level WARNING
	@# The models against the migrations needs no database: an empty one in memory, so that a fresh
	@# clone (no data/ yet) does not warn that the default SQLite file cannot be opened.
	$(TEST_ENV) DATABASE_URL=sqlite://:memory: $(PY) manage.py makemigrations --check --dry-run
	$(TEST_ENV) $(PY) -m pytest -n $(PYTEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

# The fault tests (tests/core/test_faults.py) alone, in one process: with DATABASE_URL on
# PostgreSQL and REPAYABLE_FAULT_PG_CLUSTER naming its cluster ("15 main"), one of them stops and
# starts that cluster, which would break any test running beside it.
test-faults: $(VENV)/.dev-installed compilemessages
	$(TEST_ENV) $(PY) -m pytest -p no:xdist -m faults $(PYTEST_ARGS)

# The engine against numpy-financial (BLAS pinned to one thread for steady figures), the whole
# app under load (gunicorn on loopback driven by wrk: apt-get install wrk), and a first visit
# to the loan form on a throttled phone connection (Chromium).
bench: $(VENV)/.dev-installed compilemessages
	OPENBLAS_NUM_THREADS=1 $(PY) bench/bench_engine.py
	$(PY) bench/bench_load.py
	$(PY) bench/bench_phone.py

clean:
	rm -rf staticfiles .pytest_cache .ruff_cache .hypothesis
	find . -name '*.mo' -path './locale/*' -delete
