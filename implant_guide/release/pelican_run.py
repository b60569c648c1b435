"""Run Pelican as its own command does (`python -m pelican ARGS`), with messages an editor
can read and copy.

Pelican prints through rich, which wraps each message to the terminal's width (a file's
path split across lines) and ends a build stopped by a warning with a traceback of about
60 lines. Here every message Pelican or a plugin logs is printed whole, one `level:
message` per message, and a build that stops ends with one line that says why: the
warning above it, or (a fault in the build's code, not in the content) the exception and
where it was raised. `--debug` adds the traceback.

`implant_guide.release.build` runs it: `python -m implant_guide.release.pelican_run ARGS`.
"""

import logging
import sys
import traceback
from pathlib import Path

from pelican import get_instance, parse_arguments
from pelican.log import console
from pelican.log import init as init_logging

from implant_guide.plugins.content_checks import wait_for_checks

FATAL_WARNING = "Warning or error encountered"
"""The message of the RuntimeError Pelican raises after logging a warning that
`--fatal warnings` makes fatal (pelican.log.FatalLogger)."""


class WholeMessages(logging.Formatter):
    """`level: message`, the message whole; an exception as one line unless debugging."""

    def __init__(self, debug: bool):
        super().__init__()
        self.debug = debug

    def format(self, record):
        text = f"{record.levelname.lower()}: {record.getMessage()}"
        if record.exc_info and record.exc_info[1] is not None:
            if self.debug:
                return f"{text}\n{self.formatException(record.exc_info)}"
            return f"{text} ({_one_line(record.exc_info[1])})"
        return text


def _one_line(error: BaseException) -> str:
    """The exception's kind, message and the place it was raised, on one line."""
    frames = traceback.extract_tb(error.__traceback__)
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    message = " ".join(str(error).split())
    return f"{type(error).__name__}{where}, {message}" if message else type(error).__name__


def main(argv: list[str] | None = None) -> int:
    """Run Pelican with `argv` (Pelican's own arguments); return an exit status."""
    args = parse_arguments(argv)
    debug = args.verbosity == logging.DEBUG
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(WholeMessages(debug))
    init_logging(level=args.verbosity, fatal=args.fatal, handler=handler, name="pelican")
    console.soft_wrap = True  # what Pelican prints itself ("Done: ...") is not wrapped either
    try:
        pelican, _ = get_instance(args)
        try:
            pelican.run()
        finally:  # bad content, which may have stopped the writing, is reported first
            wait_for_checks()
    except RuntimeError as error:
        if str(error) != FATAL_WARNING:
            return _stopped_by_a_fault(error, debug)
        print(
            "Build stopped by the warning above: every warning stops the build. "
            "Fix what it names, then build again.",
            file=sys.stderr,
        )
        return 1
    except Exception as error:
        return _stopped_by_a_fault(error, debug)
    return 0


def _stopped_by_a_fault(error: Exception, debug: bool) -> int:
    """Say in one line that the build's code failed (not the content); return a status."""
    if debug:
        traceback.print_exception(error, file=sys.stderr)
    print(
        f"Build stopped by a fault in the build, not in the content ({_one_line(error)}). "
        "Report it with this line; Pelican's --debug option shows the traceback.",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
