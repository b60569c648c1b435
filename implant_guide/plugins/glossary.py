"""Pelican plugin: the glossary page's template gets the glossary's terms, by letter
(`glossary_letters`), in each language.

The terms are read by `implant_guide/glossary.py` from the file the settings name
(GLOSSARY_FILE), the one the Markdown extension `glossary_links` links to. It reads nothing
other plugins leave. The words patients use for the terms a page uses, which the search
indexes, are found as the page is read (`implant_guide/markdown/search_words.py`).
"""

from pelican import signals

from implant_guide.data_files import read_data_files


def add_to_context(generator):
    """Signal handler: templates get `glossary_letters`, the terms by first letter, in
    each language."""
    glossaries = read_data_files(generator.settings).glossaries
    generator.context["glossary_letters"] = {
        lang: glossary.by_letter(lang) for lang, glossary in glossaries.items()
    }


def register():
    """Connect to Pelican."""
    signals.page_generator_finalized.connect(add_to_context)
