"""Publishing: releases are deployed atomically, rolled back exactly, and a build that fails
any step never touches the live site."""

import os
import shutil
from pathlib import Path

import pytest
from conftest import ROOT
from pelican.settings import read_settings

from implant_guide.clinic import example_values
from implant_guide.deploy import (
    CURRENT,
    KEEP_RELEASES,
    RELEASES,
    DeployError,
    Target,
    changes,
    deploy,
    rollback,
)
from implant_guide.publish import publish, roll_back

# Publish settings with the clinic's details filled in. The values are made up for the
# tests: a .test address, an 000 exchange (no such US number), and nothing that says
# Example, so that publishing is allowed.
FILLED_IN_SETTINGS = """
import sys
sys.path.insert(0, {root!r})
from publishconf import *  # noqa: F403
from implant_guide.clinic import markdown_placeholders

PATH = {root!r} + "/content"  # relative paths would be read from this file's folder
THEME = {root!r} + "/theme"
SITEURL = "https://spine.clinic.test"
CLINIC = {{
    **CLINIC,
    "name": "Test Spine Clinic",
    "phone": "202-000-0100",
    "phone_tel": "+1-202-000-0100",
    "email": "info@spine.clinic.test",
    "url": "https://spine.clinic.test/",
    "address": {{**CLINIC["address"], "street": ["1 Test Way"], "postal_code": "20001"}},
    "after_hours_phone": "202-000-0199",
    "after_hours_phone_tel": "+1-202-000-0199",
    "awards": [{{"name": "Test Award for Safe Care", "by": "Test Quality Board", "year": "2026"}}],
    "reviewers": {{"spine-surgeon": {{"name": "Dr. Test Reviewer", "role": "Spine surgeon"}}}},
}}
PLACEHOLDERS.update(markdown_placeholders(CLINIC, EMERGENCY_NUMBER))  # MARKDOWN reads it
"""
QUICK_CHECKS = ("tests/test_links.py",)  # enough to show the checks run on the build


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every file's bytes and every link's target under `folder`, by relative path."""
    found = {}
    for path in sorted(folder.rglob("*")):
        name = str(path.relative_to(folder))
        if path.is_symlink():
            found[name] = f"-> {os.readlink(path)}"
        elif path.is_file():
            found[name] = path.read_bytes()
    return found


def served(target: Path) -> Path:
    """The release `current` points to."""
    return (target / CURRENT).resolve()


@pytest.fixture(scope="module")
def built(published_site, tmp_path_factory) -> Path:
    """A copy of the publish build, for deploy tests to change."""
    copy = tmp_path_factory.mktemp("built") / "site"
    shutil.copytree(published_site.root, copy, symlinks=True)
    return copy


@pytest.fixture
def live(tmp_path) -> Path:
    """An empty target folder on this machine."""
    folder = tmp_path / "live"
    folder.mkdir()
    return folder


@pytest.fixture
def target(live) -> Target:
    return Target.parse(str(live))


@pytest.fixture
def live_site(built, live, target) -> dict:
    """A target serving one release of `built`; returns a snapshot of the whole target."""
    deploy(built, target)
    return snapshot(live)


@pytest.fixture
def filled_in_settings(tmp_path) -> Path:
    path = tmp_path / "clinicconf.py"
    path.write_text(FILLED_IN_SETTINGS.format(root=str(ROOT)), encoding="utf-8")
    return path


# Deploying and rolling back.


def test_a_deploy_makes_a_release_and_switches_current_to_it(built, live, target):
    name = deploy(built, target)
    assert (live / CURRENT).is_symlink()
    assert served(live) == live / RELEASES / name
    assert snapshot(served(live)) == snapshot(built)


def test_unchanged_files_are_shared_with_the_last_release(built, live, target):
    first = live / RELEASES / deploy(built, target)
    second = live / RELEASES / deploy(built, target)
    assert (first / "index.html").stat().st_ino == (second / "index.html").stat().st_ino


def test_only_the_newest_releases_are_kept(built, target):
    names = [deploy(built, target) for _ in range(KEEP_RELEASES + 2)]
    assert target.releases() == names[-KEEP_RELEASES:]
    assert target.current() == names[-1]


def changed_copy(built: Path, folder: Path) -> Path:
    """A copy of `built` with a new home page and without the about page."""
    shutil.copytree(built, folder)
    (folder / "index.html").write_text("<!DOCTYPE html><title>Changed</title>")
    (folder / "about" / "index.html").unlink()
    return folder


def test_rollback_restores_the_previous_release_exactly(built, live, target, live_site, tmp_path):
    before = snapshot(served(live))
    deploy(changed_copy(built, tmp_path / "changed"), target)
    assert snapshot(served(live)) != before
    assert roll_back(str(live)) == 0
    assert snapshot(served(live)) == before


def test_rollback_with_nothing_before_says_so_and_changes_nothing(live, target, live_site, capsys):
    with pytest.raises(DeployError, match="no release before"):
        rollback(target)
    assert roll_back(str(live)) == 1
    assert "Publish a corrected site instead" in capsys.readouterr().err
    assert snapshot(live) == live_site


def test_dry_run_lists_the_changes_and_touches_nothing(built, live, target, live_site, tmp_path):
    listed = changes(changed_copy(built, tmp_path / "changed"), target)
    assert sorted(line.split()[-1] for line in listed) == ["about/index.html", "index.html"]
    assert snapshot(live) == live_site


def test_a_failed_copy_leaves_the_live_site_as_it_was(live, target, live_site, tmp_path):
    with pytest.raises(DeployError, match="rsync"):
        deploy(tmp_path / "no-such-site", target)
    assert snapshot(live) == live_site


def test_targets_name_a_server_or_a_folder():
    assert Target.parse("deploy@web1.clinic.test:/srv/guide") == Target(
        "deploy@web1.clinic.test", "/srv/guide"
    )
    assert Target.parse("/srv/guide").host is None
    assert Target.parse("./relative:name").host is None


# Publishing: the whole pipeline.


def test_the_example_clinic_details_are_refused_by_name(live, capsys):
    assert publish(ROOT / "publishconf.py", str(live)) == 1
    message = capsys.readouterr().err
    assert "CLINIC['phone'] = '555-0100'" in message
    assert "SITEURL = 'https://www.example.org'" in message
    assert "Put the clinic's real details in CLINIC" in message
    assert "Nothing was deployed." in message
    assert snapshot(live) == {}


def test_filled_in_details_hold_no_example_values(filled_in_settings):
    assert example_values(read_settings(str(filled_in_settings))) == []


def test_a_good_publish_goes_live(filled_in_settings, live, tmp_path):
    build = tmp_path / "release"
    assert publish(filled_in_settings, str(live), False, QUICK_CHECKS, build) == 0
    assert snapshot(served(live)) == snapshot(build)
    assert b"202-000-0100" in (served(live) / "contact" / "index.html").read_bytes()
    # Every address follows the site's own SITEURL, the feed's included.
    home = (served(live) / "index.html").read_text(encoding="utf-8")
    assert 'href="https://spine.clinic.test/feeds/all.atom.xml"' in home
    assert "example.org" not in home


def test_a_failing_build_never_reaches_the_live_site(
    filled_in_settings, live, live_site, tmp_path, capfd
):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    article = content / "articles" / "dural-tear.md"
    article.write_text(article.read_text().replace("Next_review: ", "Next_review: 20x7-"))
    broken = tmp_path / "brokenconf.py"
    broken.write_text(filled_in_settings.read_text() + f"\nPATH = {str(content)!r}\n")
    assert publish(broken, str(live), False, QUICK_CHECKS, tmp_path / "r") != 0
    err = capfd.readouterr().err  # the build's own messages come from a child process
    assert "dural-tear.md:9: 'Next_review' is not a valid date" in err
    assert "Nothing was deployed." in err
    assert snapshot(live) == live_site


def test_a_failing_check_never_reaches_the_live_site(
    filled_in_settings, live, live_site, tmp_path, capsys
):
    failing = tmp_path / "test_home_page_says_hello.py"
    failing.write_text(
        "import os, pathlib\n"
        "def test_home_page_says_hello():\n"
        "    home = pathlib.Path(os.environ['PUBLISHED_SITE']) / 'index.html'\n"
        "    assert 'hello' in home.read_text()\n"
    )
    assert publish(filled_in_settings, str(live), False, (str(failing),), tmp_path / "r") != 0
    assert "tests failed against the build" in capsys.readouterr().err
    assert snapshot(live) == live_site


def test_a_dry_run_builds_and_checks_then_only_lists_the_changes(
    filled_in_settings, live, live_site, tmp_path, capsys
):
    assert publish(filled_in_settings, str(live), True, QUICK_CHECKS, tmp_path / "r") == 0
    printed = capsys.readouterr().out
    assert f"Dry run: publishing to {live} would change:" in printed
    assert "contact/index.html" in printed  # the filled-in phone number
    assert snapshot(live) == live_site


def test_no_target_is_refused_before_building(filled_in_settings, tmp_path, capsys):
    assert publish(filled_in_settings, "", publish_dir=tmp_path / "r") == 1
    assert "Set DEPLOY_TARGET" in capsys.readouterr().err
    assert not (tmp_path / "r").exists()
