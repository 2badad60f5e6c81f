# Two commands: `make run` and `make test`. Everything else is a step they use.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test install migrate seed lint format collectstatic bench clean

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
