"""Build the site into a staging folder and replace the output only if all went well.

`invoke build` calls `build`; `python -m implant_guide.build SETTINGS OUTPUT` runs the same
build on its own (the benchmarks time it that way).
"""

import gzip
import shutil
import subprocess
import sys
from pathlib import Path


def staging_dir(output: Path) -> Path:
    """The folder a build writes into before it replaces `output`."""
    return output.with_name(f".{output.name}-staging")


def index_for_search(site: Path) -> int:
    """Write the Pagefind search index into `site`/pagefind; return its exit status."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--silent"]
    return subprocess.run(command).returncode


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


def build(settings: str, output: str | Path, *pelican_args: str) -> int:
    """Run Pelican with warnings treated as errors, index the result for search and
    precompress its text files; swap it in on success.

    Returns Pelican's exit status. On failure `output` is left exactly as it was.
    """
    output = Path(output).resolve()
    staging = staging_dir(output)
    shutil.rmtree(staging, ignore_errors=True)
    pelican = [sys.executable, "-m", "pelican", "--settings", settings, "--output", str(staging)]
    status = subprocess.run([*pelican, "--fatal", "warnings", *pelican_args]).returncode
    if status == 0:
        status = index_for_search(staging)
    if status == 0:
        precompress(staging)
    if status != 0:
        shutil.rmtree(staging, ignore_errors=True)
        kept = "was left as it was" if output.exists() else "was not created"
        print(f"Build failed; {output} {kept}.", file=sys.stderr)
        return status
    previous = output.with_name(f".{output.name}-previous")
    shutil.rmtree(previous, ignore_errors=True)
    if output.exists():
        output.rename(previous)
    staging.rename(output)
    shutil.rmtree(previous, ignore_errors=True)
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("Usage: python -m implant_guide.build SETTINGS OUTPUT")
    sys.exit(build(sys.argv[1], sys.argv[2]))
