# Bootstraps the virtual environment, then hands over to tasks.py.
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed
INVOKE := $(VENV)/bin/invoke

.PHONY: build test clean

$(STAMP): requirements.txt pyproject.toml
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

# The Nu HTML Checker (vnu.jar) used by the tests comes from npm, pinned in package-lock.json.
node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

build: $(STAMP)
	$(INVOKE) build

test: $(STAMP) node_modules/.installed
	$(INVOKE) test

clean:
	$(INVOKE) clean
