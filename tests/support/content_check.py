"""The build's content checks, run in this process without writing a site.

`check_content` reads the settings (which check the clinic's details) and lets Pelican
read every article and page with the project's plugins, as a build does, up to the point
where the content checks run; nothing is rendered or written. With the content cache of
an earlier build only changed files are read again, so a bad-content case takes a
fraction of a second instead of a whole build. Whatever the checks print goes to
stderr, as in a build. `run_broken_checks` and `checked_content` run them with one file
changed, for a case the checks must refuse or accept.
"""

import logging
import sys
import weakref
from contextlib import contextmanager

from conftest import assert_refused_cleanly, changed_file
from pelican import Pelican
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.log import FatalLogger
from pelican.plugins import signals
from pelican.settings import read_settings

SIGNALS = [value for value in vars(signals).values() if hasattr(value, "receivers")]


@contextmanager
def fatal_warnings():
    """Pelican's warnings are printed to stderr and raise, as `pelican --fatal warnings`
    makes them. Pelican logs a message once per process, so a case about one of its own
    warnings needs a real build."""
    level = FatalLogger.fatal_lvl
    FatalLogger.fatal_lvl = logging.WARNING
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.WARNING)
    logging.getLogger().addHandler(handler)
    try:
        yield
    finally:
        logging.getLogger().removeHandler(handler)
        FatalLogger.fatal_lvl = level


@contextmanager
def plugins_connected_for_the_block():
    """Receivers that plugins connect to Pelican's signals inside the block are
    disconnected after it, so later tests of this process run Pelican without them."""
    before = {signal: set(signal.receivers) for signal in SIGNALS}
    try:
        yield
    finally:
        for signal, receivers in before.items():
            for key in set(signal.receivers) - receivers:
                receiver = signal.receivers[key]
                signal.disconnect(receiver() if isinstance(receiver, weakref.ref) else receiver)


def check_content(settings_file: str) -> int:
    """Run the content checks a build with `settings_file` runs; 0 if they pass, else
    1 with the problems printed."""
    try:
        with plugins_connected_for_the_block(), fatal_warnings():
            # Nothing is written: the checks run as the pages are read, in this process.
            settings = read_settings(settings_file, override={"CHECKS_BESIDE_WRITING": False})
            pelican = Pelican(settings)
            context = {**settings, "generated_content": {}, "static_links": set()}
            context |= {"static_content": {}, "localsiteurl": settings["SITEURL"]}
            for generator_class in (ArticlesGenerator, PagesGenerator):
                generator_class(
                    context=context,
                    settings=settings,
                    path=pelican.path,
                    theme=pelican.theme,
                    output_path=pelican.output_path,
                ).generate_context()
    except (SystemExit, RuntimeError) as error:
        print(error, file=sys.stderr)
        return 1
    return 0


def run_broken_checks(project, path, text, capfd, settings="pelicanconf.py"):
    """Run the build's content checks with `text` in `path`: they must fail, naming the
    file on one line, without a traceback."""
    with changed_file(project / path, text):
        status = check_content(str(project / settings))
    captured = capfd.readouterr()
    report = captured.out + captured.err
    assert status != 0, f"the checks accepted bad content:\n{report}"
    assert_refused_cleanly(report, path)
    return report


def checked_content(project, path, text, capfd, settings="pelicanconf.py"):
    """Run the build's content checks with `text` in `path`: they must pass; what they
    printed (warnings)."""
    with changed_file(project / path, text):
        status = check_content(str(project / settings))
    report = capfd.readouterr().err
    assert status == 0, report
    return report
