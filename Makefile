# `make demo`: set everything up and scan the bundled sample inventory (offline).
# `make test`: set everything up and run the whole test suite with the linters.
# Both build their own virtual environment in .venv from nothing but python3.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEMO_DIR ?= demo-output

.PHONY: venv test lint demo benchmark clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

venv: $(STAMP)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest

demo: $(STAMP)
	mkdir -p $(DEMO_DIR)
	$(BIN)/auditor validate sample_inventory.yaml
	$(BIN)/auditor scan sample_inventory.yaml --offline --as-of 2026-11-24 --fail-on never
	$(BIN)/auditor scan sample_inventory.yaml --offline --as-of 2026-11-24 --fail-on never \
		--format json --output $(DEMO_DIR)/results.json
	@echo "JSON results: $(DEMO_DIR)/results.json"

benchmark: $(STAMP)
	$(BIN)/python -m benchmarks.scan_bench

clean:
	rm -rf $(VENV) $(DEMO_DIR) build dist .mypy_cache .pytest_cache .ruff_cache
