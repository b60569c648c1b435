"""Pelican plugin: refuse bad content before any page is written.

Every article and page is checked against the content model; all problems are printed
together as ``path:line: problem. How to fix.`` and the build stops with a non-zero exit.
"""

from pathlib import Path

from pelican import signals

from implant_guide.checks.body_checks import BodyChecks
from implant_guide.checks.care_card_checks import CareCardChecks
from implant_guide.checks.citation_checks import CitationChecks
from implant_guide.checks.glossary_checks import check_glossary
from implant_guide.checks.html_outline import OutlineCache
from implant_guide.checks.metadata_checks import MetadataChecks
from implant_guide.checks.problems import ProblemLog
from implant_guide.checks.sign_off_checks import SignOffChecks
from implant_guide.checks.source_file import SourceFile
from implant_guide.checks.translation_checks import TranslationChecks
from implant_guide.checks.triage_checks import TriageChecks
from implant_guide.content_model import ARTICLE_METADATA, PAGE_METADATA
from implant_guide.languages import content_language
from implant_guide.markdown.citations import bibliography_path
from implant_guide.plugins.tolerant_reader import use_tolerant_reader
from implant_guide.policy import MIN_REFERENCES


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


def check_all(pages_generator):
    """Signal handler, once articles and pages are read and before static files are:
    check every article and page, print the problems, stop on errors."""
    context, settings = pages_generator.context, pages_generator.settings
    root = Path(pages_generator.path)
    known = {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}
    log = ProblemLog()
    metadata = MetadataChecks(log, settings)
    outlines = OutlineCache(settings)
    body = BodyChecks(log, settings, root, known, outlines)
    care_cards = CareCardChecks(log, settings)
    care_cards.check_declaration()
    triage = TriageChecks(log, settings)
    triage.check_declaration()
    sign_offs = SignOffChecks(log, settings)
    citations = CitationChecks(log, bibliography_path(settings))
    articles = [
        (a, SourceFile(a.source_path))
        for a in (*context["articles"], *context["drafts"], *context["article_translations"])
    ]
    pages = [
        (p, SourceFile(p.source_path))
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
        outline = body.check_body(source, article._content)
        if kind:
            body.check_sections(source, kind, outline, content_language(article))
        citations.check_page(source, minimum=MIN_REFERENCES)
    for page, source in pages:
        metadata.check_header(source, PAGE_METADATA)
        body.check_body(source, page._content)
        citations.check_page(source)
    citations.check_bibliography()
    for _, source in (*articles, *pages):
        care_cards.check_source(source)
        triage.check_source(source)
        sign_offs.check(source)
    check_unique(log, [*articles, *pages])
    TranslationChecks(log, settings).check(source for _, source in (*articles, *pages))
    check_glossary(log, settings)
    outlines.save()
    log.publish()


def keep_article_translations(articles_generator):
    """Signal handler: the translated articles, which Pelican keeps out of the context,
    for the checks."""
    articles_generator.context["article_translations"] = [
        *articles_generator.translations,
        *articles_generator.drafts_translations,
    ]


def register():
    """Connect the checks to Pelican."""
    signals.readers_init.connect(use_tolerant_reader)
    signals.article_generator_finalized.connect(keep_article_translations)
    signals.page_generator_finalized.connect(check_all)
