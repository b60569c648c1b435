"""Checks of the glossary file: its problems (from `read_glossary`) and the reading grade
of its definitions, reported with the other content checks."""

import hashlib
from pathlib import Path

from implant_guide.glossary import Glossary
from implant_guide.languages import TRANSLATED
from implant_guide.markdown.glossary_links import glossary_of
from implant_guide.policy import MAX_DEFINITION_GRADE


def check_glossary(log, settings: dict):
    """Report each problem of the glossary file, its reading grades included."""
    glossary = glossary_of(settings)
    problems = [
        *glossary.problems,
        *(problem for lang in TRANSLATED for problem in glossary_of(settings, lang).problems),
    ]
    passed = _grades_passed(glossary, settings)
    if not (passed and passed.exists()):
        grades = _grade_problems(glossary)
        problems = [*problems, *grades]
        if passed and not grades:
            passed.parent.mkdir(parents=True, exist_ok=True)
            passed.touch()
    for line, message, fix in problems:
        log.report(glossary.source, line, message, fix)


def _grade_problems(glossary: Glossary) -> list[tuple[int, str, str]]:
    """Each definition that reads above MAX_DEFINITION_GRADE."""
    # Imported here: grading loads a pronouncing dictionary, about a second's work.
    from implant_guide.checks.readability import grade

    problems, limit = [], MAX_DEFINITION_GRADE
    for term in glossary.terms:
        if term.definition and (level := grade(term.definition)) > limit:
            problems.append(
                (
                    glossary.definition_lines[term.anchor],
                    f"the definition of '{term.name}' reads at grade {level}, above {limit}",
                    "Use shorter sentences and shorter, everyday words",
                )
            )
    return problems


def _grades_passed(glossary: Glossary, settings: dict) -> Path | None:
    """A mark, in the content cache of development builds, that this very glossary's
    definitions passed the grade check, so that rebuilds need not grade them again."""
    if not (settings.get("CACHE_CONTENT") and settings.get("LOAD_CONTENT_CACHE")):
        return None
    digest = hashlib.blake2b("\n".join(glossary.source.lines).encode(), digest_size=8)
    return Path(settings["CACHE_PATH"]) / f"implant_guide_glossary_grades_{digest.hexdigest()}"
