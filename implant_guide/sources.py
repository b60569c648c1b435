"""The files editors write, read with their lines so that problems name `path:line`.

- `TextFile`: a text file's lines, its path, and the line where a text first appears;
- `MarkdownSource`: an article or page, with its `Key: value` header fields;
- `TomlSource`: a TOML data file: its data or its syntax error, and the line of a key;
- `JsonSource`: a JSON data file: its data or its syntax error, and the line each item
  of its top-level array starts on.

A missing file reads as one without lines; its reader reports it. `read_once_per_version`
reads a file again only when it changes.
"""

import json
import re
import tomllib
from dataclasses import dataclass
from functools import cache, cached_property, wraps
from pathlib import Path

from implant_guide.problems import ERROR, Problem, display_path


def read_once_per_version(read):
    """Decorates `read(path)` so that it reads a file again only when the file changes
    (its modification time or size): builds and rebuilds reuse what is read."""
    by_version = cache(lambda path, _version: read(path))

    @wraps(read)
    def reader(path):
        path = Path(path).resolve()
        stat = path.stat() if path.exists() else None
        return by_version(path, stat and (stat.st_mtime_ns, stat.st_size))

    return reader


class TextFile:
    """The lines of one text file, numbered from 1, for reports that name `path:line`."""

    def __init__(self, path):
        self.path = Path(path)
        self.exists = self.path.is_file()
        raw = self.path.read_bytes() if self.exists else b""
        self.not_utf8: tuple[int, str] | None = None
        """The line of the first byte that is not UTF-8 text, and that byte, if any; the
        file is then read with U+FFFD in place of each such byte."""
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            before = raw[: error.start]
            column = error.start - before.rfind(b"\n")
            where = f"byte 0x{raw[error.start]:02X} in column {column}"
            self.not_utf8 = (before.count(b"\n") + 1, where)
            text = raw.decode("utf-8", errors="replace")
        self.text = text.removeprefix("\ufeff")  # a byte order mark is no text
        self.lines = self.text.splitlines()

    @property
    def display_path(self) -> str:
        """The path as an editor would type it: relative to the current folder if inside."""
        return display_path(self.path)

    def line_of(self, needle: str, default: int = 1) -> int:
        """Number of the first line that contains `needle`."""
        for number, line in enumerate(self.lines, start=1):
            if needle in line:
                return number
        return default

    def problem(self, line: int, message: str, fix: str, severity: str = ERROR) -> Problem:
        """A problem at `line` of this file."""
        return Problem(message, fix, self.path, line, severity)

    def missing_problem(self, fix: str) -> Problem:
        """The problem of a file that is not there."""
        return self.problem(1, f"{self.path.name} is missing", fix)

    def encoding_problem(self) -> Problem | None:
        """The problem of a file that is not UTF-8 text, at the line where it is not."""
        if self.not_utf8 is None:
            return None
        line, where = self.not_utf8
        return self.problem(
            line,
            f"the file is not UTF-8 text ({where})",
            "Save it again as UTF-8 (your editor's Save As or Encoding menu)",
        )


HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_ -]*):\s*(.*)$")


@dataclass(frozen=True)
class Field:
    """One `Key: value` line of a Markdown file's header."""

    key: str
    value: str
    line: int


class MarkdownSource(TextFile):
    """An article or page as its editor wrote it: its header fields and its lines."""

    def __init__(self, path):
        super().__init__(path)
        self.fields: dict[str, Field] = {}
        self.repeated_fields: list[Field] = []
        """Header lines that give a field the header gave already (`fields` has the first)."""
        for number, line in enumerate(self.lines, start=1):
            match = HEADER_LINE.match(line)
            if not match:
                break
            key = match.group(1).strip()
            field = Field(key, match.group(2).strip(), number)
            if key.lower() in self.fields:
                self.repeated_fields.append(field)
            else:
                self.fields[key.lower()] = field

    def field(self, name: str) -> Field | None:
        """The header field with this (case-insensitive) name, if present."""
        return self.fields.get(name.lower())

    @property
    def body_start(self) -> int:
        """Number of the first line after the header."""
        return max((f.line for f in self.fields.values()), default=0) + 1


TABLE_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = r"""(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')"""
KEY_LINE = re.compile(rf"^\s*({_KEY}(?:\s*\.\s*{_KEY})*)\s*=")
TOML_ERROR_LINE = re.compile(r"\(at line (\d+), column \d+\)")


def _key_parts(dotted: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("\"'") for part in dotted.split("."))


class TomlSource(TextFile):
    """A TOML data file: its data, or the syntax error that stops it being read."""

    def __init__(self, path):
        super().__init__(path)
        self.data: dict = {}
        self.syntax_error: tuple[int, str] | None = None
        try:
            self.data = tomllib.loads(self.text)
        except tomllib.TOMLDecodeError as error:
            message = str(error)
            match = TOML_ERROR_LINE.search(message)
            line = int(match.group(1)) if match else len(self.lines)
            self.syntax_error = (line, TOML_ERROR_LINE.sub("", message).strip())

    @cached_property
    def _key_lines(self) -> dict[tuple[str, ...], int]:
        """The first line that writes each table, array table entry and key, by its path."""
        found: dict[tuple[str, ...], int] = {}
        table: tuple = ()
        array_counts: dict[tuple, int] = {}
        for number, line in enumerate(self.lines, start=1):
            header = TABLE_HEADER.match(line)
            if header:
                names = _key_parts(header.group(2))
                if header.group(1) == "[[":
                    index = array_counts.get(names, -1) + 1
                    array_counts[names] = index
                    table = (*names, str(index))
                else:
                    table = names
                full = table
            elif key := KEY_LINE.match(line):
                full = (*table, *_key_parts(key.group(1)))
            else:
                continue
            found.setdefault(full, number)
        return found

    def line_of_key(self, *path: str | int) -> int:
        """The line that writes the value at `path` (table names, keys and array indexes,
        as in `("awards", 1, "year")`); the nearest enclosing line if it is not written."""
        wanted = tuple(str(part) for part in path)
        for depth in range(len(wanted), 0, -1):
            if wanted[:depth] in self._key_lines:
                return self._key_lines[wanted[:depth]]
        return 1

    def syntax_problem(self, fix: str) -> Problem | None:
        """The syntax error as a problem at its line, if the file is not valid TOML."""
        if self.syntax_error is None:
            return None
        line, message = self.syntax_error
        return self.problem(line, f"this line is not valid TOML ({message})", fix)


class JsonSource(TextFile):
    """A JSON data file: its data, or the syntax error that stops it being read."""

    def __init__(self, path):
        super().__init__(path)
        self.data = None
        self.syntax_error: tuple[int, str] | None = None
        if self.exists:
            try:
                self.data = json.loads(self.text)
            except json.JSONDecodeError as error:
                self.syntax_error = (error.lineno, error.msg)

    @cached_property
    def item_lines(self) -> list[int]:
        """The line on which each item of the top-level JSON array starts."""
        lines, depth, in_string, escaped, line = [], 0, False, False, 1
        for character in self.text:
            if character == "\n":
                line += 1
            if in_string:
                if escaped:
                    escaped = False
                elif character == "\\":
                    escaped = True
                elif character == '"':
                    in_string = False
                continue
            if character == '"':
                in_string = True
            elif character in "[{":
                if depth == 1:
                    lines.append(line)
                depth += 1
            elif character in "]}":
                depth -= 1
        return lines
