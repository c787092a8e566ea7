# The virtual environment lives in .venv; `.venv/bin/briefing` is the CLI after `make test` or `make demo`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DATA ?= ../shared/data
PORT ?= 8501
# 127.0.0.1 keeps the app on this machine; HOST=0.0.0.0 opens it to the network, and then it needs a
# login (BRIEFING_APP_PASSWORD, or OIDC in .streamlit/secrets.toml) or it refuses to start
HOST ?= 127.0.0.1
SERVE = $(BIN)/streamlit run streamlit_app.py --server.address $(HOST) --server.port $(PORT) --server.headless true --browser.gatherUsageStats false
DEMO_DIR ?= data

.PHONY: install install-test demo serve test bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'

demo: install
	@$(BIN)/python -m briefing.webapp.access_check --host $(HOST)
	@BRIEFING_DATA_DIR=$(DEMO_DIR) $(BIN)/python -m briefing.demo --data $(DATA) --data-dir $(DEMO_DIR)
	@echo "Serving the web app on http://$(HOST):$(PORT)"
	BRIEFING_DATA_DIR=$(DEMO_DIR) $(SERVE)

serve: install
	@$(BIN)/python -m briefing.webapp.access_check --host $(HOST)
	BRIEFING_DATA_DIR=$(DEMO_DIR) $(SERVE)

test: install-test
	$(BIN)/python -m pytest -q

bench: install-test
	$(BIN)/python -m briefing.bench --data $(DATA) --out docs/BENCHMARKS.md

clean:
	rm -rf $(VENV) .pytest_cache
