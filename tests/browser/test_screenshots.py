"""Full-page screenshots of a few pages in every view, for people to look at.

They are written to $SCREENSHOT_DIR, or else test-artifacts/screenshots/ in the project.
"""

import os
import struct
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = {
    "home": "/",
    "article": "/dural-tear/",
    "urgent-help": "/urgent-help/",
    "options": "/your-options/",  # comparison tables, icon arrays, the decision worksheet
}


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    folder = Path(os.environ.get("SCREENSHOT_DIR", ROOT / "test-artifacts" / "screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def png_size(path: Path) -> tuple[int, int]:
    """Width and height of a PNG image, from its header."""
    return struct.unpack(">II", path.read_bytes()[16:24])


@pytest.mark.parametrize("name", PAGES)
def test_full_page_screenshot(view, name, screenshot_dir):
    page = view.open(PAGES[name])
    path = screenshot_dir / f"{name}-{view.name}.png"
    page.screenshot(path=path, full_page=True)
    width, height = png_size(path)
    assert width == page.viewport_size["width"]
    assert height >= page.viewport_size["height"]
