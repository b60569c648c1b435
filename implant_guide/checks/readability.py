"""Reading level of article bodies (Flesch-Kincaid grade, via textstat).

The body is the article's HTML without its References section and illustrations.
Each paragraph, list item, heading and table cell counts as its own sentence, as a
reader takes it in.

Run ``python -m implant_guide.checks.readability content/articles/*.md`` for a table.
"""

import sys
from dataclasses import dataclass

import textstat
from bs4 import BeautifulSoup

from implant_guide.content_model import REFERENCES_HEADING
from implant_guide.policy import MAX_GRADE, MIN_WORDS

BLOCKS = ("p", "li", "h2", "h3", "h4", "td", "th", "dt", "dd", "figcaption")


@dataclass(frozen=True)
class Readability:
    """Reading level of one text."""

    grade: float
    words: int


def body_text(html: str) -> str:
    """Plain text of an article body, one sentence per block, without References."""
    soup = BeautifulSoup(html, "html.parser")
    for heading in soup.find_all("h2"):
        if heading.get_text(strip=True) == REFERENCES_HEADING:
            for element in [heading, *heading.find_all_next()]:
                element.decompose()
            break
    for hidden in soup.select("figure, .visually-hidden, .citation"):
        hidden.decompose()
    sentences = []
    for block in soup.find_all(BLOCKS):
        if block.find(BLOCKS):
            continue
        text = " ".join(block.get_text(" ", strip=True).split())
        if text:
            sentences.append(text if text[-1] in ".!?:" else f"{text}.")
    return " ".join(sentences)


def grade(text: str) -> float:
    """Flesch-Kincaid grade of plain text, to one decimal."""
    return round(textstat.flesch_kincaid_grade(text), 1)


def measure(html: str) -> Readability:
    """Flesch-Kincaid grade and word count of an article body."""
    text = body_text(html)
    return Readability(grade(text), textstat.lexicon_count(text))


def print_table(paths):
    """Print the grade and word count of each Markdown article, flagging those above
    MAX_GRADE or under MIN_WORDS."""
    from pelican.readers import MarkdownReader
    from pelican.settings import read_settings

    reader = MarkdownReader(read_settings("pelicanconf.py"))
    print(f"{'grade':>5}  {'words':>5}  article")
    for path in paths:
        content, _ = reader.read(path)
        result = measure(content)
        flags = ""
        if result.grade > MAX_GRADE:
            flags += f"  above grade {MAX_GRADE}"
        if result.words < MIN_WORDS:
            flags += f"  under {MIN_WORDS} words"
        print(f"{result.grade:5.1f}  {result.words:5d}  {path}{flags}")


if __name__ == "__main__":
    print_table(sys.argv[1:])
