"""Publishing: releases are deployed atomically, rolled back exactly, and a build that fails
any step never touches the live site."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, changed_file
from pelican.settings import read_settings
from support.clinic_data import CLINIC_FILE, TEST_SITEURL, copy_project, filled_in_clinic_toml

from implant_guide.clinic import example_values
from implant_guide.release.deploy import (
    CURRENT,
    KEEP_RELEASES,
    RELEASES,
    DeployError,
    Target,
    changes,
    deploy,
    rollback,
)
from implant_guide.release.publish import publish, roll_back

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


@pytest.fixture(scope="module", autouse=True)
def rsync():
    """Deploys copy with rsync, which `make test` installs."""
    if shutil.which("rsync") is None:
        pytest.fail("rsync not found. Install it: apt-get install rsync", pytrace=False)


EXAMPLE_INTERESTS = re.search(
    r'(?m)^interests = ".*"$', (ROOT / CLINIC_FILE).read_text(encoding="utf-8")
).group()


def with_example_values(clinic_toml: str) -> str:
    """`clinic_toml` with the project's example phone number, email address and statement
    of the clinic's interests."""
    clinic_toml = re.sub(r'(?m)^phone = ".*"$', 'phone = "555-0100"', clinic_toml)
    clinic_toml = re.sub(r'(?m)^interests = ".*"$', lambda _: EXAMPLE_INTERESTS, clinic_toml)
    return re.sub(r'(?m)^email = ".*"$', 'email = "info@example.org"', clinic_toml)


@pytest.fixture(scope="module")
def clinic_project(tmp_path_factory) -> Path:
    """A copy of the project with a clinic's own details and web address filled in."""
    folder = copy_project(tmp_path_factory.mktemp("clinic"), filled_in_clinic_toml())
    with (folder / "publishconf.py").open("a", encoding="utf-8") as settings:
        settings.write(f"\nSITEURL = {TEST_SITEURL!r}\n")
    return folder


@pytest.fixture
def filled_in_settings(clinic_project) -> Path:
    return clinic_project / "publishconf.py"


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


def test_the_example_clinic_details_are_refused_by_name(tmp_path, live, capsys):
    project = copy_project(tmp_path / "project", with_example_values(filled_in_clinic_toml()))
    assert publish(project / "publishconf.py", str(live)) == 1
    message = capsys.readouterr().err
    assert re.search(rf"{re.escape(str(CLINIC_FILE))}:\d+: phone = '555-0100'", message)
    assert re.search(r"clinic.toml:\d+: email = 'info@example.org'", message)
    assert re.search(r"clinic.toml:\d+: interests = 'Example statement: ", message)
    assert "SITEURL = 'https://www.example.org'" in message
    assert "Put the clinic's real details in clinic.toml" in message
    assert "Nothing was deployed." in message
    assert snapshot(live) == {}


def test_filled_in_details_hold_no_example_values(filled_in_settings):
    assert example_values(read_settings(str(filled_in_settings))) == []


@pytest.mark.slow
def test_a_good_publish_goes_live(filled_in_settings, live, tmp_path):
    build = tmp_path / "release"
    assert publish(filled_in_settings, str(live), False, QUICK_CHECKS, build) == 0
    assert snapshot(served(live)) == snapshot(build)
    assert b"614-000-0100" in (served(live) / "contact" / "index.html").read_bytes()
    # Every address follows the site's own SITEURL, the feed's included.
    home = (served(live) / "index.html").read_text(encoding="utf-8")
    assert f'href="{TEST_SITEURL}/feeds/all.atom.xml"' in home
    assert "example.org" not in home


@pytest.mark.slow
def test_a_failing_build_never_reaches_the_live_site(
    clinic_project, filled_in_settings, live, live_site, tmp_path, capfd
):
    article = clinic_project / "content" / "articles" / "dural-tear.md"
    text = article.read_text(encoding="utf-8").replace("Next_review: ", "Next_review: 20x7-")
    with changed_file(article, text):
        assert publish(filled_in_settings, str(live), False, QUICK_CHECKS, tmp_path / "r") != 0
    err = capfd.readouterr().err  # the build's own messages come from a child process
    line = text.splitlines().index(next(t for t in text.splitlines() if "20x7-" in t)) + 1
    assert f"dural-tear.md:{line}: 'Next_review' is not a valid date" in err
    assert "Nothing was deployed." in err
    assert snapshot(live) == live_site


@pytest.mark.slow
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


@pytest.mark.slow
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


# Programs a deploy needs.


@pytest.fixture
def no_programs(tmp_path, monkeypatch):
    """A PATH with nothing on it: no rsync, no ssh."""
    empty = tmp_path / "empty-path"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


def test_without_rsync_publishing_names_the_install_command_before_building(
    filled_in_settings, live, tmp_path, no_programs, capsys
):
    assert publish(filled_in_settings, str(live), publish_dir=tmp_path / "r") == 1
    err = capsys.readouterr().err
    assert "rsync not found" in err and "Install: sudo apt-get install rsync" in err
    assert not (tmp_path / "r").exists() and snapshot(live) == {}


def test_without_ssh_a_server_cannot_be_reached_and_the_message_says_why(no_programs, capsys):
    assert roll_back("deploy@web1.clinic.test:/srv/guide") == 1
    assert "Install: sudo apt-get install openssh-client" in capsys.readouterr().err


# A clinic sets up the project and publishes, as the README says.


def invoke(project: Path, *arguments: str, **environment: str) -> subprocess.CompletedProcess:
    """Run `invoke ARGUMENTS` in `project`, as an editor would."""
    return subprocess.run(
        [sys.executable, "-m", "invoke", *arguments],
        cwd=project,
        env={**os.environ, **environment},
        capture_output=True,
        text=True,
    )


@pytest.mark.slow
def test_a_clinic_fills_in_its_details_publishes_twice_and_rolls_back(tmp_path):
    project = copy_project(
        tmp_path / "project", with_example_values(filled_in_clinic_toml()), with_code=True
    )
    # The checks run before a deploy are the project's own fast tests; a few will do here.
    shutil.copytree(ROOT / "tests" / "support", project / "tests" / "support")
    for name in ("conftest.py", *QUICK_CHECKS):
        shutil.copy(ROOT / "tests" / Path(name).name, project / "tests")
    live = tmp_path / "live"

    refused = invoke(project, "publish", "--target", str(live))
    assert refused.returncode == 1
    assert "clinic.toml:" in refused.stderr and "phone = '555-0100'" in refused.stderr
    assert "SITEURL = 'https://www.example.org'" in refused.stderr
    assert not live.exists()

    (project / CLINIC_FILE).write_text(filled_in_clinic_toml(), encoding="utf-8")
    first = invoke(project, "publish", "--target", str(live), SITEURL=TEST_SITEURL)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "it is now live" in first.stdout
    about = (served(live) / "about" / "index.html").read_text(encoding="utf-8")
    assert "Dr. Maria Alvarez, MD, FAAOS (orthopedic spine surgeon)" in about
    assert "614-000-0100" in (served(live) / "contact" / "index.html").read_text("utf-8")
    first_release = served(live)

    second = invoke(project, "publish", SITEURL=TEST_SITEURL, DEPLOY_TARGET=str(live))
    assert second.returncode == 0, second.stdout + second.stderr
    assert len(Target.parse(str(live)).releases()) == 2
    assert served(live) != first_release

    back = invoke(project, "rollback", "--target", str(live))
    assert back.returncode == 0, back.stdout + back.stderr
    assert served(live) == first_release
