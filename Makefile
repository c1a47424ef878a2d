# minutes — two commands: `make` (set up and build the examples) and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
OUT := out

VAZIRMATN_VERSION := 33.0.3
VAZIRMATN_SHA256 := 9506e9e6a27e62b353c04a136c27de0cc3aa9e434658b45a6363f7c98c357090
FONT_DIR := fonts/vazirmatn
FONT_FILES := $(FONT_DIR)/Vazirmatn-Regular.ttf $(FONT_DIR)/Vazirmatn-Bold.ttf

# Debian packages: Pango for WeasyPrint, HarfBuzz subsetting, fontconfig, poppler-utils for the
# tests' text extraction and signature checks (pdfsig, with an NSS database made by libnss3-tools'
# certutil), zbar-tools for the tests that scan a verification QR code (zbarimg), the fallback Persian
# font, and Chromium, the headless browser the tests of `minutes serve` drive through Playwright (never
# a browser Playwright downloads).
APT_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig poppler-utils libnss3-tools \
	zbar-tools fonts-noto-core chromium

# One line per step; a step's own output (pip, apt, npm) is shown only when the step fails.
STEP = @step() { echo "$$1"; shift; log=$$(mktemp); if "$$@" >"$$log" 2>&1; then rm -f "$$log"; \
	else status=$$?; cat "$$log" >&2; rm -f "$$log"; echo "make: failed: $$*" >&2; return $$status; fi; }; step

.PHONY: all setup system fonts build test test-dist fuzz golden schema lint lock lock-upgrade bench bench-rebuilds \
	bench-signing bench-serve fidelity clean distclean

all: build

setup: system $(BIN)/minutes fonts

# Install what the system lacks with apt-get when we are root; otherwise print the exact command.
system:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -z "$$missing" ]; then echo "system packages: all there"; exit 0; fi; \
	if ! command -v apt-get >/dev/null; then \
	  echo "missing system packages: $$missing (install their equivalents with your package manager)" >&2; exit 1; fi; \
	if [ "$$(id -u)" = 0 ]; then \
	  echo "system packages: installing $$missing"; log=$$(mktemp); \
	  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; } >"$$log" 2>&1; \
	  then cat "$$log" >&2; rm -f "$$log"; exit 1; fi; rm -f "$$log"; \
	else \
	  echo "missing system packages; run:  sudo apt-get install -y $$missing" >&2; exit 1; fi

# The exact versions of requirements-dev.lock (hashes checked), then minutes itself, editable.
$(BIN)/minutes: pyproject.toml requirements-dev.lock
	$(STEP) "python: creating $(VENV)" bash -c 'test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)'
	$(STEP) "python: installing the locked dependencies (requirements-dev.lock) into $(VENV)" \
	  $(BIN)/python -m pip install --require-hashes -r requirements-dev.lock
	$(STEP) "python: installing minutes into $(VENV) (editable)" $(BIN)/python -m pip install --no-deps -e .
	@touch $@

# Vazirmatn from the npm registry, checked against a known tarball hash and per-file hashes.
# Without npm the build falls back to Noto Naskh Arabic and says so.
fonts: $(FONT_FILES)

$(FONT_FILES):
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT; \
	if command -v npm >/dev/null \
	  && (cd "$$tmp" && npm pack --silent vazirmatn@$(VAZIRMATN_VERSION) >/dev/null 2>&1) \
	  && echo "$(VAZIRMATN_SHA256)  $$tmp/vazirmatn-$(VAZIRMATN_VERSION).tgz" | sha256sum --check --quiet - \
	  && tar -xzf "$$tmp/vazirmatn-$(VAZIRMATN_VERSION).tgz" -C "$$tmp" \
	  && cp "$$tmp"/package/fonts/ttf/Vazirmatn-{Regular,Bold}.ttf $(FONT_DIR)/ \
	  && (cd $(FONT_DIR) && sha256sum --check --quiet SHA256SUMS); then \
	  echo "font: Vazirmatn $(VAZIRMATN_VERSION) fetched into $(FONT_DIR) and verified"; \
	else \
	  rm -f $(FONT_FILES); \
	  echo "warning: could not fetch and verify Vazirmatn $(VAZIRMATN_VERSION) from the npm registry;" \
	       "documents will use the system font Noto Naskh Arabic" >&2; \
	fi

build: setup
	@echo "build: the example records in data/meetings/ into $(OUT)/"
	@set -o pipefail; n=$$($(BIN)/minutes build -q -o $(OUT) | wc -l) && echo "build: $$n document(s) written, the others up to date"

test: setup
	$(BIN)/ruff check minutes tests
	$(BIN)/python -m pytest

# Only the package as an office installs it (also part of `make test`): sdist, wheel, fresh venv, minutes init.
test-dist: setup
	$(BIN)/python -m pytest tests/test_dist.py

# Hostile input and faults (issue 11) at length: many more fuzz examples, shrunk when they fail, and
# the kill -9 trials (bench/killtrials.py: 20 builds, 20 issues). About 15 minutes; not part of `make test`,
# which runs the same suite with a few examples and without the kill trials.
fuzz: setup
	MINUTES_FUZZ=1 $(BIN)/python -m pytest -rxXs tests/hostile tests/test_numbering.py tests/test_hygiene.py tests/test_slug.py

# Rewrite the golden HTML snapshots (tests/golden/, tests/golden-followup/, tests/golden-invitation/)
# from the templates, on purpose; review with git diff.
golden: setup
	$(BIN)/python tests/test_documents_golden.py
	$(BIN)/python tests/test_followup.py
	$(BIN)/python tests/test_invitation.py

# Regenerate the JSON Schemas editors use (tests fail when they are stale).
schema: $(BIN)/minutes
	$(BIN)/minutes schema --kind record -o schema/record.schema.json
	$(BIN)/minutes schema --kind directory -o schema/directory.schema.json

# Time builds on a synthetic corpus of 200 records (about 7 minutes; not part of `make test`):
# writes bench/results.json and the table in bench/README.md.
bench: setup
	$(BIN)/python bench/bench.py

# The no-op and one-edit rebuilds alone at 200 and 2,000 records (a cold build of each first; about 20
# minutes): the table in bench/README.md's "Rebuilds by corpus size".
bench-rebuilds: setup
	$(BIN)/python bench/bench.py --rebuilds 200 2000

# Issue time with and without signing on the three example records (medians of 7 runs; about 8 minutes):
# prints the table in bench/README.md's "Signing" section.
bench-signing: setup
	$(BIN)/python bench/signing.py

# How long after a record is saved `minutes serve` shows the new page images in headless Chromium
# (a one-page letter, the three-page reference minutes; about a minute): writes bench/serve.json.
bench-serve: setup
	$(BIN)/python bench/serve.py

# How many of each document's words its PDF text gives back (pdftotext, PDFium, pdfminer.six), beside
# headless Chromium's print of the same HTML: writes bench/fidelity.json and prints the table.
fidelity: setup
	$(BIN)/python bench/fidelity.py

# The locks: requirements.lock (what minutes needs to run, for offices: pip install --require-hashes -r) and
# requirements-dev.lock (that and the test tools; what `make` installs). uv resolves them for every platform
# and Python >= 3.11 at once, with the hash of every file. `make lock` keeps the pinned versions that pyproject.toml
# still allows; `make lock-upgrade` takes the newest (then re-issue nothing: run `minutes doctor`, see the guide).
UV_COMPILE = $(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11 --generate-hashes --quiet
lock: $(BIN)/minutes
	$(STEP) "lock: installing uv into $(VENV)" $(BIN)/python -m pip install 'uv>=0.5'
	$(STEP) "lock: requirements.lock" $(UV_COMPILE) $(UPGRADE) -o requirements.lock
	$(STEP) "lock: requirements-dev.lock" $(UV_COMPILE) $(UPGRADE) --extra test -c requirements.lock -o requirements-dev.lock

lock-upgrade:
	$(MAKE) --no-print-directory lock UPGRADE=--upgrade

lint: setup
	$(BIN)/ruff check minutes tests bench

clean:
	rm -rf $(OUT) .pytest_cache

distclean: clean
	rm -rf $(VENV) $(FONT_FILES) *.egg-info build dist
