# Sets up what each command needs, then hands over to tasks.py. `make build` needs only
# Python and make; `make test` and `make publish` also install the Debian packages they
# need (scripts/install-system-packages; without root or sudo it names the command).
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed
INVOKE := $(VENV)/bin/invoke
# Where `make publish` deploys: TARGET=user@host:/folder, else DEPLOY_TARGET.
PUBLISH_TARGET := $(if $(TARGET),--target $(TARGET))

.PHONY: build test publish publish-dry-run clean

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

test:
	scripts/install-system-packages test
	$(MAKE) --no-print-directory $(STAMP) node_modules/.installed
	$(INVOKE) test

# Publishing runs the fast tests (the Nu checker among them) before it deploys.
publish publish-dry-run:
	scripts/install-system-packages publish
	$(MAKE) --no-print-directory $(STAMP) node_modules/.installed
	$(INVOKE) publish $(PUBLISH_TARGET) $(if $(filter publish-dry-run,$@),--dry-run)

clean:
	$(INVOKE) clean
