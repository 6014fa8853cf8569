# The commands the README names. Each sets up what it needs on its own.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app share
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run setup install test lint format translations bench clean

## run: set up, migrate the embedded SQLite database, seed demo data and serve on :5000,
## with the search indexer beside it as production runs it (stopped when the site stops)
run: setup
	DELA_ENV=development $(FLASK) db upgrade
	DELA_ENV=development $(FLASK) search seed-synonyms
	DELA_ENV=development $(FLASK) seed-demo
	DELA_ENV=development $(FLASK) search worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	DELA_ENV=development $(FLASK) run --host $(HOST) --port $(PORT)

## setup: virtualenv with the app and its test tools, compiled translations
setup: $(VENV)/.installed share/translations/sv/LC_MESSAGES/messages.mo
	@mkdir -p instance uploads

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

share/translations/sv/LC_MESSAGES/messages.mo: share/translations/sv/LC_MESSAGES/messages.po $(VENV)/.installed
	$(BIN)/pybabel compile --use-fuzzy -d share/translations

## test: the whole suite: SQLite, a throwaway PostgreSQL server and the browser tests
test: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## bench: the benchmarks in bench/ (not part of the test suite); EVIDENCE_ARGS="--materials
## 1000 --reports 10000" makes the evidence benchmark a quick run, PUBLISH_ARGS="--seconds
## 20 --databases sqlite" the publish-to-searchable one
bench: setup
	$(BIN)/python bench/upload_memory.py
	$(BIN)/python bench/search_latency.py $(BENCH_ARGS)
	$(BIN)/python bench/publish_to_searchable.py $(PUBLISH_ARGS)
	$(BIN)/python bench/evidence.py $(EVIDENCE_ARGS)
	$(BIN)/python bench/relevance.py

## translations: pull new strings from code and templates into the Swedish catalog
translations: setup
	$(BIN)/pybabel extract --ignore-dirs=".*" -F babel.cfg -k _l -o share/translations/messages.pot share
	$(BIN)/pybabel update -i share/translations/messages.pot -d share/translations --width 100

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
