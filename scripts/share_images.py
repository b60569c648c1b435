"""Render the picture shown when a page is shared, in each language.

`theme/templates/share_image.html` is rendered with the theme's catalogs in each language
of `implant_guide/languages.py` and photographed by Chromium (Debian's /usr/bin/chromium,
or $CHROMIUM, driven by Playwright: run `make test` once to install it) into the files
SHARE_IMAGE names in theme/static/. Run it with `invoke share-images` after changing the
site's name or subtitle, their translations or the template.
"""

import os
import sys
from pathlib import Path

from pelican.settings import read_settings
from playwright.sync_api import sync_playwright

from implant_guide.languages import LANGUAGES
from implant_guide.theme_text import catalogs_folder, environment

TEMPLATE = "share_image.html"


def pictures(settings: dict) -> dict[str, str]:
    """The share image page of each language, as HTML."""
    theme = Path(settings["THEME"])
    env = environment(theme / "templates", catalogs_folder(settings))
    template = env.get_template(TEMPLATE)
    return {
        lang: template.render(page_lang=lang, SITE_TEXT=settings["SITE_TEXT"]) for lang in LANGUAGES
    }


def main(settings_file: str = "pelicanconf.py") -> None:
    """Write each language's share image into the theme's static folder."""
    settings = read_settings(settings_file)
    image = settings["SHARE_IMAGE"]
    static = Path(settings["THEME"]) / "static"
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": image["width"], "height": image["height"]})
        for lang, html in pictures(settings).items():
            page.set_content(html)
            path = static / image["paths"][lang]
            page.screenshot(path=str(path))
            print(f"Wrote {path}")
        browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
