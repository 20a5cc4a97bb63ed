# Mongolian CRM & Sales for Odoo 19 — developer entry points. See README.md.
# The Odoo tree: ODOO_PATH if it holds odoo-bin, else /opt/odoo, else .odoo/, else the harness
# fetches Odoo 19.0 at a pinned commit into .odoo/ (tools/mnharness/odoo_fetch.py).
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
HARNESS := PYTHONPATH=tools $(PY) -m mnharness
REQ_STAMP := $(VENV)/.requirements-$(shell sha1sum requirements.txt | cut -c1-12)

.PHONY: help venv run stop i18n test test-core test-static test-unit test-odoo test-tours test-e2e test-e2e-full clean fmt

help:
	@echo "make run        serve Odoo 19 + the suite in Mongolian on 127.0.0.1:8069 (RESET=1 recreates the database, UPDATE=1 updates the addons)"
	@echo "make test       every test layer: static, unit, odoo, tours, e2e"
	@echo "make test-core  Odoo's own crm/sale tests with the suite installed and its rules off"
	@echo "make test-e2e-full  the end-to-end layer with every protocol x context of the hostile-caller tests"
	@echo "make stop       stop an embedded PostgreSQL left running"
	@echo "make fmt        apply the formatters of .pre-commit-config.yaml (ruff, prettier, ...)"
	@echo "make bench      time the reports on the 1,000,000-line dataset (bench-smoke: tiny, for CI)"
	@echo "make bench-ops  time the hot paths, stock Odoo against the suite (bench-ops-smoke: tiny)"
	@echo "make load       N clients (N=8) for DURATION s (60) on multi-worker Odoo, suite then stock; checker"
	@echo "make load-faults  the load with a worker killed, PostgreSQL restarted, the pool filled; checker"

venv: $(REQ_STAMP)

# (Re)installs when requirements.txt changes: the stamp carries its hash.
$(REQ_STAMP): requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	@rm -f $(VENV)/.requirements-*
	@touch $@

run: venv
	$(HARNESS) run $(if $(RESET),--reset) $(if $(UPDATE),--update)

stop: venv
	$(HARNESS) pg-stop

test: venv
	$(HARNESS) test

test-core: venv
	$(HARNESS) test-core

test-static: venv
	$(HARNESS) test static
test-unit: venv
	$(HARNESS) test unit
test-odoo: venv
	$(HARNESS) test odoo
test-tours: venv
	$(HARNESS) test tours
test-e2e: venv
	$(HARNESS) test e2e
# Every hostile-caller attack with every protocol and context (make test runs a diagonal).
test-e2e-full: venv
	MN_E2E_FULL=1 $(HARNESS) test e2e

# The fixing hooks of .pre-commit-config.yaml on every tracked file: ruff --fix, ruff format,
# prettier (XML, JS, YAML, JSON), eslint --fix, whitespace and line endings, and the
# addons' README.rst regenerated from readme/*.md. Two passes fix quietly (prettier needs a
# second look after eslint --fix, and at some Markdown lists); the last one shows what is left
# and fails if anything is (a ruff finding without an automatic fix, say).
# `make test-static` runs every hook, checks included.
FMT_HOOKS := ruff ruff-format prettier eslint trailing-whitespace end-of-file-fixer \
	mixed-line-ending oca-gen-addon-readme
fmt: venv
	@for pass in 1 2; do for hook in $(FMT_HOOKS); do \
		$(VENV)/bin/pre-commit run --all-files $$hook >/dev/null 2>&1 || true; done; done
	@status=0; for hook in $(FMT_HOOKS); do \
		$(VENV)/bin/pre-commit run --all-files $$hook || status=1; done; exit $$status

# Export each addon's .pot from a fresh install and merge it into its i18n/mn.po.
i18n: venv
	$(HARNESS) i18n

clean: stop
	rm -rf .run

# Coverage of the Mongolian pack per core module on the seed's screens (upstream vs pack).
i18n-coverage: venv
	$(PY) i18n/tools/coverage.py
# Reports benchmark: generates the 1,000,000-line dataset in database mn_bench once (a few
# minutes), then times each report's grouped read against core and hand-written SQL.
BENCH_ENV = odoo=$$($(HARNESS) odoo-path) && export PYTHONPATH=tools:$$odoo ODOO_PATH=$$odoo
.PHONY: bench bench-smoke bench-ops bench-ops-smoke
bench: venv
	$(BENCH_ENV) && $(PY) tests/bench/generate_dataset.py && $(PY) tests/bench/bench_reports.py

# make bench on a tiny dataset (0.1 %) in its own database, made from scratch and dropped
# afterwards: proves the generator and the benchmark work (CI). Needs the base template
# (built once by make test); prints its time.
bench-smoke: venv
	@start=$$(date +%s); $(BENCH_ENV) MN_BENCH_DB=mn_bench_smoke MN_BENCH_SCALE=0.001 && \
	$(PY) tests/bench/generate_dataset.py --force && $(PY) tests/bench/bench_reports.py --runs 1; \
	rc=$$?; $(PY) tests/bench/generate_dataset.py --drop; \
	echo "bench-smoke: $$(( $$(date +%s) - start )) s, exit $$rc"; exit $$rc

# Hot paths (pricing, confirm, deliver, invoice, lost, convert, merge, scoring, first
# screens) on stock Odoo against the suite, from one template, interleaved: a table of
# seconds, queries and ratios. MN_BENCH_OPS_ARGS passes options (--help lists them).
bench-ops: venv
	$(BENCH_ENV) && $(PY) tests/bench/bench_ops.py $(MN_BENCH_OPS_ARGS)

# bench-ops with tiny sizes and one round, on databases dropped afterwards (CI).
bench-ops-smoke: venv
	@start=$$(date +%s); $(BENCH_ENV) && $(PY) tests/bench/bench_ops.py --smoke; \
	rc=$$?; echo "bench-ops-smoke: $$(( $$(date +%s) - start )) s, exit $$rc"; exit $$rc

# Many users at once (docs/load.md): N salesperson clients and a team leader over JSON-2 on
# odoo-bin --workers=4 with a cron worker, for DURATION seconds, on the suite then on stock
# Odoo; a checker then proves from the database that nothing was lost, duplicated or
# half-written. load-faults: the suite alone, with a worker killed, PostgreSQL restarted
# and the connection pool filled during the run. MN_LOAD_ARGS passes more options.
.PHONY: load load-faults
N ?= 8
DURATION ?= 60
LOAD = $(BENCH_ENV) && $(PY) -m load --clients $(N) --duration $(DURATION)
load: venv
	$(LOAD) $(MN_LOAD_ARGS)
load-faults: venv
	$(LOAD) --faults $(MN_LOAD_ARGS)
