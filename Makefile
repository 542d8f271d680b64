# Two commands do everything: `make site` builds the site, `make test` runs every test.
# Works on a fresh Debian machine with Python 3.11, Node 20 and make, as root or not.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NPM_STAMP := node_modules/.installed
JOBS ?= 2

.PHONY: site test test-fast serve generate new-section anchors refs linkcheck lint format benchmarks clean

site: $(STAMP) $(NPM_STAMP)
	$(BIN)/esoreview-build --jobs $(JOBS) site

test: site
	$(BIN)/python -m pytest -n 2 --dist loadgroup

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not browser and not slow and not pyodide"

serve: $(STAMP) $(NPM_STAMP)
	$(BIN)/esoreview-build --jobs $(JOBS) serve

generate: $(STAMP) $(NPM_STAMP)
	$(BIN)/esoreview-build --jobs $(JOBS) generate

# make new-section NAME=angiogenesis TITLE="Angiogenesis"
new-section: $(STAMP)
	$(BIN)/esoreview-build new-section "$(NAME)" --title "$(TITLE)"

refs: $(STAMP)
	$(BIN)/esoreview-build refs

anchors: site
	$(BIN)/esoreview-build anchors --update

# Checks external links; needs the network, so it is not part of `make test`.
linkcheck: site
	$(BIN)/python -m esoreview.site.linkcheck --external site

lint: $(STAMP) $(NPM_STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check .
	npx --no-install eslint docs/js docs/sw.js

format: $(STAMP)
	$(BIN)/ruff format . && $(BIN)/ruff check --fix .

benchmarks: site
	$(BIN)/python benchmarks/build.py
	$(BIN)/python benchmarks/models.py
	$(BIN)/python benchmarks/widgets.py
	$(BIN)/python benchmarks/site.py

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(NPM_STAMP): package-lock.json
	npm ci --no-audit --no-fund
	touch $@

clean:
	rm -rf site .build
