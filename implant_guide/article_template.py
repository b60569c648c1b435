"""The starting text of a new article, built from the content model."""

from datetime import date

from implant_guide.content_model import HELP_SECTION, KINDS, REFERENCES_HEADING, latest_next_review

TODO = "TODO"
"""Marker for text still to write; the content checks refuse an article that has one."""


def article_skeleton(kind_name: str, title: str, slug: str, reviewer: str, today: date) -> str:
    """Markdown for a new article of a kind: every metadata field and required section."""
    kind = KINDS[kind_name]
    day = today.isoformat()
    lines = [
        f"Title: {title}",
        f"Slug: {slug}",
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
