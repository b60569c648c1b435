"""The theme's text in each language: gettext catalogs compiled as the build starts.

The templates mark their text with `{{ _("...") }}`; `pybabel extract` collects it into
`theme/translations/messages.pot` and `pybabel update` into each language's
`theme/translations/LANG/LC_MESSAGES/messages.po`, which translators edit. The build
compiles the `.po` files in memory (no `.mo` files are kept) and gives each page the text
of its own language: the language of the article or page being written, or the
`page_lang` the writer passes for the home and search pages.
"""

from datetime import date
from functools import cache
from io import BytesIO
from pathlib import Path

from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from jinja2 import pass_context

from implant_guide.languages import DEFAULT_LANGUAGE, LANGUAGES, content_language

CATALOGS = Path(__file__).resolve().parents[1] / "theme" / "translations"
"""The theme's catalogs: messages.pot and LANG/LC_MESSAGES/messages.po."""
DATE_FORMAT = "long"
"""Dates as people write them: "November 24, 2026", "24 de noviembre de 2026"."""


def catalog_path(lang: str) -> Path:
    return CATALOGS / lang / "LC_MESSAGES" / "messages.po"


@cache
def _translations(lang: str, modified: int) -> NullTranslations:
    if lang == DEFAULT_LANGUAGE:
        return NullTranslations()
    with catalog_path(lang).open("rb") as po:
        catalog = read_po(po, locale=lang)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled)


def translations(lang: str) -> NullTranslations:
    """The theme's text in `lang`, compiled from its catalog (again if it changed)."""
    path = catalog_path(lang)
    return _translations(lang, path.stat().st_mtime_ns if path.exists() else 0)


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
def gettext(context, message: str) -> str:
    return translations(context_language(context)).gettext(message)


@pass_context
def ngettext(context, singular: str, plural: str, number: int) -> str:
    return translations(context_language(context)).ngettext(singular, plural, number)


@pass_context
def page_language(context) -> str:
    """Templates: `page_language()`, the code of the page's language."""
    return context_language(context)


@pass_context
def local_date(context, day: date) -> str:
    """Templates: `local_date(day)`, a date written in the page's language."""
    return format_date(day, DATE_FORMAT, locale=LANGUAGES[context_language(context)].locale)


def install(env) -> None:
    """Give a Jinja environment (with the i18n extension) the catalogs and helpers."""
    env.install_gettext_callables(gettext, ngettext, newstyle=True)
    env.globals.update(page_language=page_language, local_date=local_date)
