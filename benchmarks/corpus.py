"""Synthetic content that follows the content model, for timing builds at scale."""

import json
import random
import shutil
from collections import Counter
from datetime import date
from pathlib import Path

from dateutil.relativedelta import relativedelta

from implant_guide.content_model import HELP_SECTION, KINDS, REFERENCES_HEADING
from implant_guide.languages import TRANSLATED
from implant_guide.sign_off import fingerprint
from implant_guide.today import today as build_today

REVIEW_INTERVAL_MONTHS = 6

# The site's pages link to these articles, so every corpus has one of each.
FIXED_NAMES = {"overview": "interlaminar-implant", "urgent-help": "urgent-help"}
FIGURES = {"overview": "implant-position", "recovery": "recovery-timeline"}

SENTENCES = (
    "The implant is a small spacer that sits between two bones in your lower back.",
    "It keeps the space around your nerves open when you stand or walk.",
    "Most people go home from the hospital the day after the operation.",
    "Your surgeon will talk with you about what to expect before you decide.",
    "Some people feel better straight away, and others improve over a few weeks.",
    "Keep your wound clean and dry until your team tells you it has healed.",
    "Walking a little more each day helps your back get stronger.",
    "Do not lift anything heavy for the first 2 weeks after surgery.",
    "Ask your care team if you are not sure whether a sign is normal.",
    "Write down your questions and bring them to your next visit.",
    "Pain medicine can help you move more easily in the first days.",
    "A physical therapist can show you safe ways to bend and sit.",
    "Tell your team about any other health problems you have.",
    "Most problems after this operation are small and can be treated.",
    "Your family or a friend can help you at home for the first few days.",
    "Rest when you feel tired, but try not to stay in bed all day.",
)
LIST_ITEMS = (
    "a wound that is red, hot or swollen",
    "pain that gets worse instead of better",
    "a fever of 100.4 F or higher",
    "new numbness in your legs",
    "trouble passing urine",
    "a headache that gets worse when you sit up",
)
CARE_CARD_TOPICS = ("operation", "implant-problems")
"""Topics with declared signs at every level (content/data/warning-signs.toml)."""


def article_names(count: int) -> list[tuple[str, str, int]]:
    """(kind, file stem, order) of each article: the kinds in turn, every stem unique,
    orders 10, 20, 30... within each part of the guide."""
    kinds = list(KINDS)
    names, in_part = [], Counter()
    for index in range(count):
        kind = kinds[index % len(kinds)]
        stem = FIXED_NAMES.get(kind) if index < len(kinds) else None
        in_part[KINDS[kind].part] += 1
        names.append((kind, stem or f"{kind}-{index + 1:05d}", 10 * in_part[KINDS[kind].part]))
    return names


def _paragraph(rng: random.Random, sentences: int = 5) -> str:
    return " ".join(rng.sample(SENTENCES, sentences))


def _care_card(level: str, rng: random.Random) -> list[str]:
    return [f"!!! {level} {rng.choice(CARE_CARD_TOPICS)}", ""]


def _section(
    title: str, kind: str, rng: random.Random, links: list[str], sources: list[str]
) -> list[str]:
    lines = [f"## {title}", ""]
    if title == REFERENCES_HEADING:
        return lines
    help_section = HELP_SECTION if HELP_SECTION in KINDS[kind].sections else KINDS[kind].sections[0]
    if title == help_section:
        for level in KINDS[kind].care_cards:
            lines += _care_card(level, rng)
    citation = f" [@{'; @'.join(sources)}]" if sources else ""
    lines += [_paragraph(rng) + citation, "", _paragraph(rng, 4), ""]
    if links:
        related = ", ".join(f"[{stem.replace('-', ' ')}]({{filename}}{stem}.md)" for stem in links)
        lines += [f"You can also read about {related}.", ""]
    if title == "Recovery checklist":
        lines += ["!!! checklist", *(f"    - {item}" for item in rng.sample(SENTENCES, 4)), ""]
    elif rng.random() < 0.3:
        lines += [*(f"- {item}" for item in rng.sample(LIST_ITEMS, 3)), ""]
    return lines


def article_text(index: int, names: list, reviewer: str, today: date, keys: list) -> str:
    """Markdown of one article: full header (signed off by `reviewer`), every required
    section, links, care cards, and citations of two sources (`keys` in turn, so the corpus
    cites every source)."""
    kind, stem, order = names[index]
    rng = random.Random(index)
    count = len(names)
    targets = {(index + step) % count for step in (1, count // 3, 2 * count // 3)} - {index}
    title = f"{kind.replace('-', ' ').capitalize()} page {index + 1}"
    lines = [
        f"Title: {title}",
        f"Slug: {stem}",
        f"Translation_key: {stem}",
        f"Summary: What to know about {title.lower()}, in plain words.",
        f"Kind: {kind}",
        f"Order: {order}",
        f"Date: {today.isoformat()}",
        f"Modified: {today.isoformat()}",
        f"Last_reviewed: {today.isoformat()}",
        f"Next_review: {(today + relativedelta(months=REVIEW_INTERVAL_MONTHS)).isoformat()}",
        f"Reviewer: {reviewer}",
        "",
    ]
    if kind in FIGURES:
        lines += [f"{{{{ figure: {FIGURES[kind]} }}}}", ""]
    sections = KINDS[kind].sections
    for position, heading in enumerate(sections):
        links = [names[t][1] for t in sorted(targets)] if position == 0 else []
        sources = [keys[(2 * index + n) % len(keys)] for n in (0, 1)] if position == 0 else []
        lines += _section(heading, kind, rng, links, sources)
        if position == 1:
            lines += ["!!! inset", f"    {_paragraph(rng, 2)}", ""]
    lines.insert(lines.index(""), f"Reviewed_text: {fingerprint(lines)}")  # signed off
    return "\n".join(lines)


def write_corpus(content: Path, count: int, project: Path, reviewer: str) -> Path:
    """Write `count` articles in place of the project's own, next to a copy of the rest of
    its content (English pages, illustrations...); return the path of the article a rebuild
    edits. The guide is English only: translated pages would link to articles it lacks."""
    today = build_today()
    shutil.copytree(project / "content", content)
    articles = content / "articles"
    shutil.rmtree(articles)
    for lang in TRANSLATED:
        shutil.rmtree(content / "pages" / lang, ignore_errors=True)
    articles.mkdir()
    names = article_names(count)
    bibliography = json.loads((content / "data" / "references.json").read_text(encoding="utf-8"))
    keys = [item["id"] for item in bibliography]
    for index, (_, stem, _) in enumerate(names):
        text = article_text(index, names, reviewer, today, keys)
        (articles / f"{stem}.md").write_text(text, encoding="utf-8")
    return articles / f"{names[-1][1]}.md"
