"""Checks that keep the translations in step with the English guide.

Every English article and page names itself in `Translation_key:` (its slug); a
translation names the English page it translates in the same field, with its language
(`Lang: es`) and its own review (`Translation_reviewed:`, `Translation_reviewer:`). A
translation is stale when the English page's `Modified:` is later than its
`Translation_reviewed:`. A stale or missing translation is a warning in a development
build and an error when STALE_TRANSLATION_IS_ERROR is set (the publish build).
"""

from implant_guide.checks.metadata_checks import report_missing_fields
from implant_guide.content_model import is_stale, parse_date
from implant_guide.languages import DEFAULT_LANGUAGE, LANGUAGES, TRANSLATED, source_language
from implant_guide.problems import ERROR, WARNING

TRANSLATION_FIELDS = ("lang", "translation_key")
"""What a translation's header must have besides the English page's fields. Its review
(`Translation_reviewed:`, `Translation_reviewer:`) is written when its reviewer signs it
off; until then the sign-off check reports it (implant_guide/checks/sign_off_checks.py)."""


class TranslationChecks:
    """Pairs the English files with their translations and reports what is out of step."""

    def __init__(self, log, settings, reviewers: dict | None):
        self.report = log.report
        self.settings = settings
        self.reviewers = reviewers
        """The clinic's reviewers by key; None if they cannot be read (reported apart)."""
        self.severity = ERROR if settings.get("STALE_TRANSLATION_IS_ERROR", True) else WARNING

    def check(self, sources):
        """Check the header fields of every content file in `sources`, then the pairs."""
        english, translations = {}, []
        for source in sources:
            if source.field("lang") and source.field("lang").value not in LANGUAGES:
                self.report(
                    source,
                    source.field("lang").line,
                    f"unknown language '{source.field('lang').value}'",
                    f"Write Lang: one of {', '.join(LANGUAGES)}",
                )
                continue
            key = source.field("translation_key")
            if key is None or not key.value:
                slug = source.field("slug")
                self.report(
                    source,
                    1,
                    "missing metadata 'Translation_key'",
                    "Add a line 'Translation_key: "
                    + (
                        slug.value
                        if slug and source_language(source) == DEFAULT_LANGUAGE
                        else "ENGLISH-SLUG"
                    )
                    + "' (the English page's slug) to the header",
                )
                continue
            if source_language(source) == DEFAULT_LANGUAGE:
                english[key.value] = source
            else:
                translations.append(source)
        paired = {lang: set() for lang in TRANSLATED}
        for source in translations:
            original = english.get(source.field("translation_key").value)
            self.check_translation(source, original)
            if original:
                paired[source_language(source)].add(source.field("translation_key").value)
        for lang in TRANSLATED:
            for key, source in english.items():
                if key not in paired[lang]:
                    slug = source.field("slug").value if source.field("slug") else key
                    self.report(
                        source,
                        source.field("translation_key").line,
                        f"no {LANGUAGES[lang].english_name} translation of this page",
                        f"Start it with: invoke new --lang {lang} --from {slug}"
                        if source.field("kind")
                        else f"Translate it into content/pages/{LANGUAGES[lang].prefix} with "
                        f"'Lang: {lang}' and 'Translation_key: {key}' in its header",
                        severity=self.severity,
                    )

    def check_translation(self, source, original):
        """One translation: its review fields, and whether its English page changed since."""
        report_missing_fields(
            self.report, source, TRANSLATION_FIELDS, "the header of a translation"
        )
        key = source.field("translation_key")
        if original is None:
            self.report(
                source,
                key.line,
                f"no English page has Translation_key '{key.value}'",
                "Write the slug of the English page this file translates",
            )
            return
        reviewer = source.field("translation_reviewer")
        reviewers = self.reviewers
        if reviewer and reviewers is not None and reviewer.value not in reviewers:
            self.report(
                source,
                reviewer.line,
                f"unknown translation reviewer '{reviewer.value}'",
                "Use a [reviewers.NAME] key of content/data/clinic.toml: " + ", ".join(reviewers),
            )
        reviewed = source.field("translation_reviewed")
        reviewed_on = parse_date(reviewed.value) if reviewed else None
        if reviewed and reviewed_on is None:
            self.report(
                source, reviewed.line, "Translation_reviewed is not a date", "Write YYYY-MM-DD"
            )
        modified = original.field("modified")
        changed_on = parse_date(modified.value) if modified else None
        if is_stale(reviewed_on, changed_on):
            self.report(
                source,
                reviewed.line,
                f"stale translation: {original.display_path} was modified on {changed_on}, "
                f"after this translation was reviewed on {reviewed_on}",
                f"Bring this file in step with {original.display_path}, have it reviewed, "
                f"then set Translation_reviewed: to the review's date",
                severity=self.severity,
            )
