"""A content source file as an editor wrote it: its header fields and its lines."""

import os
import re
from dataclasses import dataclass
from pathlib import Path

HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_ -]*):\s*(.*)$")


@dataclass(frozen=True)
class Field:
    """One `Key: value` line of the header."""

    key: str
    value: str
    line: int


class SourceFile:
    """The text of one Markdown file, for checks that report `path:line`."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        raw = self.path.read_bytes()
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
        self.lines = text.removeprefix("\ufeff").splitlines()  # a byte order mark is no text
        self.fields = self._read_header()

    @property
    def display_path(self) -> str:
        """The path as an editor would type it: relative to the current folder if inside."""
        relative = os.path.relpath(self.path)
        return str(self.path) if relative.startswith("..") else relative

    def field(self, name: str) -> Field | None:
        """The header field with this (case-insensitive) name, if present."""
        return self.fields.get(name.lower())

    def line_of(self, needle: str, default: int = 1) -> int:
        """Number of the first line that contains `needle`."""
        for number, line in enumerate(self.lines, start=1):
            if needle in line:
                return number
        return default

    @property
    def body_start(self) -> int:
        """Number of the first line after the header."""
        return max((f.line for f in self.fields.values()), default=0) + 1

    def _read_header(self) -> dict[str, Field]:
        fields = {}
        for number, line in enumerate(self.lines, start=1):
            match = HEADER_LINE.match(line)
            if not match:
                break
            key = match.group(1).strip()
            fields[key.lower()] = Field(key, match.group(2).strip(), number)
        return fields
