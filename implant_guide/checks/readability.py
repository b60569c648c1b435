"""Reading level of article bodies, via textstat: the Flesch-Kincaid grade of English
articles, the Szigriszt-Pazos (INFLESZ) score of Spanish ones.

The body is the article's HTML without its References section and illustrations.
Each paragraph, list item, heading and table cell counts as its own sentence, as a
reader takes it in.

Run ``python -m implant_guide.checks.readability content/articles/*.md`` for a table.
"""

import sys
from dataclasses import dataclass

import textstat
from bs4 import BeautifulSoup
from textstat.textstat import textstatistics

from implant_guide.content_model import REFERENCES_HEADING, heading_in
from implant_guide.languages import AS_WRITTEN, DEFAULT_LANGUAGE
from implant_guide.policy import MAX_GRADE, MIN_INFLESZ, MIN_WORDS
from implant_guide.theme_text import catalogs_folder, translations

BLOCKS = ("p", "li", "h2", "h3", "h4", "td", "th", "dt", "dd", "figcaption")
SPANISH = textstatistics()
"""textstat with Spanish syllables, apart from the English default."""
SPANISH.set_lang("es")


@dataclass(frozen=True)
class Readability:
    """Reading level of one text: its score (the Flesch-Kincaid grade in English, the
    INFLESZ score in Spanish) and its words."""

    score: float
    words: int
    lang: str = DEFAULT_LANGUAGE

    @property
    def scale(self) -> str:
        """The score's name."""
        return "grade" if self.lang == DEFAULT_LANGUAGE else "INFLESZ"

    def flags(self) -> str:
        """What the table says of a score or a length outside the policy."""
        flags = ""
        if self.lang == DEFAULT_LANGUAGE and self.score > MAX_GRADE:
            flags += f"  above grade {MAX_GRADE}"
        if self.lang != DEFAULT_LANGUAGE and self.score < MIN_INFLESZ:
            flags += f"  below INFLESZ {MIN_INFLESZ}"
        if self.words < MIN_WORDS:
            flags += f"  under {MIN_WORDS} words"
        return flags


def body_text(html: str, text=AS_WRITTEN) -> str:
    """Plain text of an article body, one sentence per block, without References (its
    heading in the language of `text`, the interface text of the article's language)."""
    soup = BeautifulSoup(html, "html.parser")
    references = heading_in(REFERENCES_HEADING, text)
    for heading in soup.find_all("h2"):
        if heading.get_text(strip=True) == references:
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


def inflesz(text: str) -> float:
    """Szigriszt-Pazos (INFLESZ) score of plain Spanish text, to one decimal."""
    return round(SPANISH.szigriszt_pazos(text), 1)


def measure(html: str, lang: str = DEFAULT_LANGUAGE, text=AS_WRITTEN) -> Readability:
    """The reading score and word count of an article body in `lang`, whose interface
    text is `text`."""
    plain = body_text(html, text)
    score = grade(plain) if lang == DEFAULT_LANGUAGE else inflesz(plain)
    return Readability(score, textstat.lexicon_count(plain), lang)


def print_table(paths):
    """Print the score and word count of each Markdown article, English and Spanish,
    flagging those outside the policy (`Readability.flags`)."""
    from pelican.settings import read_settings

    from implant_guide.markdown.reader import GuideMarkdownReader

    settings = read_settings("pelicanconf.py")
    reader = GuideMarkdownReader(settings)
    print(f"{'score':>5}  {'scale':<7}  {'words':>5}  article")
    for path in paths:
        content, metadata = reader.read(path)
        lang = metadata.get("lang", DEFAULT_LANGUAGE)
        result = measure(content, lang, translations(lang, catalogs_folder(settings)))
        print(f"{result.score:5.1f}  {result.scale:<7}  {result.words:5d}  {path}{result.flags()}")


if __name__ == "__main__":
    print_table(sys.argv[1:])
