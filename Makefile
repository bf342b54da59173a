# Two commands: `make run` serves the app with demo data, `make test` runs every
# test. Both set up what is missing first and are quick when nothing is.

VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask --app run
PORT ?= 8080
CATALOGUES := $(wildcard app/translations/*/LC_MESSAGES/messages.po)
COMPILED := $(CATALOGUES:.po=.mo)

.PHONY: run test setup database demo lint format translations clean bench

run: setup database demo
	@echo ""
	@echo "Koulutusoperaattori: http://127.0.0.1:$(PORT)/"
	@echo "Demo logins (password: $${DEMO_PASSWORD:-demo-salasana}):"
	@echo "  coordinator, provider1, provider2, steering, client1, client2, admin"
	@echo "The reminder scheduler runs beside the web server."
	@echo ""
	$(FLASK) scheduler run & scheduler=$$!; \
		trap 'kill $$scheduler 2>/dev/null' EXIT INT TERM; \
		$(FLASK) run --host 127.0.0.1 --port $(PORT)

test: setup
	$(VENV)/bin/pytest

setup: $(VENV)/.installed $(COMPILED)

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

%.mo: %.po $(VENV)/.installed
	$(PY) -m babel.messages.frontend compile -i $< -o $@

database: setup
	$(FLASK) db upgrade
	$(FLASK) bootstrap

demo: database
	$(FLASK) demo load

# The benchmark of the README's "Performance": SQLite always, PostgreSQL too when
# BENCH_DATABASE_URL names a database it may recreate (its name holds "bench").
# BENCH_SCALE=0.05 makes a quick run. The table goes to bench/results.md.
bench: setup
	$(PY) -m bench

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

translations: setup
	PYTHON=$(PY) babel/translations.sh

clean:
	rm -rf $(VENV) instance/operator.db $(COMPILED)
