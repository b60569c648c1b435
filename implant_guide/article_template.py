"""The starting text of a new article, built from the content model, and of its translation,
built from the English article."""

import os
import re
from datetime import date
from pathlib import Path

from implant_guide.content_model import (
    HELP_SECTION,
    KINDS,
    REFERENCES_HEADING,
    heading_in,
    latest_next_review,
)
from implant_guide.languages import DEFAULT_LANGUAGE, TRANSLATED, source_language
from implant_guide.markdown.care_cards import card_line
from implant_guide.policy import MAX_SUMMARY_LENGTH
from implant_guide.sources import MarkdownSource
from implant_guide.theme_text import translations

TODO = "TODO"
"""Marker for text still to write; the content checks refuse an article that has one."""


def article_skeleton(kind_name: str, title: str, slug: str, reviewer: str, today: date) -> str:
    """Markdown for a new article of a kind: every metadata field and required section."""
    kind = KINDS[kind_name]
    day = today.isoformat()
    lines = [
        f"Title: {title}",
        f"Slug: {slug}",
        f"Translation_key: {slug}",
        f"Summary: {TODO}: one or two sentences that say what this page covers.",
        f"Kind: {kind.name}",
        "Order: 100",
        f"Date: {day}",
        f"Modified: {day}",
        f"Last_reviewed: {day}",
        f"Next_review: {latest_next_review(today).isoformat()}",
        f"Reviewer: {reviewer}",
        "",
    ]
    for section in kind.sections:
        lines += [f"## {section}", ""]
        if section == REFERENCES_HEADING:
            continue  # the build lists the sources the text cites
        if section == HELP_SECTION:
            for level in kind.care_cards:
                lines += [f"!!! {level} {TODO}-TOPIC", ""]
        else:
            lines += [
                f"{TODO}: write this section in short, plain sentences. Cite the source of "
                "each fact where you state it (README: Facts).",
                "",
            ]
    return "\n".join(lines)


COPIED_FIELDS = ("Kind", "Order", "Topics", "Last_reviewed", "Next_review", "Reviewer")
"""Header fields a translation takes from its English article as they are: its place in
the guide, its warning-sign topics and the clinical review it carries (its own review, the
translation's, is written when its reviewer signs it off)."""
TO_TRANSLATE = f"{TODO} ({{lang}}):"
"""What starts each line to translate: `TODO (es): the English text`."""
LINE = re.compile(r"^( *)((?:[-*+]|\d+[.)]) +)?(.*)$")
RISK_LABEL = re.compile(r"(\|\s*)([^|}]+?)(\s*(?:\|\||\}\}))")
CALLOUT_HEADING = re.compile(r'^(!!! *[a-z-]+ +")([^"]*)(".*)$')
FILE_LINK = re.compile(r"\{filename\}([^)#\s]+\.md)")


def translation_skeleton(
    english: MarkdownSource,
    lang: str,
    slug: str,
    today: date,
    pairs: dict[str, str],
    catalogs: Path | None,
) -> str:
    """Markdown that starts the translation into `lang` of an English article: its header
    filled from the English one, the headings of its kind in `lang`, and every line of
    text as a TODO to translate. `pairs` maps an English file name to its translation's,
    so links lead to the translated pages; the headings' translations are in the catalogs
    in `catalogs` (theme/translations)."""
    todo = TO_TRANSLATE.format(lang=lang)
    kind = KINDS.get(english.field("kind").value) if english.field("kind") else None
    text = translations(lang, catalogs)
    sections = {heading: heading_in(heading, text) for heading in (kind.sections if kind else ())}
    title, summary = english.field("title").value, english.field("summary").value
    summary = f"{todo} {summary}"
    if len(summary) > MAX_SUMMARY_LENGTH:
        summary = (
            f"{todo} translate the English summary, in at most {MAX_SUMMARY_LENGTH} characters."
        )
    header = [
        f"Title: {todo} {title}",
        f"Slug: {slug}",
        f"Lang: {lang}",
        f"Translation_key: {(english.field('translation_key') or english.field('slug')).value}",
        f"Summary: {summary}",
        *(
            f"{name}: {english.field(name).value}"
            for name in COPIED_FIELDS[:3]
            if english.field(name)
        ),
        f"Date: {today.isoformat()}",
        f"Modified: {today.isoformat()}",
        *(
            f"{name}: {english.field(name).value}"
            for name in COPIED_FIELDS[3:]
            if english.field(name)
        ),
    ]

    def translated(line: str) -> str:
        line = FILE_LINK.sub(
            lambda m: "{filename}" + pairs.get(m.group(1), f"../{m.group(1)}"), line
        )
        heading = re.match(r"^(#+) +(.*)$", line)
        if heading and heading.group(2) in sections:
            return f"{heading.group(1)} {sections[heading.group(2)]}"
        if heading:
            return f"{heading.group(1)} {todo} {heading.group(2)}"
        card = card_line(line)
        callout = CALLOUT_HEADING.match(line)
        if (card and not card.heading) or (line.startswith("!!!") and not callout):
            return line
        if not line.strip() or line.startswith("{{ figure:"):
            return line
        if line.startswith(("{{ risk:", "{{ risks:")):
            return RISK_LABEL.sub(lambda m: f"{m.group(1)}{todo} {m.group(2)}{m.group(3)}", line)
        if callout:
            return f"{callout.group(1)}{todo} {callout.group(2)}{callout.group(3)}"
        indent, marker, text = LINE.match(line).groups()
        return f"{indent}{marker or ''}{todo} {text}"

    body = english.lines[english.body_start - 1 :]
    return "\n".join([*header, *map(translated, body)]).rstrip("\n") + "\n"


class TemplateError(Exception):
    """A new article or translation that cannot be started: the message says why, on one line."""


def start_translation(
    english_slug: str,
    lang: str,
    slug: str,
    files: list[Path],
    folder: Path,
    today: date,
    catalogs: Path | None,
) -> Path:
    """Write the start of the translation into `lang` of the English article with
    `english_slug` into `folder` (content/articles/LANG/), named by `slug` (the English
    slug if empty), its headings from the catalogs in `catalogs`; return its path."""
    if lang not in TRANSLATED:
        raise TemplateError(f"Unknown language '{lang}'. Use one of: {', '.join(TRANSLATED)}")
    sources = [MarkdownSource(path) for path in files]
    english = next(
        (
            source
            for source in sources
            if source_language(source) == DEFAULT_LANGUAGE
            and source.field("kind")
            and source.field("slug")
            and source.field("slug").value == english_slug
        ),
        None,
    )
    if english is None:
        raise TemplateError(
            f"No English article has the slug '{english_slug}'. Give --from the slug of an "
            "article in content/articles/ (a page is translated by hand)."
        )
    key = (english.field("translation_key") or english.field("slug")).value
    pairs = {}
    for source in sources:
        other_key = source.field("translation_key")
        if source_language(source) == lang and other_key:
            if other_key.value == key:
                raise TemplateError(
                    f"{source.display_path} already translates {english.display_path}."
                )
            pairs[other_key.value] = source.path
    path = folder / f"{slug or english_slug}.md"
    if path.exists():
        raise TemplateError(f"{path} already exists; choose another slug with --slug.")
    by_file = {
        os.path.relpath(source.path, english.path.parent): os.path.relpath(pairs[k.value], folder)
        for source in sources
        if source_language(source) == DEFAULT_LANGUAGE
        and (k := source.field("translation_key"))
        and k.value in pairs
    }
    folder.mkdir(parents=True, exist_ok=True)
    text = translation_skeleton(english, lang, slug or english_slug, today, by_file, catalogs)
    path.write_text(text, encoding="utf-8")
    return path
