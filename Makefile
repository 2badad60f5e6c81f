# Two commands: `make run` and `make test`. Everything else is a step they use.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test install migrate seed lint format collectstatic messages screenshots bench clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
	@touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

collectstatic: install
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0

seed: migrate
	SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)} $(BIN)/python manage.py seed_demo

run: seed collectstatic
	@echo
	@echo "  igfportal is starting on http://127.0.0.1:$(PORT)"
	@echo "  Demo accounts (password: igfportal-demo):"
	@echo "    secretariat@example.org      Secretariat staff (also the Django admin at /admin/)"
	@echo "    dc-coordinator@example.org   coordinator of a Dynamic Coalition"
	@echo "    bpf-coordinator@example.org  coordinator of a Best Practice Forum"
	@echo "    mag-member@example.org       MAG member"
	@echo "    member@example.org           community member"
	@echo "  Emails the portal sends are written to var/mail/."
	@echo
	DEBUG=1 SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)} $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Translation catalogues: collect the strings marked for translation into locale/*/django.po
# (French, Spanish and Arabic must stay complete: tests/infra/test_translations.py), then
# compile them. Needs Debian's gettext; the compiled .mo files are committed.
LANGUAGES_TO_TRANSLATE := -l fr -l es -l ar -l ru -l zh_Hans
MESSAGES_IGNORE := --ignore=.venv --ignore=staticfiles --ignore=var --ignore=media --ignore=tests --ignore=test-results
messages: install
	$(BIN)/python manage.py makemessages $(LANGUAGES_TO_TRANSLATE) $(MESSAGES_IGNORE) --add-location=file --no-obsolete
	$(BIN)/python manage.py compilemessages $(LANGUAGES_TO_TRANSLATE) $(MESSAGES_IGNORE)

# The README's pictures of the main pages, taken by the browser test from the demo data that
# `make run` serves (Debian's Chromium at CHROMIUM_PATH, default /usr/bin/chromium).
screenshots: collectstatic
	SCREENSHOTS_DIR=docs/screenshots $(BIN)/python -m pytest -q tests/e2e/test_screenshots.py

# The benchmark of issue 9, on PostgreSQL only (SQLite is refused), never a production database:
#   DATABASE_URL=postgres://user:password@127.0.0.1:5432/igfportal_bench make bench
# It migrates, generates the scale data if there is none (BENCH_SIZE=small for a quick run),
# serves the portal with gunicorn, and prints every figure and target (BENCH_SECONDS per page,
# default 15); results go to var/bench/. BENCH_ARGS=--strict fails on a missed target.
bench: install
	DEBUG=0 $(BIN)/python manage.py run_benchmark $(BENCH_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: lint collectstatic
	$(BIN)/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) staticfiles var db.sqlite3
