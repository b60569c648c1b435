"""Pelican plugin: refuse bad content before the site is published.

The data files the settings name (clinic, warning signs, glossary, bibliography) and every
article and page are checked against the content model; all problems are printed
together as ``path:line: problem. How to fix.`` and the build stops with a non-zero exit.
It reads nothing other plugins leave in the context; it relies on the guide's Markdown
reader (`markdown_reader`) letting files with bad metadata through to it.

The checks run in a forked process of their own once every article and page is read,
while Pelican writes the site into the build's staging folder (`release/build.py`), and
the build waits for them before it indexes the site (`wait_for_checks`): on errors the
staged site is thrown away and the output stays as it was. Whatever else stops the build
meanwhile (a template fed bad content), the build waits for the checks too, and reports
their errors first: they are the cause.
"""

import contextlib
import io
import logging
import multiprocessing
import pickle
import sys
from pathlib import Path

from pelican import signals

from implant_guide.checks.body_checks import BodyChecks
from implant_guide.checks.care_card_checks import CareCardChecks
from implant_guide.checks.citation_checks import CitationChecks
from implant_guide.checks.glossary_checks import check_glossary
from implant_guide.checks.metadata_checks import MetadataChecks
from implant_guide.checks.passed_texts import PassedTexts
from implant_guide.checks.sign_off_checks import SignOffChecks
from implant_guide.checks.translation_checks import TranslationChecks
from implant_guide.checks.triage_checks import TriageChecks
from implant_guide.clinic import placeholders
from implant_guide.content_model import ARTICLE_METADATA, PAGE_METADATA
from implant_guide.data_files import read_data_files
from implant_guide.languages import DEFAULT_LANGUAGE, content_language
from implant_guide.markdown.outline import Outline
from implant_guide.policy import MIN_REFERENCES
from implant_guide.problems import ProblemLog
from implant_guide.sources import MarkdownSource, TextFile
from implant_guide.theme_text import Catalogs, catalogs_folder
from implant_guide.today import today

LEFT_TO_THE_CHECKS = {
    "pelican.utils": ('There are %s items "%s" with lang %s', "There are %s original"),
    "pelican.readers": ("Empty alt attribute for image %s in %s",),
}
"""Pelican's warnings (by logger, the start of the message) about what the checks report
themselves, at the file's line and with a fix: a translation key used twice in one
language (check_unique), an image without alt text (BodyChecks). Left to the checks, they
no longer stop the build before the checks run."""


class LeftToTheChecks(logging.Filter):
    """Drops the log records of a Pelican logger that LEFT_TO_THE_CHECKS names."""

    def __init__(self, messages: tuple[str, ...]):
        super().__init__()
        self.messages = messages

    def filter(self, record):
        return not str(record.msg).startswith(self.messages)


def leave_warnings_to_the_checks():
    """Filter the warnings of LEFT_TO_THE_CHECKS out of Pelican's loggers (once)."""
    for name, messages in LEFT_TO_THE_CHECKS.items():
        logger = logging.getLogger(name)
        if not any(isinstance(f, LeftToTheChecks) for f in logger.filters):
            logger.addFilter(LeftToTheChecks(messages))


UNIQUE = {
    "slug": (lambda content: ((), content.slug), "Give each article and page its own slug"),
    "title": (lambda content: ((), content.title), "Give each article and page its own title"),
    "Translation_key": (
        lambda content: ((content.status, content.lang), content.translation_key),
        "Set it to this page's own slug (a translation: the slug of the English page)",
    ),
}
"""What no two articles or pages may share (within a group), and how to fix a duplicate. A
translation key is shared by the translations of a page, and may be by a draft of it:
Pelican pairs translations within a status (published, hidden, draft) and a language."""


def check_unique(log, sources_by_content):
    """Report slugs, titles and translation keys used twice."""
    in_order = sorted(sources_by_content, key=lambda pair: pair[1].display_path)
    for name, (value_of, fix) in UNIQUE.items():
        seen = {}
        for content, source in in_order:
            group, value = value_of(content)
            if (group, value) in seen:
                field = source.field(name)
                log.report(
                    source,
                    field.line if field else 1,
                    f"duplicate {name} '{value}', also used by {seen[group, value]}",
                    fix,
                )
            else:
                seen[group, value] = source.display_path


def encoded_as_utf8(log, source) -> bool:
    """Whether `source` is UTF-8 text; if not, say where it is not and how to fix it."""
    problem = source.encoding_problem()
    if problem:
        log.add([problem])
    return problem is None


def readable(log, source) -> bool:
    """Whether `source` holds text to check; if not (it is not UTF-8 text, or empty),
    say so and how to fix it."""
    if not encoded_as_utf8(log, source):
        return False
    if not any(line.strip() for line in source.lines):
        log.report(
            source,
            1,
            "the file is empty",
            "Write its header and text (`invoke new` starts an article), or delete the file",
        )
        return False
    return True


DATA_SUFFIXES = (".toml", ".json")
"""The data files under the content folder (content/data/), which the build reads too."""


def check_data_encodings(log, root: Path):
    """Report each data file under `root` that is not UTF-8 text."""
    for path in sorted(root.rglob("*")):
        if path.suffix in DATA_SUFFIXES and path.is_file():
            encoded_as_utf8(log, TextFile(path))


def _with_sources(contents) -> list:
    """(content, its source file) for each of `contents`."""
    return [(content, MarkdownSource(content.source_path)) for content in contents]


def every_article(articles: list) -> list:
    """Articles (or drafts) and their translations, each once: Pelican keeps a translation
    with the article it translates, or as an article itself where no English page has its
    key."""
    found = {}
    for article in articles:
        for item in (article, *article.translations):
            found.setdefault(id(item), item)
    return list(found.values())


def check_all(pages_generator):
    """Signal handler, once articles and pages are read and before static files are:
    check the data files and every article and page, print the problems, stop on errors."""
    context, settings = pages_generator.context, pages_generator.settings
    root = Path(pages_generator.path)
    known = {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}
    data = read_data_files(settings)
    text = Catalogs(catalogs_folder(settings))
    log = ProblemLog()
    log.add(data.problems)
    metadata = MetadataChecks(log, settings, data.reviewers, today())
    body = BodyChecks(log, root, known, Path(settings["ILLUSTRATIONS_DIR"]))
    care_cards = CareCardChecks(log, data.signs, placeholders(settings["CLINIC_FILE"]))
    care_cards.check_declaration()
    triage = TriageChecks(log, data.signs)
    triage.check_declaration()
    sign_offs = SignOffChecks(log, settings, data.reviewers)
    citations = CitationChecks(log, data.bibliography, text)
    articles = _with_sources(every_article([*context["articles"], *context["drafts"]]))
    pages = _with_sources(
        (
            *context["pages"],
            *context["hidden_pages"],
            *context["draft_pages"],
            *pages_generator.translations,
            *pages_generator.hidden_translations,
            *pages_generator.draft_translations,
        )
    )
    # Pairs of translations are found by their headers, even where a file is not UTF-8.
    headers = [source for _, source in (*articles, *pages) if source.fields]
    articles, pages = (
        [pair for pair in pairs if readable(log, pair[1])] for pairs in (articles, pages)
    )
    for article, source in articles:
        metadata.check_header(source, ARTICLE_METADATA)
        kind = metadata.check_article_metadata(source)
        outline = getattr(article, "outline", None) or Outline()
        body.check_body(source, article._content, outline)
        if kind:
            sections = getattr(article, "sections", ())
            language = text[content_language(article)]
            body.check_sections(source, kind, sections, outline.care_cards, language)
        citations.check_page(source, minimum=MIN_REFERENCES)
    for page, source in pages:
        metadata.check_header(source, PAGE_METADATA)
        body.check_body(source, page._content, getattr(page, "outline", None) or Outline())
        citations.check_page(source)
    citations.check_bibliography()
    triage_passed = PassedTexts(settings, "triage")  # the slowest check: a rebuild skips
    for _, source in (*articles, *pages):  # the pages it passed on unchanged
        care_cards.check_source(source)
        triage_passed.check(source.text, lambda source=source: triage.check_source(source))
        sign_offs.check(source)
    triage_passed.save()
    check_unique(log, [*articles, *pages])
    TranslationChecks(log, settings, data.reviewers).check(headers)
    check_glossary(log, data.glossaries[DEFAULT_LANGUAGE])
    check_data_encodings(log, root)
    log.publish()


_checking = []
"""The checks running beside the writing: (their process, the end their outcome comes to)."""


def _check_and_send(pages_generator, sending) -> None:
    """In the checks' process: run them; send what they printed and what stopped them."""
    printed = io.StringIO()
    outcome = None
    try:
        with contextlib.redirect_stderr(printed):
            check_all(pages_generator)
    except BaseException as error:  # content errors, a warning made fatal, a fault
        outcome = error
    try:
        message = pickle.dumps((printed.getvalue(), outcome))
    except Exception:  # an exception that does not pickle: its kind and message
        message = pickle.dumps((printed.getvalue(), RuntimeError(f"{outcome!r}")))
    sending.send_bytes(message)


def start_checks(pages_generator) -> None:
    """Signal handler, once articles and pages are read: check them in a process of their
    own while Pelican goes on to write the site; with CHECKS_BESIDE_WRITING false (for a
    run that writes nothing), here and now."""
    if not pages_generator.settings.get("CHECKS_BESIDE_WRITING", True):
        check_all(pages_generator)
        return
    receiving, sending = multiprocessing.Pipe(duplex=False)
    fork = multiprocessing.get_context("fork")
    process = fork.Process(target=_check_and_send, args=(pages_generator, sending))
    process.start()
    sending.close()
    _checking.append((process, receiving))


def wait_for_checks(pelican=None) -> None:
    """Wait for the checks `start_checks` started, print what they printed, and raise
    what stopped them (`ContentError` for bad content). Signal handler when everything is
    written, before the search index; the build also calls it when it stops early."""
    while _checking:
        process, receiving = _checking.pop()
        try:
            printed, outcome = pickle.loads(receiving.recv_bytes())
        except EOFError:
            printed, outcome = "", None
        process.join()
        if outcome is None and process.exitcode:
            outcome = RuntimeError(f"the content checks ended with status {process.exitcode}")
        print(printed, end="", file=sys.stderr)
        if outcome is not None:
            raise outcome


def register():
    """Connect the checks to Pelican."""
    leave_warnings_to_the_checks()
    signals.page_generator_finalized.connect(start_checks)
    signals.finalized.connect(wait_for_checks)
