"""The build refuses bad content: a clear `path:line: problem. How to fix.` and no change.

Each case breaks one copy of a real article (or adds a file) and checks the report and
the file it names. The cases run the build's content checks in this process: the cases of
CASES all in one run, each in a copy of the article of its own (`refused_together`), the
others one by one (`run_broken_checks`), a mistake in a data file in a small guide of
synthetic articles (`small_project`: a changed data file makes the checks read every
article again). One kind or more of every case, all at once, is refused by the real
command, `make build`, in a project copy that holds a previous good build
(`make_build`), which also proves the checks are wired into the build: a non-zero exit,
an output byte-for-byte as it was, and a message naming each file on one line, never a
traceback. So are a warning of Pelican's own and a mistake in the clinic's details,
which stop the build at other points.
"""

import contextlib
import io
import os
import re
import subprocess
import tomllib

import pytest
from conftest import ROOT, assert_refused_cleanly, changed_file, tree_digest
from support.content_check import check_content, checked_content, run_broken_checks

from implant_guide.policy import MAX_REVIEW_INTERVAL_MONTHS
from implant_guide.release.build import staging_dir

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
    "missing summary": (regex(r"^Summary:[^\n]*\n", ""), "missing metadata 'Summary'"),
    "misspelled metadata": (replace("Reviewer:", "Reveiwer:"), "Did you mean 'Reviewer'?"),
    "title given twice": (regex(r"^(Title: [^\n]*)$", r"\1\n\1 again"), "'Title' is given twice"),
    "unknown template": (replace("Slug:", "Template: no-such-template\nSlug:"), "no template"),
    "slug given twice": (regex(r"^(Slug: [^\n]*)$", r"\1\n\1-again"), "'Slug' is given twice"),
    "impossible date": (regex(r"^Date: [^\n]*$", "Date: 2026-02-30"), "not a valid date"),
    "date in another format": (
        regex(r"^Last_reviewed: [^\n]*$", "Last_reviewed: 24/11/2026"),
        "not a valid date",
    ),
    "unknown kind": (replace("Kind: complication", "Kind: complications"), "unknown kind"),
    "review more than the interval ahead": (
        regex(r"^Next_review: [^\n]*$", "Next_review: 2099-01-01"),
        f"at most {MAX_REVIEW_INTERVAL_MONTHS} months later",
    ),
    "unknown reviewer": (regex(r"^Reviewer: [^\n]*$", "Reviewer: dr-nobody"), "unknown reviewer"),
    "order not a number": (regex(r"^Order: [^\n]*$", "Order: fourth"), "whole number"),
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
        "has no alt text",
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
        "does not show the emergency sign(s) leg-weakness, severe-headache",
    ),
    "unknown topic in Topics": (
        replace("Topics: dural-tear", "Topics: dura"),
        "unknown warning-sign topic 'dura'",
    ),
    "hand-written thought of self-harm in a care card": (
        regex(r"(!!! emergency dural-tear\n)", r"\1    - you think about ending your life\n"),
        "states the declared emergency sign 'self-harm' by hand",
    ),
    "unknown placeholder": (append("Fax us on {{ clinic_fax }}."), "unknown placeholder"),
    "drawing without a text alternative": (
        append("{{ figure: exercise-knee-rolls }}"),
        "the illustration 'exercise-knee-rolls' has no text alternative",
    ),
    "unknown illustration": (
        append("{{ figure: no-such-drawing | A drawing }}"),
        "unknown illustration 'no-such-drawing'",
    ),
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
    "not UTF-8 text": (
        lambda text: text.encode("utf-8") + "\nUn caf\u00e9.\n".encode("cp1252"),
        "the file is not UTF-8 text (byte 0xE9 in column 7)",
    ),
    "worksheet without options": (
        append("!!! worksheet\n    matters:\n    - Relief from leg pain\n    - No metal"),
        "a worksheet needs at least 2 items under 'options:'",
    ),
    "worksheet with a heading": (
        append(
            '!!! worksheet "My sheet"\n    matters:\n    - a\n    - b\n'
            "    options:\n    - c\n    - d"
        ),
        "a worksheet takes no heading",
    ),
    "urgent card before the emergency card": (
        replace(
            "!!! emergency dural-tear\n\n!!! urgent dural-tear",
            "!!! urgent dural-tear\n\n!!! emergency dural-tear",
        ),
        "the urgent care card comes before the emergency card",
    ),
    "non-urgent card before the emergency card in any section": (
        append(
            '## More\n\n!!! non-urgent "Ask us at your visit if:"\n    - x\n\n!!! emergency all'
        ),
        "the non-urgent care card comes before the emergency card",
    ),
    "emergency sign sent to a same-day call in prose": (
        append("If you have chest pain, call your team the same day."),
        "this sentence names the emergency sign 'chest-pain' ('chest pain') with the urgent "
        "instruction 'call your team'",
    ),
    "emergency sign listed under a lead-in of another level": (
        append("Call the clinic the same day if:\n\n- you cough up blood"),
        "this list item names the emergency sign 'coughing-blood' ('cough up blood') with the "
        "urgent instruction 'call the clinic' of its lead-in",
    ),
    "urgent sign sent to the next visit in prose": (
        append("If pus leaks from your wound, tell us at your next visit."),
        "names the urgent sign 'wound-infected' ('pus') with the non-urgent instruction",
    ),
    "empty": (lambda text: "", "the file is empty"),
    "only a title": (lambda text: "Title: Dural tear\n", "missing metadata 'Summary'"),
}


def make_build(project, changes: dict[str, object]) -> str:
    """Run `make build` in the project copy, as an editor does, with each file of
    `changes` holding its text (or bytes): it must fail and leave output/ as it was.
    Returns what it printed. The virtual environment is this project's, set up already."""
    venv = ROOT / ".venv"
    command = ["make", "--no-print-directory", f"VENV={venv}", f"--old-file={venv}/.installed"]
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "MFLAGS"))}
    before = tree_digest(project / "output")
    with contextlib.ExitStack() as stack:
        for path, text in changes.items():
            stack.enter_context(changed_file(project / path, text))
        done = subprocess.run(
            [*command, "build"], cwd=project, env=environment, capture_output=True, text=True
        )
    report = done.stdout + done.stderr
    assert done.returncode != 0, f"make build accepted bad content:\n{report}"
    assert tree_digest(project / "output") == before, "output/ changed after a failed build"
    assert not staging_dir(project / "output").exists()
    return report


def test_every_problem_is_reported_at_once_as_path_line_problem_fix(in_project, capfd):
    text = (in_project / ARTICLE).read_text(encoding="utf-8")
    text = text.replace("Reviewer:", "Reveiwer:").replace("## Waking up", "## Awake")
    text = re.sub(r"^Date: .*$", "Date: tomorrow", text, flags=re.MULTILINE)
    report = run_broken_checks(in_project, ARTICLE, text, capfd)
    problems = [line for line in report.splitlines() if line.startswith(ARTICLE)]
    assert len(problems) >= 3, report
    for line in problems:
        assert re.match(rf"^{re.escape(ARTICLE)}:\d+: .+\. .+", line), line
    line = text.splitlines().index("Date: tomorrow") + 1
    assert f"{ARTICLE}:{line}:" in report


COPY = "content/articles/copy.md"


def _copy(text: str, **fields: str) -> str:
    """`text` (an article) with these header fields (`Title`, `Slug`...) set anew."""
    for name, value in fields.items():
        text = re.sub(rf"(?m)^{name}: .*$", f"{name}: {value}", text, count=1)
    return text


@pytest.fixture(scope="module")
def refused_together(project) -> tuple[dict[str, str], str]:
    """Every case of CASES, each in a copy of the article of its own (its own title and
    address), checked by one run of the build's content checks, which must fail: the
    file of each case, and what the checks printed."""
    article = (project / ARTICLE).read_text(encoding="utf-8")
    files = {}
    for number, (case, (change, _)) in enumerate(CASES.items(), start=1):
        name = f"refused-{number}"
        files[case] = f"content/articles/{name}.md"
        text = change(_copy(article, Title=f"Refused {number}", Slug=name, Translation_key=name))
        (project / files[case]).write_bytes(text if isinstance(text, bytes) else text.encode())
    printed = io.StringIO()
    with contextlib.chdir(project), contextlib.redirect_stderr(printed):
        status = check_content(str(project / "pelicanconf.py"))
    for path in files.values():
        (project / path).unlink()
    assert status != 0, f"the checks accepted bad content:\n{printed.getvalue()}"
    return files, printed.getvalue()


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_article_is_refused(refused_together, case):
    files, report = refused_together
    path, expected = files[case], CASES[case][1]
    assert_refused_cleanly(report, path)
    error = rf"^{re.escape(path)}:\d+: (?!warning: ).*{re.escape(expected)}"
    assert re.search(error, report, re.M), f"{path} ({case}): {expected!r} not in\n{report}"


COPIES = {
    "a copied file": ({}, ("slug 'blood-clots'", "title", "Translation_key 'blood-clots'")),
    "a retitled copy": ({"Title": "Clots"}, ("slug 'blood-clots'", "Translation_key")),
    "a copy with its own slug": ({"Title": "Clots", "Slug": "clots"}, ("Translation_key",)),
    "a copy with its own key": ({"Translation_key": "copy"}, ("slug", "title")),
}


@pytest.mark.parametrize("case", COPIES, ids=list(COPIES))
def test_a_copy_of_an_article_names_both_files(in_project, capfd, case):
    fields, duplicates = COPIES[case]
    copy = _copy((in_project / OTHER).read_text(encoding="utf-8"), **fields)
    report = run_broken_checks(in_project, COPY, copy, capfd)
    for duplicate in duplicates:
        assert re.search(
            rf"^{COPY}:\d+: duplicate {re.escape(duplicate)}.*, also used by {OTHER}\. ",
            report,
            re.M,
        ), report


def test_an_after_surgery_page_must_show_every_emergency_sign(in_project, capfd):
    """`Topics: operation` asks for every emergency sign, of whatever topic
    ([lists_every_sign]): a card of another topic leaves some out."""
    page = "content/articles/recovery.md"
    text = (in_project / page).read_text(encoding="utf-8")
    text = replace("!!! emergency operation", "!!! emergency wound-infection")(text)
    report = run_broken_checks(in_project, page, text, capfd)
    line = text.splitlines().index("## When to get help") + 1
    declared = tomllib.loads((in_project / SIGNS_FILE).read_text(encoding="utf-8"))["signs"]
    left_out = [
        sign["id"]
        for sign in declared
        if sign["level"] == "emergency" and "wound-infection" not in sign["topics"]
    ]
    assert len(left_out) >= 5  # the signs of the other topics, in the order declared
    assert (
        f"{page}:{line}: the page is about operation but does not show the emergency sign(s) "
        f"{', '.join(left_out)}. Add the one-line card '!!! emergency operation'" in report
    ), report


def test_triage_in_prose_is_reported_at_its_line_with_the_fix(in_project, capfd):
    text = (in_project / ARTICLE).read_text(encoding="utf-8")
    lines = text.splitlines()
    lines.insert(20, "Most people heal well. If you pass out, call your team.")
    report = run_broken_checks(in_project, ARTICLE, "\n".join(lines) + "\n", capfd)
    assert (
        f"{ARTICLE}:21: this sentence names the emergency sign 'fainting' ('pass out') with "
        "the urgent instruction 'call your team'. This sign is an emergency: say "
        "'call {{ emergency_number }}' or describe it without an instruction" in report
    ), report


def test_a_bad_risk_line_is_reported_at_its_line(in_project, capfd):
    text = (in_project / ARTICLE).read_text(encoding="utf-8")
    lines = text.splitlines()
    lines.insert(20, "{{ risk: 9.1 in 100 | had a dural tear }}")
    report = run_broken_checks(in_project, ARTICLE, "\n".join(lines) + "\n", capfd)
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
    "lists_every_sign names an unknown topic": (
        replace('operation = ["emergency"]', 'operations = ["emergency"]'),
        "lists_every_sign names unknown topic 'operations'",
        "operations = ",
    ),
    "lists_every_sign names an unknown level": (
        replace('operation = ["emergency"]', 'operation = ["critical"]'),
        "lists_every_sign.operation has unknown level 'critical'",
        'operation = ["critical"]',
    ),
    "an instruction declared at two levels": (
        replace('    "call the clinic",\n', '    "call the clinic",\n    "call 911",\n'),
        "instruction 'call 911' is declared for level 'emergency' and 'urgent'",
        "instructions = [",
    ),
    "a level without Spanish instructions": (
        regex(r'instructions_es = \[\n    "en su próxima visita",[^\]]*\]\n', ""),
        "level 'non-urgent' has no instructions_es",
        "[levels.non-urgent]",
    ),
    "a heading that gives another level's instruction": (
        replace(
            'heading = "Call {{ clinic_phone }} for urgent advice if:"',
            'heading = "Call {{ clinic_phone }} at your next visit if:"',
        ),
        "the urgent heading gives the non-urgent instruction 'at your next visit'",
        'heading = "Call {{ clinic_phone }} at your next visit if:"',
    ),
    "a sign without Spanish phrases": (
        regex(r'(id = "fever"\n(?:[^\n]*\n){0,6}?)phrases_es = [^\n]*\n', r"\1"),
        "sign 'fever' has no phrases_es",
        'phrases = ["fever"',
    ),
}

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
    "Spanish urgent card before the emergency card": (
        replace(
            "!!! emergency dural-tear\n\n!!! urgent dural-tear",
            "!!! urgent dural-tear\n\n!!! emergency dural-tear",
        ),
        "the urgent care card comes before the emergency card",
    ),
    "Spanish emergency sign sent to a same-day call in prose": (
        append("Si tiene dolor en el pecho, llame a su equipo el mismo día."),
        "this sentence names the emergency sign 'chest-pain' ('dolor en el pecho') with the "
        "urgent instruction 'llame a su equipo'",
    ),
}


@pytest.mark.parametrize("case", SPANISH_CASES, ids=list(SPANISH_CASES))
def test_bad_spanish_care_cards_and_triage_are_refused(in_project, capfd, case):
    change, expected = SPANISH_CASES[case]
    text = change((in_project / SPANISH_ARTICLE).read_text(encoding="utf-8"))
    report = run_broken_checks(in_project, SPANISH_ARTICLE, text, capfd)
    assert expected in report, report


@pytest.mark.parametrize("case", SIGNS_CASES, ids=list(SIGNS_CASES))
def test_bad_warning_signs_declaration_is_refused(in_small_project, capfd, case):
    change, expected, on_line = SIGNS_CASES[case]
    text = change((in_small_project / SIGNS_FILE).read_text(encoding="utf-8"))
    report = run_broken_checks(in_small_project, SIGNS_FILE, text, capfd)
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


def test_malformed_bibliography_is_refused_with_its_line(in_small_project, capfd):
    text = _bibliography(in_small_project)
    broken = text.replace('"id": "desai2015",', '"id": "desai2015"', 1)
    report = run_broken_checks(in_small_project, BIBLIOGRAPHY, broken, capfd)
    line = _line_of(broken, '"id": "desai2015"') + 1
    assert f"{BIBLIOGRAPHY}:{line}: the bibliography is not valid JSON" in report, report


def without_identifiers(text: str) -> str:
    """The bibliography `text` with neither DOI nor PMID for desai2015."""
    start = text.index('"id": "desai2015"')
    item_end = text.index("\n  }", start)
    item = re.sub(r',\n\s*"(DOI|PMID)": "[^"]*"', "", text[start:item_end])
    return text[:start] + item + text[item_end:]


def test_bibliography_item_without_identifier_is_refused(in_small_project, capfd):
    broken = without_identifiers(_bibliography(in_small_project))
    report = run_broken_checks(in_small_project, BIBLIOGRAPHY, broken, capfd)
    line = _line_of(broken, '"id": "desai2015"') - 1
    assert f"{BIBLIOGRAPHY}:{line}: source 'desai2015' has no DOI, PMID or URL" in report, report


def test_citing_page_without_references_heading_is_refused(in_project, capfd):
    page = "content/pages/about.md"
    text = (in_project / page).read_text(encoding="utf-8") + "\nA fact [@fu2010].\n"
    report = run_broken_checks(in_project, page, text, capfd)
    assert "has no '## References' heading" in report and page in report, report


def test_uncited_bibliography_item_is_a_warning(in_small_project, capfd):
    text = _bibliography(in_small_project)
    extra = text.replace(
        "[\n",
        '[\n  {"id": "nobody2020", "type": "webpage", "title": "Unused", '
        '"issued": {"date-parts": [[2020]]}, "URL": "https://example.org/"},\n',
        1,
    )
    report = checked_content(in_small_project, BIBLIOGRAPHY, extra, capfd)
    assert f"{BIBLIOGRAPHY}:2: warning: source 'nobody2020' is cited on no page" in report


GLOSSARY = "content/data/glossary.toml"
SPANISH_TRANSLATION = "content/articles/es/coagulos-de-sangre.md"
ORDERED_ARTICLE = "content/articles/wound-infection.md"
ENGLISH_OF_THE_SPANISH = "blood-clots"


def _article(project, path):
    return (project / path).read_text(encoding="utf-8")


def _chain(*changes):
    """One change of a text made of several, in order."""

    def change(text):
        for each in changes:
            text = each(text)
        return text

    return change


EVERY_KIND = {
    # kind of bad input: (file, its change, what the build says of it)
    "header field": (ARTICLE, CASES["misspelled metadata"]),
    "date": (ARTICLE, CASES["impossible date"]),
    "section": (ARTICLE, CASES["missing section"]),
    "care card": (ARTICLE, CASES["hand-written red flag in a care card"]),
    "link in an emergency card": (ARTICLE, CASES["link in an emergency card"]),
    "citation": (ARTICLE, CASES["unknown source key"]),
    "link": (ARTICLE, CASES["link to a missing article"]),
    "image": (ARTICLE, CASES["image file missing"]),
    "image without alt text": (ARTICLE, CASES["image without alt text"]),
    "unsafe HTML": (ARTICLE, CASES["script"]),
    "placeholder": (ARTICLE, CASES["unknown placeholder"]),
    "unfinished text": (ARTICLE, CASES["unfinished text"]),
    "block": (ARTICLE, CASES["unknown block type"]),
    "worksheet": (ARTICLE, CASES["worksheet without options"]),
    "risk line": (ARTICLE, CASES["risk count not a whole number"]),
    "Spanish care card": (
        SPANISH_ARTICLE,
        SPANISH_CASES["Spanish sign written by hand in an emergency card"],
    ),
    "card order": (
        ORDERED_ARTICLE,
        (
            replace(
                "!!! emergency wound-infection\n\n!!! urgent wound-infection",
                "!!! urgent wound-infection\n\n!!! emergency wound-infection",
            ),
            "the urgent care card comes before the emergency card",
        ),
    ),
    "triage in prose": (ORDERED_ARTICLE, CASES["emergency sign sent to a same-day call in prose"]),
    "Spanish triage in prose": (
        SPANISH_ARTICLE,
        SPANISH_CASES["Spanish emergency sign sent to a same-day call in prose"],
    ),
    "warning signs": (SIGNS_FILE, SIGNS_CASES["a sign at two levels"][:2]),
    "bibliography": (BIBLIOGRAPHY, (without_identifiers, "source 'desai2015' has no DOI")),
    "glossary": (
        GLOSSARY,
        (append('[[terms]]\nterm = "vagueness"'), "'vagueness' has no definition"),
    ),
    "translation": (
        SPANISH_TRANSLATION,
        (
            replace(f"Translation_key: {ENGLISH_OF_THE_SPANISH}", "Translation_key: clots"),
            "no English page has Translation_key 'clots'",
        ),
    ),
    "copied file": ("content/articles/copy.md", (lambda _: "", "")),
    "retitled copy": ("content/articles/clots-again.md", (lambda _: "", "")),
    "empty file": ("content/articles/empty.md", (lambda _: "", "the file is empty")),
    "only a title": (
        "content/articles/new-topic.md",
        (lambda _: "Title: A new topic\n", "missing metadata 'Summary'"),
    ),
    "not UTF-8 text": ("content/articles/recovery.md", CASES["not UTF-8 text"]),
}
"""One bad input of every kind the build refuses at its content checks, each in the file
it names; `make build` is given them all at once."""


def every_kind_of_bad_input(project) -> tuple[dict, list[tuple[str, str]]]:
    """The changed files (path: text or bytes) and the (path, message) pairs expected."""
    copied = _article(project, OTHER)
    made = {
        "copied file": (copied, "duplicate Translation_key 'blood-clots', also used by"),
        "retitled copy": (_copy(copied, Title="Clots again"), "duplicate slug 'blood-clots'"),
    }
    files, expected = {}, []
    for kind, (path, (change, message)) in EVERY_KIND.items():
        if kind in made:
            files[path], message = made[kind]
        else:
            old = files.get(path)
            if old is None and (project / path).exists():
                old = _article(project, path)
            files[path] = change(old or "")
        expected.append((path, message))
    return files, expected


@pytest.mark.slow
def test_make_build_refuses_every_kind_of_bad_input_at_once(in_project):
    files, expected = every_kind_of_bad_input(in_project)
    report = make_build(in_project, files)
    for path, message in expected:
        assert_refused_cleanly(report, path)
        pattern = rf"^{re.escape(path)}:\d+: .*{re.escape(message)}"
        assert re.search(pattern, report, re.M), f"{path}: {message!r} not in\n{report}"


@pytest.mark.slow
def test_make_build_prints_a_warning_of_pelicans_own_whole_and_stops(in_project):
    text = _article(in_project, ARTICLE).replace(
        "\nSlug: dural-tear\n", "\nSlug: dural-tear\nStatus: bogus\n"
    )
    report = make_build(in_project, {ARTICLE: text})
    assert_refused_cleanly(report, ARTICLE, own_message=False)
    (warning,) = [line for line in report.splitlines() if "'bogus'" in line]
    assert warning.startswith("error: Unknown status 'bogus' for file ") and warning.endswith(
        "skipping it. (Not in ('published', 'hidden', 'draft', 'skip'))"
    ), report
    assert "Build stopped by the warning above" in report


@pytest.mark.slow
def test_make_build_refuses_a_mistake_in_the_clinics_details(in_project):
    path = "content/data/clinic.toml"
    text = _article(in_project, path).replace('phone = "', "phone = ", 1)
    report = make_build(in_project, {path: text})
    assert_refused_cleanly(report, path)


@pytest.mark.slow
def test_make_build_reports_bad_content_first_when_it_also_stops_the_writing(in_project):
    """The checks run while the site is written: a page whose bad header also makes its
    template fail is reported by the checks, at its line, not as a fault of the build."""
    text = regex(r"^Summary:[^\n]*\n", "Template: no-such-template\n")(
        _article(in_project, ARTICLE)
    )
    report = make_build(in_project, {ARTICLE: text})
    assert_refused_cleanly(report, ARTICLE)
    for problem in ("missing metadata 'Summary'", "the theme has no template"):
        assert re.search(rf"^{re.escape(ARTICLE)}:\d+: {problem}", report, re.M), report
    assert "content error(s) found" in report and "fault in the build" not in report, report
