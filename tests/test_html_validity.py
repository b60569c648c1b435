"""The generated HTML, CSS and SVG pass the W3C Nu HTML Checker (vnu) without errors."""

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

from conftest import CONTENT, ROOT

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ILLUSTRATIONS = CONTENT / "illustrations"


def _run_vnu(files: list[Path]) -> list[dict]:
    """vnu's error messages for `files`, checked in one run (HTML, .css as CSS, .svg as SVG)."""
    java = shutil.which("java")
    assert java and VNU_JAR.is_file(), (
        f"The Nu HTML Checker needs Java and {VNU_JAR.relative_to(ROOT)}: run `make test`, "
        "which installs it."
    )
    command = [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--stdout"]
    command += ["--also-check-css", "--also-check-svg", *map(str, files)]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode in (0, 1) and result.stdout, f"vnu did not run:\n{result.stderr}"
    return json.loads(result.stdout)["messages"]


def _describe(message: dict, folders: list[Path]) -> str:
    """`file:line: message`, the file relative to the folder it was found in."""
    if "url" not in message:
        return f"vnu: {message['message']}"
    path = Path(unquote(urlsplit(message["url"]).path))
    folder = next(folder for folder in folders if path.is_relative_to(folder))
    line = message.get("firstLine", message.get("lastLine", "?"))
    return f"{path.relative_to(folder)}:{line}: {message['message']}"


def test_generated_files_and_illustrations_have_no_validation_errors(site):
    files = [
        *site.html_files(),
        *sorted(site.root.rglob("*.css")),
        *sorted(site.root.rglob("*.svg")),
        *sorted(ILLUSTRATIONS.glob("*.svg")),
    ]
    assert len(files) > len(site.html_files())
    errors = [_describe(m, [site.root, ROOT]) for m in _run_vnu(files)]
    assert not errors, f"{len(errors)} validation errors:\n" + "\n".join(errors)
