"""Pelican plugin: the glossary for the templates.

- The glossary page's template gets the glossary's terms, by letter (`glossary_letters`).
- Every template gets `patient_words(content)`: for each glossary term an article or page
  uses, the term's names (its own and its other names, "also called", such as "pain pills"
  for pain medicine). The templates write them into the part of the page the search
  indexes, unseen and weighted by how often the page uses the term, so that a page is found
  by the words patients use, and the page most about a term first.

The terms are read by `implant_guide/glossary.py` from the file the Markdown extension
`implant_guide/markdown/glossary_links.py` links to.
"""

import re
from collections import Counter

from markupsafe import Markup
from pelican import signals

from implant_guide.content_model import REFERENCES_HEADING, heading_in
from implant_guide.glossary import match_key
from implant_guide.languages import LANGUAGES, content_language
from implant_guide.markdown.glossary_links import glossary_of, term_pattern


def add_to_context(generator):
    """Signal handler: templates get `glossary_letters`, the terms by first letter, in
    each language."""
    generator.context["glossary_letters"] = {
        lang: glossary_of(generator.settings, lang).by_letter(lang) for lang in LANGUAGES
    }


def body_text(content, lang: str) -> str:
    """The text of an article or page, up to its References heading."""
    references = re.compile(rf"<h2[^>]*>\s*{re.escape(heading_in(REFERENCES_HEADING, lang))}\s*<")
    return Markup(references.split(content.content)[0]).striptags()


def patient_words(settings: dict, content) -> list[tuple[str, list[str], int]]:
    """For each glossary term `content` uses: the term, its names (its own, then its other
    names), and how many times the page uses it, in the order of first use. A name the
    page writes itself is listed too: its weight, not the words alone, ranks the page that
    is most about the term first."""
    lang = content_language(content)
    glossary = glossary_of(settings, lang)
    pattern = term_pattern(glossary)
    if pattern is None:
        return []
    found = [match_key(match.group()) for match in pattern.finditer(body_text(content, lang))]
    uses = Counter(glossary.term_of[words] for words in found)
    return [(term.name, [term.name, *term.also_called], count) for term, count in uses.items()]


def add_patient_words(generator):
    """Signal handler: templates get `patient_words(content)`."""
    settings = generator.settings
    generator.env.globals["patient_words"] = lambda content: patient_words(settings, content)


def register():
    """Connect to Pelican."""
    signals.generator_init.connect(add_patient_words)
    signals.page_generator_finalized.connect(add_to_context)
