# Bootstraps the virtual environment, then hands over to tasks.py.
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed
INVOKE := $(VENV)/bin/invoke

.PHONY: build test clean

$(STAMP): requirements.txt pyproject.toml
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

build: $(STAMP)
	$(INVOKE) build

test: $(STAMP)
	$(INVOKE) test

clean:
	$(INVOKE) clean
