# `make demo`: set everything up and scan the bundled sample inventory (offline).
# `make test`: set everything up and run the whole test suite with the linters.
# Both build their own virtual environment in .venv from nothing but python3.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEMO_DIR ?= demo-output

.PHONY: venv test lint demo benchmark clean

$(STAMP): pyproject.toml hatch_build.py auditor/inventory/_libyaml_values.c
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

# The sample's passwords are made up and kept in sample_secrets.env, exported for the scan.
# --fail-on never: the sample breaks the rules on purpose, and the demo should not fail.
SCAN_SAMPLE := set -a && . ./sample_secrets.env && set +a && $(BIN)/auditor scan --no-history \
	sample_inventory.yaml --offline --as-of 2026-11-24 --fail-on never

demo: $(STAMP)
	mkdir -p $(DEMO_DIR)
	$(BIN)/auditor validate sample_inventory.yaml
	$(SCAN_SAMPLE) --report $(DEMO_DIR)/audit.pdf --auditor "Pegawai Keselamatan ICT, JKM"
	$(SCAN_SAMPLE) --format json --output $(DEMO_DIR)/results.json
	$(BIN)/auditor report $(DEMO_DIR)/results.json -o $(DEMO_DIR)/audit-en.pdf --lang en \
		--auditor "ICT Security Officer, JKM" --assets .
	@echo "Audit report: $(DEMO_DIR)/audit.pdf (Malay), $(DEMO_DIR)/audit-en.pdf (English)"
	@echo "JSON results: $(DEMO_DIR)/results.json"

benchmark: $(STAMP)
	$(BIN)/python -m benchmarks.scan_bench

clean:
	rm -rf $(VENV) $(DEMO_DIR) build dist .mypy_cache .pytest_cache .ruff_cache
