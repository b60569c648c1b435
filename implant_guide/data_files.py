"""The data files editors keep in `content/data/`, as the settings name them, read together.

The settings only name the files (CLINIC_FILE, WARNING_SIGNS_FILE, GLOSSARY_FILE,
BIBLIOGRAPHY_FILE); each is read by its own reader, which returns what it holds and what
is wrong with it, line by line. `read_data_files` gathers the four: the build reads them
when it starts, reports their problems with the content checks, and gives the templates
and the Markdown extensions what they hold. Each file is read again only when it changes.
"""

from dataclasses import dataclass

from implant_guide.bibliography import Bibliography, read_bibliography
from implant_guide.clinic import read_clinic
from implant_guide.glossary import Glossary, read_glossaries
from implant_guide.problems import Problem
from implant_guide.warning_signs import WarningSigns, read_warning_signs

FILE_SETTINGS = ("CLINIC_FILE", "WARNING_SIGNS_FILE", "GLOSSARY_FILE", "BIBLIOGRAPHY_FILE")
"""The settings that name the data files."""


@dataclass(frozen=True)
class DataFiles:
    """What the data files hold, and their problems."""

    clinic: dict
    signs: WarningSigns
    glossaries: dict[str, Glossary]
    bibliography: Bibliography
    problems: tuple[Problem, ...]
    clinic_is_valid: bool
    """Whether the clinic's details have no errors, so that every field can be used."""

    @property
    def reviewers(self) -> dict | None:
        """The clinic's reviewers by key; None while the clinic's details have errors (the
        checks then leave reviewers alone: the errors are reported)."""
        return self.clinic["reviewers"] if self.clinic_is_valid else None


def read_data_files(settings: dict) -> DataFiles:
    """The data files the settings name."""
    clinic, clinic_problems = read_clinic(settings["CLINIC_FILE"])
    signs, sign_problems = read_warning_signs(settings["WARNING_SIGNS_FILE"])
    glossaries, glossary_problems = read_glossaries(settings["GLOSSARY_FILE"])
    bibliography, bibliography_problems = read_bibliography(settings["BIBLIOGRAPHY_FILE"])
    return DataFiles(
        clinic,
        signs,
        glossaries,
        bibliography,
        (*clinic_problems, *sign_problems, *glossary_problems, *bibliography_problems),
        clinic_is_valid=not any(problem.is_error for problem in clinic_problems),
    )
