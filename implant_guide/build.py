"""Build the site into a staging folder and replace the output only if all went well.

`invoke build` calls `build`; `python -m implant_guide.build SETTINGS OUTPUT` runs the same
build on its own (the benchmarks time it that way).
"""

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


def build(settings: str, output: str | Path, *pelican_args: str) -> int:
    """Run Pelican with warnings treated as errors and index the result for search;
    swap it in on success.

    Returns Pelican's exit status. On failure `output` is left exactly as it was.
    """
    output = Path(output).resolve()
    staging = staging_dir(output)
    shutil.rmtree(staging, ignore_errors=True)
    pelican = [sys.executable, "-m", "pelican", "--settings", settings, "--output", str(staging)]
    status = subprocess.run([*pelican, "--fatal", "warnings", *pelican_args]).returncode
    if status == 0:
        status = index_for_search(staging)
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
