"""Build the site into a staging folder and replace the output only if all went well."""

import shutil
import subprocess
import sys
from pathlib import Path


def staging_dir(output: Path) -> Path:
    """The folder a build writes into before it replaces `output`."""
    return output.with_name(f".{output.name}-staging")


def build(settings: str, output: str | Path, *pelican_args: str) -> int:
    """Run Pelican with warnings treated as errors; swap in the result on success.

    Returns Pelican's exit status. On failure `output` is left exactly as it was.
    """
    output = Path(output).resolve()
    staging = staging_dir(output)
    shutil.rmtree(staging, ignore_errors=True)
    command = [sys.executable, "-m", "pelican", "--settings", settings, "--output", str(staging)]
    status = subprocess.run([*command, "--fatal", "warnings", *pelican_args]).returncode
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
