"""Checks of a content file's body: sections, care cards, links, images, unsafe HTML."""

import posixpath
import re

from implant_guide.clinic import PLACEHOLDER_NAMES
from implant_guide.content_model import (
    CALLOUT_TYPES,
    HELP_SECTION,
    LINK_FREE_CARD_LEVEL,
    LINK_FREE_REASON,
    REFERENCES_HEADING,
    WORKSHEET,
    heading_in,
)
from implant_guide.markdown.blocks import FIGURE_RE
from implant_guide.markdown.outline import Outline
from implant_guide.markdown.risk_arrays import RISK_MARK, risk_line_problem
from implant_guide.problems import display_path
from implant_guide.worksheet import WorksheetError, block_lines, parse_worksheet

INTRASITE_LINK = re.compile(r"""(?:href|src)\s*=\s*(["'])\{(filename|static)\}([^"']*)\1""")
LEFTOVER_PLACEHOLDER = re.compile(r"\{\{[^}]*\}\}")
CALLOUT_LINE = re.compile(r"^!!!\s*([A-Za-z-]*)")
TODO_MARK = re.compile(r"\bTODO\b")
SVG_TITLE = re.compile(r"<title\b")
SECTION_END = re.compile(r"^#{1,2}\s")
"""A heading that ends a `##` section: another `##`, or a `#`."""


def unfinished(source) -> bool:
    """Whether a source still has text to write (a TODO), which is reported line by line."""
    return any("TODO" in line and TODO_MARK.search(line) for line in source.lines)


class BodyChecks:
    """Checks the HTML and text of an article or page."""

    def __init__(self, log, content_root, known_sources, figures_dir):
        self.log = log
        self.report = log.report
        self.content_root = content_root
        self.known_sources = known_sources
        self.figures_dir = figures_dir

    def check_sections(self, source, kind, found, care_cards, text):
        """Check the article has its kind's sections, in the language of `text` (its
        interface text), in order, with text under each, and its kind's care cards.
        `found` are its sections (its metadata's), `care_cards` the levels of its cards."""
        sections = kind.sections_in(text)
        titles = [section.title for section in found]
        position = -1
        for required in sections:
            if required not in titles:
                after = sections[sections.index(required) - 1]
                where = f"after '## {after}'" if required != sections[0] else "first"
                self.report(
                    source,
                    source.body_start,
                    f"missing required section '## {required}' for kind '{kind.name}'",
                    f"Add the heading '## {required}' {where}, with text under it",
                )
                continue
            index = titles.index(required)
            line = source.line_of(f"## {required}")
            if index < position:
                self.report(
                    source,
                    line,
                    f"section '## {required}' is out of order",
                    f"Kind '{kind.name}' needs its sections in this order: " + ", ".join(sections),
                )
            position = max(position, index)
            references = heading_in(REFERENCES_HEADING, text)
            if required != references and not self._has_text(source, line):
                self.report(source, line, f"section '## {required}' is empty", "Write under it")
        for level in kind.care_cards:
            if level not in care_cards:
                self.report(
                    source,
                    source.line_of(f"## {heading_in(HELP_SECTION, text)}", source.body_start),
                    f"kind '{kind.name}' needs a {level} care card",
                    f"Add the one-line card: !!! {level} TOPIC",
                )

    @staticmethod
    def _has_text(source, heading_line: int) -> bool:
        """Whether anything is written under the heading on `heading_line`."""
        for line in source.lines[heading_line:]:
            if SECTION_END.match(line):
                return False
            if line.strip():
                return True
        return False

    def check_body(self, source, html, body: Outline):
        """Check the body of a page, its HTML and its outline."""
        for what in body.unsafe:
            needle = what.split("=")[0].strip("<>").rstrip(":")
            self.report(
                source,
                source.line_of(needle, source.body_start),
                f"unsafe HTML: {what}",
                "Remove it; pages may not run scripts, embed other sites or carry inline styles",
            )
        for href in body.link_free_card_links:
            self.report(
                source,
                source.line_of(href, source.body_start),
                f"the {LINK_FREE_CARD_LEVEL} care card links to '{href}'",
                f"{LINK_FREE_REASON}: remove the link",
            )
        for src, alt in body.images:
            if not (alt or "").strip():
                self.report(
                    source,
                    source.line_of(src.rsplit("/", 1)[-1], source.body_start),
                    f"image '{src}' has no alt text",
                    "Describe the image in the brackets: ![what it shows](file)",
                )
        for href in body.links:
            self.check_plain_link(source, href)
        for _, what, target in INTRASITE_LINK.findall(html or ""):
            self.check_intrasite_link(source, what, target)
        self.check_source_text(source)

    def check_plain_link(self, source, href):
        if href.startswith(("{", "#", "https://", "mailto:", "tel:")):
            if href.startswith("#") and len(href) == 1:
                self.report(source, source.line_of("(#)"), "empty link '#'", "Link to a real page")
            return
        if href.startswith("http://"):
            fix = "Use the https:// address"
        elif not href.strip():
            fix = "Give the link a target"
        else:
            fix = "Link to another page with its file name: [text]({filename}other-page.md)"
        self.report(source, source.line_of(href, source.body_start), f"link '{href}'", fix)

    def check_intrasite_link(self, source, what, target):
        path = target.split("#")[0].split("?")[0]
        folder = source.path.parent.relative_to(self.content_root).as_posix()
        base = "" if path.startswith("/") else folder
        if posixpath.normpath(posixpath.join(base, path.lstrip("/"))) not in self.known_sources:
            self.report(
                source,
                source.line_of(target, source.body_start),
                f"link to '{target}', which does not exist",
                "Check the file name against content/; "
                f"{{{what}}} paths are relative to this file's folder",
            )

    def check_source_text(self, source):
        for number, line in enumerate(source.lines, start=1):
            if "TODO" in line and TODO_MARK.search(line):
                self.report(
                    source, number, "unfinished text (TODO)", "Write the text, then remove TODO"
                )
            callout = line.startswith("!!!") and CALLOUT_LINE.match(line)
            if callout and callout.group(1) not in CALLOUT_TYPES:
                self.report(
                    source,
                    number,
                    f"unknown block '!!! {callout.group(1)}'",
                    f"Use one of: {', '.join(CALLOUT_TYPES)}",
                )
            elif callout and callout.group(1) == WORKSHEET:
                self.check_worksheet(source, number)
            if "{{" in line and RISK_MARK.search(line):
                self.check_risk_line(source, number, line)
            elif "{{" in line and FIGURE_RE.match(line):
                self.check_figure(source, number, FIGURE_RE.match(line))
            elif "{{" in line:
                self.check_placeholders(source, number, line)

    def check_worksheet(self, source, number):
        """A worksheet block that cannot be drawn, reported at its line."""
        if source.lines[number - 1].strip() != f"!!! {WORKSHEET}":
            fix = f"Write '!!! {WORKSHEET}' alone: the worksheet's title is the same everywhere"
            self.report(source, number, "a worksheet takes no heading", fix)
        try:
            parse_worksheet(block_lines(source.lines, number - 1))
        except WorksheetError as error:
            self.report(source, number + 1 + error.offset, error.problem, error.fix)

    def check_risk_line(self, source, number, line):
        problem = risk_line_problem(line)
        if problem:
            self.log.add([problem.at(source.path, number)])

    def check_figure(self, source, number, figure):
        """A figure line names an illustration that exists and gives it a text alternative,
        unless the illustration has a title of its own."""
        _, name, text = figure.groups()
        path = self.figures_dir / f"{name}.svg"
        if not path.is_file():
            self.report(
                source,
                number,
                f"unknown illustration '{name}'",
                f"Add {display_path(path)}, or check the name",
            )
        elif not text and not SVG_TITLE.search(path.read_text(encoding="utf-8")):
            self.report(
                source,
                number,
                f"the illustration '{name}' has no text alternative",
                f"Say what it shows after a bar: {{{{ figure: {name} | what the drawing shows }}}}",
            )

    def check_placeholders(self, source, number, line):
        for placeholder in LEFTOVER_PLACEHOLDER.findall(line):
            name = placeholder.strip("{} ").removeprefix("figure:").strip()
            known = (
                placeholder.strip("{} ").startswith("figure:")
                and (self.figures_dir / f"{name}.svg").is_file()
            )
            if not known and name not in PLACEHOLDER_NAMES:
                self.report(
                    source,
                    number,
                    f"unknown placeholder '{placeholder}'",
                    "Use one of: "
                    + ", ".join(f"{{{{ {n} }}}}" for n in PLACEHOLDER_NAMES)
                    + ", or {{ figure: NAME }} for content/illustrations/NAME.svg",
                )
