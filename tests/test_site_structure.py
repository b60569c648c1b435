"""The generated site has every article and page, in guide order, and nothing else."""

from conftest import CONTENT, THEME_STATIC, article_sources, page_sources

from implant_guide.checks.page_weight import executable_scripts
from implant_guide.content_model import KINDS, LINK_FREE_CARD_LEVEL, PARTS
from implant_guide.languages import LANGUAGE_PAGES, LANGUAGES, TRANSLATED
from implant_guide.markdown.outline import outline
from implant_guide.plugins.asset_names import hashed_name
from implant_guide.plugins.guide import CONTENTS_LIST_PAGES, nearby


def _field(source, name):
    return source.field(name).value


def test_every_article_and_page_is_generated(site):
    for source in [*article_sources(), *page_sources()]:
        path = site.page_of(source)
        assert path.is_file(), f"{source.display_path} was not generated at {path}"


def test_site_has_the_guide_and_clinic_pages(site):
    slugs = {_field(s, "slug") for s in article_sources()}
    assert len(slugs) >= 10
    assert {
        "interlaminar-implant",
        "the-operation",
        "risks-and-complications",
        "wound-infection",
        "blood-clots",
        "dural-tear",
        "nerve-injury",
        "implant-problems",
        "recovery",
        "urgent-help",
    } <= slugs
    for slug in ("about", "awards", "contact", "medical-disclaimer", "privacy", "accessibility"):
        assert site.page_for_slug(slug).is_file(), f"page {slug} is missing"
    assert (site.root / "404.html").is_file()


def test_only_pages_people_use_are_generated(site):
    unwanted = ("author", "authors", "tag", "tags", "category", "categories", "archives")
    for path in site.html_files():
        first = site.name(path).split("/")[0].removesuffix(".html")
        assert first not in unwanted, f"{site.name(path)} should not be generated"
    home_and_search = len(LANGUAGE_PAGES) * len(LANGUAGES)
    translated = [p for lang in TRANSLATED for p in (CONTENT / "articles" / lang).glob("*.md")]
    translated += [p for lang in TRANSLATED for p in (CONTENT / "pages" / lang).glob("*.md")]
    expected = len(article_sources()) + len(page_sources()) + len(translated) + home_and_search
    assert len(site.html_files()) == expected


def test_every_article_shows_its_title_and_summary(site):
    """Its review dates and references: tests/test_sections.py."""
    for source in article_sources():
        soup = site.soup(site.page_for_slug(_field(source, "slug")))
        name = source.display_path
        assert soup.h1.get_text(strip=True) == _field(source, "title"), name
        assert soup.find(class_="article__lead").get_text(" ", strip=True), name


def _plain_quotes(text):
    return text.translate(str.maketrans("\u2018\u2019\u201c\u201d", "''\"\""))


def test_meta_description_is_the_summary(site):
    for source in [*article_sources(), *page_sources()]:
        description = site.soup(site.page_of(source)).find("meta", attrs={"name": "description"})[
            "content"
        ]
        assert _plain_quotes(description) == _field(source, "summary"), source.display_path


def _guide_order(sources):
    part_names = [part.name for part in PARTS]
    return sorted(
        sources,
        key=lambda s: (
            part_names.index(KINDS[_field(s, "kind")].part),
            int(_field(s, "order")),
        ),
    )


def test_home_page_links_to_every_article_in_guide_order(site):
    home = site.root / "index.html"
    links = [site.address(home, a["href"]) for a in site.soup(home).select(".guide a.card__link")]
    assert links == [f"{_field(s, 'slug')}/" for s in _guide_order(article_sources())]


def test_previous_and_next_links_follow_the_guide(site):
    ordered = _guide_order(article_sources())
    for previous, current, following in zip(ordered, ordered[1:], ordered[2:], strict=False):
        page = site.page_for_slug(_field(current, "slug"))
        soup = site.soup(page)
        assert (
            site.address(page, soup.find("a", rel="prev")["href"]) == f"{_field(previous, 'slug')}/"
        )
        assert (
            site.address(page, soup.find("a", rel="next")["href"])
            == f"{_field(following, 'slug')}/"
        )


def test_contents_list_shows_the_parts_and_opens_the_readers_part_at_this_page(site):
    ordered = _guide_order(article_sources())
    parts = [part for part in PARTS if any(_part(s) == part.name for s in ordered)]
    for position, source in enumerate(ordered, start=1):
        page = site.page_for_slug(_field(source, "slug"))
        contents = site.soup(page).find(class_="contents-list")
        name = source.display_path
        summary = contents.find(class_="contents-list__summary").get_text(strip=True)
        assert summary == f"In this guide: page {position} of {len(ordered)}", name
        items = contents.select(".contents-list__list > li")
        assert [item.contents[0].get_text(strip=True) for item in items] == [
            part.title for part in parts
        ], name
        (open_part,) = [item for item in items if item.find("ol")]
        assert open_part.contents[0].strip() == _part_title(source), name
        in_part = [_field(s, "title") for s in ordered if _part(s) == _part(source)]
        pages = open_part.select(".contents-list__pages > li")
        assert [page.get_text(strip=True) for page in pages] == in_part, name
        (current,) = [page for page in pages if page.get("aria-current") == "page"]
        assert current.get_text(strip=True) == _field(source, "title") and not current.a, name
        for item in items:
            if item is not open_part:
                first = next(s for s in ordered if _part_title(s) == item.get_text(strip=True))
                assert site.address(page, item.a["href"]) == f"{_field(first, 'slug')}/", name


def test_a_long_part_shows_the_pages_around_the_current_one():
    pages = list(range(40))
    assert nearby(pages[:5], 2) == pages[:5]
    assert nearby(pages, 0) == pages[:CONTENTS_LIST_PAGES]
    middle = nearby(pages, 20)
    assert len(middle) == CONTENTS_LIST_PAGES and middle[len(middle) // 2] == 20
    assert nearby(pages, 39) == pages[-CONTENTS_LIST_PAGES:]


def _part(source):
    return KINDS[_field(source, "kind")].part


def _part_title(source):
    return next(part.title for part in PARTS if part.name == _part(source))


def test_link_free_care_cards_never_link_away_on_any_page(site):
    """The content checks refuse such a link in Markdown; this covers the templates too."""
    shown = 0
    for path in site.html_files():
        found = outline(path.read_text(encoding="utf-8"))
        shown += found.care_cards.count(LINK_FREE_CARD_LEVEL)
        assert not found.link_free_card_links, f"{site.name(path)}: {found.link_free_card_links}"
    assert shown > 1


def _accessible_name(svg) -> str:
    """An inline SVG's name: its aria-label (the article's text alternative, written after
    the figure's name), or the text of the elements its aria-labelledby names."""
    if svg.get("aria-label"):
        return svg["aria-label"].strip()
    labels = [svg.find(id=i) for i in svg.get("aria-labelledby", "").split()]
    return " ".join(label.get_text(strip=True) for label in labels if label)


def test_illustrations_are_inline_svg_with_a_text_alternative(site):
    figures = [
        (site.name(path), svg)
        for path in site.html_files()
        for svg in site.soup(path).select("figure.illustration svg")
    ]
    assert len(figures) >= 2
    for name, svg in figures:
        assert svg["role"] == "img", name
        assert _accessible_name(svg), f"{name}: an illustration without a text alternative"


def test_contact_page_works_without_a_server(site):
    soup = site.soup(site.page_for_slug("contact"))
    clinic = site.clinic
    assert soup.find("a", href=f"tel:{clinic['phone_tel']}")
    assert soup.find("a", href=f"mailto:{clinic['email']}")
    assert soup.main.find("form") is None
    interested = soup.select("a.action-link")
    assert interested and all(a["href"].startswith("mailto:") for a in interested)
    address = clinic["address"]
    town = f"{address['locality']}, {address['region']} {address['postal_code']}"
    shown = soup.find("address").get_text("\n").splitlines()
    assert shown == [*address["street"], town]


def test_awards_come_from_the_clinic_settings(site):
    names = [
        h.get_text(strip=True)
        for h in site.soup(site.page_for_slug("awards")).select(".award-list__name")
    ]
    assert names == [award["name"] for award in site.clinic["awards"]]


def test_only_the_search_page_runs_javascript_and_no_page_loads_web_fonts(site):
    search_pages = {site.root / f"{url}index.html" for url in LANGUAGE_PAGES["search"].values()}
    for path in site.html_files():
        scripts = executable_scripts(site.soup(path))
        if path in search_pages:
            (script,) = scripts
            assert script["type"] == "module" and not script.get_text().strip()
            assert script["src"].endswith(
                f"/theme/js/{hashed_name(THEME_STATIC / 'js' / 'search.js')}"
            )
        else:
            assert not scripts, f"{site.name(path)} has a <script> that runs"
    for css in site.root.rglob("*.css"):
        assert "@font-face" not in css.read_text(), css


def test_every_page_starts_with_a_skip_link_to_its_main_content(site):
    """The first link of every page skips to its <main>, which can take focus; a browser
    follows it on one page of each template (browser/test_keyboard.py)."""
    for path in site.html_files():
        soup = site.soup(path)
        skip_link = soup.body.find("a")
        assert "skip-link" in skip_link.get("class", []), site.name(path)
        main = soup.find(id=skip_link["href"].removeprefix("#"))
        assert main is not None and main.name == "main", site.name(path)
        assert main.get("tabindex") == "-1", site.name(path)
