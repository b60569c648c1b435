"""scripts/install-system-packages: what `make test`, `make publish` and CI install. Where it
cannot install (not root, no sudo) it names the one command to run and fails."""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from conftest import ROOT

SCRIPT = ROOT / "scripts" / "install-system-packages"


@pytest.fixture
def bin_folder():
    """An empty folder for programs that any user can read (pytest's own are private)."""
    with tempfile.TemporaryDirectory(prefix="install-script-") as folder:
        os.chmod(folder, 0o755)
        yield Path(folder)


def run_without_root(path: Path, *arguments: str) -> subprocess.CompletedProcess:
    """Run the script as a user who is not root, with no sudo and nothing but bash and id
    on the PATH (`path`): every package looks missing."""
    for program in ("bash", "id"):
        (path / program).symlink_to(shutil.which(program))
    # A copy the other user can reach: the project may sit in a folder only root can open.
    script = shutil.copy(SCRIPT, path / SCRIPT.name)
    command = [str(script), *arguments]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("setpriv (util-linux) is needed to run the script as another user")
        command = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    return subprocess.run(
        command,
        env={"PATH": str(path)},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
    )


@pytest.mark.parametrize(
    ("purpose", "packages"),
    [
        ("test", ["default-jre-headless", "npm", "openssl", "rsync", "apache2-utils"]),
        ("publish", ["default-jre-headless", "npm", "rsync", "openssh-client"]),
        ("bench", ["openssl", "apache2-utils"]),
    ],
)
def test_without_root_it_names_the_install_command_in_one_line(bin_folder, purpose, packages):
    done = run_without_root(bin_folder, purpose)
    assert done.returncode == 1
    assert done.stdout == ""
    (line,) = done.stderr.splitlines()
    assert line.startswith(f"Missing Debian packages for {purpose}; as root, run: ")
    command = line.split("run: ")[1]
    assert command.startswith("apt-get update && apt-get install -y ")
    assert set(packages) <= set(command.split()), line


def test_an_unknown_purpose_is_refused(bin_folder):
    done = run_without_root(bin_folder, "deploy")
    assert done.returncode == 2 and "Usage:" in done.stderr
