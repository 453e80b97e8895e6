# Two entry points for a fresh clone: `make run` and `make test`. Both create .venv on
# first use; nothing needs installing by hand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test install install-test lint check bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamp files keep repeat runs fast and re-install when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

run: install
	$(BIN)/mythquiz

# tmux drives the end-to-end tests of the real command; install it if missing.
tmux:
	@command -v tmux >/dev/null 2>&1 || { \
	  echo "installing tmux for the end-to-end tests"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq tmux >/dev/null; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq tmux >/dev/null; fi; }

# Headless Chromium renders `mythquiz serve` in the browser tests; install it if missing.
.PHONY: chromium
chromium:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { \
	  echo "installing chromium for the browser tests of mythquiz serve"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi; }

# axe-core checks the live room's pages for accessibility problems in the browser tests;
# it comes from the npm registry into node_modules/ (not committed).
.PHONY: axe
axe:
	@command -v npm >/dev/null 2>&1 || { \
	  echo "installing npm to fetch axe-core"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; fi; }
	@test -f node_modules/axe-core/axe.min.js || { \
	  echo "installing axe-core for the accessibility tests of the live room"; \
	  npm install --no-save --no-audit --no-fund --no-package-lock 'axe-core@>=4.10 <5' >/dev/null; }

# Static checks before any test: a finding stops the run (rules in pyproject.toml).
lint: install-test
	$(BIN)/ruff check
	$(BIN)/mypy

test: install-test lint tmux chromium axe
	$(BIN)/python tests/run.py

check: install
	$(BIN)/mythquiz check

# After editing content/ or corpus/: check the embedded pack and ship it checked
# (tui/core/embedded_pack.json; make test fails while it is stale).
.PHONY: pack
pack: install
	$(BIN)/python -m tui.core.shipped --write

bench: install tmux
	$(BIN)/python benchmarks/bench.py

# Do the tests notice a broken rule? One-change mutants of the core modules run against
# their tests (minutes, not seconds; not part of make test). MODULES=engine scoring …
.PHONY: mutation
mutation: install-test
	$(BIN)/python tests/mutation.py $(MODULES)

clean:
	rm -rf $(VENV) build dist .pytest_cache
