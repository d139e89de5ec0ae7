# The README's two commands are `make run` and `make test`; the rest are their parts.
VENV      ?= .venv
PYTHON    ?= python3
PY        := $(VENV)/bin/python
FLASK     := $(VENV)/bin/flask --app portal
PYBABEL   := $(VENV)/bin/pybabel
PORT      ?= 5000
CHROMIUM_PATH ?= /usr/bin/chromium
PYTEST_ARGS ?=
# Tests run in parallel (pytest-xdist): each worker has its own database, and for browser tests
# its own live server, OIDC provider, mail catcher and Chromium. Browser tests mostly wait, so
# three workers beat two even on two cores. A file stays on one worker (--dist loadfile), so
# a file's tests keep their order and share their module fixtures. PYTEST_WORKERS=0: serial.
PYTEST_WORKERS ?= 3
PYTEST_PARALLEL := $(if $(filter 0,$(PYTEST_WORKERS)),,-n $(PYTEST_WORKERS) --dist loadfile)

.PHONY: run test install install-test pdf-libraries assets chromium lint unit e2e translations translations-compile benchmark clean

run: install assets translations-compile
	$(FLASK) setup
	PORT=$(PORT) $(PY) -m portal.devserver

test: install-test assets translations-compile chromium lint
	$(PY) -m pytest $(PYTEST_PARALLEL) $(PYTEST_ARGS)

$(VENV)/.installed: pyproject.toml
	sh scripts/ensure_debian_package.sh python3-venv $(PYTHON) -c "import ensurepip"
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed pdf-libraries

install-test: $(VENV)/.installed-test

# static/vendor/ from node_modules, then static-dist/: hashed names, gzip and brotli variants.
assets: install
	$(PY) scripts/build_assets.py

# Pango (libpangoft2 brings libpango) and DejaVu Sans: WeasyPrint draws the PDF receipt with them.
# HarfBuzz-Subset: without it WeasyPrint warns on import, which the tests turn into an error.
pdf-libraries:
	sh scripts/ensure_debian_package.sh libpangoft2-1.0-0 $(PYTHON) -c "import ctypes.util, sys; sys.exit(not ctypes.util.find_library('pangoft2-1.0'))"
	sh scripts/ensure_debian_package.sh fonts-dejavu-core test -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
	sh scripts/ensure_debian_package.sh libharfbuzz-subset0 $(PYTHON) -c "import ctypes.util, sys; sys.exit(not ctypes.util.find_library('harfbuzz-subset'))"

# Debian's Chromium for the browser tests; Playwright cannot download its own browser here.
chromium:
	sh scripts/ensure_debian_package.sh chromium test -x $(CHROMIUM_PATH)

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

unit: install-test translations-compile
	$(PY) -m pytest $(PYTEST_PARALLEL) tests $(PYTEST_ARGS)

e2e: install-test assets translations-compile chromium
	$(PY) -m pytest $(PYTEST_PARALLEL) e2e $(PYTEST_ARGS)

# Extract texts from code and templates, update the catalogues, compile them.
translations: install
	$(PYBABEL) extract --no-location --omit-header -F babel.cfg -k _l -o translations/messages.pot .
	$(PYBABEL) update --no-fuzzy-matching --ignore-obsolete -i translations/messages.pot -d translations
	$(PYBABEL) compile -d translations

translations-compile: install
	$(PYBABEL) compile --use-fuzzy -d translations -f 2>/dev/null || $(PYBABEL) compile -d translations

$(VENV)/.installed-bench: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install --quiet -e '.[bench]'
	touch $@

# With DATABASE_URL=postgresql://... also the pages at 1,000,000 cases and the load test.
benchmark: install assets translations-compile $(VENV)/.installed-bench
	$(PY) scripts/benchmark.py

clean:
	rm -rf $(VENV) node_modules static/vendor/*.css static/vendor/*.js static/vendor/leaflet static-dist instance
