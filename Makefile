# Billetterie populaire — the two commands are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
PG_URL ?= postgresql://postgres@127.0.0.1:5432/test

.PHONY: install demo serve demo-reset test test-sqlite test-postgres e2e-deps export-deps audio-deps bench bench-allocation bench-lodging bench-wave bench-web lint format clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

# The demo, served as in production (DEBUG off, whitenoise) at http://$(HOST):$(PORT): the links of
# its e-mails and ALLOWED_HOSTS follow HOST and PORT (scripts/demo.sh). Ctrl-C stops it.
DEMO := BIN=$(BIN) HOST=$(HOST) PORT=$(PORT) bash scripts/demo.sh

demo: install
	$(DEMO) load
	$(DEMO) serve

serve: install
	$(DEMO) serve

# Removes the demo's database (and its uploaded files) and loads the demo again.
demo-reset: install
	$(DEMO) reset

e2e-deps:
	@bash scripts/ensure-chromium.sh

# LibreOffice opens the ticket-office export in tests/delivery (CI=true: missing → the test fails).
export-deps:
	@bash scripts/ensure-libreoffice.sh

# sox encodes real MP3 and Ogg files for the contest's tests (CI=true: missing → the tests fail).
audio-deps:
	@bash scripts/ensure-audio-tools.sh

test: install e2e-deps export-deps audio-deps
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-postgres: install e2e-deps export-deps audio-deps
	DATABASE_URL=$(PG_URL) $(BIN)/python -m pytest $(PYTEST_ARGS)

bench: bench-allocation bench-lodging bench-wave

bench-allocation: install
	PYTHONPATH=src $(BIN)/python bench/run_allocation.py $(BENCH_ARGS)

bench-lodging: install
	PYTHONPATH=src $(BIN)/python bench/run_lodging.py $(BENCH_LODGING_ARGS)

bench-wave: install
	PYTHONPATH=src $(BIN)/python bench/run_wave.py $(BENCH_WAVE_ARGS)

# The web under load on national data (PostgreSQL at PG_URL's server, locust in .venv-bench):
# not part of `make bench` (about 15 minutes, and it needs PostgreSQL).
bench-web: install
	BENCH_PG=$(dir $(PG_URL)) PYTHONPATH=src $(BIN)/python bench/run_web.py $(BENCH_WEB_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) var .pytest_cache .hypothesis
