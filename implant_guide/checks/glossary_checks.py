"""Checks of the glossary's definitions: the reading grade of each (the file's own problems
are reported by its reader, `implant_guide/glossary.py`), reported with the other content
checks."""

from implant_guide.checks.passed_texts import PassedTexts
from implant_guide.glossary import Glossary
from implant_guide.policy import MAX_DEFINITION_GRADE


def check_glossary(log, glossary: Glossary, settings: dict):
    """Report each definition of the (English) glossary that reads above the grade; a
    rebuild grades them again only if the glossary changed (`PassedTexts`)."""

    def grades_pass() -> bool:
        problems = _grade_problems(glossary)
        log.add(problems)
        return not problems

    passed = PassedTexts(settings, "glossary_grades")
    passed.check(glossary.source.text, grades_pass)
    passed.save()


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
