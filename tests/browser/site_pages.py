"""The URL path of every page the build writes, known before the build runs."""

from conftest import article_sources, page_sources


def page_paths() -> list[str]:
    """Home, then each article and page at its slug, or at its Save_as file if it has one."""
    paths = ["/"]
    for source in [*article_sources(), *page_sources()]:
        save_as = source.field("save_as")
        paths.append(f"/{save_as.value}" if save_as else f"/{source.field('slug').value}/")
    return paths


def path_of(site, file) -> str:
    """The URL path that serves a built HTML file."""
    return "/" + site.name(file).removesuffix("index.html")
