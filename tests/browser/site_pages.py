"""The URL path of every page the build writes, known before the build runs."""

from conftest import CONTENT, ROOT, article_sources, page_sources
from pelican.settings import read_settings

from implant_guide.languages import LANGUAGE_PAGES, LANGUAGES, TRANSLATED
from implant_guide.sources import MarkdownSource


def page_paths() -> list[str]:
    """Home and the other direct templates (the search page), then each article and page at
    its slug, or at its Save_as file if it has one; then the same in each translation
    (/es/, /es/buscar/, /es/desgarro-dural/...)."""
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    paths = ["/"]
    for template in settings["DIRECT_TEMPLATES"]:
        if template != "index":
            paths.append(f"/{settings[f'{template.upper()}_URL']}")
    for source in [*article_sources(), *page_sources()]:
        save_as = source.field("save_as")
        paths.append(f"/{save_as.value}" if save_as else f"/{source.field('slug').value}/")
    for lang in TRANSLATED:
        paths.extend(f"/{urls[lang]}" for urls in LANGUAGE_PAGES.values())
        folders = (CONTENT / "articles" / lang, CONTENT / "pages" / lang)
        for path in sorted(p for folder in folders for p in folder.glob("*.md")):
            source = MarkdownSource(path)
            save_as = source.field("save_as")
            slug = f"{LANGUAGES[lang].prefix}{source.field('slug').value}/"
            paths.append(f"/{save_as.value}" if save_as else f"/{slug}")
    return paths


def path_of(site, file) -> str:
    """The URL path that serves a built HTML file."""
    return "/" + site.name(file).removesuffix("index.html")
