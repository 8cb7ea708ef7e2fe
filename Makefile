# The single face of smk. `make help` lists the targets.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.smk-installed
UV_VERSION := 0.13.9

.DEFAULT_GOAL := help
.PHONY: help install lab worksheet blank-worksheet report test check lint bench data notebooks lock clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

# Re-install only when the lock or the project metadata changed.
$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "smk needs Python 3.11 or newer; run e.g. make PYTHON=python3.12 $(MAKECMDGOALS)"; exit 2; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (smk)" >/dev/null
	touch $@

install: $(STAMP)  ## create .venv and install the locked dependencies (idempotent)

lab: $(STAMP)  ## open the course in JupyterLab on your own copy of the lessons, ~/smk/lessons (127.0.0.1, token)
	$(BIN)/smk lab

worksheet: $(STAMP)  ## open the sales-vs-marketing worksheet in the browser (Voila on 127.0.0.1)
	$(BIN)/smk worksheet

blank-worksheet: $(STAMP)  ## write build/blank-worksheet.html and .pdf, to print for a class
	$(BIN)/smk blank-worksheet --out build

report: $(STAMP)  ## write The Book Hub's report to report/ (HTML, notebook, metrics.json); smk report DIR for yours
	$(BIN)/smk report --out report

test: lint  ## run the whole test suite (lint, unit tests, doctests, notebooks, kernels, browser)
	@if ! command -v chromium >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
	    || echo "apt-get could not install chromium; the browser tests will say so"; \
	fi
	$(BIN)/python -m pytest -n 2 --dist loadscope --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg

check: lint  ## the fast tier for the edit loop: unit tests and doctests, no kernels, browsers or wheel builds
	$(BIN)/python -m pytest -n 2 -m "not slow and not browser"

lint: $(STAMP)  ## ruff's lint and format rules, and the one-way layers of the package (import-linter)
	$(BIN)/ruff check --no-cache .
	$(BIN)/ruff format --no-cache --check .
	$(BIN)/lint-imports --no-cache

bench: $(STAMP)  ## time smk against DuckDB at 10k, 100k and 1M orders, start-up and reports (FULL=1 adds 10M); writes build/bench/results.json
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r bench/requirements.lock
	$(BIN)/python bench/run.py $(if $(FULL),--full)

data: $(STAMP)  ## regenerate the example data, then the generated parts of data/README.md (contract tables, figures) and the README's limits
	$(BIN)/python -m smk_helpers.dev.bookhub data/bookhub
	$(BIN)/python -m smk_helpers.dev.b2b data/northway
	$(BIN)/python -m smk_helpers.dev.readmes

notebooks: $(STAMP)  ## re-execute the lessons, the worksheet and the report notebook in place so their stored outputs are current
	$(BIN)/python -m smk_helpers.dev.notebooks notebooks/*.ipynb worksheets/*.ipynb smk_helpers/reports/report.ipynb

lock:  ## re-resolve requirements.lock (and bench/requirements.lock, with the bench extra) from pyproject.toml, then sync environment.yml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet uv==$(UV_VERSION)
	$(BIN)/uv pip compile pyproject.toml --extra test --universal --python-version 3.11 \
	  --fork-strategy fewest --no-header --annotation-style line -o requirements.lock
	$(BIN)/uv pip compile pyproject.toml --extra test --extra bench --universal --python-version 3.11 \
	  --fork-strategy fewest --no-header --annotation-style line -c requirements.lock -o bench/requirements.lock
	$(BIN)/python -m smk_helpers.dev.envfile requirements.lock environment.yml

clean:  ## remove the venv and build leftovers (never your data)
	rm -rf $(VENV) build dist *.egg-info
