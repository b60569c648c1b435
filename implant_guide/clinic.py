"""The clinic's details, read from `content/data/clinic.toml`: checked against the shape
declared here, what editors write from them in Markdown, and whether they are still the
fictional examples the project comes with."""

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from implant_guide.languages import AS_WRITTEN, DEFAULT_LANGUAGE, in_language, localized
from implant_guide.problems import Problem
from implant_guide.sources import TomlSource, read_once_per_version

EXAMPLE_VALUE = re.compile(r"example\.(?:org|com|net)|\b555-01\d\d\b|\bexample\b|\b00000\b", re.I)
"""The marks of a fictional example: example.org addresses, 555-01xx phone numbers, names
and roles with the word Example, the 00000 postal code."""

TEL_FORM = re.compile(r"^\+\d[\d-]*\d$")

PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
"""A value written in Markdown (and in the care card headings) as {{ name }}."""
PLACEHOLDER_NAMES = (
    "clinic_name",
    "clinic_phone",
    "after_hours_phone",
    "emergency_number",
    "reviewers",
    "clinic_interests",
    "clinic_brace",
)
"""The placeholders editors can write, each filled from this file (`markdown_placeholders`)."""


@dataclass(frozen=True)
class Value:
    """A single value of the file: its type, how to write it, and a rule it must follow
    (a function that returns the value's problem, or None)."""

    type: type
    described: str
    written: str
    rule: Callable[[object], Problem | None] = lambda value: None


@dataclass(frozen=True)
class Named:
    """A table of entries under names the clinic chooses, such as [reviewers.spine-surgeon]."""

    entry: dict


def _has_digits(value):
    if not re.search(r"\d", value):
        fix = "Write the number as patients dial it, for example 202-000-0100"
        return Problem("has no digits", fix)
    return None


def _tel_form(value):
    if not TEL_FORM.match(value):
        return Problem(
            "is not in international form",
            "Write a +, the country code and the number, digits and dashes only, "
            "for example +1-202-000-0100",
        )
    return None


def _email(value):
    return None if "@" in value else Problem("is not an email address", "Write it as name@domain")


def _statement(fix: str) -> Callable[[str], Problem | None]:
    """The rule of a statement patients read: a sentence, not a word; `fix` says what the
    statement is about."""

    def rule(value):
        return Problem("is not a statement", fix) if len(value.split()) < 3 else None

    return rule


def _web_address(value):
    if not value.startswith("https://"):
        return Problem("is not a web address", "Write the full address, starting with https://")
    return None


TEXT = Value(str, "text", '"..."')
PHONE = Value(str, "text", '"..."', _has_digits)
TEL = Value(str, "text", '"+1-..."', _tel_form)
EMAIL = Value(str, "text", '"name@domain"', _email)
WEB_ADDRESS = Value(str, "text", '"https://..."', _web_address)
YEAR = Value(int, "a whole number", "2026")
INTERESTS = Value(
    str,
    "text",
    '"..."',
    _statement(
        "Write in plain words what the clinic and its surgeons receive from companies that "
        "make implants (money, gifts, research funding, shares), or that they receive nothing"
    ),
)
BRACE = Value(
    str,
    "text",
    '"..."',
    _statement(
        "Write in plain words whether the clinic's surgeons give a back brace after "
        "decompression surgery without a fusion, and if so when and for how long"
    ),
)

CLINIC_SHAPE = {
    "name": TEXT,
    "email": EMAIL,
    "url": WEB_ADDRESS,
    "phone": PHONE,
    "phone_tel": TEL,
    "after_hours_phone": PHONE,
    "after_hours_phone_tel": TEL,
    "emergency_number": PHONE,
    **localized("contact_topics", [TEXT]),
    **localized("interests", INTERESTS),
    **localized("brace", BRACE),
    "address": {
        "street": [TEXT],
        "locality": TEXT,
        "region": TEXT,
        "postal_code": TEXT,
        "country": TEXT,
    },
    "hours": [{**localized("days", TEXT), **localized("times", TEXT)}],
    "awards": [{"name": TEXT, "by": TEXT, "year": YEAR}],
    "reviewers": Named({"name": TEXT, "credentials": TEXT, **localized("role", TEXT)}),
}
"""Every field of clinic.toml: a Value, a list of one shape ([...]), a table ({...}), or
Named entries. What patients read is written in every language (`role`, `role_es`)."""


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

    def __init__(self, source: TomlSource):
        self.source = source
        self.problems: list[Problem] = []

    def report(self, path: tuple, message: str, fix: str) -> None:
        self.problems.append(self.source.problem(self.source.line_of_key(*path), message, fix))

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
                self.report(path, f"'{name}' {problem.message}: {value!r}", problem.fix)
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


SYNTAX_FIX = 'Check its quotes, commas and brackets: text is written "like this"'


@read_once_per_version
def read_clinic(path: Path) -> tuple[dict, list[Problem]]:
    """The clinic's details from `path`, as the templates use them (`CLINIC.phone`...),
    and the problems of the file, each at its line. The details are empty unless the file
    can be read as TOML."""
    source = TomlSource(path)
    if not source.exists:
        return {}, [source.missing_problem("Copy clinic.toml from the README's example")]
    if problem := source.syntax_problem(SYNTAX_FIX):
        return {}, [problem]
    checks = ClinicChecks(source)
    checks.check(source.data, CLINIC_SHAPE)
    return source.data, checks.problems


def reviewer_names(clinic: dict, lang: str = DEFAULT_LANGUAGE, conjunction: str = "and") -> str:
    """Every reviewer with credentials and role in `lang`, as a sentence names them, the
    last two joined by `conjunction`."""
    names = [
        f"{reviewer['name']}, {reviewer['credentials']} ({in_language(reviewer, 'role', lang)})"
        for reviewer in clinic["reviewers"].values()
    ]
    last = [", ".join(names[:-1]), names[-1]] if len(names) > 2 else names
    return f" {conjunction} ".join(last)


def markdown_placeholders(clinic: dict, lang: str = DEFAULT_LANGUAGE, text=AS_WRITTEN) -> dict:
    """The values editors can write in Markdown as {{ name }} on a page in `lang` (`text`
    translates the words between them); phone numbers become links."""
    return {
        "clinic_name": clinic["name"],
        "clinic_phone": f"[{clinic['phone']}](tel:{clinic['phone_tel']})",
        "after_hours_phone": (
            f"[{clinic['after_hours_phone']}](tel:{clinic['after_hours_phone_tel']})"
        ),
        "emergency_number": clinic["emergency_number"],
        "reviewers": reviewer_names(clinic, lang, text.pgettext("list", "and")),
        "clinic_interests": in_language(clinic, "interests", lang),
        "clinic_brace": in_language(clinic, "brace", lang),
    }


def placeholders(path: Path, lang: str = DEFAULT_LANGUAGE, text=AS_WRITTEN) -> dict:
    """The placeholders of the clinic file at `path` on a page in `lang`; none while the
    file has errors (they are reported, and the placeholders stay as written)."""
    clinic, problems = read_clinic(path)
    if any(problem.is_error for problem in problems):
        return {}
    return markdown_placeholders(clinic, lang, text)


def fill_placeholders(text: str, placeholders: dict) -> str:
    """`text` with each known `{{ name }}` replaced by its value."""
    return PLACEHOLDER.sub(lambda m: str(placeholders.get(m.group(1), m.group(0))), text)


def example_values(settings: dict) -> list[str]:
    """Each value of the clinic's details that is still a fictional example, as
    `content/data/clinic.toml:18: phone = '555-0100'`; the site's address (SITEURL) too."""
    source = TomlSource(settings["CLINIC_FILE"])
    found = []

    def look(value, path):
        if isinstance(value, dict):
            for key, item in value.items():
                look(item, (*path, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                look(item, (*path, index))
        elif isinstance(value, str) and EXAMPLE_VALUE.search(value):
            line = source.line_of_key(*path)
            found.append(f"{source.display_path}:{line}: {_dotted(path)} = {value!r}")

    look(source.data, ())
    if EXAMPLE_VALUE.search(settings["SITEURL"]):
        found.append(f"SITEURL = {settings['SITEURL']!r}")
    return found
