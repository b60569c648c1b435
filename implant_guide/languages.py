"""The site's languages: English, the default, and Spanish under /es/.

Every rule about languages lives here: each language's code, its name in itself (the
language switcher shows it), its address prefix, locale and the names of its own pages
(the search page, the glossary), its letters of their own and its most common words,
which language a page or a Markdown document is in, and how data files name a field in
each language (`wording`, `wording_es`). Paths, keys and addresses that differ by language
are derived from these declarations, so another language is one more `Language(...)`, its
catalog (theme/translations/) and its content.
"""

from dataclasses import dataclass

from babel.support import NullTranslations


@dataclass(frozen=True)
class Language:
    """One language of the site."""

    code: str
    name: str
    """Its name in itself, as the language switcher shows it."""
    english_name: str
    """Its name in English, for messages to editors."""
    prefix: str
    """The start of its addresses in the site, and of its content folders: "" or "es/"."""
    locale: str
    """Its locale, for dates (Babel) and sharing (og:locale)."""
    citation_locale: str
    """The CSL locale whose dates citations are written with: es-ES writes
    "13 de abril de 2023" (es-MX puts "el" before the day). Their words come from the
    catalogs."""
    search_slug: str
    """The address of its search page, under its prefix: "search", "buscar"."""
    glossary_slug: str
    """The slug, and file name, of its glossary page: "glossary", "glosario"."""
    own_letters: str = ""
    """Letters of the alphabet of their own, each sorted and listed right after the letter
    it is written on (Spanish ñ after n); other accented letters go with their base
    letter (see `implant_guide/collation.py`)."""
    stop_words: frozenset[str] = frozenset()
    """Words too common to say what a search is about ("can", "my"): when no page holds
    every word of a search, the site's search ranks pages by the other words."""

    @property
    def home_url(self) -> str:
        """Its home page's address: "" or "es/"."""
        return self.prefix

    @property
    def search_url(self) -> str:
        """Its search page's address: "search/" or "es/buscar/"."""
        return f"{self.prefix}{self.search_slug}/"

    @property
    def glossary_source(self) -> str:
        """Its glossary page's file, relative to the content folder."""
        return f"pages/{self.prefix}{self.glossary_slug}.md"


ENGLISH_STOP_WORDS = """
a about after am an and any are as at be before but by can could did do does for from get got
had has have how i if in into is it its me my no not of on or our should so than that the
their them then there these they this to up us was we were what when where which who why will
with would you your
"""
SPANISH_STOP_WORDS = """
a al algo algún como cómo con cual cuál cuando cuándo de del después donde dónde el él ella en
es esta está este esto hay la las le les lo los me mi mis muy no nos o para pero por porque
puede pueden puedo que qué se si sí sin su sus también tengo un una uno unos y ya yo
"""

DEFAULT_LANGUAGE = "en"
LANGUAGES = {
    language.code: language
    for language in (
        Language(
            "en",
            "English",
            "English",
            "",
            "en_US",
            "en-US",
            "search",
            "glossary",
            stop_words=frozenset(ENGLISH_STOP_WORDS.split()),
        ),
        Language(
            "es",
            "Español",
            "Spanish",
            "es/",
            "es_US",
            "es-ES",
            "buscar",
            "glosario",
            own_letters="ñ",
            stop_words=frozenset(SPANISH_STOP_WORDS.split()),
        ),
    )
}
TRANSLATED = tuple(code for code in LANGUAGES if code != DEFAULT_LANGUAGE)
"""The languages the English guide is translated into."""

LANGUAGE_PAGES = {
    "index": {code: language.home_url for code, language in LANGUAGES.items()},
    "search": {code: language.search_url for code, language in LANGUAGES.items()},
}
"""The addresses of the home and search pages in each language, by template."""


def suffix(lang: str) -> str:
    """The ending of a data field's name in `lang`: "" for English, "_es" for Spanish."""
    return "" if lang == DEFAULT_LANGUAGE else f"_{lang}"


def localized(key: str, value=None) -> dict:
    """`key` in every language, each with `value`: {"role": value, "role_es": value}."""
    return {key + suffix(lang): value for lang in LANGUAGES}


def in_language(fields: dict, key: str, lang: str, default=None):
    """The value of `key` in `lang` from a table that declares `key` and `key_es`."""
    return fields.get(key + suffix(lang), default)


def url_language(path: str) -> str:
    """The language of a page by its address in the site: es/... is Spanish."""
    for lang in TRANSLATED:
        if path.startswith(LANGUAGES[lang].prefix):
            return lang
    return DEFAULT_LANGUAGE


def content_language(content) -> str:
    """The language of a Pelican article or page."""
    lang = getattr(content, "lang", None) or DEFAULT_LANGUAGE
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def document_language(md) -> str:
    """The language a Markdown document declares in its header (`Lang: es`)."""
    lang = (getattr(md, "Meta", None) or {}).get("lang", [DEFAULT_LANGUAGE])[0].strip()
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def source_language(source) -> str:
    """The language a content file's header declares (`Lang: es`), for the checks."""
    field = source.field("lang")
    return field.value if field and field.value in LANGUAGES else DEFAULT_LANGUAGE


AS_WRITTEN = NullTranslations()
"""The interface text as the code writes it: English (`theme_text.translations` gives the
text of other languages)."""


def N_(message: str) -> str:  # noqa: N802 - the name gettext tools look for
    """Marks interface text for the catalogs (`pybabel extract`, babel.cfg); it is
    translated where it is shown, in the page's language."""
    return message


def NP_(context: str, message: str) -> str:  # noqa: N802 - the name gettext tools look for
    """Marks interface text for the catalogs with its context ("section" for section
    headings), translated where it is shown with `pgettext(context, message)`."""
    return message
