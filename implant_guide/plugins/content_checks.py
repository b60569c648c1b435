"""Pelican plugin: refuse bad content before any page is written.

The data files the settings name (clinic, warning signs, glossary, bibliography) and every
article and page are checked against the content model; all problems are printed
together as ``path:line: problem. How to fix.`` and the build stops with a non-zero exit.
It reads nothing other plugins leave in the context; it relies on the guide's Markdown
reader (`markdown_reader`) letting files with bad metadata through to it.
"""

from pathlib import Path

from pelican import signals

from implant_guide.checks.body_checks import BodyChecks
from implant_guide.checks.care_card_checks import CareCardChecks
from implant_guide.checks.citation_checks import CitationChecks
from implant_guide.checks.glossary_checks import check_glossary
from implant_guide.checks.metadata_checks import MetadataChecks
from implant_guide.checks.translation_checks import TranslationChecks
from implant_guide.clinic import placeholders
from implant_guide.content_model import ARTICLE_METADATA, PAGE_METADATA
from implant_guide.data_files import read_data_files
from implant_guide.languages import DEFAULT_LANGUAGE, content_language
from implant_guide.markdown.outline import Outline
from implant_guide.policy import MIN_REFERENCES
from implant_guide.problems import ProblemLog
from implant_guide.sources import MarkdownSource
from implant_guide.theme_text import Catalogs, catalogs_folder
from implant_guide.today import today


def check_unique(log, sources_by_content):
    """Report slugs and titles used by more than one article or page."""
    for attribute in ("slug", "title"):
        seen = {}
        for content, source in sources_by_content:
            value = getattr(content, attribute, None)
            if value in seen:
                log.report(
                    source,
                    source.line_of(f"{attribute.capitalize()}:"),
                    f"duplicate {attribute} '{value}', also used by {seen[value]}",
                    f"Give each article and page its own {attribute}",
                )
            else:
                seen[value] = source.display_path


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
    citations = CitationChecks(log, data.bibliography, text)
    articles = [
        (a, MarkdownSource(a.source_path))
        for a in every_article([*context["articles"], *context["drafts"]])
    ]
    pages = [
        (p, MarkdownSource(p.source_path))
        for p in (
            *context["pages"],
            *context["hidden_pages"],
            *context["draft_pages"],
            *pages_generator.translations,
            *pages_generator.hidden_translations,
            *pages_generator.draft_translations,
        )
    ]
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
    for _, source in (*articles, *pages):
        care_cards.check_source(source)
    check_unique(log, [*articles, *pages])
    TranslationChecks(log, settings, data.reviewers).check(
        source for _, source in (*articles, *pages)
    )
    check_glossary(log, data.glossaries[DEFAULT_LANGUAGE], settings)
    log.publish()


def register():
    """Connect the checks to Pelican."""
    signals.page_generator_finalized.connect(check_all)
