# Two commands on a fresh machine: `make run` and `make test`. Nothing else is needed.
# The newest Python 3.11+ on PATH is used; Django 6 comes with Python 3.12+,
# Django 5.2 LTS with Python 3.11 (Debian 12).
PYTHON ?= $(shell for p in python3.14 python3.13 python3.12 python3.11 python3; do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1 && { echo $$p; break; }; done)
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: run install migrate demo test lint format clean

$(VENV)/.installed: pyproject.toml
	@if [ ! -x $(BIN)/python ]; then \
		test -n "$(PYTHON)" || { echo "Python 3.11 eller nyare saknas / Python 3.11+ is required (apt-get install python3 python3-venv)"; exit 1; }; \
		echo "$(PYTHON) -m venv $(VENV)"; $(PYTHON) -m venv $(VENV); \
	fi
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(VENV)/.installed

migrate: install
	$(BIN)/medborgarloften migrate --noinput

demo: migrate
	$(BIN)/medborgarloften loadref
	$(BIN)/medborgarloften demo

# The demo's open data name a contact, as an installation's must (docs/api.md): an
# address of the reserved .example domain unless API_CONTACT_EMAIL is set.
run: export API_CONTACT_EMAIL ?= oppnadata@kalmar.example
# The background worker (document imports) runs beside the server and stops with it.
run: demo
	@$(BIN)/medborgarloften worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/medborgarloften serve --host $(HOST) --port $(PORT)

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/medborgarloften manage makemigrations --check --dry-run

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
