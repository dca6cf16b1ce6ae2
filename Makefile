# The two set-up commands: `make book` and `make test`. Both work on a fresh machine.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
BIN    := $(VENV)/bin
REPORT := data/raw/eg-cybercrime-2019-draft-report-addendum.txt
STAMP  := $(VENV)/.installed
WHEELS := .wheelhouse

.PHONY: book test env data assets lint unit browser live lab bench lock metadata binder-check clean chromium

## env: virtual environment installed from the lock file, plus the project package (editable).
## The install runs offline from $(WHEELS), the lock's wheels; when one is missing, they are
## fetched first (the only step that needs PyPI). The installed-wheel test installs from there.
PIP_OFFLINE := $(PY) -m pip install --quiet --disable-pip-version-check --no-index \
  --find-links $(WHEELS) -r requirements.lock
$(STAMP): requirements.lock pyproject.toml setup.py
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP_OFFLINE) 2>/dev/null || { \
	  $(PY) -m pip wheel --quiet --disable-pip-version-check --no-deps -r requirements.lock \
	    -w $(WHEELS) && $(PIP_OFFLINE); }
	$(PY) -m pip install --quiet --disable-pip-version-check --no-index --no-deps \
	  --no-build-isolation -e .
	$(PY) -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)
env: $(STAMP)

## Files whose change means a step must run again (make compares their times with the step's
## output): a rebuild with nothing changed runs no step and takes well under a second.
SRC_FILES  := $(shell find src -name '*.py' -o -name '*.yml' -o -name '*.json' | grep -v egg-info)
DATA_IN    := $(wildcard data/raw/*.txt data/external/* data/*.yml data/annotations/*)
DATA_PKG   := data/processed/datapackage.json
VENDORED   := book/_assets/vendor/.vendored
BOOK_IN    := $(shell find book -type f ! -path 'book/_assets/vendor/*' ! -path '*/.ipynb_checkpoints/*' \
                ! -path '*/__pycache__/*') _config.yml _toc.yml references.bib CITATION.cff

## data: extract the shipped report (the one .txt in data/raw) into data/processed (again when
## the report, the reference tables, the rules or the package's code changed)
data: $(DATA_PKG)
$(DATA_PKG): $(STAMP) $(DATA_IN) $(SRC_FILES)
	$(PY) -m cybercrime_eg extract $(wildcard data/raw/*.txt) --out data/processed --external data/external
	@touch $@

## assets: vendored JavaScript from the npm lock (a partial plotly.js bundle built with esbuild,
## checked against the plotly wheel's version; the world topojson;
## axe-core for the browser checks) in book/_assets/vendor
assets: $(VENDORED)
$(VENDORED): $(STAMP) package.json package-lock.json tools/vendor_assets.py
	$(PY) tools/vendor_assets.py
	@touch $@

## book: the static HTML book in _build/html (strict: warnings are errors; notebooks executed
## through the jupyter-cache in _build/.jupyter_cache, cleared when src/ or data/ change).
## `make book REPORT=path/to/report.txt` builds the same book for another report of the series:
## its tables go to _build/report-data/processed (data/processed stays as shipped) and the
## notebooks read them through $CYBERCRIME_EG_DATA; the notebook cache is cleared before and
## after, so the next plain `make book` is the shipped report's again. BOOK_OUT=dir builds into
## dir/_build/html instead (the report book test uses it to leave _build/html as it is).
BOOK_OUT ?= .
REPORT_DATA = $(BOOK_OUT)/_build/report-data
JB_BUILD = $(BIN)/jupyter-book build . -W -n --keep-going $(if $(filter .,$(BOOK_OUT)),,--path-output $(BOOK_OUT))
BOOK_STAMP = $(BOOK_OUT)/_build/html/.cyb-built
ifeq ($(abspath $(REPORT)),$(abspath $(wildcard data/raw/*.txt)))
book: $(BOOK_STAMP)
else
book: data assets
	@test -f "$(REPORT)" || { echo "error: $(REPORT): no such report file" >&2; exit 2; }; \
	  rm -f $(BOOK_STAMP) && rm -rf $(REPORT_DATA) && mkdir -p $(REPORT_DATA)/raw $(REPORT_DATA)/external && \
	  cp "$(REPORT)" $(REPORT_DATA)/raw/ && cp data/external/* $(REPORT_DATA)/external/ && \
	  cp data/*.yml $(REPORT_DATA)/ && cp -r data/annotations $(REPORT_DATA)/ && \
	  $(PY) -m cybercrime_eg extract "$(REPORT)" --out $(REPORT_DATA)/processed \
	    --external $(REPORT_DATA)/external || exit $$?; \
	  rm -rf _build/.jupyter_cache _build/.cyb-inputs.sha256; \
	  echo "CYBERCRIME_EG_DATA=$(abspath $(REPORT_DATA)) $(JB_BUILD)"; \
	  CYBERCRIME_EG_DATA=$(abspath $(REPORT_DATA)) $(JB_BUILD); \
	  status=$$?; rm -rf _build/.jupyter_cache _build/.cyb-inputs.sha256; exit $$status
endif
## the shipped report's book, built again only when one of its inputs changed
$(BOOK_STAMP): $(DATA_PKG) $(VENDORED) $(BOOK_IN) $(SRC_FILES) $(DATA_IN)
	$(JB_BUILD)
	@touch $@

## chromium: Debian's Chromium for the browser checks (root on CI and dev machines)
chromium:
	@test -x /usr/bin/chromium || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

## browser: only the browser checks of the built book (headless Chromium, network cut off)
browser: chromium book
	$(BIN)/pytest -q -m browser tests/browser

## lab: JupyterLab on the book's notebooks with the project's kernel (.venv), where the
## ipywidgets explorers answer live. Extra options: make lab LAB_ARGS="--port=8890 --no-browser"
LAB_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)
lab: data
	$(BIN)/jupyter-lab --ServerApp.root_dir=book $(LAB_ROOT) $(LAB_ARGS)

lint: env
	$(BIN)/ruff check setup.py src tests benchmarks tools book/_ext
	$(BIN)/ruff format --check setup.py src tests benchmarks tools book/_ext
	@nbs="$$(git ls-files '*.ipynb')"; if [ -n "$$nbs" ]; then $(BIN)/nbstripout --verify $$nbs && echo "notebooks carry no outputs"; fi

unit: env
	$(BIN)/pytest -q -m "not browser and not live"

## live: only the live checks: every notebook run in JupyterLab in headless Chromium, every
## ipywidgets control used (maps get the topojson that `make assets` vendors)
live: chromium assets
	$(BIN)/pytest -q tests/live

## test: the whole suite (lint, unit tests, then the book build and browser checks)
test: lint chromium book
	$(BIN)/pytest -q

## bench: benchmark scripts (print figures; the book benchmark rebuilds the book)
bench: data chromium assets
	$(PY) benchmarks/bench_extract.py
	$(PY) benchmarks/bench_themes.py
	$(PY) benchmarks/bench_book.py

## lock: re-resolve requirements.lock from pyproject.toml (needs network to PyPI)
lock:
	$(PY) -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra viz --extra book --extra lab --extra test \
	  --python-version 3.11 --no-header -o requirements.lock
	$(PY) tools/sync_environment.py

## binder-check: does environment.yml fit on top of Binder's (repo2docker's) base environment?
## (downloads the jupyter-repo2docker wheel and resolves with uv: needs PyPI)
binder-check: env
	$(PY) tools/check_binder.py

## metadata: write the repository address of pyproject.toml ([project.urls] Repository) into
## _config.yml, CITATION.cff and the README's links (tests/test_metadata.py checks they agree)
metadata: env
	$(PY) tools/sync_metadata.py

clean:
	rm -rf _build
