"""Checks of the glossary's definitions: the reading grade of each (the file's own problems
are reported by its reader, `implant_guide/glossary.py`), reported with the other content
checks."""

import hashlib
from pathlib import Path

from implant_guide.glossary import Glossary
from implant_guide.policy import MAX_DEFINITION_GRADE


def check_glossary(log, glossary: Glossary, settings: dict):
    """Report each definition of the (English) glossary that reads above the grade."""
    passed = _grades_passed(glossary, settings)
    if passed and passed.exists():
        return
    problems = _grade_problems(glossary)
    log.add(problems)
    if passed and not problems:
        passed.parent.mkdir(parents=True, exist_ok=True)
        passed.touch()


def _grade_problems(glossary: Glossary) -> list:
    """Each definition that reads above MAX_DEFINITION_GRADE."""
    # Imported here: grading loads a pronouncing dictionary, about a second's work.
    from implant_guide.checks.readability import grade

    problems, limit = [], MAX_DEFINITION_GRADE
    for term in glossary.terms:
        if term.definition and (level := grade(term.definition)) > limit:
            problems.append(
                glossary.source.problem(
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
    digest = hashlib.blake2b(glossary.source.text.encode(), digest_size=8)
    return Path(settings["CACHE_PATH"]) / f"implant_guide_glossary_grades_{digest.hexdigest()}"
