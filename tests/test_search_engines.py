"""What search engines and sharing previews read: titles, descriptions, addresses, sharing
tags, sitemap.xml, robots.txt, the Atom feed and each page's structured data (JSON-LD)."""

import json
import struct
import xml.etree.ElementTree as ElementTree
from datetime import date, datetime
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from conftest import CATALOGS, CONTENT, article_sources, listed_page_sources

from implant_guide.content_model import KINDS, PROCEDURE, PROCEDURE_NAME
from implant_guide.languages import LANGUAGE_PAGES, LANGUAGES
from implant_guide.plugins.sitemap import entries as sitemap_entries
from implant_guide.plugins.sitemap import entry_xml
from implant_guide.policy import MAX_SHARE_IMAGE_BYTES
from implant_guide.sources import MarkdownSource
from implant_guide.theme_text import translations

LOCAL_SITE = "https://site.invalid/"  # stands in for the address of a build with relative URLs
NOT_INDEXED = {
    file
    for language in LANGUAGES.values()
    for file in (
        f"{language.prefix}404.html",
        f"{LANGUAGE_PAGES['search'][language.code]}index.html",
    )
}
OPEN_GRAPH = (
    "og:type",
    "og:title",
    "og:description",
    "og:url",
    "og:image",
    "og:site_name",
    "og:locale",
)
TWITTER_CARD = ("twitter:card", "twitter:title", "twitter:description", "twitter:image")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SITEMAP = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
ATOM = {"atom": "http://www.w3.org/2005/Atom"}
WEB_PAGE_PROPERTIES = {
    "@context",
    "@type",
    "name",
    "description",
    "url",
    "inLanguage",
    "dateModified",
    "lastReviewed",
    "reviewedBy",
    "about",
    "medicalAudience",
    "publisher",
    "breadcrumb",
}


# -- reading a build ------------------------------------------------------------------------


def site_base(build) -> str:
    """The address the build's pages are served under."""
    site_url = build.settings["SITEURL"]
    return f"{site_url}/" if site_url else LOCAL_SITE


def page_address(build, file: Path) -> str:
    """Where a built HTML file is served: its folder for an index.html."""
    return site_base(build) + build.name(file).removesuffix("index.html")


def resolve(build, written_in: str, url: str) -> str:
    """`url` as written in the output file `written_in`, made absolute."""
    return urljoin(site_base(build) + written_in, url)


def served_file(build, address: str) -> Path:
    """The output file served at an absolute `address` of the site."""
    path = unquote(urlsplit(address).path).removeprefix(urlsplit(site_base(build)).path)
    return build.root / (path + "index.html" if path == "" or path.endswith("/") else path)


def meta(soup, key: str) -> str | None:
    """The content of <meta property=key> or <meta name=key>, if the page has one."""
    tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


def canonical(soup) -> str:
    (link,) = soup.find_all("link", rel="canonical")
    return link["href"]


def indexed(build, file: Path) -> bool:
    return meta(build.soup(file), "robots") != "noindex"


def json_ld(soup) -> list[dict]:
    """The page's structured data blocks, parsed."""
    return [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]


def every_source(folder: str) -> list[MarkdownSource]:
    """Every article or page ("articles", "pages") in every language."""
    return [MarkdownSource(p) for p in sorted((CONTENT / folder).rglob("*.md"))]


# -- every page -----------------------------------------------------------------------------


def test_every_page_has_a_title_and_a_description_of_its_own(each_build):
    titles, descriptions = {}, {}
    for file in each_build.html_files():
        soup, name = each_build.soup(file), each_build.name(file)
        title, description = soup.title.get_text(strip=True), meta(soup, "description")
        assert title and description, f"{name} has no title or no description"
        assert title not in titles, f"{name} and {titles[title]}: same title"
        assert description not in descriptions, f"{name} and {descriptions[description]}: same"
        titles[title], descriptions[description] = name, name


def test_only_the_search_and_404_pages_ask_search_engines_to_leave_them_out(each_build):
    left_out = {each_build.name(f) for f in each_build.html_files() if not indexed(each_build, f)}
    assert left_out == NOT_INDEXED


def test_canonical_address_is_the_page_itself(each_build):
    for file in each_build.html_files():
        soup = each_build.soup(file)
        name = each_build.name(file)
        assert resolve(each_build, name, canonical(soup)) == page_address(each_build, file), name
        assert meta(soup, "og:url") == canonical(soup), name


def test_published_addresses_are_absolute(published_site):
    site_url = published_site.settings["SITEURL"]
    assert site_url.startswith("https://")
    for file in published_site.html_files():
        soup = published_site.soup(file)
        assert canonical(soup) == page_address(published_site, file)
        for key in ("og:url", "og:image", "twitter:image"):
            assert meta(soup, key).startswith(f"{site_url}/"), f"{published_site.name(file)}"


def test_every_page_has_sharing_tags_that_match_the_page(each_build):
    settings = each_build.settings
    articles = {each_build.page_of(source) for source in every_source("articles")}
    for file in each_build.html_files():
        soup = each_build.soup(file)
        name = each_build.name(file)
        missing = [key for key in (*OPEN_GRAPH, *TWITTER_CARD) if not meta(soup, key)]
        assert not missing, f"{name} lacks {', '.join(missing)}"
        heading = soup.h1.get_text(" ", strip=True)
        assert meta(soup, "og:title") == meta(soup, "twitter:title") == heading, name
        description = meta(soup, "description")
        assert meta(soup, "og:description") == meta(soup, "twitter:description") == description
        assert meta(soup, "og:type") == ("article" if file in articles else "website"), name
        text = translations(soup.html["lang"], CATALOGS)
        assert meta(soup, "og:site_name") == text.gettext(settings["SITE_TEXT"]["name"])
        assert meta(soup, "og:locale") == settings["LANGUAGES"][soup.html["lang"]].locale
        assert meta(soup, "twitter:card") == "summary_large_image"
        assert meta(soup, "twitter:image") == meta(soup, "og:image"), name


def test_share_image_is_a_small_png_of_the_size_the_pages_state_in_their_language(each_build):
    images = {}
    for file in each_build.html_files():
        soup = each_build.soup(file)
        image = served_file(
            each_build, resolve(each_build, each_build.name(file), meta(soup, "og:image"))
        )
        assert image.is_file(), f"{each_build.name(file)}: og:image {image} is not in the output"
        size = (int(meta(soup, "og:image:width")), int(meta(soup, "og:image:height")))
        images.setdefault(soup.html["lang"], set()).add((image, size))
    assert set(images) == set(LANGUAGES)
    pictures = [picture for (picture,) in images.values()]
    assert len({image for image, _ in pictures}) == len(LANGUAGES), "one picture per language"
    for image, size in pictures:
        data = image.read_bytes()
        assert data.startswith(PNG_SIGNATURE)
        assert struct.unpack(">II", data[16:24]) == size == (1200, 630)
        assert len(data) < MAX_SHARE_IMAGE_BYTES


# -- sitemap.xml, robots.txt and the feed ---------------------------------------------------


def sitemap(build) -> dict[str, str]:
    """Each address in sitemap.xml, made absolute, with its lastmod."""
    root = ElementTree.parse(build.root / "sitemap.xml").getroot()
    return {
        resolve(build, "sitemap.xml", url.findtext("sm:loc", namespaces=SITEMAP)): url.findtext(
            "sm:lastmod", namespaces=SITEMAP
        )
        for url in root.findall("sm:url", SITEMAP)
    }


def test_sitemap_lists_exactly_the_pages_to_be_found(each_build):
    wanted = {
        page_address(each_build, file)
        for file in each_build.html_files()
        if indexed(each_build, file)
    }
    assert set(sitemap(each_build)) == wanted


def test_sitemap_dates_are_the_last_changes(each_build):
    lastmod = {
        address: datetime.fromisoformat(value) for address, value in sitemap(each_build).items()
    }
    modified = {}
    for source in [*article_sources(), *listed_page_sources()]:
        address = page_address(each_build, each_build.page_of(source))
        modified[address] = date.fromisoformat(source.field("modified").value)
        assert lastmod[address].date() == modified[address], source.display_path
    home = lastmod[site_base(each_build)]  # the time of the build: the home page lists them all
    assert max(modified.values()) <= home.date() <= date.today()


def test_sitemap_names_each_page_in_the_languages_it_is_written_in_and_only_those():
    def page(url, lang, day):
        changed = datetime(2026, 11, day)
        return SimpleNamespace(url=url, lang=lang, modified=changed, translations=[])

    english, spanish = page("a/", "en", 20), page("es/a/", "es", 24)
    english.translations, spanish.translations = [spanish], [english]
    alone = page("b/", "en", 22)
    found = {entry.url: entry for entry in sitemap_entries([english, alone], [])}
    assert found["a/"].languages == found["es/a/"].languages == {"en": "a/", "es": "es/a/"}
    assert found["b/"].languages == {"en": "b/"}
    assert found[""].modified == datetime(2026, 11, 22)
    assert found["es/"].modified == spanish.modified
    written = entry_xml(found["es/a/"], "https://x.test")
    assert written.count("<xhtml:link") == 3
    assert '<xhtml:link rel="alternate" hreflang="x-default" href="https://x.test/a/"/>' in written
    assert "<xhtml:link" not in entry_xml(found["b/"], "https://x.test")


def test_robots_txt_points_to_the_sitemap(each_build):
    lines = (each_build.root / "robots.txt").read_text(encoding="utf-8").splitlines()
    (target,) = [line.split(":", 1)[1].strip() for line in lines if line.startswith("Sitemap:")]
    assert served_file(each_build, resolve(each_build, "robots.txt", target)).name == "sitemap.xml"
    if each_build.settings["SITEURL"]:
        assert target == f"{each_build.settings['SITEURL']}/sitemap.xml"


def test_published_feed_lists_every_article_and_every_page_links_to_it(published_site):
    feed_path = published_site.settings["FEED_ATOM"]
    root = ElementTree.parse(published_site.root / feed_path).getroot()
    entries = {
        entry.find("atom:link[@rel='alternate']", ATOM).get("href"): entry.findtext(
            "atom:updated", namespaces=ATOM
        )
        for entry in root.findall("atom:entry", ATOM)
    }
    for source in article_sources():
        address = page_address(published_site, published_site.page_of(source))
        assert address in entries, f"{source.display_path} is not in the feed"
        updated = datetime.fromisoformat(entries[address]).date()
        assert updated == date.fromisoformat(source.field("modified").value)
    assert len(entries) == len(article_sources())
    for file in published_site.html_files():
        soup = published_site.soup(file)
        prefix = LANGUAGES[soup.html["lang"]].prefix
        feed_address = f"{published_site.settings['SITEURL']}/{prefix}{feed_path}"
        link = soup.find("link", rel="alternate", type="application/atom+xml")
        assert link and link["href"] == feed_address, published_site.name(file)


def test_development_build_has_no_feed_and_no_link_to_one(development_site):
    site = development_site
    assert not (site.root / "feeds").exists()
    for file in site.html_files():
        assert not site.soup(file).find("link", type="application/atom+xml"), site.name(file)


# -- structured data ------------------------------------------------------------------------


def test_only_health_and_clinic_pages_carry_structured_data_and_it_parses(each_build):
    clinic_keys = set(each_build.settings["CLINIC_PAGES"])
    clinic_pages = {
        each_build.page_of(source)
        for source in every_source("pages")
        if source.field("translation_key").value in clinic_keys
    }
    health_pages = {each_build.page_of(s) for s in every_source("articles")}
    for file in each_build.html_files():
        blocks = json_ld(each_build.soup(file))
        expected = 1 if file in clinic_pages | health_pages else 0
        assert len(blocks) == expected, each_build.name(file)
        assert all(block["@context"] == "https://schema.org" for block in blocks)


@pytest.mark.parametrize("source", article_sources(), ids=lambda s: s.path.stem)
def test_health_page_is_a_medical_web_page_that_matches_what_it_shows(each_build, source):
    file = each_build.page_of(source)
    soup = each_build.soup(file)
    (data,) = json_ld(soup)
    assert set(data) >= WEB_PAGE_PROPERTIES, WEB_PAGE_PROPERTIES - set(data)
    assert data["@type"] == "MedicalWebPage"
    assert data["name"] == soup.h1.get_text(strip=True) == source.field("title").value
    assert data["description"] == meta(soup, "description")
    assert data["url"] == canonical(soup)
    assert data["inLanguage"] == soup.html["lang"]
    assert data["dateModified"] == source.field("modified").value
    review = soup.find(class_="review-date")
    assert data["lastReviewed"] == review.find("time")["datetime"]
    assert data["lastReviewed"] == source.field("last_reviewed").value
    reviewer = data["reviewedBy"]
    assert reviewer["@type"] == "Person"
    assert review.get_text(" ", strip=True).startswith(f"Reviewed by {reviewer['name']},")
    kind = KINDS[source.field("kind").value]
    name = PROCEDURE_NAME if kind.about == PROCEDURE else source.field("title").value
    assert data["about"] == {"@type": kind.about, "name": name}
    assert data["medicalAudience"] == {"@type": "MedicalAudience", "audienceType": "Patient"}
    assert data["publisher"]["@type"] == "MedicalClinic"
    assert data["publisher"]["name"] == each_build.clinic["name"]
    crumbs = data["breadcrumb"]["itemListElement"]
    links = soup.select(".breadcrumb__link")
    assert [crumb["name"] for crumb in crumbs] == [
        *(link.get_text(strip=True) for link in links),
        data["name"],
    ]
    assert [crumb["item"] for crumb in crumbs] == [*(link["href"] for link in links), data["url"]]
    assert [crumb["position"] for crumb in crumbs] == list(range(1, len(crumbs) + 1))


@pytest.mark.parametrize("slug", ["about", "contact"])
def test_clinic_pages_describe_the_clinic_from_its_settings(each_build, slug):
    clinic = each_build.clinic
    address = clinic["address"]
    (data,) = json_ld(each_build.soup(each_build.page_for_slug(slug)))
    assert data["@type"] == "MedicalClinic"
    assert data["name"] == clinic["name"]
    assert data["telephone"] == clinic["phone_tel"]
    assert data["email"] == clinic["email"]
    assert data["url"] == clinic["url"]
    assert data["address"] == {
        "@type": "PostalAddress",
        "streetAddress": ", ".join(address["street"]),
        "addressLocality": address["locality"],
        "addressRegion": address["region"],
        "postalCode": address["postal_code"],
        "addressCountry": address["country"],
    }
