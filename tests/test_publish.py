"""Publishing: releases are deployed atomically, rolled back exactly, and a build that fails
any step never touches the live site."""

import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, changed_file
from pelican.settings import read_settings
from support.clinic_data import (
    CLINIC_FILE,
    TEST_SITEURL,
    copy_project,
    filled_in_clinic_toml,
    reviewed_today,
)

from implant_guide.clinic import example_values
from implant_guide.release.deploy import (
    CURRENT,
    KEEP_RELEASES,
    RELEASES,
    DeployError,
    Deployment,
    Target,
    changes,
    digest,
    file_hashes,
    parse_targets,
    rollback,
)
from implant_guide.release.publish import publish, roll_back, run_checks
from implant_guide.today import TODAY_VARIABLE

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


def deploy(site: Path, *targets: Target) -> str:
    """Deploy `site` to `targets` as publishing does; the new release's name."""
    deployment = Deployment(site, list(targets), file_hashes(site))
    name = deployment.run()
    assert deployment.prune() == []
    return name


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
def clinic_project(project) -> Path:
    """The project copy (with a clinic's own details) reviewed today, and with its web
    address filled in."""
    reviewed_today(project / "content")
    with (project / "publishconf.py").open("a", encoding="utf-8") as settings:
        settings.write(f"\nSITEURL = {TEST_SITEURL!r}\n")
    return project


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
        rollback([target])
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


def test_a_copy_that_differs_from_the_checked_release_is_not_switched_to(
    built, live, target, live_site, tmp_path
):
    tampered = tmp_path / "tampered"
    shutil.copytree(built, tampered)
    checked = file_hashes(built)
    (tampered / "about" / "index.html").write_text("<!DOCTYPE html><title>Not checked</title>")
    with pytest.raises(DeployError, match=r"differs from the checked release in 1 file\(s\)"):
        Deployment(tampered, [target], checked).run()
    assert snapshot(live) == live_site


def test_targets_name_a_server_or_a_folder():
    assert Target.parse("deploy@web1.clinic.test:/srv/guide") == Target(
        "deploy@web1.clinic.test", "/srv/guide"
    )
    assert Target.parse("/srv/guide").host is None
    assert Target.parse("./relative:name").host is None


def test_several_targets_are_separated_by_commas():
    assert parse_targets("deploy@web1.test:/srv/guide, deploy@web2.test:/srv/guide,") == [
        Target("deploy@web1.test", "/srv/guide"),
        Target("deploy@web2.test", "/srv/guide"),
    ]
    with pytest.raises(DeployError, match=re.escape("web1.test:/srv/guide named twice")):
        parse_targets("web1.test:/srv/guide,web1.test:/srv/guide")


# Several targets: all or none.


def fake_program(folder: Path, name: str, fails_in: str, message: str) -> None:
    """`folder/name`: the real program, except that it fails with `message` when its last
    argument or its working folder holds `fails_in`."""
    real = shutil.which(name)
    script = folder / name
    script.write_text(
        "#!/bin/sh\n"
        "for last; do :; done\n"
        f'case "$last $PWD" in *{fails_in}*) echo "{message}" >&2; exit 23;; esac\n'
        f'exec {real} "$@"\n'
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)


@pytest.fixture
def failing_servers(tmp_path, monkeypatch) -> list[Target]:
    """Three targets, of which `broken-copy` fails to receive a copy (rsync) and
    `broken-switch` fails to switch `current` (mv); on PATH, programs that fail there."""
    programs = tmp_path / "programs"
    programs.mkdir()
    fake_program(programs, "rsync", "broken-copy", "rsync: write failed: No space left on device")
    fake_program(programs, "mv", "broken-switch", "mv: cannot move: Read-only file system")
    monkeypatch.setenv("PATH", f"{programs}{os.pathsep}{os.environ['PATH']}")
    return [Target.parse(str(tmp_path / name)) for name in ("web1", "web2", "web3")]


def on_fire(targets: list[Target], index: int, trouble: str) -> list[Target]:
    """`targets` with the one at `index` moved to a folder where `trouble` happens."""
    folder = Path(targets[index].folder)
    moved = folder.with_name(f"{folder.name}-{trouble}")
    if folder.exists():
        folder.rename(moved)
    return [*targets[:index], Target.parse(str(moved)), *targets[index + 1 :]]


def snapshots(targets: list[Target]) -> list[dict]:
    return [snapshot(Path(target.folder)) for target in targets]


def test_several_targets_get_the_same_release_and_roll_back_together(built, tmp_path):
    targets = [Target.parse(str(tmp_path / name)) for name in ("web1", "web2", "web3")]
    first = deploy(built, *targets)
    second = deploy(changed_copy(built, tmp_path / "changed"), *targets)
    assert [target.current() for target in targets] == [second] * 3
    listed = ",".join(target.folder for target in targets)
    assert roll_back(listed) == 0
    assert [target.current() for target in targets] == [first] * 3
    assert [snapshot(served(Path(target.folder))) for target in targets] == [snapshot(built)] * 3


@pytest.mark.parametrize(
    ("trouble", "says"),
    [
        ("broken-copy", "copy failed: rsync failed: rsync: write failed: No space left"),
        ("broken-switch", "switch failed: mv: cannot move: Read-only file system"),
    ],
)
def test_a_failure_on_one_target_leaves_every_target_as_it_was(
    built, failing_servers, tmp_path, trouble, says
):
    deploy(built, *failing_servers)
    targets = on_fire(failing_servers, 1, trouble)
    before = snapshots(targets)
    with pytest.raises(DeployError) as refused:
        deploy(changed_copy(built, tmp_path / "changed"), *targets)
    assert snapshots(targets) == before
    heading, *lines = str(refused.value).splitlines()
    assert re.match(r"release \d{8}T\d+Z was not published \(.+\):$", heading), heading
    assert [line.split(": ", 1)[0].strip() for line in lines] == [str(t) for t in targets]
    problem = lines[1].strip().removeprefix(f"{targets[1]}: ")
    assert problem.startswith(says), problem
    assert all(line.endswith(f"on release {targets[0].current()}, as before") for line in lines)


def test_rollback_of_several_targets_is_all_or_none(built, failing_servers, tmp_path, capsys):
    deploy(built, *failing_servers)
    deploy(changed_copy(built, tmp_path / "changed"), *failing_servers)
    targets = on_fire(failing_servers, 2, "broken-switch")
    before = snapshots(targets)
    assert roll_back(",".join(target.folder for target in targets)) == 1
    assert snapshots(targets) == before
    err = capsys.readouterr().err
    assert err.startswith("Rollback stopped: nothing was rolled back:\n"), err
    assert f"  {targets[2]}: switch failed: mv: cannot move: Read-only file system\n" in err
    assert f"  {targets[0]}: back on release " in err and "Traceback" not in err


def test_a_dry_run_lists_the_changes_of_every_target(built, tmp_path):
    targets = [Target.parse(str(tmp_path / name)) for name in ("web1", "web2")]
    deploy(built, targets[0])
    changed = changed_copy(built, tmp_path / "changed")
    assert sorted(line.split()[-1] for line in changes(changed, targets[0])) == [
        "about/index.html",
        "index.html",
    ]
    assert changes(changed, targets[1]) == [f"new site: {len(file_hashes(changed))} files"]


# Publishing: the whole pipeline.


def test_the_example_clinic_details_are_refused_by_name(tmp_path, live, capsys, monkeypatch):
    monkeypatch.delenv("SITEURL", raising=False)  # publishconf.py's own: the example
    clinic_toml = with_example_values(filled_in_clinic_toml())
    project = copy_project(tmp_path / "project", clinic_toml, signed_off=False)
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


CHECKS_THAT_STOP_A_PUBLISH = {
    "a check that fails": (
        "    assert 'hello' in home.read_text()\n",
        "tests failed against the build",
    ),
    "a check that changes the release": (
        "    home.write_text('hello')\n",
        "changed while it was checked",
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", CHECKS_THAT_STOP_A_PUBLISH, ids=list(CHECKS_THAT_STOP_A_PUBLISH))
def test_a_failing_check_never_reaches_the_live_site(
    filled_in_settings, live, live_site, tmp_path, capsys, case
):
    body, says = CHECKS_THAT_STOP_A_PUBLISH[case]
    check = tmp_path / "test_home_page.py"
    check.write_text(
        "import os, pathlib\n"
        "def test_home_page():\n"
        "    home = pathlib.Path(os.environ['PUBLISHED_SITE']) / 'index.html'\n" + body
    )
    assert publish(filled_in_settings, str(live), False, (str(check),), tmp_path / "r") != 0
    assert says in capsys.readouterr().err
    assert snapshot(live) == live_site


@pytest.mark.slow
def test_an_overdue_review_stops_publishing_whatever_the_environment_says(
    clinic_project, filled_in_settings, live, tmp_path, capfd, monkeypatch
):
    article = clinic_project / "content" / "articles" / "dural-tear.md"
    text = re.sub(r"(?m)^Last_reviewed: .*$", "Last_reviewed: 2020-01-01", article.read_text())
    text = re.sub(r"(?m)^Next_review: .*$", "Next_review: 2020-06-01", text)
    monkeypatch.setenv(TODAY_VARIABLE, "2020-03-01")  # a day before the review was due
    with changed_file(article, text):
        assert publish(filled_in_settings, str(live), False, QUICK_CHECKS, tmp_path / "r") != 0
    printed = capfd.readouterr()
    assert f"{TODAY_VARIABLE} is set, but publishing checks review dates against" in printed.out
    assert "the review was due on 2020-06-01" in printed.err
    assert snapshot(live) == {}


# The checks before a deploy (the gate): the release, with only what the tests set.


def test_the_gate_checks_the_release_with_only_the_variables_it_sets(
    published_site, tmp_path, monkeypatch
):
    callers = {"SITEURL": "https://caller.test", "DEPLOY_TARGET": "/srv/x", "CI": "true"}
    callers |= {TODAY_VARIABLE: "1999-01-01", "REQUIRE_BROWSER": "1", "SOMETHING": "else"}
    for name, value in callers.items():
        monkeypatch.setenv(name, value)
    check = tmp_path / "test_environment.py"
    check.write_text(
        "import os\n"
        "def test_environment():\n"
        f"    assert not set(os.environ) & {set(callers) - {'SITEURL'}!r}\n"
        "    assert os.environ['SITEURL'] == 'https://release.test'\n"
        f"    assert os.environ['PUBLISHED_SITE'] == {str(published_site.root)!r}\n"
    )
    settings = ROOT / "publishconf.py"
    assert run_checks(published_site.root, settings, "https://release.test", (str(check),)) == 0


def test_the_gates_tests_of_a_built_site_read_the_release(published_site, tmp_path):
    """A test of the development build's home page (the `site` fixture) fails on a release
    whose home page lacks a link: in the gate it reads the release."""
    test = "tests/test_site_structure.py::test_home_page_links_to_every_article_in_guide_order"
    release = tmp_path / "release"
    shutil.copytree(published_site.root, release)
    settings, url = ROOT / "publishconf.py", published_site.settings["SITEURL"]
    assert run_checks(release, settings, url, (test,)) == 0
    home = release / "index.html"
    html = home.read_text(encoding="utf-8")
    home.write_text(re.sub(r'<a class="card__link"[^>]*>', "<a>", html, count=1), "utf-8")
    assert run_checks(release, settings, url, (test,)) != 0


@pytest.mark.slow
def test_a_dry_run_builds_and_checks_then_only_lists_the_changes(
    filled_in_settings, live, live_site, tmp_path, capsys
):
    other = tmp_path / "other"
    listed = f"{live},{other}"
    assert publish(filled_in_settings, listed, True, QUICK_CHECKS, tmp_path / "r") == 0
    printed = capsys.readouterr().out
    assert f"Dry run: publishing to {live} would change:" in printed
    assert "contact/index.html" in printed  # the filled-in phone number
    assert f"Dry run: publishing to {other} would change:\n  new site: " in printed
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


GATE_IN_A_COPY = ("test_links.py",)
"""The fast tests the copy's publish gate runs: enough to show that the gate runs them on
the release, at its own address."""


@pytest.mark.slow
def test_a_clinic_fills_in_its_details_publishes_to_two_servers_and_rolls_back(built, tmp_path):
    project = copy_project(
        tmp_path / "project", with_example_values(filled_in_clinic_toml()), with_code=True
    )
    reviewed_today(project / "content")
    shutil.copytree(ROOT / "tests" / "support", project / "tests" / "support")
    for name in ("conftest.py", *GATE_IN_A_COPY):
        shutil.copy(ROOT / "tests" / name, project / "tests")
    web1, web2 = tmp_path / "web1", tmp_path / "web2"
    both = f"{web1},{web2}"

    refused = invoke(project, "publish", "--target", both)
    assert refused.returncode == 1
    assert "clinic.toml:" in refused.stderr and "phone = '555-0100'" in refused.stderr
    assert "SITEURL = 'https://www.example.org'" in refused.stderr
    assert not web1.exists() and not web2.exists()

    earlier = deploy(built, Target.parse(str(web1)), Target.parse(str(web2)))  # already live
    # As the README says: the address and the targets in the environment.
    (project / CLINIC_FILE).write_text(filled_in_clinic_toml(), encoding="utf-8")
    published = invoke(project, "publish", SITEURL=TEST_SITEURL, DEPLOY_TARGET=both)
    assert published.returncode == 0, published.stdout + published.stderr
    assert "it is now live on:" in published.stdout
    for web in (web1, web2):
        assert Target.parse(str(web)).releases()[0] == earlier
        assert snapshot(served(web)) == snapshot(project / "release")  # the release checked
        printed = f"(sha256 {digest(file_hashes(served(web)))}, the files the tests checked)"
        assert printed in published.stdout
        about = (served(web) / "about" / "index.html").read_text(encoding="utf-8")
        assert "Dr. Maria Alvarez, MD, FAAOS (orthopedic spine surgeon)" in about
        assert b"614-000-0100" in (served(web) / "contact" / "index.html").read_bytes()
        # Every address follows the site's own SITEURL, the feed's included.
        assert f'href="{TEST_SITEURL}/about/"' in about
        home = (served(web) / "index.html").read_text(encoding="utf-8")
        assert f'href="{TEST_SITEURL}/feeds/all.atom.xml"' in home
        assert "example.org" not in home
    assert served(web1).name == served(web2).name != earlier

    back = invoke(project, "rollback", "--target", both)
    assert back.returncode == 0, back.stdout + back.stderr
    assert served(web1).name == served(web2).name == earlier
