"""Settings for the development build. `publishconf.py` builds on these."""

from pathlib import Path

from implant_guide.care_card import CareCardContent
from implant_guide.clinic import markdown_placeholders, read_clinic
from implant_guide.languages import LANGUAGES  # noqa: F401 - the templates read it
from implant_guide.release.content_cache import content_cache_path
from implant_guide.structured_data import medical_clinic_page, medical_web_page, page_url
from implant_guide.today import today
from implant_guide.warning_signs import SIGNS_FILE

PROJECT_DIR = Path(__file__).resolve().parent

# ---------------------------------------------------------------------------
# The clinic: its details are kept in content/data/clinic.toml, where editors change them;
# a mistake there stops the build with its line. Templates read CLINIC, EMERGENCY_NUMBER
# and CONTACT_TOPICS.
# ---------------------------------------------------------------------------
CLINIC_FILE = PROJECT_DIR / "content" / "data" / "clinic.toml"
CLINIC = read_clinic(CLINIC_FILE)
EMERGENCY_NUMBER = CLINIC["emergency_number"]
CONTACT_TOPICS = CLINIC["contact_topics"]

# Values editors can write in Markdown as {{ name }}.
PLACEHOLDERS = markdown_placeholders(CLINIC)

# The warning signs, declared once; care cards in Markdown and in templates show them.
WARNING_SIGNS_FILE = str(PROJECT_DIR / "content" / SIGNS_FILE)

# Pages about the clinic itself; they describe it to search engines as a MedicalClinic.
CLINIC_PAGES = ("about", "contact")

# The day review dates are checked against: today, or the day IMPLANT_GUIDE_TODAY names
# (YYYY-MM-DD), which the tests set so that they pass on any date.
TODAY = today()

# ---------------------------------------------------------------------------
# Site
# ---------------------------------------------------------------------------
# The site's name, subtitle and the home page's introduction, in each language.
SITE_TEXT = {
    "en": {
        "name": "Your Interlaminar Implant",
        "subtitle": "A patient guide to surgery for lumbar spinal stenosis",
        "intro": (
            "This guide explains the interlaminar implant, an operation for narrowing of the "
            "spine in the lower back. Read it in order, from before surgery to recovery, or go "
            "straight to the part you need."
        ),
    },
    "es": {
        "name": "Su implante interlaminar",
        "subtitle": "Una guía para pacientes sobre la cirugía de la estenosis espinal lumbar",
        "intro": (
            "Esta guía explica el implante interlaminar, una operación para el estrechamiento "
            "de la columna en la parte baja de la espalda. Léala en orden, desde antes de la "
            "cirugía hasta la recuperación, o vaya directo a la parte que necesita."
        ),
    },
}
SITENAME = SITE_TEXT["en"]["name"]
SITESUBTITLE = SITE_TEXT["en"]["subtitle"]
SITEURL = ""
RELATIVE_URLS = True
AUTHOR = CLINIC["name"]
TIMEZONE = "America/New_York"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%B %-d, %Y"
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

PLUGINS = [
    "implant_guide.plugins.content_checks",
    "implant_guide.plugins.guide",
    "implant_guide.plugins.translations",
    "implant_guide.plugins.asset_names",
    "implant_guide.plugins.search_index",
    "implant_guide.plugins.glossary",
    "pelican.plugins.sitemap",
]

# Sharing on social media and in messaging apps: the picture shown (the locale is the
# page's language's, in implant_guide/languages.py).
SHARE_IMAGE = {"path": "images/share.png", "width": 1200, "height": 630}  # in theme/static

# Templates build search engines' structured data (JSON-LD) and addresses with these.
JINJA_GLOBALS = {
    "page_url": page_url,
    "medical_web_page": medical_web_page,
    "medical_clinic_page": medical_clinic_page,
    "care_card_content": CareCardContent(WARNING_SIGNS_FILE, PLACEHOLDERS),
}

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.meta": {},
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {},
        "implant_guide.markdown.blocks": {
            "placeholders": PLACEHOLDERS,
            "figures_dir": str(PROJECT_DIR / "content" / "illustrations"),
        },
        "implant_guide.markdown.risk_arrays": {},
        "implant_guide.markdown.tables": {},
        "implant_guide.markdown.worksheets": {
            "interests": PLACEHOLDERS["clinic_interests"],
            "templates_dir": str(PROJECT_DIR / "theme" / "templates"),
        },
        "implant_guide.markdown.care_cards": {
            "signs_file": WARNING_SIGNS_FILE,
            "placeholders": PLACEHOLDERS,
            "templates_dir": str(PROJECT_DIR / "theme" / "templates"),
        },
        "implant_guide.markdown.citations": {
            "bibliography": str(PROJECT_DIR / "content" / "data" / "references.json"),
        },
        "implant_guide.markdown.glossary_links": {
            "path": str(PROJECT_DIR / "content" / "data" / "glossary.toml")
        },
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
SEARCH_URL = "search/"
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
JINJA_ENVIRONMENT = {"extensions": ["jinja2.ext.i18n"]}

# sitemap.xml: every page people should find, with its last change. Hidden pages (404)
# are left out, and so are robots.txt and the search page, which is not to be indexed.
SITEMAP = {
    "format": "xml",
    "priorities": {"articles": 0.8, "pages": 0.5, "indexes": 1.0},
    "changefreqs": {"articles": "monthly", "pages": "yearly", "indexes": "monthly"},
    "exclude": ["404.html", "drafts/", r"^robots\.txt$", f"^{SEARCH_URL}$", "^es/buscar/$"],
}

FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# Development builds keep Pelican's content cache, so a rebuild reads only the files that
# changed; the cache folder changes with the settings, code and illustrations (see
# implant_guide/release/content_cache.py). The publish build reads everything afresh.
CACHE_CONTENT = LOAD_CONTENT_CACHE = True
CACHE_PATH = content_cache_path(Path(__file__).resolve(), PROJECT_DIR / PATH)

# Development builds warn about reviews that are due; the publish build refuses them.
OVERDUE_REVIEW_IS_ERROR = False
# The same for a translation missing, or older than the English page's last change.
STALE_TRANSLATION_IS_ERROR = False
# The same for a reviewed page whose text is not the text its reviewer signed off
# (`invoke sign-off`; implant_guide/sign_off.py).
UNREVIEWED_TEXT_IS_ERROR = False
