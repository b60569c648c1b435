"""Pelican plugin: read every Markdown file with the guide's Markdown reader
(`implant_guide/markdown/reader.py`): the project's extensions, one Markdown instance per
generator, sections in the metadata, and stand-ins for bad metadata so that the content
checks can report every problem. Care cards are rendered with the generator's Jinja
environment, where the `translations` plugin installs the catalogs.
"""

from pelican import signals

from implant_guide.markdown.reader import GuideMarkdownReader


def use_guide_reader(readers):
    """Signal handler: read every Markdown file with the guide's reader."""
    for extension in GuideMarkdownReader.file_extensions:
        readers.reader_classes[extension] = GuideMarkdownReader


def give_reader_the_templates(generator):
    """Signal handler: the generator's reader renders care cards with its templates."""
    for reader in generator.readers.readers.values():
        if isinstance(reader, GuideMarkdownReader):
            reader.environment = generator.env


def register():
    """Connect to Pelican."""
    signals.readers_init.connect(use_guide_reader)
    signals.generator_init.connect(give_reader_the_templates)
