"""Checks of citations and the bibliography, reported as `path:line: problem. How to fix.`

Each article cites its sources in the text with `[@key]`; the build lists them under
`## References`. So an entry written by hand under that heading is refused (a list can
only be built from citations, so an uncited entry cannot appear otherwise), as are an
unknown key, an article citing fewer sources than the content model asks, and a broken
bibliography. A bibliography item no page cites is a warning: it may be on its way in.
"""

import difflib
import re

from implant_guide.bibliography import Bibliography
from implant_guide.checks.body_checks import unfinished
from implant_guide.content_model import REFERENCES_HEADING, heading_in
from implant_guide.languages import source_language
from implant_guide.markdown.citations import citations_in
from implant_guide.problems import WARNING

HEADING = re.compile(r"^#{1,2}\s")
CITE_HOW = "Cite each source in the text where its fact is stated, as [@key]"


class CitationChecks:
    """Checks the citations of every page against one bibliography."""

    def __init__(self, log, bibliography: Bibliography, text):
        self.report = log.report
        self.bibliography = bibliography
        self.text = text
        """The interface text of each language, by its code (`theme_text.translations`)."""
        self.cited: set[str] = set()

    def check_page(self, source, minimum=0):
        """Check the citations of one article or page; it must cite `minimum` sources once
        it is written (no TODO left)."""
        keys = self._check_keys(source)
        self.cited.update(keys)
        references = heading_in(REFERENCES_HEADING, self.text[source_language(source)])
        references_line = f"## {references}"
        heading = source.line_of(references_line, default=0)
        if heading:
            self._check_no_hand_written_entries(source, heading)
        if keys and not heading:
            self.report(
                source,
                source.line_of("[@", source.body_start),
                f"the page cites sources but has no '{references_line}' heading",
                f"Add the heading '{references_line}' at the end; the build lists the sources "
                "under it",
            )
        if heading and len(keys) < minimum and not unfinished(source):
            self.report(
                source,
                heading,
                f"References lists {len(keys)} source(s)",
                f"{CITE_HOW}; an article needs at least {minimum} published sources",
            )

    def _check_keys(self, source) -> list[str]:
        keys = []
        for number, line in enumerate(source.lines, start=1):
            if number < source.body_start or "[@" not in line:
                continue
            for key in citations_in(line):
                keys.append(key)
                if key not in self.bibliography.items and self.bibliography.readable:
                    self.report(source, number, f"unknown source '[@{key}]'", self._fix(key))
        return [key for key in dict.fromkeys(keys) if key in self.bibliography.items]

    def _fix(self, key):
        close = difflib.get_close_matches(key, self.bibliography.items, n=3, cutoff=0.75)
        if close:
            return "Did you mean " + " or ".join(f"'{k}'" for k in close) + "?"
        path = self.bibliography.source.display_path
        return f"Add the source to {path} with this id, or cite a key it has"

    def _check_no_hand_written_entries(self, source, heading):
        for number in range(heading + 1, len(source.lines) + 1):
            line = source.lines[number - 1]
            if HEADING.match(line):
                return
            if line.strip():
                self.report(
                    source,
                    number,
                    "hand-written entry under '## References'",
                    f"Delete it: the build lists the sources the page cites. {CITE_HOW}",
                )
                return

    def check_bibliography(self):
        """Report sources no page cites (the bibliography's own problems are reported by
        its reader)."""
        source = self.bibliography.source
        for key, line in self.bibliography.lines.items():
            if key not in self.cited:
                self.report(
                    source,
                    line,
                    f"source '{key}' is cited on no page",
                    "Cite it where its fact is stated, as [@" + key + "], or remove it",
                    severity=WARNING,
                )
