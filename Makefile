# The two commands a newcomer needs are `make run` and `make test`; everything else is a step of
# theirs. Every target is safe to run again: it does only what is out of date.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PORT ?= 8000
# The address links in e-mails and on certificates point at, for every step (demo data included).
export MEDIATION_PORT := $(PORT)
VENV := .venv
PY := $(VENV)/bin/python
UV_VERSION := 0.13.9
export DJANGO_SETTINGS_MODULE ?= config.settings.dev

.PHONY: help setup python-deps node-deps assets db run test lint format lock clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

setup: python-deps assets db ## Install everything, build assets, migrate, load reference and demo data

python-deps: $(VENV)/.installed
$(VENV)/.installed: requirements/dev.lock
	@set -e; \
	if [ ! -x "$(PY)" ] || ! "$(PY)" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then \
	  python=$$(scripts/find_python.sh); \
	  echo "Creating $(VENV) with $$python"; \
	  rm -rf $(VENV); "$$python" -m venv $(VENV); \
	fi
	$(PY) -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"
	$(VENV)/bin/uv pip sync --quiet --python $(PY) --require-hashes requirements/dev.lock
	@touch $@

node-deps: node_modules/.installed
node_modules/.installed: package-lock.json
	@command -v npm >/dev/null || { echo "npm (Node.js 20 or newer) is needed: install Node.js from your package manager or https://nodejs.org/" >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

assets: build/static/.built
build/static/.built: node_modules/.installed scripts/build_assets.mjs $(shell find frontend -type f 2>/dev/null)
	npm run --silent build
	@touch $@

db: python-deps ## Migrate and load reference data (and demo data where allowed)
	@mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable
	$(PY) manage.py load_reference_data
	$(PY) manage.py load_demo_data --if-allowed

run: setup ## Serve on http://127.0.0.1:$(PORT) with the task worker alongside
	@echo "Starting the service on http://127.0.0.1:$(PORT)/ (Ctrl-C stops it). E-mails are written to var/mail/."
	MEDIATION_PORT=$(PORT) $(VENV)/bin/honcho start -f Procfile.dev

test: setup ## Run the whole test suite (browser tests need Chromium: see README)
	DJANGO_SETTINGS_MODULE=config.settings.test $(VENV)/bin/pytest $(PYTEST_ARGS)

lint: python-deps node-deps ## Linters, formatting, types, layering and template checks
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/djlint mediation --lint

format: python-deps ## Format the code
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

lock: python-deps ## Re-pin requirements/*.lock from pyproject.toml
	$(VENV)/bin/uv pip compile pyproject.toml --universal --python-version 3.12 --generate-hashes -o requirements/base.lock -q
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --universal --python-version 3.12 --generate-hashes -o requirements/dev.lock -q

clean: ## Remove the virtualenv, node modules, built assets and local data
	rm -rf $(VENV) node_modules build var
