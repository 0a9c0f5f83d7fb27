# The two commands: `make run` starts the portal with demo data; `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

# The suite runs on the real PostgreSQL and Redis (README.md, "make test"); override to point elsewhere,
# for example TEST_DATABASE_URL=postgres://user:password@host:5432/portal.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/portal
TEST_REDIS_URL ?= redis://127.0.0.1:6379/12

.PHONY: run test lint format check bench shell services chromium install clean messages compiled-messages

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found %s)." % sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.runtime-installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.runtime-installed

install: $(VENV)/.dev-installed

run: $(VENV)/.runtime-installed compiled-messages
	PORT=$(PORT) scripts/run.sh

# The Simplified Chinese catalogue, locale/zh_Hans/LC_MESSAGES/django.po. `make messages` collects every
# string marked for translation in templates and Python (keeping the translations already there) and
# compiles it; translate what it adds, then run it again. The compiled django.mo is committed, so a
# machine without gettext still shows Chinese; `run` and `test` recompile it when gettext is there.
MAKEMESSAGES_ARGS := -l zh_Hans --no-obsolete --ignore=.venv --ignore=tests --ignore=benchmarks --ignore=var
messages: $(VENV)/.runtime-installed
	@scripts/ensure-gettext.sh
	$(BIN)/python manage.py makemessages $(MAKEMESSAGES_ARGS)
	$(BIN)/python manage.py compilemessages -l zh_Hans --ignore=.venv

compiled-messages: $(VENV)/.runtime-installed
	@if scripts/ensure-gettext.sh; then $(BIN)/python manage.py compilemessages -l zh_Hans --ignore=.venv -v 0; \
	else echo "Using the committed locale/zh_Hans/LC_MESSAGES/django.mo."; fi

services:
	@scripts/ensure-services.sh

chromium:
	@scripts/ensure-chromium.sh

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

format: $(VENV)/.dev-installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: $(VENV)/.dev-installed services chromium compiled-messages
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(BIN)/mypy
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(BIN)/python manage.py makemigrations --check --dry-run
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(BIN)/pytest $(PYTEST_ARGS)

bench: $(VENV)/.dev-installed services
	@for script in benchmarks/*.py; do \
		echo "== $$script"; DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(BIN)/python $$script || exit 1; \
	done

shell: $(VENV)/.runtime-installed
	$(BIN)/python manage.py shell

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
