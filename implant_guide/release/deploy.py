"""Atomic releases on the web server: each publish copies the site into a folder of its own,
then switches a `current` symbolic link to it in one step, so readers never see half a site.

A target is a folder on this machine or `user@host:folder` (reached with ssh and rsync):

    releases/20261125T214512123456Z/   one folder per release, oldest first by name
    current -> releases/...            the release the web server serves
"""

import shlex
import shutil
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

RELEASES = "releases"
CURRENT = "current"
KEEP_RELEASES = 5
PACKAGES = {"rsync": "rsync", "ssh": "openssh-client"}
"""The programs a deploy runs, and the Debian package of each."""


class DeployError(RuntimeError):
    """A deploy or rollback that could not be done; the message says why and what to do."""


@dataclass(frozen=True)
class Target:
    """Where releases go: `folder` on `host` (None for this machine)."""

    host: str | None
    folder: str

    @classmethod
    def parse(cls, text: str) -> "Target":
        """`user@host:folder` or `host:folder` for a server, anything else a local folder."""
        host, colon, folder = text.partition(":")
        if colon and host and "/" not in host:
            return cls(host, folder or ".")
        return cls(None, str(Path(text).resolve()))

    def __str__(self) -> str:
        return f"{self.host}:{self.folder}" if self.host else self.folder

    def rsync_address(self, path: str) -> str:
        """`path` (relative to the folder) as rsync names it."""
        return f"{self}/{path}"

    def check_programs(self, *programs: str) -> None:
        """Stop with the install command if `programs` (or ssh, for a server) are missing."""
        needed = [*programs, "ssh"] if self.host else list(programs)
        missing = [program for program in needed if shutil.which(program) is None]
        if missing:
            packages = " ".join(PACKAGES[program] for program in missing)
            raise DeployError(
                f"{' and '.join(missing)} not found, needed to reach {self}. "
                f"Install: sudo apt-get install {packages}"
            )

    def run(self, script: str) -> str:
        """Run a shell script in the target's folder, made if it is not there yet; return
        what it printed."""
        folder = shlex.quote(self.folder)
        script = f"mkdir -p {folder} && cd {folder} && {script}"
        command = ["ssh", self.host, script] if self.host else ["sh", "-c", script]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode:
            raise DeployError(f"{self}: `{script}` failed: {done.stderr.strip()}")
        return done.stdout

    def releases(self) -> list[str]:
        """The names of the releases on the target, oldest first."""
        return sorted(self.run(f"mkdir -p {RELEASES} && ls -1 {RELEASES}").split())

    def current(self) -> str | None:
        """The name of the release `current` points to, if any."""
        link = self.run(f"readlink {CURRENT} || true").strip()
        return link.removeprefix(f"{RELEASES}/") or None

    def switch_to(self, name: str) -> None:
        """Point `current` at release `name` in one step (a rename over the old link)."""
        self.run(f"ln -sfn {RELEASES}/{name} {CURRENT}.new && mv -Tf {CURRENT}.new {CURRENT}")


def _rsync(site: Path, target: Target, destination: str, *options: str) -> str:
    """Copy `site` to `destination`, comparing files by content: every build writes every
    file anew, so their times say nothing. Times are not copied, which lets files that did
    not change be hard links to the last release's."""
    command = [
        "rsync",
        "--recursive",
        "--links",
        "--perms",
        "--checksum",
        "--delete",
        *options,
        f"{site}/",
        target.rsync_address(destination),
    ]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        raise DeployError(f"rsync to {target} failed: {done.stderr.strip()}")
    return done.stdout


def changes(site: Path, target: Target) -> list[str]:
    """What a deploy of `site` would change in the current release (rsync's itemized list);
    nothing on the target is touched."""
    if target.current() is None:
        return [f"new site: {sum(1 for p in site.rglob('*') if p.is_file())} files"]
    listing = _rsync(site, target, f"{CURRENT}/", "--dry-run", "--itemize-changes")
    return listing.splitlines()


def deploy(site: Path, target: Target) -> str:
    """Copy `site` into a new release on `target`, switch `current` to it, and keep only
    the newest KEEP_RELEASES releases. Returns the new release's name."""
    name = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    previous = target.current()
    target.run(f"mkdir -p {RELEASES}")
    # Files that did not change become hard links to the current release's copies.
    link = [f"--link-dest=../../{CURRENT}/"] if previous else []
    try:
        _rsync(site, target, f"{RELEASES}/{name}/", *link)
    except DeployError:
        target.run(f"rm -rf {RELEASES}/{name}")
        raise
    target.switch_to(name)
    old = target.releases()[:-KEEP_RELEASES]
    if old:
        target.run("rm -rf " + " ".join(f"{RELEASES}/{release}" for release in old))
    return name


def rollback(target: Target) -> str:
    """Switch `current` back to the release before it; return that release's name."""
    releases, current = target.releases(), target.current()
    if current not in releases or releases.index(current) == 0:
        raise DeployError(
            f"{target} has no release before {current or 'the current one'} to go back to. "
            "Publish a corrected site instead."
        )
    earlier = releases[releases.index(current) - 1]
    target.switch_to(earlier)
    return earlier
