"""The build refuses bad content: a clear `path:line: problem. How to fix.` and no change.

Each case breaks one copy of a real article (or adds a file) and checks the report and
the file it names. Most cases run the build's content checks in this process
(`run_broken_checks`); the cases in END_TO_END, one or more per kind of check, run a whole
build into an output folder that holds a previous good build (`run_broken_build`), which
also proves the checks are wired into the build: a non-zero exit and an output
byte-for-byte as it was.
"""

import re

import pytest
from conftest import changed_file, tree_digest
from support.content_check import check_content

from implant_guide.policy import MAX_REVIEW_INTERVAL_MONTHS
from implant_guide.release.build import build, staging_dir

ARTICLE = "content/articles/dural-tear.md"
OTHER = "content/articles/blood-clots.md"


def replace(old, new, count=1):
    """A change to the article's text; fails loudly if `old` is not there."""

    def change(text):
        assert old in text, f"test setup: {old!r} not in the article"
        return text.replace(old, new, count)

    return change


def regex(pattern, new):
    def change(text):
        changed = re.sub(pattern, new, text, count=1, flags=re.MULTILINE | re.DOTALL)
        assert changed != text, f"test setup: {pattern!r} did not match"
        return changed

    return change


def append(extra):
    return lambda text: text + "\n" + extra + "\n"


CASES = {
    "missing summary": (regex(r"^Summary:.*\n", ""), "missing metadata 'Summary'"),
    "misspelled metadata": (replace("Reviewer:", "Reveiwer:"), "Did you mean 'Reviewer'?"),
    "impossible date": (regex(r"^Date: .*$", "Date: 2026-02-30"), "not a valid date"),
    "date in another format": (
        regex(r"^Last_reviewed: .*$", "Last_reviewed: 24/11/2026"),
        "not a valid date",
    ),
    "unknown kind": (replace("Kind: complication", "Kind: complications"), "unknown kind"),
    "review more than the interval ahead": (
        regex(r"^Next_review: .*$", "Next_review: 2099-01-01"),
        f"at most {MAX_REVIEW_INTERVAL_MONTHS} months later",
    ),
    "unknown reviewer": (regex(r"^Reviewer: .*$", "Reviewer: dr-nobody"), "unknown reviewer"),
    "order not a number": (regex(r"^Order: .*$", "Order: fourth"), "whole number"),
    "missing section": (
        replace("## How it is treated", "## Treatment"),
        "missing required section '## How it is treated'",
    ),
    "sections out of order": (
        regex(
            r"(## What it is\n.*?)(## How common it is\n.*?)(## Signs to look out for)",
            r"\2\1\3",
        ),
        "out of order",
    ),
    "empty section": (
        regex(r"(## How to lower your risk\n).*?(## When to get help)", r"\1\n\2"),
        "is empty",
    ),
    "missing emergency care card": (
        regex(r"!!! emergency dural-tear\n", ""),
        "needs a emergency care card",
    ),
    "one source cited": (
        lambda text: re.sub(r" ?\[@(?!alshameeri2021\])[^\]]*\]", "", text),
        "References lists 1 source(s)",
    ),
    "unknown source key": (replace("[@desai2015]", "[@desai2016]"), "Did you mean 'desai2015'?"),
    "hand-written reference entry": (
        append("1. Desai A, et al. Neurosurgery. 2015."),
        "hand-written entry under '## References'",
    ),
    "link to a missing article": (
        append("See [this]({filename}no-such-article.md)."),
        "does not exist",
    ),
    "image file missing": (
        append("![A diagram]({static}../images/missing.png)"),
        "does not exist",
    ),
    "image without alt text": (
        append("![]({static}../illustrations/implant-position.svg)"),
        "Empty alt",
    ),
    "script": (append("<script>alert(1)</script>"), "unsafe HTML: <script>"),
    "iframe": (append('<iframe src="https://example.org/"></iframe>'), "unsafe HTML: <iframe>"),
    "style element": (append("<style>body{color:red}</style>"), "unsafe HTML: <style>"),
    "event handler attribute": (
        append('<p onclick="steal()">Click</p>'),
        "unsafe HTML: onclick= attribute",
    ),
    "javascript URL": (append("[Click me](javascript:alert(1))"), "javascript: URL"),
    "link in an emergency card": (
        regex(r"(!!! emergency dural-tear\n)", r"\1    - read [this]({filename}recovery.md)\n"),
        "the emergency care card links",
    ),
    "raw HTML link in an emergency card": (
        regex(r"(!!! emergency dural-tear\n)", r'\1    - call <a href="tel:+1-2">us</a>\n'),
        "the emergency care card links to 'tel:+1-2'",
    ),
    "event handler written with an attribute list": (
        append('A paragraph.\n{: onclick="steal()" }'),
        "unsafe HTML: onclick= attribute",
    ),
    "hand-written red flag in a care card": (
        regex(r"(!!! emergency dural-tear\n)", r"\1    - you cannot pee at all\n"),
        "states the declared emergency sign 'bladder-bowel' by hand",
    ),
    "declared sign written by hand in a card of another level": (
        regex(r"(!!! urgent dural-tear\n)", r"\1    - you have a seizure\n"),
        "states the declared emergency sign 'seizure-or-confusion' by hand",
    ),
    "unknown care card topic": (
        replace("!!! urgent dural-tear", "!!! urgent dural-tears"),
        "unknown warning-sign topic 'dural-tears'",
    ),
    "hand-written heading on an emergency card": (
        replace("!!! emergency dural-tear", '!!! emergency "Call 911 if:"'),
        "the emergency card has a hand-written heading",
    ),
    "care card with no declared signs": (
        replace("!!! urgent dural-tear", "!!! non-urgent dural-tear"),
        "no non-urgent signs are declared for dural-tear",
    ),
    "topic page without the emergency signs of its topic": (
        replace("!!! emergency dural-tear", "!!! emergency blood-clots"),
        "does not show the emergency sign(s) leg-weakness, meningitis-headache",
    ),
    "unknown topic in Topics": (
        replace("Topics: dural-tear", "Topics: dura"),
        "unknown warning-sign topic 'dura'",
    ),
    "unknown placeholder": (append("Fax us on {{ clinic_fax }}."), "unknown placeholder"),
    "unfinished text": (append("TODO: finish this."), "unfinished text"),
    "unknown block type": (
        append('!!! danger "Careful"\n    - text'),
        "unknown block '!!! danger'",
    ),
    "http link": (append("[A site](http://example.com/)"), "Use the https:// address"),
    "risk count not a whole number": (
        append("{{ risk: 6.5 in 100 | had a dural tear }}"),
        "the count 6.5 is not a whole number",
    ),
    "risk count above its denominator": (
        append("{{ risk: 120 in 100 | had a dural tear }}"),
        "not between 0 and 100",
    ),
    "risk count below zero": (
        append("{{ risk: -1 in 1,000 | had a dural tear }}"),
        "not between 0 and 1,000",
    ),
    "risk with an unknown denominator": (
        append("{{ risk: 6 in 200 | had a dural tear }}"),
        "unknown denominator '200'",
    ),
    "risk without a label": (append("{{ risk: 6 in 100 }}"), "has no label"),
    "malformed risk line": (append("{{ risk: 6 out of 100 | had it }}"), "not a figure like"),
    "risks compared on different denominators": (
        append("{{ risks: 3 in 100 | with the implant || 8 in 1,000 | with fusion }}"),
        "different denominators",
    ),
    "pelican warning is fatal": (
        regex(r"^Slug: .*$", "Slug: dural-tear\nStatus: bogus"),
        "bogus",
    ),
}


def run_broken_build(project, path, text, capfd, settings="pelicanconf.py"):
    """Build with `text` in `path`: the build must fail and leave output/ as it was."""
    before = tree_digest(project / "output")
    with changed_file(project / path, text):
        status = build(str(project / settings), project / "output")
    captured = capfd.readouterr()
    report = captured.out + captured.err
    assert status != 0, f"the build accepted bad content:\n{report}"
    assert tree_digest(project / "output") == before, "output/ changed after a failed build"
    assert not staging_dir(project / "output").exists()
    return report


def run_broken_checks(project, path, text, capfd, settings="pelicanconf.py"):
    """Run the build's content checks with `text` in `path`: they must fail."""
    with changed_file(project / path, text):
        status = check_content(str(project / settings))
    captured = capfd.readouterr()
    report = captured.out + captured.err
    assert status != 0, f"the checks accepted bad content:\n{report}"
    return report


def checked_content(project, path, text, capfd, settings="pelicanconf.py"):
    """Run the build's content checks with `text` in `path`: they must pass; what they
    printed (warnings)."""
    with changed_file(project / path, text):
        status = check_content(str(project / settings))
    report = capfd.readouterr().err
    assert status == 0, report
    return report


# One case or more of each kind of check is refused by a whole build.
END_TO_END = {
    "unknown source key",
    "link in an emergency card",
    "script",
    # Pelican's own warnings: it logs a message once per process, so they need a build.
    "image without alt text",
    "pelican warning is fatal",
}


def refused(case):
    """How a case is checked: by a whole build if it is in END_TO_END, else in-process."""
    return run_broken_build if case in END_TO_END else run_broken_checks


def test_table_has_at_least_twenty_cases():
    assert len(CASES) >= 20


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_article_is_refused(in_project, capfd, case):
    change, expected = CASES[case]
    text = change((in_project / ARTICLE).read_text(encoding="utf-8"))
    report = refused(case)(in_project, ARTICLE, text, capfd)
    assert expected in report, report
    assert "articles/dural-tear.md" in report, report


def test_every_problem_is_reported_at_once_as_path_line_problem_fix(in_project, capfd):
    text = (in_project / ARTICLE).read_text(encoding="utf-8")
    text = text.replace("Reviewer:", "Reveiwer:").replace("## Waking up", "## Awake")
    text = re.sub(r"^Date: .*$", "Date: tomorrow", text, flags=re.MULTILINE)
    report = run_broken_build(in_project, ARTICLE, text, capfd)
    problems = [line for line in report.splitlines() if line.startswith(ARTICLE)]
    assert len(problems) >= 3, report
    for line in problems:
        assert re.match(rf"^{re.escape(ARTICLE)}:\d+: .+\. .+", line), line
    line = text.splitlines().index("Date: tomorrow") + 1
    assert f"{ARTICLE}:{line}:" in report


def test_duplicate_slug_and_title_name_both_files(in_project, capfd):
    copy = (in_project / OTHER).read_text(encoding="utf-8")
    copy = copy.replace("Translation_key: blood-clots", "Translation_key: copy")
    report = run_broken_checks(in_project, "content/articles/copy.md", copy, capfd)
    assert "duplicate slug 'blood-clots'" in report and "duplicate title" in report
    assert "content/articles/copy.md" in report and "blood-clots.md" in report


def test_overdue_review_is_an_error_when_publishing(in_project, capfd):
    text = (in_project / ARTICLE).read_text(encoding="utf-8")
    text = re.sub(r"^Last_reviewed: .*$", "Last_reviewed: 2020-01-01", text, flags=re.M)
    text = re.sub(r"^Next_review: .*$", "Next_review: 2020-06-01", text, flags=re.M)
    report = run_broken_checks(in_project, ARTICLE, text, capfd, settings="publishconf.py")
    assert "the review was due on 2020-06-01" in report


def test_overdue_review_is_a_warning_in_development(in_project, capfd):
    text = (in_project / ARTICLE).read_text(encoding="utf-8")
    text = re.sub(r"^Last_reviewed: .*$", "Last_reviewed: 2020-01-01", text, flags=re.M)
    text = re.sub(r"^Next_review: .*$", "Next_review: 2020-06-01", text, flags=re.M)
    report = checked_content(in_project, ARTICLE, text, capfd)
    line = text.splitlines().index("Next_review: 2020-06-01") + 1
    assert f"{ARTICLE}:{line}: warning: the review was due on 2020-06-01" in report


def test_a_bad_risk_line_is_reported_at_its_line(in_project, capfd):
    text = (in_project / ARTICLE).read_text(encoding="utf-8")
    lines = text.splitlines()
    lines.insert(20, "{{ risk: 9.1 in 100 | had a dural tear }}")
    report = run_broken_build(in_project, ARTICLE, "\n".join(lines) + "\n", capfd)
    assert (
        f"{ARTICLE}:21: the count 9.1 is not a whole number. "
        "Round it, or count in 1,000: 6.5 in 100 is 65 in 1,000" in report
    ), report
    assert "unknown placeholder" not in report, report


SIGNS_FILE = "content/data/warning-signs.toml"
FEVER = 'id = "fever"'

SIGNS_CASES = {
    "a sign at two levels": (
        append(
            '[[signs]]\nid = "fever-2"\nlevel = "emergency"\ntopics = ["operation"]\n'
            'wording = "you have a fever (a temperature of 100.4°F or higher), or you feel '
            'hot and shivery"'
        ),
        "sign 'fever-2' (emergency) has the wording of sign 'fever' (urgent)",
        'wording = "you have a fever',
    ),
    "a sign declared twice": (
        append(
            '[[signs]]\nid = "fever"\nlevel = "urgent"\ntopics = ["operation"]\n'
            'wording = "you feel hot"'
        ),
        "sign 'fever' is declared twice",
        None,
    ),
    "unknown level": (
        replace('id = "fever"\nlevel = "urgent"', 'id = "fever"\nlevel = "soon"'),
        "sign 'fever' has unknown level 'soon'",
        'level = "soon"',
    ),
    "sign without wording or topics": (
        append('[[signs]]\nid = "empty"\nlevel = "urgent"'),
        "sign 'empty' has no wording",
        None,
    ),
    "unknown topic": (
        regex(r'(id = "fever"\nlevel = "urgent"\ntopics = \[)', r'\1"wounds", '),
        "sign 'fever' has unknown topic 'wounds'",
        'topics = ["wounds"',
    ),
    "unknown level table": (
        append('[levels.later]\nlabel = "Later: "\nheading = "Later:"'),
        "unknown level 'later'",
        "[levels.later]",
    ),
    "link in the emergency heading": (
        replace('heading = "Call {{ emergency_number }}', 'heading = "Call {{ clinic_phone }}'),
        "the emergency card would contain a link",
        "[levels.emergency]",
    ),
    "unknown placeholder in a heading": (
        replace("{{ after_hours_phone }}", "{{ night_phone }}"),
        "unknown placeholder '{{ night_phone }}'",
        "note = ",
    ),
    "not TOML": (append("[[signs]\nid ="), "not valid TOML", None),
    "Spanish phrases not a list": (
        replace('phrases_es = ["fiebre", ', "phrases_es = [1, "),
        "sign 'fever' has phrases_es that are not a list of texts",
        "phrases_es = [1, ",
    ),
    "a Spanish phrase of another sign": (
        replace('phrases_es = ["fiebre", ', 'phrases_es = ["tose sangre", "fiebre", '),
        "phrase 'tose sangre' of sign 'fever' also names sign 'coughing-blood'",
        'phrases_es = ["tose sangre"',
    ),
    "a sign without Spanish phrases": (
        regex(r'(id = "fever"\n(?:[^\n]*\n){0,6}?)phrases_es = [^\n]*\n', r"\1"),
        "sign 'fever' has no phrases_es",
        'phrases = ["fever"',
    ),
}
SIGNS_END_TO_END = "a sign at two levels"

SPANISH_ARTICLE = "content/articles/es/desgarro-dural.md"
SPANISH_CASES = {
    "Spanish sign written by hand in an emergency card": (
        regex(r"(!!! emergency dural-tear\n)", r"\1    - no puede orinar nada\n"),
        "states the declared emergency sign 'bladder-bowel' by hand",
    ),
    "Spanish sign written by hand in a card of another level": (
        regex(r"(!!! urgent dural-tear\n)", r"\1    - tiene una convulsión\n"),
        "states the declared emergency sign 'seizure-or-confusion' by hand",
    ),
}


@pytest.mark.parametrize("case", SPANISH_CASES, ids=list(SPANISH_CASES))
def test_sign_written_by_hand_in_a_spanish_card_is_refused(in_project, capfd, case):
    change, expected = SPANISH_CASES[case]
    text = change((in_project / SPANISH_ARTICLE).read_text(encoding="utf-8"))
    report = run_broken_build(in_project, SPANISH_ARTICLE, text, capfd)
    assert expected in report, report
    assert SPANISH_ARTICLE in report, report


@pytest.mark.parametrize("case", SIGNS_CASES, ids=list(SIGNS_CASES))
def test_bad_warning_signs_declaration_is_refused(in_project, capfd, case):
    change, expected, on_line = SIGNS_CASES[case]
    text = change((in_project / SIGNS_FILE).read_text(encoding="utf-8"))
    check = run_broken_build if case == SIGNS_END_TO_END else run_broken_checks
    report = check(in_project, SIGNS_FILE, text, capfd)
    assert expected in report, report
    line = next(line for line in report.splitlines() if expected in line)
    number = int(re.match(rf"^{re.escape(SIGNS_FILE)}:(\d+): ", line).group(1))
    if on_line:
        assert on_line in text.splitlines()[number - 1], (line, text.splitlines()[number - 1])


BIBLIOGRAPHY = "content/data/references.json"


def _bibliography(project) -> str:
    return (project / BIBLIOGRAPHY).read_text(encoding="utf-8")


def _line_of(text, needle) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_malformed_bibliography_is_refused_with_its_line(in_project, capfd):
    text = _bibliography(in_project)
    broken = text.replace('"id": "desai2015",', '"id": "desai2015"', 1)
    report = run_broken_build(in_project, BIBLIOGRAPHY, broken, capfd)
    line = _line_of(broken, '"id": "desai2015"') + 1
    assert f"{BIBLIOGRAPHY}:{line}: the bibliography is not valid JSON" in report, report


def test_bibliography_item_without_identifier_is_refused(in_project, capfd):
    text = _bibliography(in_project)
    start = text.index('"id": "desai2015"')
    item_end = text.index("\n  }", start)
    item = re.sub(r',\n\s*"(DOI|PMID)": "[^"]*"', "", text[start:item_end])
    broken = text[:start] + item + text[item_end:]
    report = run_broken_checks(in_project, BIBLIOGRAPHY, broken, capfd)
    line = _line_of(broken, '"id": "desai2015"') - 1
    assert f"{BIBLIOGRAPHY}:{line}: source 'desai2015' has no DOI, PMID or URL" in report, report


def test_citing_page_without_references_heading_is_refused(in_project, capfd):
    page = "content/pages/about.md"
    text = (in_project / page).read_text(encoding="utf-8") + "\nA fact [@fu2010].\n"
    report = run_broken_checks(in_project, page, text, capfd)
    assert "has no '## References' heading" in report and page in report, report


def test_uncited_bibliography_item_is_a_warning(in_project, capfd):
    text = _bibliography(in_project)
    extra = text.replace(
        "[\n",
        '[\n  {"id": "nobody2020", "type": "webpage", "title": "Unused", '
        '"issued": {"date-parts": [[2020]]}, "URL": "https://example.org/"},\n',
        1,
    )
    report = checked_content(in_project, BIBLIOGRAPHY, extra, capfd)
    assert f"{BIBLIOGRAPHY}:2: warning: source 'nobody2020' is cited on no page" in report
