"""The interface text in each language: gettext catalogs compiled as the build starts.

Every piece of text the site writes around the content (the templates' words, the labels
and sentences the Markdown extensions write, section headings, part titles, the site's
name) is English in the code, marked for the catalogs: `{{ _("...") }}` in templates,
`N_("...")` and `NP_("context", "...")` in Python (`implant_guide.languages`).
`pybabel extract` (babel.cfg) collects it into `theme/translations/messages.pot` and
`pybabel update` into each language's `theme/translations/LANG/LC_MESSAGES/messages.po`,
which translators edit. The build compiles the `.po` files in memory (no `.mo` files are
kept) and gives each page the text of its own language: the language of the article or
page being written, or the `page_lang` the writer passes for the home and search pages.
"""

from datetime import date
from functools import cache
from io import BytesIO
from pathlib import Path

from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from jinja2 import Environment, FileSystemLoader, pass_context
from pelican.settings import DEFAULT_CONFIG

from implant_guide.languages import DEFAULT_LANGUAGE, LANGUAGES, content_language, in_language

CATALOGS_FOLDER = "translations"
"""Where the catalogs are, in the theme: messages.pot and LANG/LC_MESSAGES/messages.po."""
DATE_FORMAT = "long"
"""Dates as people write them: "November 24, 2026", "24 de noviembre de 2026"."""


def catalogs_folder(settings: dict) -> Path:
    """The theme's catalogs, for the settings' THEME."""
    return Path(settings["THEME"]) / CATALOGS_FOLDER


def catalog_path(lang: str, folder: Path) -> Path:
    return Path(folder) / lang / "LC_MESSAGES" / "messages.po"


@cache
def _translations(lang: str, path: Path, modified: int) -> NullTranslations:
    with path.open("rb") as po:
        catalog = read_po(po, locale=lang)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled)


def translations(lang: str, folder: Path | str | None) -> NullTranslations:
    """The interface text in `lang`, compiled from its catalog in `folder` (again if it
    changed); English, the text as written, for the default language or no folder."""
    if lang == DEFAULT_LANGUAGE or folder is None:
        return NullTranslations()
    path = catalog_path(lang, Path(folder)).resolve()
    return _translations(lang, path, path.stat().st_mtime_ns if path.exists() else 0)


class Catalogs:
    """The interface text of every language from the catalogs in one folder, each compiled
    once for as long as this object lives (a build makes its own)."""

    def __init__(self, folder: Path | str | None):
        self.folder = folder
        self._text: dict[str, NullTranslations] = {}

    def __getitem__(self, lang: str) -> NullTranslations:
        if lang not in self._text:
            self._text[lang] = translations(lang, self.folder)
        return self._text[lang]


def context_language(context) -> str:
    """The language of the page a template is writing."""
    lang = context.get("page_lang")
    if lang in LANGUAGES:
        return lang
    for name in ("article", "page"):
        content = context.get(name)
        if content is not None and hasattr(content, "lang"):
            return content_language(content)
    return DEFAULT_LANGUAGE


@pass_context
def page_language(context) -> str:
    """Templates: `page_language()`, the code of the page's language."""
    return context_language(context)


@pass_context
def local_date(context, day: date) -> str:
    """Templates: `local_date(day)`, a date written in the page's language."""
    return format_date(day, DATE_FORMAT, locale=LANGUAGES[context_language(context)].locale)


@pass_context
def localized(context, fields: dict, key: str, default=""):
    """Templates: `localized(reviewer, "role")`, a data file's field in the page's
    language (`role`, `role_es`)."""
    return in_language(fields, key, context_language(context), default)


def install(env: Environment, folder: Path) -> None:
    """Give a Jinja environment (with the i18n extension) the catalogs in `folder` and the
    helpers that write in the page's language."""
    text = Catalogs(folder)

    @pass_context
    def gettext(context, message: str) -> str:
        return text[context_language(context)].gettext(message)

    @pass_context
    def ngettext(context, singular: str, plural: str, number: int) -> str:
        return text[context_language(context)].ngettext(singular, plural, number)

    @pass_context
    def pgettext(context, message_context: str, message: str) -> str:
        return text[context_language(context)].pgettext(message_context, message)

    env.install_gettext_callables(gettext, ngettext, newstyle=True, pgettext=pgettext)
    env.globals.update(page_language=page_language, local_date=local_date, localized=localized)


def environment(templates: Path, folder: Path | None) -> Environment:
    """A Jinja environment over the theme's templates, configured as Pelican configures its
    own (with the i18n extension), with the catalogs in `folder`: for rendering components
    outside a Pelican build."""
    options = {**DEFAULT_CONFIG["JINJA_ENVIRONMENT"], "extensions": ["jinja2.ext.i18n"]}
    env = Environment(loader=FileSystemLoader(str(templates)), **options)
    install(env, folder)
    return env


@cache
def theme_environment(templates_dir: str, catalogs: str | None) -> Environment:
    """`environment` over a theme's templates, made once: for the components (care cards,
    worksheets) the Markdown extensions render outside a build, which renders them with
    its own environment."""
    return environment(Path(templates_dir), Path(catalogs) if catalogs else None)
