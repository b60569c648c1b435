"""Pelican plugin: the glossary page's template gets the glossary's terms, by letter.

The terms are read by `implant_guide/glossary.py` from the file the Markdown extension
`implant_guide/markdown/glossary_links.py` links to.
"""

from pelican import signals

from implant_guide.languages import LANGUAGES
from implant_guide.markdown.glossary_links import glossary_of


def add_to_context(generator):
    """Signal handler: templates get `glossary_letters`, the terms by first letter, in
    each language."""
    generator.context["glossary_letters"] = {
        lang: glossary_of(generator.settings, lang).by_letter(lang) for lang in LANGUAGES
    }


def register():
    """Connect to Pelican."""
    signals.page_generator_finalized.connect(add_to_context)
