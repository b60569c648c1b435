"""Tasks for editors and developers: `invoke --list` shows them all."""

import shutil
import sys
from pathlib import Path

from invoke import task
from pelican.settings import read_settings

from implant_guide.article_template import article_skeleton
from implant_guide.content_model import KINDS
from implant_guide.languages import LANGUAGES, TRANSLATED
from implant_guide.policy import LINK_CHECK_MAX_AGE_DAYS
from implant_guide.release.build import build as build_site
from implant_guide.release.build import previous_dir
from implant_guide.today import today

ROOT = Path(__file__).resolve().parent
OUTPUT = ROOT / "output"
CACHE = ROOT / "cache"
ARTICLES = ROOT / "content" / "articles"
SETTINGS = {"dev": str(ROOT / "pelicanconf.py"), "publish": str(ROOT / "publishconf.py")}
PORT = 8000


def _build(settings):
    status = build_site(settings, OUTPUT)
    if status:
        sys.exit(status)


@task
def clean(c):
    """Remove the generated site, the one before it and the caches (the content cache and
    the results kept between builds)."""
    for folder in (OUTPUT, previous_dir(OUTPUT), CACHE):
        shutil.rmtree(folder, ignore_errors=True)


@task
def build(c):
    """Build the site into output/ (development settings)."""
    _build(SETTINGS["dev"])


@task(pre=[clean])
def rebuild(c):
    """Remove output/ and build it again."""
    _build(SETTINGS["dev"])


@task
def preview(c):
    """Build the site as it will be published (publishconf.py)."""
    _build(SETTINGS["publish"])


TARGET_HELP = (
    "a folder, or user@host:/folder on a web server; several with commas between them "
    "(default: DEPLOY_TARGET)"
)


def _deploy_target(target):
    """`target`, or else DEPLOY_TARGET from the publish settings."""
    return target or read_settings(SETTINGS["publish"])["DEPLOY_TARGET"]


@task(help={"target": TARGET_HELP, "dry_run": "build and check, show what would change"})
def publish(c, target="", dry_run=False):
    """Build with publishconf.py, check the result, and deploy it as a new release to every
    target, all or none."""
    from implant_guide.release.publish import publish as publish_site

    status = publish_site(Path(SETTINGS["publish"]), _deploy_target(target), dry_run)
    if status:
        sys.exit(status)


@task(help={"target": TARGET_HELP})
def rollback(c, target=""):
    """Switch every target back to the release before its current one, all or none."""
    from implant_guide.release.publish import roll_back

    status = roll_back(_deploy_target(target))
    if status:
        sys.exit(status)


@task
def serve(c, port=PORT):
    """Serve output/ on http://127.0.0.1:PORT."""
    c.run(f"{sys.executable} -m http.server --bind 127.0.0.1 --directory {OUTPUT} {port}")


@task
def livereload(c, port=PORT):
    """Serve the site and rebuild it, refreshing the browser, whenever a file is saved."""
    from livereload import Server

    _build(SETTINGS["dev"])
    server = Server()
    for pattern in ("content/**/*", "theme/**/*", "pelicanconf.py", "implant_guide/**/*.py"):
        server.watch(str(ROOT / pattern), lambda: build_site(SETTINGS["dev"], OUTPUT))
    server.serve(host="127.0.0.1", port=port, root=str(OUTPUT))


@task(
    help={
        "kind": f"one of: {', '.join(KINDS)}",
        "title": "the page title",
        "slug": "web address (of a translation: the English one if left out)",
        "reviewer": "who will review it: a [reviewers.KEY] of content/data/clinic.toml",
        "lang": f"start a translation into this language ({', '.join(TRANSLATED)})",
        "from": "the slug of the English article to translate",
    }
)
def new(c, kind="", title="", slug="", reviewer="spine-surgeon", lang="", from_=""):
    """Start a new article with every required heading and metadata field, or with
    --lang es --from SLUG the translation of an English article."""
    if lang or from_:
        _new_translation(lang, from_, slug)
        return
    if kind not in KINDS:
        sys.exit(
            f"{f'Unknown kind {kind!r}' if kind else 'No --kind'}. Use one of: {', '.join(KINDS)}"
        )
    if not (title and slug):
        sys.exit('Give the article a title and a web address: --title "Title" --slug address')
    path = ARTICLES / f"{slug}.md"
    if path.exists():
        sys.exit(f"{path.relative_to(ROOT)} already exists; choose another slug.")
    path.write_text(article_skeleton(kind, title, slug, reviewer, today()), encoding="utf-8")
    print(f"Created {path.relative_to(ROOT)}. Replace every TODO, then run: make build")


def _new_translation(lang, english_slug, slug):
    from implant_guide.article_template import TemplateError, start_translation
    from implant_guide.review_calendar import content_files
    from implant_guide.theme_text import catalogs_folder

    if not (lang and english_slug):
        sys.exit(
            f"Give both the language and the English article: --lang {TRANSLATED[0]} --from SLUG"
        )
    settings = read_settings(SETTINGS["dev"])
    files = content_files(settings)
    try:
        path = start_translation(
            english_slug, lang, slug, files, ARTICLES / lang, today(), catalogs_folder(settings)
        )
    except TemplateError as error:
        sys.exit(str(error))
    address = "" if slug else f", give it a {LANGUAGES[lang].english_name} Slug if you like"
    print(
        f"Created {path.relative_to(ROOT)}. Translate every line marked TODO{address}, "
        "then run: make build"
    )


def _reviewers(settings) -> dict:
    """The clinic's reviewers by key, read from the clinic file the settings name; what is
    wrong with the file is printed (the build reports it at its line)."""
    from implant_guide.clinic import read_clinic

    clinic, problems = read_clinic(settings["CLINIC_FILE"])
    for problem in problems:
        print(problem, file=sys.stderr)
    return clinic.get("reviewers") if isinstance(clinic.get("reviewers"), dict) else {}


@task(
    positional=["page"],
    help={
        "page": "the page's file (content/articles/dural-tear.md) or its slug",
        "reviewer": "who reviewed it: a [reviewers.KEY] of content/data/clinic.toml",
    },
)
def sign_off(c, page, reviewer):
    """Sign a page off as reviewed today: its review dates, its reviewer and the text approved
    (for a Spanish page, its translation review)."""
    from implant_guide.review_calendar import content_files
    from implant_guide.sign_off import SignOffError, sign_off_page

    settings = read_settings(SETTINGS["dev"])
    reviewers = _reviewers(settings)
    try:
        print(
            sign_off_page(
                page,
                reviewer,
                content_files(settings),
                reviewers,
                Path(settings["CLINIC_FILE"]),
                ROOT,
                today(),
            )
        )
    except SignOffError as error:
        sys.exit(str(error))


@task
def reviews(c):
    """Print the review calendar, soonest due first, the pages to sign off and the
    translations to start; fail if publishing would refuse any page."""
    from implant_guide.review_calendar import (
        content_files,
        print_calendar,
        review_calendar,
        untranslated,
    )

    settings = read_settings(SETTINGS["dev"])
    files = content_files(settings)
    calendar = review_calendar(files, _reviewers(settings), today())
    status = print_calendar(calendar, today(), untranslated(files))
    if status:
        sys.exit(status)


@task
def readability(c):
    """Print every article's reading score and word count: the Flesch-Kincaid grade of
    English articles, the INFLESZ score of Spanish ones (content/articles/es/)."""
    from implant_guide.checks.readability import print_table

    paths = [*sorted(ARTICLES.glob("*.md")), *sorted(ARTICLES.glob("*/*.md"))]
    print_table([str(p.relative_to(ROOT)) for p in paths])


@task
def linkcheck(c, max_age_days=LINK_CHECK_MAX_AGE_DAYS):
    """Check the built site's external links (needs network); results are cached."""
    from implant_guide.checks.external_links import check_external_links

    status = check_external_links(OUTPUT, ROOT / ".linkcheck-cache.json", max_age_days)
    if status:
        sys.exit(status)


@task
def weight(c):
    """Print each built page's requests, raw bytes and gzip bytes (run `invoke build` first)."""
    from implant_guide.checks.page_weight import print_weight_table

    print_weight_table(OUTPUT)


@task
def lighthouse(c):
    """Audit five pages (one Spanish) of the publish build with Lighthouse (needs `npm ci`)."""
    from benchmarks.lighthouse import main

    sys.exit(main())


@task(
    help={
        "requests": "at most this many requests for each address (default 20000)",
        "seconds": "at most this long for each address (default 30)",
        "concurrency": "requests at a time (default 16)",
        "site": "serve this folder, built with publishconf.py (default: build one)",
    }
)
def loadtest(c, requests=0, seconds=0, concurrency=0, site=""):
    """Load a page, the CSS and the search index of the published site, served by nginx
    with deploy/nginx on 127.0.0.1, with ab; print requests/s, latencies and errors."""
    from benchmarks.loadtest import main

    given = {"requests": requests, "seconds": seconds, "concurrency": concurrency, "site": site}
    sys.exit(main([f"--{name}={value}" for name, value in given.items() if value]))


@task(
    help={
        "sizes": "article counts, comma-separated",
        "repeat": "timings per figure (the median is reported)",
        "budget": "minutes; sizes projected to overrun are skipped (0: none)",
        "skip_make_test": "do not time `make test`",
    }
)
def bench(c, sizes="100,1000,5000", repeat=3, budget=25, skip_make_test=False):
    """Time our build against bare Pelican on synthetic corpora; print the table."""
    from benchmarks.build_benchmark import main

    args = ["--sizes", sizes, "--repeat", str(repeat), "--budget", str(budget)]
    main([*args, "--skip-make-test"] if skip_make_test else args)


@task(help={"size": "number of synthetic articles", "top": "rows per table"})
def profile(c, size=1000, top=25):
    """Profile our build of a synthetic corpus: where the time goes, ours versus Pelican's."""
    from benchmarks.profile_build import main

    main(["--size", str(size), "--top", str(top)])


@task
def share_images(c):
    """Render the picture shown when a page is shared, in each language (needs Chromium and
    Playwright: `make test` installs them)."""
    from scripts.share_images import main

    main(SETTINGS["dev"])


@task
def lint(c):
    """Check code style with ruff (the virtual environment's, however invoke is started)."""
    ruff = f"{sys.executable} -m ruff"
    c.run(f"{ruff} check . && {ruff} format --check .")


@task
def test(c):
    """Run the whole test suite, in one process per CPU (pytest-xdist)."""
    c.run(f"{sys.executable} -m pytest -n auto --dist worksteal", pty=False)
