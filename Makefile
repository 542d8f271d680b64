# Two commands do everything: `make site` builds the site, `make test` runs every test.
# Works on a fresh Debian machine with Python 3.11, Node 20 and make, as root or not.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NPM_STAMP := node_modules/.installed
JOBS ?= 2

.PHONY: site install test test-fast browser-deps serve generate new-section anchors refs linkcheck lint format benchmarks clean release serve-versions lock theme-scripts pyodide-hashes

site: install
	$(BIN)/esoreview-build --jobs $(JOBS) site

# One-time install (venv with the locked dependencies + npm ci); afterwards plain
# `.venv/bin/mkdocs build --strict` and `.venv/bin/mkdocs serve` work too.
install: $(STAMP) $(NPM_STAMP)

test: browser-deps site
	$(BIN)/python -m pytest -n 2 --dist loadgroup

test-fast: $(STAMP) $(NPM_STAMP)
	$(BIN)/python -m pytest -m "not browser and not slow and not pyodide and not site"

# The browser tests drive Debian's chromium (never a downloaded one). As root it is installed
# here; otherwise `make test` stops before building, with the one command that fixes it.
browser-deps:
	@if [ -x /usr/bin/chromium ] && dpkg -s fonts-liberation >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends chromium fonts-liberation; \
	else \
	  echo "make test: browser tests need Debian's chromium; run: sudo apt-get install -y chromium fonts-liberation" >&2; \
	  exit 1; \
	fi

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

# make release VERSION=1.0: publish this commit as /1.0/ (+ `latest`) on the gh-pages branch
# with mike; refuses a dirty tree, a bad or existing version. README "Releasing and citing".
release: $(STAMP) $(NPM_STAMP)
	@$(BIN)/esoreview-build --jobs $(JOBS) release "$(VERSION)"

# Every released version, the version selector and the redirects, offline: http://127.0.0.1:8000/
serve-versions: $(STAMP)
	$(BIN)/esoreview-build serve-versions

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
	$(BIN)/python benchmarks/model_widgets.py
	$(BIN)/python benchmarks/explorer.py
	$(BIN)/python benchmarks/site.py
	$(BIN)/python benchmarks/hardening.py

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(NPM_STAMP): package-lock.json
	npm ci --no-audit --no-fund
	touch $@

clean:
	rm -rf site .build

# Supply chain: regenerate the hash-pinned lock from pyproject.toml's extras (keeps existing
# pins where they still fit; `make lock LOCK_ARGS="--upgrade-package NAME"` moves one), the theme's inline-script
# hashes (after upgrading mkdocs-material) and the Pyodide core files' hashes (after a new pin).
lock: $(STAMP)
	$(BIN)/uv pip compile pyproject.toml --extra build --extra dev -o requirements.lock \
		--python-version 3.11 --generate-hashes $(LOCK_ARGS)

theme-scripts: $(STAMP)
	$(BIN)/esoreview-build theme-scripts

pyodide-hashes: $(STAMP) $(NPM_STAMP)
	$(BIN)/esoreview-build pyodide-hashes
