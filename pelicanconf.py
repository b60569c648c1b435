"""Settings for the development build. `publishconf.py` builds on these.

Settings only name things: importing them reads no file and checks nothing. The data files
named here are read, and checked with the content, as the build runs (the plugins in
PLUGINS).
"""

from pathlib import Path

from implant_guide.languages import DEFAULT_LANGUAGE as DEFAULT_LANG
from implant_guide.languages import LANGUAGES, N_, suffix
from implant_guide.structured_data import medical_clinic_page, medical_web_page, page_url

PROJECT_DIR = Path(__file__).resolve().parent

# ---------------------------------------------------------------------------
# The data files editors keep beside the content. A mistake in one stops the build with
# `path:line: problem. How to fix.`, reported with the content checks.
# ---------------------------------------------------------------------------
DATA_DIR = PROJECT_DIR / "content" / "data"
CLINIC_FILE = DATA_DIR / "clinic.toml"  # the clinic's details (templates read CLINIC)
WARNING_SIGNS_FILE = DATA_DIR / "warning-signs.toml"  # every care card shows them
GLOSSARY_FILE = DATA_DIR / "glossary.toml"  # terms linked to the glossary page
BIBLIOGRAPHY_FILE = DATA_DIR / "references.json"  # the sources articles cite
ILLUSTRATIONS_DIR = PROJECT_DIR / "content" / "illustrations"  # {{ figure: NAME }}

# Pages about the clinic itself; they describe it to search engines as a MedicalClinic.
CLINIC_PAGES = ("about", "contact")

# ---------------------------------------------------------------------------
# Site
# ---------------------------------------------------------------------------
# The site's name, subtitle and the home page's introduction, translated in the catalogs.
SITE_TEXT = {
    "name": N_("Your Interlaminar Implant"),
    "subtitle": N_("A patient guide to surgery for lumbar spinal stenosis"),
    "intro": N_(
        "This guide explains the interlaminar implant, an operation for narrowing of the "
        "spine in the lower back. Read it in order, from before surgery to recovery, or go "
        "straight to the part you need."
    ),
}
SITENAME = SITE_TEXT["name"]
SITESUBTITLE = SITE_TEXT["subtitle"]
SITEURL = ""
RELATIVE_URLS = True
TIMEZONE = "America/New_York"
# An article without a Date is refused by the content checks; until they report it,
# Pelican takes the file's own date so that it can read on.
DEFAULT_DATE = "fs"

PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
TEMPLATE_PAGES = {"extra/robots.txt": "robots.txt"}
IGNORE_FILES = [".#*", "*~"]
THEME = "theme"

# Our plugins (implant_guide/plugins/). Each reads the settings and what Pelican gives it,
# and none reads what another leaves in the context: where one plugin's work needs
# another's, it is written here. In the order Pelican sends the signals:
# - content_cache (as the build starts): writes CACHE_PATH, the cache folder of the inputs.
# - data_files (as the build starts, then as each generator starts): keeps what is worked
#   out from the data files in KEPT_RESULTS_PATH; writes AUTHOR (the clinic); gives
#   templates CLINIC and care_card_content().
# - compiled_templates (as each generator starts): keeps its compiled templates in
#   KEPT_RESULTS_PATH.
# - markdown_reader (as each generator starts, and as it reads its first file): reads every
#   Markdown file with the guide's reader, those the content cache lacks in up to
#   READING_PROCESSES processes at once (default: one a CPU); its care cards and
#   worksheets use the generator's templates, with the catalogs that `translations`
#   installs in them (so both must be listed; their order does not matter).
# - translations (as each generator starts, then once all are read): gives templates the
#   catalogs, page_alternates() and address(); writes each page's `alternates` and the
#   context's `addresses`, which address() reads.
# - asset_names (as each generator starts, then at the end): gives templates asset();
#   gives the theme's files in the output their hashed names.
# - content_checks (once the pages are read; then at the end, before search_index): checks
#   the data files and every article and page (triage, sign-offs and translations too) in
#   a process of its own while the others write the staged site; stops the build on errors
#   before the site is indexed. The reader lets bad metadata and files that are not UTF-8
#   through to it.
# - glossary (once the pages are read): writes the context's `glossary_letters`.
# - guide (once all are read; then once the articles are written): writes each article's
#   `guide` and the context's `guides`, `guide_parts`, `guide_size`, `language_page_links`
#   and `page_links`, which the templates show; writes the home and search pages and the
#   feed of the other languages. It runs while the checks do: on bad content whatever it
#   writes is thrown away with the staged site, and the checks' errors are reported first.
# - sitemap (a generator of its own, after the others have read everything): writes
#   sitemap.xml.
# - search_index (at the end, once every page is written): writes the search index.
PLUGINS = [
    "implant_guide.plugins.content_cache",
    "implant_guide.plugins.data_files",
    "implant_guide.plugins.compiled_templates",
    "implant_guide.plugins.markdown_reader",
    "implant_guide.plugins.translations",
    "implant_guide.plugins.asset_names",
    "implant_guide.plugins.content_checks",
    "implant_guide.plugins.glossary",
    "implant_guide.plugins.guide",
    "implant_guide.plugins.sitemap",
    "implant_guide.plugins.search_index",
]

# Sharing on social media and in messaging apps: the picture shown, in the page's language
# (in theme/static, made by `invoke share-images`; the locale is the language's, in
# implant_guide/languages.py).
SHARE_IMAGE = {
    "paths": {code: f"images/share{suffix(code)}.png" for code in LANGUAGES},
    "width": 1200,
    "height": 630,
}

# Templates build search engines' structured data (JSON-LD) and addresses with these.
JINJA_GLOBALS = {
    "page_url": page_url,
    "medical_web_page": medical_web_page,
    "medical_clinic_page": medical_clinic_page,
}

# Python-Markdown's own extensions. The guide's Markdown reader adds the project's
# (implant_guide/markdown/: blocks, risk arrays, tables, worksheets, care cards, citations,
# glossary links, outline), their options taken from the files named above.
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.meta": {},
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {},
    },
    "output_format": "html5",
}

# Clean URLs: /wound-infection/ is served from /wound-infection/index.html.
ARTICLE_URL = "{slug}/"
ARTICLE_SAVE_AS = "{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = "drafts/{slug}/index.html"

# Only pages people use: the home page, the search page, the articles and the pages.
DIRECT_TEMPLATES = ["index", "search"]
SEARCH_URL = LANGUAGES[DEFAULT_LANG].search_url
SEARCH_SAVE_AS = "search/index.html"
PAGINATED_TEMPLATES = {}
DEFAULT_PAGINATION = False
AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = ""
CATEGORY_SAVE_AS = CATEGORIES_SAVE_AS = ""
TAG_SAVE_AS = TAGS_SAVE_AS = ""
ARCHIVES_SAVE_AS = YEAR_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_SAVE_AS = DAY_ARCHIVE_SAVE_AS = ""

# ---------------------------------------------------------------------------
# Languages: English, and Spanish under /es/. Pelican pairs translations by
# `Translation_key:` (the English slug); implant_guide/plugins/translations.py adds the
# language switcher's addresses, the Spanish home, search page and feed, and the theme's
# text from its gettext catalogs (theme/translations/).
# ---------------------------------------------------------------------------
ARTICLE_TRANSLATION_ID = PAGE_TRANSLATION_ID = "translation_key"
ARTICLE_LANG_URL = PAGE_LANG_URL = "{lang}/{slug}/"
ARTICLE_LANG_SAVE_AS = PAGE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
DRAFT_LANG_URL = DRAFT_PAGE_LANG_URL = "drafts/{lang}/{slug}/"
DRAFT_LANG_SAVE_AS = DRAFT_PAGE_LANG_SAVE_AS = "drafts/{lang}/{slug}/index.html"
# Each build makes its Jinja environment afresh: it need not look at the templates' dates
# again on every page.
JINJA_ENVIRONMENT = {"extensions": ["jinja2.ext.i18n"], "auto_reload": False}

FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# Development builds keep Pelican's content cache, so a rebuild reads only the files that
# changed; the build keeps it in a folder under CACHE_PATH named by a hash of the settings,
# data files, code and illustrations (implant_guide/plugins/content_cache.py). The publish
# build reads everything afresh.
CACHE_CONTENT = LOAD_CONTENT_CACHE = True
CACHE_PATH = str(PROJECT_DIR / "cache")
# Every build (the publish build too) keeps here what it works out from inputs alone, each
# result under a hash of its inputs and code: the bibliography formatted by citeproc, the
# glossary's collation keys and its definitions' reading grades
# (implant_guide/kept_results.py), and the templates compiled by Jinja. A result whose
# inputs changed is worked out again. `invoke clean` deletes it.
KEPT_RESULTS_PATH = str(PROJECT_DIR / "cache" / "kept")

# Development builds warn about reviews that are due; the publish build refuses them.
OVERDUE_REVIEW_IS_ERROR = False
# The same for a translation missing, or older than the English page's last change.
STALE_TRANSLATION_IS_ERROR = False
# The same for a reviewed page whose text is not the text its reviewer signed off
# (`invoke sign-off`; implant_guide/sign_off.py).
UNREVIEWED_TEXT_IS_ERROR = False
