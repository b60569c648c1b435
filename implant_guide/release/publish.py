"""Publishing: build with the publish settings, check the result, then deploy it atomically.

Nothing reaches the web server unless every step before the deploy passed: the clinic's
details are no longer the examples, the build (with its content checks, review dates
included) succeeded, and the fast tests passed against the very files to be deployed.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from pelican.settings import read_settings

from implant_guide.release.build import build
from implant_guide.clinic import example_values
from implant_guide.release.deploy import DeployError, Target, changes, deploy, rollback
from implant_guide.today import TODAY_VARIABLE, today

ROOT = Path(__file__).resolve().parents[2]
PUBLISH_DIR = ROOT / "release"
"""The build that is checked and deployed; made afresh by every publish."""

FAST_CHECKS = ("tests", "-m", "not browser and not nginx and not slow")
"""The tests run against a build before it is deployed: every test that needs no browser
or web server and builds nothing more (the markers are declared in pyproject.toml)."""

PUBLISHED_SITE_VARIABLE = "PUBLISHED_SITE"
PUBLISHED_SETTINGS_VARIABLE = "PUBLISHED_SETTINGS"
"""Tell the tests to check this built folder, built with these settings, as the publish
build, instead of building one of their own."""


def _refuse(message: str) -> int:
    print(f"Publishing stopped: {message}\nNothing was deployed.", file=sys.stderr)
    return 1


def run_checks(site: Path, settings_file: Path, checks=FAST_CHECKS) -> int:
    """Run the tests in `checks` against the built `site`; return pytest's exit status."""
    environment = {
        **os.environ,
        PUBLISHED_SITE_VARIABLE: str(site),
        PUBLISHED_SETTINGS_VARIABLE: str(settings_file),
    }
    with tempfile.TemporaryDirectory(prefix="publish-checks-") as scratch:
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
        command += ["--basetemp", scratch, *checks]
        return subprocess.run(command, cwd=ROOT, env=environment).returncode


def publish(
    settings_file: Path,
    target: str,
    dry_run: bool = False,
    checks=FAST_CHECKS,
    publish_dir: Path = PUBLISH_DIR,
) -> int:
    """Build, check and deploy; return 0 on success, non-zero (with a message) otherwise."""
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
    if not target:
        return _refuse(
            "no target. Set DEPLOY_TARGET in publishconf.py or the environment, or run "
            "`invoke publish --target user@host:/srv/implant-guide`."
        )
    destination = Target.parse(target)
    try:
        destination.check_programs("rsync")
    except DeployError as error:
        return _refuse(str(error))
    if TODAY_VARIABLE in os.environ:
        print(f"Review dates are checked as of {today()} ({TODAY_VARIABLE}).")
    shutil.rmtree(publish_dir, ignore_errors=True)
    if build(str(settings_file), publish_dir):
        return _refuse("the build failed (see the problems above). Fix them and publish again.")
    if run_checks(publish_dir, settings_file, checks):
        return _refuse("tests failed against the build (see above). Fix them and publish again.")
    try:
        if dry_run:
            listed = changes(publish_dir, destination)
            print(f"Dry run: publishing to {destination} would change:")
            print("\n".join(f"  {line}" for line in listed) or "  nothing")
            return 0
        release = deploy(publish_dir, destination)
    except DeployError as error:
        return _refuse(str(error))
    print(f"Published release {release} to {destination}; it is now live.")
    return 0


def roll_back(target: str) -> int:
    """Switch the target back to its previous release; return an exit status."""
    if not target:
        print("No target: set DEPLOY_TARGET or pass --target.", file=sys.stderr)
        return 1
    try:
        destination = Target.parse(target)
        destination.check_programs()
        release = rollback(destination)
    except DeployError as error:
        print(f"Rollback stopped: {error}", file=sys.stderr)
        return 1
    print(f"Rolled back {target} to release {release}; it is now live.")
    return 0
