"""Pelican plugin: the glossary for the templates.

- The glossary page's template gets the glossary's terms, by letter (`glossary_letters`).
- Every template gets `patient_words(content)`: for each glossary term an article or page
  uses (where its words mean the term: not in its `not_in` phrases), the term's names it
  does not use itself (its other names, "also called", such as "pain pills" for pain
  medicine), weighted by how much the page is about it. The templates write them into the
  part of the page the search indexes, unseen, so that a page is found by the words
  patients use.

The terms are read by `implant_guide/glossary.py` from the file the settings name
(GLOSSARY_FILE), the one the Markdown extension `glossary_links` links to. It reads nothing
other plugins leave.
"""

import re
from collections import Counter

from markupsafe import Markup
from pelican import signals

from implant_guide.content_model import REFERENCES_HEADING, heading_in
from implant_guide.data_files import read_data_files
from implant_guide.glossary import Glossary, match_key
from implant_guide.languages import content_language
from implant_guide.markdown.glossary_links import means_the_term, term_pattern
from implant_guide.theme_text import Catalogs, catalogs_folder


def add_to_context(generator):
    """Signal handler: templates get `glossary_letters`, the terms by first letter, in
    each language."""
    glossaries = read_data_files(generator.settings).glossaries
    generator.context["glossary_letters"] = {
        lang: glossary.by_letter(lang) for lang, glossary in glossaries.items()
    }


def body_text(content, references: str) -> str:
    """The text of an article or page, up to its `references` heading; its elements apart,
    so that a word ends where its element does ("100" before a citation's number)."""
    heading = re.compile(rf"<h2[^>]*>\s*{re.escape(references)}\s*<")
    return Markup(heading.split(content.content)[0].replace("<", " <")).striptags()


TITLE_USES = 10
"""What a term named in a page's title counts as: the page is about it, so it weighs as much
as Pagefind weighs anything (its weights go up to 10)."""


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


def patient_words(glossary: Glossary, content, references: str) -> list[tuple[str, list[str], int]]:
    """For each term of `glossary` that `content` uses before its `references` heading: the
    term, its names the page does not use (the term's own name, then its other names), and
    how many times the page uses it (TITLE_USES if its title names it); terms whose every
    name the page already uses are left out. In the order of first use."""
    found = uses_of_terms(glossary, body_text(content, references))
    in_title = {glossary.term_of[words] for words in uses_of_terms(glossary, content.title)}
    uses = Counter(glossary.term_of[words] for words in found)
    written = set(found)
    entries = []
    for term, count in uses.items():
        names = [n for n in (term.name, *term.also_called) if match_key(n) not in written]
        if names:
            entries.append((term.name, names, TITLE_USES if term in in_title else count))
    return entries


def add_patient_words(generator):
    """Signal handler: templates get `patient_words(content)`, from the glossary of the
    content's language."""
    settings = generator.settings
    text = Catalogs(catalogs_folder(settings))

    def words(content):
        lang = content_language(content)
        glossary = read_data_files(settings).glossaries[lang]
        return patient_words(glossary, content, heading_in(REFERENCES_HEADING, text[lang]))

    generator.env.globals["patient_words"] = words


def register():
    """Connect to Pelican."""
    signals.generator_init.connect(add_patient_words)
    signals.page_generator_finalized.connect(add_to_context)
