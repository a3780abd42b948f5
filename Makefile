# Axial: the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck layers unit bench screenshots clean wheel-check dist dist-check

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## Start the desktop app (PROJECT=path/to/study.axial to open one).
run: $(STAMP)
	$(PY) -m app $(PROJECT)

## Everything CI checks: lint, types, layering, then the whole suite headless.
test: lint typecheck layers unit

lint: $(STAMP)
	$(VENV)/bin/ruff check app tests bench tools
	$(VENV)/bin/ruff format --check app tests bench tools

typecheck: $(STAMP)
	$(VENV)/bin/mypy

layers: $(STAMP)
	$(VENV)/bin/lint-imports --no-cache

unit: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -n auto --dist worksteal --cov=app --cov-report=term:skip-covered

## Time the core services on a generated project and print figures (table and JSON).
bench: $(STAMP)
	$(PY) -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache bench/out build dist

## Build the wheel, install it (not editable) into a fresh venv and use it: commands on a transcript, the desktop
## offscreen on the demo. Downloads the dependencies into that venv (about 2 minutes with a cold pip cache).
wheel-check: $(STAMP)
	PYTHON=$(PY) packaging/wheel-check.sh

DIST_STAMP := $(VENV)/.installed-dist

$(DIST_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e '.[test,dist]'
	touch $(DIST_STAMP)

## The Linux application: a one-folder bundle in dist/axial (desktop and `axial`) and dist/axial_VERSION_ARCH.deb.
dist: $(DIST_STAMP)
	rm -rf dist build/pyinstaller
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller packaging/axial.spec
	packaging/linux/build-deb.sh

## Use the built bundle and .deb offscreen (transcripts, Word export, the desktop on the demo); time the start.
dist-check:
	test -x dist/axial/axial-desktop || $(MAKE) dist
	packaging/dist-check.sh

## Save screenshots of the main window, the import dialog and the quick-code palette into docs/screenshots/.
screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m tools.screenshots docs/screenshots
