"""The URL path of every page the build writes, known before the build runs."""

from conftest import ROOT, article_sources, page_sources
from pelican.settings import read_settings


def page_paths() -> list[str]:
    """Home and the other direct templates (the search page), then each article and page at
    its slug, or at its Save_as file if it has one."""
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    paths = ["/"]
    for template in settings["DIRECT_TEMPLATES"]:
        if template != "index":
            paths.append(f"/{settings[f'{template.upper()}_URL']}")
    for source in [*article_sources(), *page_sources()]:
        save_as = source.field("save_as")
        paths.append(f"/{save_as.value}" if save_as else f"/{source.field('slug').value}/")
    return paths


def path_of(site, file) -> str:
    """The URL path that serves a built HTML file."""
    return "/" + site.name(file).removesuffix("index.html")
