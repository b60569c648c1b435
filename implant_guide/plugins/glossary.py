"""Pelican plugin: the glossary for the templates.

- The glossary page's template gets the glossary's terms, by letter (`glossary_letters`).
- Every template gets `patient_words(content)`: for each glossary term an article or page
  uses, the term's names it does not use itself (its other names, "also called", such as
  "pain pills" for pain medicine). The templates write them into the part of the page the
  search indexes, unseen, so that a page is found by the words patients use.

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
    """For each glossary term `content` uses: the term, its names the page does not use
    (the term's own name, then its other names), and how many times the page uses it;
    terms whose every name the page already uses are left out. In the order of first use."""
    lang = content_language(content)
    glossary = glossary_of(settings, lang)
    pattern = term_pattern(glossary)
    if pattern is None:
        return []
    found = [match_key(match.group()) for match in pattern.finditer(body_text(content, lang))]
    uses = Counter(glossary.term_of[words] for words in found)
    written = set(found)
    entries = []
    for term, count in uses.items():
        names = [n for n in (term.name, *term.also_called) if match_key(n) not in written]
        if names:
            entries.append((term.name, names, count))
    return entries


def add_patient_words(generator):
    """Signal handler: templates get `patient_words(content)`."""
    settings = generator.settings
    generator.env.globals["patient_words"] = lambda content: patient_words(settings, content)


def register():
    """Connect to Pelican."""
    signals.generator_init.connect(add_patient_words)
    signals.page_generator_finalized.connect(add_to_context)
