# Two commands for a newcomer: `make run` and `make test`. Each sets itself up.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed-stamp
PORT ?= 8000
export PYTHONDONTWRITEBYTECODE := 1
# The app refuses to start without SECRET_KEY (DEBUG off): unless one is set,
# every target uses a random key made once for this checkout (var/, not in git).
SECRET_KEY ?= $(shell test -s var/secret_key || { mkdir -p var && python3 -c "import secrets; print(secrets.token_urlsafe(50))" > var/secret_key; }; cat var/secret_key)
export SECRET_KEY

.PHONY: setup run test lint format messages migrate seed bench screenshots clean lock

$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $(STAMP)

setup: $(STAMP) messages

# Compiled catalogues are built, not committed (gettext's msgfmt is on our machines).
messages: $(STAMP)
	$(PY) manage.py compilemessages --locale es --ignore=.venv --verbosity 0

migrate: setup
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo

run: seed
	$(PY) manage.py collectstatic --noinput --verbosity 0
	PORT=$(PORT) $(BIN)/python scripts/serve.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# One pytest process per core (pytest-xdist); each has its own test database.
# PYTEST_ARGS adds options or paths, e.g. PYTEST_ARGS="-n 0 tests/academy".
test: setup lint
	$(BIN)/pytest -n auto $(PYTEST_ARGS)

# Speed and memory, measured on loopback (~5 minutes; figures in docs/):
# a large cohort in a database of its own, gunicorn + Celery, wrk and 20 autosaving
# editors (bench/run.py), then PDF exports through a real worker (bench/pdf_bench.py).
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/academy
BENCH_BROKER_URL ?= redis://127.0.0.1:6379/6
bench: setup
	$(PY) bench/run.py
	DATABASE_URL=$(BENCH_DATABASE_URL) CELERY_BROKER_URL=$(BENCH_BROKER_URL) \
		$(PY) bench/pdf_bench.py --runs 3

# Key pages at desktop and phone widths, in Spanish and English: docs/screenshots/.
screenshots: setup
	$(PY) scripts/screenshots.py

# Refresh the pinned versions after changing dependencies in pyproject.toml.
lock: $(STAMP)
	$(PY) -m pip freeze --exclude-editable | grep -v '^-e' > constraints.txt

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
