"""Data files editors keep beside the articles (TOML under `content/data/`), read with the
line each value is written on, so that problems are reported as `path:line`."""

import re
import tomllib
from functools import cache, wraps
from pathlib import Path

from implant_guide.checks.source_file import SourceFile

TABLE_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = r"""(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')"""
KEY_LINE = re.compile(rf"^\s*({_KEY}(?:\s*\.\s*{_KEY})*)\s*=")
TOML_ERROR_LINE = re.compile(r"\(at line (\d+), column \d+\)")


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


def _key_parts(dotted: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("\"'") for part in dotted.split("."))


class DataFile(SourceFile):
    """A TOML file: its data, or the syntax error that stops it being read."""

    def __init__(self, path):
        super().__init__(path)
        self.data: dict = {}
        self.syntax_error: tuple[int, str] | None = None
        try:
            self.data = tomllib.loads("\n".join(self.lines))
        except tomllib.TOMLDecodeError as error:
            message = str(error)
            match = TOML_ERROR_LINE.search(message)
            line = int(match.group(1)) if match else len(self.lines)
            self.syntax_error = (line, TOML_ERROR_LINE.sub("", message).strip())

    def _read_header(self):
        return {}

    def line_of_key(self, *path: str | int) -> int:
        """The line that writes the value at `path` (table names, keys and array indexes,
        as in `("awards", 1, "year")`); the nearest enclosing line if it is not written."""
        best_line, best_depth = 1, 0
        table: tuple = ()
        array_counts: dict[tuple, int] = {}
        for number, line in enumerate(self.lines, start=1):
            header = TABLE_HEADER.match(line)
            if header:
                names = _key_parts(header.group(2))
                if header.group(1) == "[[":
                    index = array_counts.get(names, -1) + 1
                    array_counts[names] = index
                    table = (*names, index)
                else:
                    table = names
                full = table
            else:
                key = KEY_LINE.match(line)
                if not key:
                    continue
                full = (*table, *_key_parts(key.group(1)))
            depth = _common_depth(full, path)
            if depth == len(path) == len(full):
                return number
            if depth > best_depth and depth == len(full):
                best_line, best_depth = number, depth
        return best_line


def _common_depth(written: tuple, wanted: tuple) -> int:
    depth = 0
    for mine, theirs in zip(written, wanted, strict=False):
        if str(mine) != str(theirs):
            break
        depth += 1
    return depth
