"""Pelican plugin: the templates get what the data files hold.

The settings only name the data files; they are read (and their problems reported, by the
content checks) as the build runs. Every template gets `CLINIC`, the clinic's details
(`localized(CLINIC, "contact_topics")` gives a field in the page's language), and
`care_card_content(level, *topics)`, a care card of the declared warning signs in the
page's language, for the care card component. As the build starts, before any data file is
read, what is worked out from them is kept in KEPT_RESULTS_PATH (implant_guide/kept_results.py),
and the clinic becomes the site's AUTHOR (the feeds name it). It reads nothing other plugins
leave.
"""

from pelican import signals

from implant_guide.care_card import care_card_content
from implant_guide.clinic import placeholders
from implant_guide.data_files import read_data_files
from implant_guide.kept_results import keep_in
from implant_guide.theme_text import context_language


def name_the_author(pelican):
    """Signal handler, as the build starts: results worked out from the data files are
    kept from one build to the next; the clinic is the author of every page."""
    keep_in(pelican.settings.get("KEPT_RESULTS_PATH"))
    data = read_data_files(pelican.settings)
    if data.clinic_is_valid:
        pelican.settings["AUTHOR"] = data.clinic["name"]


def add_to_templates(generator):
    """Signal handler: every generator's templates get the data files' content."""
    settings = generator.settings
    data = read_data_files(settings)
    generator.env.globals.update(
        CLINIC=data.clinic,
        care_card_content=care_card_content(
            data.signs, placeholders(settings["CLINIC_FILE"]), context_language
        ),
    )


def register():
    """Connect to Pelican."""
    signals.initialized.connect(name_the_author)
    signals.generator_init.connect(add_to_templates)
