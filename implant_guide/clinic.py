"""The clinic's details, read from `content/data/clinic.toml`: checked against the shape
declared here, what editors write from them in Markdown, and whether they are still the
fictional examples the project comes with."""

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from implant_guide.checks.problems import ProblemLog
from implant_guide.data_file import DataFile
from implant_guide.languages import DEFAULT_LANGUAGE, LANGUAGES, in_language

EXAMPLE_VALUE = re.compile(r"example\.(?:org|com|net)|\b555-01\d\d\b|\bexample\b|\b00000\b", re.I)
"""The marks of a fictional example: example.org addresses, 555-01xx phone numbers, names
and roles with the word Example, the 00000 postal code."""

TEL_FORM = re.compile(r"^\+\d[\d-]*\d$")


@dataclass(frozen=True)
class Value:
    """A single value of the file: its type, how to write it, and a rule it must follow."""

    type: type
    described: str
    written: str
    rule: Callable[[object], tuple[str, str] | None] = lambda value: None


@dataclass(frozen=True)
class Named:
    """A table of entries under names the clinic chooses, such as [reviewers.spine-surgeon]."""

    entry: dict


def _has_digits(value):
    if not re.search(r"\d", value):
        return "has no digits", "Write the number as patients dial it, for example 202-000-0100"
    return None


def _tel_form(value):
    if not TEL_FORM.match(value):
        return (
            "is not in international form",
            "Write a +, the country code and the number, digits and dashes only, "
            "for example +1-202-000-0100",
        )
    return None


def _email(value):
    return None if "@" in value else ("is not an email address", "Write it as name@domain")


def _statement(value):
    if len(value.split()) < 3:
        return (
            "is not a statement",
            "Write in plain words what the clinic and its surgeons receive from companies "
            "that make implants (money, gifts, research funding, shares), or that they "
            "receive nothing",
        )
    return None


def _web_address(value):
    if not value.startswith("https://"):
        return "is not a web address", "Write the full address, starting with https://"
    return None


TEXT = Value(str, "text", '"..."')
PHONE = Value(str, "text", '"..."', _has_digits)
TEL = Value(str, "text", '"+1-..."', _tel_form)
EMAIL = Value(str, "text", '"name@domain"', _email)
WEB_ADDRESS = Value(str, "text", '"https://..."', _web_address)
YEAR = Value(int, "a whole number", "2026")
STATEMENT = Value(str, "text", '"..."', _statement)

CLINIC_SHAPE = {
    "name": TEXT,
    "email": EMAIL,
    "url": WEB_ADDRESS,
    "phone": PHONE,
    "phone_tel": TEL,
    "after_hours_phone": PHONE,
    "after_hours_phone_tel": TEL,
    "emergency_number": PHONE,
    "contact_topics": [TEXT],
    "interests": STATEMENT,
    "interests_es": STATEMENT,
    "address": {
        "street": [TEXT],
        "locality": TEXT,
        "region": TEXT,
        "postal_code": TEXT,
        "country": TEXT,
    },
    "hours": [{"days": TEXT, "times": TEXT, "days_es": TEXT, "times_es": TEXT}],
    "awards": [{"name": TEXT, "by": TEXT, "year": YEAR}],
    "reviewers": Named({"name": TEXT, "credentials": TEXT, "role": TEXT, "role_es": TEXT}),
}
"""Every field of clinic.toml: a Value, a list of one shape ([...]), a table ({...}), or
Named entries."""


def _dotted(path: tuple) -> str:
    """A place in the file as editors read it: `address.street`, `awards[1].year`."""
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path)[1:]


def _described(shape) -> str:
    if isinstance(shape, Value):
        return shape.described
    if isinstance(shape, list):
        return "a list"
    return "a table"


def _type_name(value) -> str:
    names = {str: "text", int: "a whole number", float: "a number", bool: "true or false"}
    return names.get(type(value), "a list" if isinstance(value, list) else "a table")


def _how_to_write(key: str, shape, path: tuple) -> str:
    """The lines an editor adds for a missing `key` at `path`."""
    table = ".".join(str(part) for part in path if not isinstance(part, int))
    if isinstance(shape, Value):
        where = f" in [{table}]" if table else " above the first [table]"
        return f"Add a line {key} = {shape.written}{where}"
    if isinstance(shape, list) and isinstance(shape[0], Value):
        return f"Add a line {key} = [{shape[0].written}]"
    if isinstance(shape, list):
        return f"Add a [[{key}]] block with {', '.join(shape[0])}"
    if isinstance(shape, Named):
        return f"Add a [{key}.NAME] block with {', '.join(shape.entry)}"
    return f"Add a [{key}] table with {', '.join(shape)}"


class ClinicChecks:
    """Checks the data of clinic.toml against CLINIC_SHAPE; each problem names its line."""

    def __init__(self, data_file: DataFile, log: ProblemLog):
        self.file = data_file
        self.log = log

    def report(self, path: tuple, message: str, fix: str) -> None:
        self.log.report(self.file, self.file.line_of_key(*path), message, fix)

    def check(self, value, shape, path: tuple = ()) -> None:
        name = _dotted(path)
        if isinstance(shape, Value):
            if not isinstance(value, shape.type) or isinstance(value, bool):
                self.report(
                    path,
                    f"'{name}' should be {shape.described}, not {_type_name(value)}",
                    f"Write it as {name.split('.')[-1]} = {shape.written}",
                )
            elif problem := shape.rule(value):
                self.report(path, f"'{name}' {problem[0]}: {value!r}", problem[1])
        elif not isinstance(value, list if isinstance(shape, list) else dict):
            self.report(
                path,
                f"'{name}' should be {_described(shape)}, not {_type_name(value)}",
                "See the examples in the notes of the file",
            )
        elif isinstance(shape, list):
            for index, item in enumerate(value):
                self.check(item, shape[0], (*path, index))
        elif isinstance(shape, Named):
            for key, entry in value.items():
                self.check(entry, shape.entry, (*path, key))
        else:
            self.check_table(value, shape, path)

    def check_table(self, table: dict, shape: dict, path: tuple) -> None:
        for key in table:
            if key not in shape:
                guess = difflib.get_close_matches(key, shape, n=1)
                hint = f"Did you mean '{guess[0]}'? " if guess else ""
                self.report(
                    (*path, key),
                    f"unknown key '{key}'",
                    f"{hint}Keys allowed here: {', '.join(shape)}",
                )
        for key, inner in shape.items():
            if key in table:
                self.check(table[key], inner, (*path, key))
            else:
                self.report(path, f"missing '{key}'", _how_to_write(key, inner, path))


def read_clinic(path: str | Path) -> dict:
    """The clinic's details from `path`, as the templates use them (`CLINIC.phone`, opening
    hours as (days, times) pairs...). A problem in the file stops the build: each is
    printed as `path:line: problem. How to fix.`"""
    data_file = DataFile(path)
    log = ProblemLog()
    if data_file.syntax_error:
        line, message = data_file.syntax_error
        log.report(
            data_file,
            line,
            f"this line is not valid TOML ({message})",
            'Check its quotes, commas and brackets: text is written "like this"',
        )
    else:
        ClinicChecks(data_file, log).check(data_file.data, CLINIC_SHAPE)
    log.publish()
    clinic = dict(data_file.data)
    clinic["hours_by_language"] = {
        lang: [
            (in_language(hours, "days", lang), in_language(hours, "times", lang))
            for hours in clinic["hours"]
        ]
        for lang in LANGUAGES
    }
    clinic["hours"] = clinic["hours_by_language"][DEFAULT_LANGUAGE]
    return clinic


def reviewer_names(clinic: dict) -> str:
    """Every reviewer with credentials and role, as a sentence names them."""
    names = [
        f"{reviewer['name']}, {reviewer['credentials']} ({reviewer['role']})"
        for reviewer in clinic["reviewers"].values()
    ]
    return " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 2 else names)


def markdown_placeholders(clinic: dict) -> dict:
    """The values editors can write in Markdown as {{ name }}; phone numbers become links.
    A value given in each language is a dict by language code."""
    return {
        "clinic_name": clinic["name"],
        "clinic_phone": f"[{clinic['phone']}](tel:{clinic['phone_tel']})",
        "after_hours_phone": (
            f"[{clinic['after_hours_phone']}](tel:{clinic['after_hours_phone_tel']})"
        ),
        "emergency_number": clinic["emergency_number"],
        "reviewers": reviewer_names(clinic),
        "clinic_interests": {lang: in_language(clinic, "interests", lang) for lang in LANGUAGES},
    }


def example_values(settings: dict) -> list[str]:
    """Each value of the clinic's details that is still a fictional example, as
    `content/data/clinic.toml:18: phone = '555-0100'`; the site's address (SITEURL) too."""
    data_file = DataFile(settings["CLINIC_FILE"])
    found = []

    def look(value, path):
        if isinstance(value, dict):
            for key, item in value.items():
                look(item, (*path, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                look(item, (*path, index))
        elif isinstance(value, str) and EXAMPLE_VALUE.search(value):
            line = data_file.line_of_key(*path)
            found.append(f"{data_file.display_path}:{line}: {_dotted(path)} = {value!r}")

    look(data_file.data, ())
    if EXAMPLE_VALUE.search(settings["SITEURL"]):
        found.append(f"SITEURL = {settings['SITEURL']!r}")
    return found
