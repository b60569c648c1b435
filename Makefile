# Sets up what each command needs, then hands over to tasks.py. `make build` needs only
# Python and make; `make test` and `make publish` also install the Debian packages they
# need (scripts/install-system-packages; without root or sudo it names the command).
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed
INVOKE := $(VENV)/bin/invoke
PIP := $(VENV)/bin/python -m pip --quiet --disable-pip-version-check
# What building needs (pyproject.toml's dependencies), every package pinned with its
# hashes; and the same with the tests' and the linter's packages (its `test` extra), at the
# same versions. `make lock` writes both.
LOCK := requirements.lock
TEST_LOCK := requirements-test.lock
TEST_STAMP := $(VENV)/.installed-test
PIP_TOOLS := pip-tools==7.6.2
# More options for `make lock`, e.g. LOCK_ARGS="--upgrade-package pelican" or --upgrade.
LOCK_ARGS ?=
# Where `make publish` deploys: TARGET=user@host:/folder (several: commas between them),
# else DEPLOY_TARGET.
PUBLISH_TARGET := $(if $(TARGET),--target '$(TARGET)')

.PHONY: build test lint lock publish publish-dry-run clean

$(STAMP): $(LOCK) pyproject.toml
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install --require-hashes -r $(LOCK)
	$(PIP) install --no-deps --no-build-isolation -e .
	touch $(STAMP)

# The tests, ruff and publishing's checks need the test packages too.
$(TEST_STAMP): $(STAMP) $(TEST_LOCK)
	$(PIP) install --require-hashes -r $(TEST_LOCK)
	touch $(TEST_STAMP)

# After changing the dependencies in pyproject.toml: pin every package, with the hashes of
# its files on PyPI for every platform (this machine's pip settings left out), in $(LOCK)
# and, constrained to the same versions, $(TEST_LOCK).
lock:
	tools=$$(mktemp -d) && trap 'rm -rf "$$tools"' EXIT && $(PYTHON) -m venv "$$tools" && \
	"$$tools/bin/pip" install --quiet --disable-pip-version-check $(PIP_TOOLS) && \
	compile() { env -u PIP_FIND_LINKS -u PIP_INDEX_URL -u PIP_EXTRA_INDEX_URL \
		PIP_CONFIG_FILE=/dev/null CUSTOM_COMPILE_COMMAND="make lock" \
		"$$tools/bin/pip-compile" --quiet --generate-hashes --allow-unsafe --all-build-deps \
		--strip-extras --index-url https://pypi.org/simple --no-emit-index-url $(LOCK_ARGS) \
		"$$@" pyproject.toml; } && \
	compile --output-file $(LOCK) && \
	compile --extra test --constraint $(LOCK) --output-file $(TEST_LOCK)

# The Nu HTML Checker (vnu.jar) used by the tests comes from npm, pinned in package-lock.json.
node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

build: $(STAMP)
	$(INVOKE) build

test:
	scripts/install-system-packages test
	$(MAKE) --no-print-directory $(TEST_STAMP) node_modules/.installed
	$(INVOKE) test

# Publishing runs the fast tests (the Nu checker among them) before it deploys.
publish publish-dry-run:
	scripts/install-system-packages publish
	$(MAKE) --no-print-directory $(TEST_STAMP) node_modules/.installed
	$(INVOKE) publish $(PUBLISH_TARGET) $(if $(filter publish-dry-run,$@),--dry-run)

lint: $(TEST_STAMP)
	$(INVOKE) lint

clean:
	$(INVOKE) clean
