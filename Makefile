# The README's two commands are `make run` and `make test`; both set up .venv on first use.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)
export PYTHONHASHSEED := 0
export NATOASIA_CORPUS ?= $(abspath ../shared/corpus)
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.py))
JOBS ?= 2

.PHONY: setup run test browser notebooks site bench lint clean

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	$(PY) -m pip check --disable-pip-version-check
	touch $@

## run: execute every notebook from its .py source, then build the site
run: notebooks site

notebooks: $(STAMP)
	$(PY) -m natoasia.cli execute --jobs $(JOBS) $(NOTEBOOKS)
	$(PY) -m natoasia.cli student

site: $(STAMP)
	$(PY) -m sphinx -W --keep-going -b html -j auto site site/_build/html -q
	@echo "site built: site/_build/html/index.html"

## test: every test, offline, notebooks in parallel (a notebook's cells stay on one worker)
test: $(STAMP) browser
	NATOASIA_OFFLINE=1 PYTHONPATH=$(CURDIR)/tools/offline \
	  $(PY) -m pytest -n $(JOBS) --dist loadfile --nbval notebooks tests

## browser: Debian's chromium for the browser tests (installed once, when missing)
browser:
	@command -v chromium >/dev/null || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

bench: $(STAMP)
	for script in bench/bench_*.py; do $(PY) $$script || exit 1; done

lint: $(STAMP)
	$(PY) -m ruff check src tests bench notebooks site

clean:
	rm -rf site/_build site/generated .pytest_cache
