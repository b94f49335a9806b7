# Plaza: `make run` to try it, `make test` to check everything.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
WEB_INSTALLED := web/node_modules/.installed
WEB_BUILT := web/dist/index.html
WEB_SOURCES := $(shell find web/src web/public -type f 2>/dev/null) web/index.html web/vite.config.ts web/tsconfig.json web/src/api/openapi.json

.PHONY: run install web test check lint format typecheck pytest openapi clean

run: install web ## Install, build, migrate, seed demo data and serve on http://127.0.0.1:8000
	$(BIN)/plaza migrate
	$(BIN)/plaza demo
	$(BIN)/plaza serve

install: $(INSTALLED)

$(INSTALLED): pyproject.toml constraints.txt sdk/python/pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --constraint constraints.txt --editable '.[dev]' --editable sdk/python
	touch $@

$(WEB_INSTALLED): web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund --loglevel=error
	touch $@

web: $(WEB_BUILT)

$(WEB_BUILT): $(WEB_INSTALLED) $(WEB_SOURCES)
	cd web && npm run build

openapi: install ## Regenerate the API document and the web client's types from the backend
	$(BIN)/plaza openapi --out web/src/api/openapi.json --typescript web/src/api/schema.gen.ts

test: check pytest ## Lint, type-check and run the whole suite

check: lint typecheck

lint: install
	$(BIN)/ruff format --check src tests bench sdk/python miniapps
	$(BIN)/ruff check src tests bench sdk/python miniapps

format: install
	$(BIN)/ruff format src tests bench sdk/python miniapps
	$(BIN)/ruff check --fix src tests bench sdk/python miniapps

typecheck: install $(WEB_INSTALLED)
	$(BIN)/mypy
	cd web && npm run typecheck

pytest: install web
	$(BIN)/pytest

clean:
	rm -rf $(VENV) web/node_modules web/dist var test-artifacts
