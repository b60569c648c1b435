"""Settings for the published site: absolute URLs on the clinic's domain, feeds, strict checks."""

import os

from pelican.settings import load_source

# This folder's pelicanconf.py, even if another project's was read before in this process.
load_source("pelicanconf", os.path.join(os.path.dirname(__file__), "pelicanconf.py"))
from pelicanconf import *  # noqa: E402, F403

SITEURL = os.environ.get("SITEURL", "https://www.example.org").rstrip("/")
RELATIVE_URLS = False
FEED_ATOM = "feeds/all.atom.xml"  # the English guide; es/feeds/all.atom.xml the Spanish one
DELETE_OUTPUT_DIRECTORY = True
CACHE_CONTENT = LOAD_CONTENT_CACHE = False  # the published site is read afresh

# Drafts (Status: draft) are previewed in the development build only, never published.
DRAFT_SAVE_AS = DRAFT_PAGE_SAVE_AS = DRAFT_LANG_SAVE_AS = DRAFT_PAGE_LANG_SAVE_AS = ""

# Where `invoke publish` deploys: a folder, or user@host:/folder on the web server.
DEPLOY_TARGET = os.environ.get("DEPLOY_TARGET", "")

# A page whose review is overdue must not reach patients.
OVERDUE_REVIEW_IS_ERROR = True
# Nor a page that is not translated, or whose translation is older than its last change.
STALE_TRANSLATION_IS_ERROR = True
# Nor a page changed since its reviewer signed it off, or never signed off.
UNREVIEWED_TEXT_IS_ERROR = True
