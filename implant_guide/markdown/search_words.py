"""The words patients use for the glossary terms a page uses, for the site's search.

For each glossary term an article or page uses (where its words mean the term: not in its
`not_in` phrases), the term's names it does not use itself (its other names, "also
called", such as "pain pills" for pain medicine), weighted by how much the page is about
it. The guide's Markdown reader (`reader.py`) finds them as it reads a page, so Pelican's
content cache keeps them with the page; the templates write them into the part of the
page the search indexes, unseen (theme/templates/components/search_words.html).
"""

import re
from collections import Counter

from markupsafe import Markup

from implant_guide.glossary import Glossary, match_key
from implant_guide.markdown.glossary_links import means_the_term, term_pattern

TITLE_USES = 10
"""What a term named in a page's title counts as: the page is about it, so it weighs as much
as Pagefind weighs anything (its weights go up to 10)."""


def body_text(html: str, references: str) -> str:
    """The text of a page's HTML, up to its `references` heading; its elements apart, so
    that a word ends where its element does ("100" before a citation's number)."""
    heading = re.compile(rf"<h2[^>]*>\s*{re.escape(references)}\s*<")
    return Markup(heading.split(html)[0].replace("<", " <")).striptags()


def uses_of_terms(glossary: Glossary, text: str) -> list[str]:
    """The words (by `match_key`) of each use of a term in `text` that means the term: not
    inside one of its `not_in` phrases ("puntos" in "19 puntos de 100" is no stitch)."""
    pattern = term_pattern(glossary)
    if pattern is None:
        return []
    return [
        match_key(use.group())
        for use in pattern.finditer(text)
        if means_the_term(glossary.term_of[match_key(use.group())], text, use)
    ]


def search_words(
    glossary: Glossary, html: str, title: str, references: str
) -> list[tuple[str, list[str], int]]:
    """For each term of `glossary` that a page (its `html` and `title`) uses before its
    `references` heading: the term, its names the page does not use (the term's own name,
    then its other names), and how many times the page uses it (TITLE_USES if its title
    names it); terms whose every name the page already uses are left out. In the order of
    first use."""
    found = uses_of_terms(glossary, body_text(html, references))
    in_title = {glossary.term_of[words] for words in uses_of_terms(glossary, title)}
    uses = Counter(glossary.term_of[words] for words in found)
    written = set(found)
    entries = []
    for term, count in uses.items():
        names = [n for n in (term.name, *term.also_called) if match_key(n) not in written]
        if names:
            entries.append((term.name, names, TITLE_USES if term in in_title else count))
    return entries
