"""Atomic releases on the web servers: each publish copies the site into a folder of its own
on every target, then switches a `current` symbolic link to it in one step, so readers
never see half a site, and never one server on the new release and another on the old.

A target is a folder on this machine or `user@host:folder` (reached with ssh and rsync);
several are written with commas between them (TARGET_SEPARATOR):

    releases/20261125T214512123456Z/   one folder per release, oldest first by name
    current -> releases/...            the release the web server serves

All or none: the new release is copied to every target (and each copy compared, file by
file, with the release that was checked) before any target is switched; if a copy fails,
no target is switched. If a switch fails, the targets already switched go back to the
release they had. Either way every target is left serving what it served before, and the
error says, one line per target, what happened there.
"""

import hashlib
import shlex
import shutil
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

RELEASES = "releases"
CURRENT = "current"
KEEP_RELEASES = 5
TARGET_SEPARATOR = ","
PACKAGES = {"rsync": "rsync", "ssh": "openssh-client"}
"""The programs a deploy runs, and the Debian package of each."""


class DeployError(RuntimeError):
    """A deploy or rollback that could not be done; the message says why and what to do,
    one line per target, each starting with the target."""


def _reason(error: DeployError, target: "Target") -> str:
    """What went wrong on `target`, without its name."""
    return str(error).removeprefix(f"{target}: ")


def one_line(text: str) -> str:
    """`text` (a program's error output) as one line."""
    return "; ".join(line.strip() for line in text.splitlines() if line.strip())


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
            raise DeployError(
                f"{self}: {one_line(done.stderr) or f'exit status {done.returncode}'}"
            )
        return done.stdout

    def releases(self) -> list[str]:
        """The names of the releases on the target, oldest first."""
        return sorted(self.run(f"mkdir -p {RELEASES} && ls -1 {RELEASES}").split())

    def current(self) -> str | None:
        """The name of the release `current` points to, if any."""
        link = self.run(f"readlink {CURRENT} || true").strip()
        return link.removeprefix(f"{RELEASES}/") or None

    def switch_to(self, name: str | None) -> None:
        """Point `current` at release `name` in one step (a rename over the old link); for
        None, remove `current` (the target served no release)."""
        if name is None:
            self.run(f"rm -f {CURRENT}")
            return
        new = f"{CURRENT}.new"  # removed again if the rename fails
        swap = f"{{ mv -Tf {new} {CURRENT} || {{ rm -f {new}; false; }}; }}"
        self.run(f"ln -sfn {RELEASES}/{name} {new} && {swap}")

    def file_hashes(self, name: str) -> dict[str, str]:
        """The SHA-256 of every file of release `name`, by path within it."""
        listing = self.run(
            f"cd {RELEASES}/{name} && find . -type f -print0 | LC_ALL=C sort -z"
            " | xargs -0 -r sha256sum"
        )
        hashes = (line.split("  ", 1) for line in listing.splitlines() if line)
        return {path.removeprefix("./"): digest for digest, path in hashes}

    def remove(self, name: str) -> None:
        self.run(f"rm -rf {RELEASES}/{name}")


def parse_targets(text: str) -> list[Target]:
    """The targets `text` names, separated by TARGET_SEPARATOR (spaces around are ignored)."""
    parts = [part.strip() for part in text.split(TARGET_SEPARATOR) if part.strip()]
    targets = [Target.parse(part) for part in parts]
    twice = sorted({str(target) for target in targets if targets.count(target) > 1})
    if twice:
        raise DeployError(f"{', '.join(twice)} named twice; name each target once.")
    return targets


def file_hashes(site: Path) -> dict[str, str]:
    """The SHA-256 of every file of `site`, by path within it."""
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def digest(hashes: dict[str, str]) -> str:
    """One SHA-256 for a whole release, from its files' hashes (`file_hashes`)."""
    listing = "".join(f"{hashes[path]}  {path}\n" for path in sorted(hashes))
    return hashlib.sha256(listing.encode()).hexdigest()


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
        raise DeployError(f"{target}: rsync failed: {one_line(done.stderr)}")
    return done.stdout


def changes(site: Path, target: Target) -> list[str]:
    """What a deploy of `site` would change in the current release (rsync's itemized list);
    nothing on the target is touched."""
    if target.current() is None:
        return [f"new site: {sum(1 for p in site.rglob('*') if p.is_file())} files"]
    listing = _rsync(site, target, f"{CURRENT}/", "--dry-run", "--itemize-changes")
    return listing.splitlines()


def _upload(site: Path, target: Target, name: str, previous: str | None, hashes: dict) -> None:
    """Copy `site` into release `name` on `target` and check that the copy holds exactly
    the files of `hashes` (the release that was checked)."""
    target.run(f"mkdir -p {RELEASES}")
    # Files that did not change become hard links to the current release's copies.
    link = [f"--link-dest=../../{CURRENT}/"] if previous else []
    _rsync(site, target, f"{RELEASES}/{name}/", *link)
    copied = target.file_hashes(name)
    if copied != hashes:
        differ = sorted(path for path in {*copied, *hashes} if copied.get(path) != hashes.get(path))
        raise DeployError(
            f"{target}: the copy differs from the checked release in {len(differ)} "
            f"file(s), {differ[0]} first"
        )


def _on(name: str | None) -> str:
    return f"release {name}" if name else "no release"


class Deployment:
    """One new release going to every target, all or none."""

    def __init__(self, site: Path, targets: list[Target], hashes: dict[str, str]):
        self.site, self.targets, self.hashes = site, targets, hashes
        self.name = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        self.previous = {target: target.current() for target in targets}
        self.failed: dict[Target, str] = {}

    def run(self) -> str:
        """Upload to every target, then switch every target; returns the release's name,
        or raises DeployError with every target left as it was."""
        for target in self.targets:
            try:
                _upload(self.site, target, self.name, self.previous[target], self.hashes)
            except DeployError as error:
                self.failed[target] = f"copy failed: {_reason(error, target)}"
        if self.failed:
            self._give_up(switched=[], summary="no target was switched")
        switched = []
        for target in self.targets:
            try:
                target.switch_to(self.name)
            except DeployError as error:
                self.failed[target] = f"switch failed: {_reason(error, target)}"
                self._give_up(switched, "the targets already switched went back")
            switched.append(target)
        return self.name

    def prune(self) -> list[str]:
        """Remove all but the newest KEEP_RELEASES releases of each target; returns what
        could not be removed, one line per target (the new release is live all the same)."""
        left = []
        for target in self.targets:
            try:
                old = target.releases()[:-KEEP_RELEASES]
                if old:
                    target.run("rm -rf " + " ".join(f"{RELEASES}/{name}" for name in old))
            except DeployError as error:
                left.append(f"{target}: old releases not removed: {_reason(error, target)}")
        return left

    def _give_up(self, switched: list[Target], summary: str):
        """Switch `switched` back, remove the new release everywhere, and raise the
        error: one line per target."""
        lines = []
        for target in self.targets:
            before = self.previous[target]
            try:
                if target in switched:
                    target.switch_to(before)
                target.remove(self.name)
                state = f"on {_on(before)}, as before"
            except DeployError as error:
                state = f"NOT put back on {_on(before)} ({_reason(error, target)})"
            reason = f"{self.failed[target]}; " if target in self.failed else ""
            lines.append(f"{target}: {reason}{state}")
        raise DeployError(
            f"release {self.name} was not published ({summary}):\n  " + "\n  ".join(lines)
        )


def rollback(targets: list[Target]) -> dict[Target, str]:
    """Switch every target back to the release before its current one, all or none;
    return the release each now serves."""
    current = {target: target.current() for target in targets}
    earlier, refused = {}, []
    for target in targets:
        releases = target.releases()
        if current[target] not in releases or releases.index(current[target]) == 0:
            refused.append(f"{target}: no release before {current[target] or 'the current one'}")
        else:
            earlier[target] = releases[releases.index(current[target]) - 1]
    if refused:
        raise DeployError(
            "nothing was rolled back. Publish a corrected site instead.\n  " + "\n  ".join(refused)
        )
    switched = []
    for target, name in earlier.items():
        try:
            target.switch_to(name)
        except DeployError as error:
            lines = [f"{target}: switch failed: {_reason(error, target)}"]
            for done in switched:
                done.switch_to(current[done])
                lines.append(f"{done}: back on {_on(current[done])}")
            raise DeployError("nothing was rolled back:\n  " + "\n  ".join(lines)) from None
        switched.append(target)
    return earlier
