# Two commands: `make start` opens the course, `make test` runs the whole test suite.
# Both first install what they need from the system (Debian packages: as root with apt-get,
# otherwise they stop at once with the one command to run), then create the virtual
# environment .venv if it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

AXE := tests/js/node_modules/axe-core/axe.min.js
PROXY := hub/node_modules/.bin/configurable-http-proxy

.PHONY: venv start test check lint clean hub system-start system-test tests

venv: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

system-start system-test: system-%:
	@$(PYTHON) scripts/system_packages.py $*

start: system-start
	@$(MAKE) --no-print-directory venv
	$(BIN)/course start

# axe-core for the accessibility checks of the browser tests (npm, from tests/js).
$(AXE): tests/js/package.json tests/js/package-lock.json
	cd tests/js && npm ci --no-audit --no-fund --silent

# JupyterHub's Node proxy for `course hub` (npm, from hub/).
$(PROXY): hub/package.json hub/package-lock.json
	cd hub && npm ci --no-audit --no-fund --silent

hub: venv $(PROXY)
	@echo "Then, as root: .venv/bin/course hub -w ATELIER (see README)"

# The system's packages first, then the rest in order (also under make -j).
test: system-test
	@$(MAKE) --no-print-directory tests

# On every core (pytest-xdist; a file's tests stay on one worker), then the tests marked
# `alone` (hubs, sandbox limits: tests/conftest.py) one at a time; both parts always run.
tests: venv $(AXE) $(PROXY)
	$(BIN)/ruff check course grading tests benchmarks deploy
	$(BIN)/python -m pytest -n auto --dist loadscope -m "not alone"; parallel=$$?; \
	$(BIN)/python -m pytest -m alone; alone=$$?; \
	exit $$(( parallel || alone ))

check: venv
	$(BIN)/course check

clean:
	rm -rf $(VENV) atelier-demo .pytest_cache tests/js/node_modules hub/node_modules test-artifacts
