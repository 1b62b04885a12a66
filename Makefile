# `make demo` and `make test` do all set-up on a fresh Debian machine, then run.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# A second environment with the lowest versions of the dependencies pyproject.toml allows.
MIN_VENV  := .venv-min
MIN_STAMP := $(MIN_VENV)/.installed
UNIT      := tests/unit tests/checks

.PHONY: demo test lint typecheck test-min bench bench-compare setup browser redis clean

# The demo shop's test account password is public on purpose (sample_sites/shop/cxcheck-serve.toml).
demo: setup
	SHOP_PASSWORD=wild-weather-2026 $(BIN)/cxcheck check --serve sample_sites/shop \
	  --journeys sample_sites/shop/journeys \
	  --json cxcheck-report/report.json --html cxcheck-report/report.html || [ $$? -eq 1 ]
	@echo "Open the report for product owners: file://$(CURDIR)/cxcheck-report/report.html"

test: setup redis $(MIN_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(MIN_VENV)/bin/python -m pytest $(UNIT) -q -p no:cacheprovider
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

typecheck: setup
	$(BIN)/mypy

# The unit tests with the lowest dependency versions pyproject.toml allows.
test-min: $(MIN_STAMP)
	$(MIN_VENV)/bin/python -m pytest $(UNIT) -q -p no:cacheprovider

bench: setup
	$(BIN)/python bench/crawl.py

bench-compare: setup
	$(BIN)/python bench/compare.py --pages 100,1000

setup: $(STAMP) browser

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# Pins each direct dependency at its lower bound (read from pyproject.toml, so the two cannot
# drift apart); test tools come at their newest. Made again when pyproject.toml changes.
$(MIN_STAMP): pyproject.toml .ci/lowest_requirements.py
	rm -rf $(MIN_VENV)
	$(PYTHON) -m venv $(MIN_VENV)
	$(MIN_VENV)/bin/pip install --quiet --upgrade pip
	$(PYTHON) .ci/lowest_requirements.py > $(MIN_VENV)/constraints.txt
	$(MIN_VENV)/bin/pip install --quiet -c $(MIN_VENV)/constraints.txt -e '.[test]'
	touch $(MIN_STAMP)

# A Chromium: Playwright's own if installed, else the system one, else Debian's (as root).
browser: $(STAMP)
	@$(BIN)/cxcheck doctor --quiet 2>/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing Chromium with apt-get"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "no Chromium found: run 'sudo apt-get install -y chromium' or '$(BIN)/python -m playwright install chromium'"; \
	    exit 1; \
	  fi; }
	@$(BIN)/cxcheck doctor

# A Redis server binary for the tests of shared runs (each test starts its own on a free
# 127.0.0.1 port: tests/redis_server.py); Debian's, as root, when none is installed.
redis:
	@command -v redis-server >/dev/null || command -v valkey-server >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing redis-server with apt-get"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; \
	  else \
	    echo "no redis-server found: run 'sudo apt-get install -y redis-server'"; \
	    exit 1; \
	  fi; }

clean:
	rm -rf $(VENV) $(MIN_VENV) cxcheck-report .pytest_cache .mypy_cache
