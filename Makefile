# make serve: set up (Python 3.12 .venv, packages, browser assets, Pyodide), build, serve on 127.0.0.1:8000
# make site:  the same, but only build into site/
# make test:  everything the test suite needs (Chromium included), then the whole suite
# make bench: the benchmarks in benchmarks/, with their figures
# make mutants: mutation testing (a periodic check, not CI), then the score and the survivors

SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

# A Python 3.12: PYTHON=... wins; otherwise the first candidate that really is 3.12
# (pyenv's bare shim refuses to run when 3.12 is not selected, so its versions are tried directly).
PYTHON ?= $(shell for candidate in python3.12 $$HOME/.pyenv/versions/3.12*/bin/python3.12 \
	/usr/local/bin/python3.12 /usr/bin/python3.12; do \
	"$$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 12))' >/dev/null 2>&1 \
	&& { echo "$$candidate"; break; }; done)

.PHONY: serve site dev test bench lint setup browser sandbox clean mutants

serve: site
	$(BIN)/python -m site_src.serve --dir site --port $(PORT)

site: setup
	$(BIN)/mkdocs build --strict

# Live-reloading author preview (not cross-origin isolated: Stop restarts Python there).
dev: setup
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT)

test: setup browser sandbox
	$(BIN)/pytest

bench: site browser
	$(BIN)/python -m benchmarks

lint: setup
	$(BIN)/ruff check .

# mutmut mutates grader/ and exercises/ ([tool.mutmut] in pyproject.toml) and runs, for each
# mutant, the fast tests (tests/grader, no browser) that reach the mutated function. A whole
# run takes hours on two cores: scope it with mutmut's names, wildcards allowed, e.g.
#   make mutants MUTANTS='grader.checks.* grader.quiz.*'
# Results are kept in mutants/ (delete it to start over); the score counts every mutant run so
# far: killed (or timed out) of killed, survived and untested.
MUTANTS ?=
MUTANT_JOBS ?= 2
mutants: $(VENV)/.installed
	@$(BIN)/mutmut --version >/dev/null 2>&1 || $(BIN)/python -m pip install --quiet -e '.[mutants]'
	nice -n 19 $(BIN)/mutmut run --max-children $(MUTANT_JOBS) $(MUTANTS)
	@$(BIN)/mutmut results --all true | awk -F': ' '{ sub(/^ +/, "", $$1); n[$$2]++ } \
		$$2 == "survived" || $$2 == "no tests" { print $$2 ": " $$1 } \
		END { k = n["killed"] + n["timeout"]; t = k + n["survived"] + n["no tests"] + n["suspicious"]; \
		printf "mutation score: %d of %d mutants killed (%.1f%%)\n", k, t, t ? 100 * k / t : 0 }'

setup: $(VENV)/.installed site_src/node_modules/.installed

$(VENV)/.installed: pyproject.toml
	@if [ -z "$(PYTHON)" ]; then \
		echo "make: no Python 3.12 found. Install one (pyenv install 3.12, or apt-get install python3.12)" \
		     "or name it: make PYTHON=/path/to/python3.12 $(MAKECMDGOALS)" >&2; exit 1; fi
	@[ -x $(BIN)/python ] || "$(PYTHON)" -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[site,test]'
	@touch $@

site_src/node_modules/.installed: site_src/package.json site_src/package-lock.json
	npm ci --prefix site_src --no-audit --no-fund --loglevel=error
	@touch $@

# Debian's Chromium; Playwright drives it (its own browser download does not work offline).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else \
			echo "make: Chromium is missing: run 'sudo apt-get install chromium' and retry" >&2; exit 1; \
		fi; \
	fi

# libseccomp, for the grader's system-call filter (the suite checks that every wall is up).
sandbox:
	@if ! /sbin/ldconfig -p 2>/dev/null | grep -q 'libseccomp\.so\.2'; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libseccomp2 >/dev/null; \
		else \
			echo "make: libseccomp is missing: run 'sudo apt-get install libseccomp2' and retry" >&2; exit 1; \
		fi; \
	fi

clean:
	rm -rf site .cache .pytest_cache

print-python:
	@echo $(PYTHON)
