"""Publishing: build with the publish settings, check the result, then deploy it atomically
to every target.

Nothing reaches a web server unless every step before the deploy passed: the clinic's
details are no longer the examples, the build (with its content checks, review dates
against today's date included) succeeded, and the fast tests passed against the release,
the very files that are then uploaded: each target's copy is compared with them, file by
file, before any target is switched.
"""

import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from pelican.settings import read_settings

from implant_guide.clinic import example_values
from implant_guide.release.build import build
from implant_guide.release.deploy import (
    DeployError,
    Deployment,
    changes,
    digest,
    file_hashes,
    parse_targets,
    rollback,
)
from implant_guide.today import TODAY_VARIABLE

ROOT = Path(__file__).resolve().parents[2]
PUBLISH_DIR = ROOT / "release"
"""The build that is checked and deployed; made afresh by every publish."""

FAST_CHECKS = ("tests", "-m", "not browser and not nginx and not slow")
"""The tests run against a build before it is deployed: every test that needs no browser
or web server and builds nothing more (the markers are declared in pyproject.toml)."""

PUBLISHED_SITE_VARIABLE = "PUBLISHED_SITE"
PUBLISHED_SETTINGS_VARIABLE = "PUBLISHED_SETTINGS"
"""Tell the tests to check this built folder, built with these settings, as every build
they check, instead of building their own."""

PASSED_TO_THE_CHECKS = ("PATH",)
"""The only variables of the caller's environment the tests run with (to find programs);
the rest they set themselves, so that no setting of the caller's changes what they check."""


def _refuse(message: str) -> int:
    print(f"Publishing stopped: {message}\nNothing was deployed.", file=sys.stderr)
    return 1


def run_checks(site: Path, settings_file: Path, site_url: str, checks=FAST_CHECKS) -> int:
    """Run the tests in `checks` against the built `site` (built with `settings_file` for
    `site_url`), in an environment of their own; return pytest's exit status."""
    environment = {name: os.environ[name] for name in PASSED_TO_THE_CHECKS if name in os.environ}
    environment |= {
        PUBLISHED_SITE_VARIABLE: str(site),
        PUBLISHED_SETTINGS_VARIABLE: str(settings_file),
        "SITEURL": site_url,
    }
    with tempfile.TemporaryDirectory(prefix="publish-checks-") as scratch:
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
        command += ["--basetemp", scratch, *checks]
        return subprocess.run(command, cwd=ROOT, env=environment).returncode


def _build_as_of_today(settings_file: Path, publish_dir: Path) -> int:
    """Build the release; review dates are checked against today's date, whatever
    TODAY_VARIABLE says (it moves "today" for development builds only)."""
    if TODAY_VARIABLE in os.environ:
        print(
            f"{TODAY_VARIABLE} is set, but publishing checks review dates against today's "
            f"date, {date.today().isoformat()}."
        )
    environment = {name: value for name, value in os.environ.items() if name != TODAY_VARIABLE}
    shutil.rmtree(publish_dir, ignore_errors=True)
    return build(str(settings_file), publish_dir, environment=environment)


def publish(
    settings_file: Path,
    target: str,
    dry_run: bool = False,
    checks=FAST_CHECKS,
    publish_dir: Path = PUBLISH_DIR,
) -> int:
    """Build, check and deploy to every target in `target` (separated by commas); return
    0 on success, non-zero (with a message) otherwise."""
    settings = read_settings(str(settings_file))
    examples = example_values(settings)
    if examples:
        return _refuse(
            f"{settings_file.name} and the settings it reads still hold example details:\n  "
            + "\n  ".join(examples)
            + f"\nPut the clinic's real details in {settings['CLINIC_FILE'].name} (see the "
            'README, "The clinic\'s details"), and its web address in SITEURL (the '
            "environment or publishconf.py)."
        )
    if not target.strip():
        return _refuse(
            "no target. Set DEPLOY_TARGET in publishconf.py or the environment, or run "
            "`invoke publish --target user@host:/srv/implant-guide` (several: commas between)."
        )
    try:
        targets = parse_targets(target)
        for each in targets:
            each.check_programs("rsync")
    except DeployError as error:
        return _refuse(str(error))
    if importlib.util.find_spec("pytest") is None:
        return _refuse(
            "the tests run before a deploy are not installed. Run `make publish`, which "
            "installs them (requirements-test.lock)."
        )
    if _build_as_of_today(settings_file, publish_dir):
        return _refuse("the build failed (see the problems above). Fix them and publish again.")
    hashes = file_hashes(publish_dir)
    if run_checks(publish_dir, settings_file, settings["SITEURL"], checks):
        return _refuse("tests failed against the build (see above). Fix them and publish again.")
    if file_hashes(publish_dir) != hashes:
        return _refuse(f"{publish_dir} changed while it was checked. Publish again.")
    try:
        if dry_run:
            for each in targets:
                listed = changes(publish_dir, each)
                print(f"Dry run: publishing to {each} would change:")
                print("\n".join(f"  {line}" for line in listed) or "  nothing")
            return 0
        deployment = Deployment(publish_dir, targets, hashes)
        release = deployment.run()
    except DeployError as error:
        return _refuse(str(error))
    print(
        f"Published release {release} (sha256 {digest(hashes)}, the files the tests "
        "checked); it is now live on:\n" + "\n".join(f"  {each}" for each in targets)
    )
    for line in deployment.prune():
        print(f"warning: {line}", file=sys.stderr)
    return 0


def roll_back(target: str) -> int:
    """Switch every target in `target` back to its previous release; return an exit
    status."""
    if not target.strip():
        print("No target: set DEPLOY_TARGET or pass --target.", file=sys.stderr)
        return 1
    try:
        targets = parse_targets(target)
        for each in targets:
            each.check_programs()
        releases = rollback(targets)
    except DeployError as error:
        print(f"Rollback stopped: {error}", file=sys.stderr)
        return 1
    print("Rolled back; now live:")
    print("\n".join(f"  {each}: release {name}" for each, name in releases.items()))
    return 0
