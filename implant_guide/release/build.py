"""Build the site into a staging folder and replace the output only if all went well.

`invoke build` calls `build`; `python -m implant_guide.release.build SETTINGS OUTPUT` runs the same
build on its own (the benchmarks time it that way).
"""

import gzip
import shutil
import subprocess
import sys
import threading
from pathlib import Path


def staging_dir(output: Path) -> Path:
    """The folder a build writes into before it replaces `output`."""
    return output.with_name(f".{output.name}-staging")


def previous_dir(output: Path) -> Path:
    """The folder that holds the output a build replaced."""
    return output.with_name(f".{output.name}-previous")


PRECOMPRESSED_SUFFIXES = (".css", ".js", ".svg", ".json", ".xml", ".txt")
"""Files the web server sends from a ready-made .gz beside them (nginx's gzip_static).
HTML pages are not among them: there are many, and the server compresses them as it goes."""


def precompress(site: Path) -> None:
    """Write `NAME.gz` (gzip, level 9) next to every text file in `site` whose suffix is
    one of PRECOMPRESSED_SUFFIXES."""
    for path in site.rglob("*"):
        if path.suffix in PRECOMPRESSED_SUFFIXES and path.is_file():
            packed = gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)
            path.with_name(f"{path.name}.gz").write_bytes(packed)


def build(
    settings: str, output: str | Path, *pelican_args: str, environment: dict | None = None
) -> int:
    """Run Pelican (which also writes the search index) with warnings treated as errors,
    its messages whole (see `pelican_run`), and precompress its text files; swap the
    result in on success.

    Pelican runs in `environment` (default: this process's). Returns its exit status. On
    failure `output` is left exactly as it was. The output a build replaces stays beside
    it (see `previous_dir`) until the next build, which deletes it while Pelican runs.
    """
    output = Path(output).resolve()
    staging, previous = staging_dir(output), previous_dir(output)
    shutil.rmtree(staging, ignore_errors=True)
    clearing = threading.Thread(target=shutil.rmtree, args=(previous, True))
    clearing.start()
    pelican = [sys.executable, "-m", "implant_guide.release.pelican_run", "--settings", settings]
    pelican += ["--output", str(staging)]
    command = [*pelican, "--fatal", "warnings", *pelican_args]
    status = subprocess.run(command, env=environment).returncode
    clearing.join()
    if status != 0:
        shutil.rmtree(staging, ignore_errors=True)
        kept = "was left as it was" if output.exists() else "was not created"
        print(f"Build failed; {output} {kept}.", file=sys.stderr)
        return status
    precompress(staging)
    if output.exists():
        output.rename(previous)
    staging.rename(output)
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("Usage: python -m implant_guide.release.build SETTINGS OUTPUT")
    sys.exit(build(sys.argv[1], sys.argv[2]))
