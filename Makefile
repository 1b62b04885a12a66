# `make demo` and `make test` do all set-up on a fresh Debian machine, then run.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint bench bench-compare setup browser clean

# The demo shop's test account password is public on purpose (sample_sites/shop/cxcheck-serve.toml).
demo: setup
	SHOP_PASSWORD=wild-weather-2026 $(BIN)/cxcheck check --serve sample_sites/shop \
	  --journeys sample_sites/shop/journeys \
	  --json cxcheck-report/report.json --html cxcheck-report/report.html || [ $$? -eq 1 ]
	@echo "Open the report for product owners: file://$(CURDIR)/cxcheck-report/report.html"

test: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

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

clean:
	rm -rf $(VENV) cxcheck-report .pytest_cache
