"""axe-core finds no WCAG 2.2 A/AA or best-practice violations on any page, in any view,
and no text whose contrast it could not decide.

axe sorts what it cannot decide into `incomplete` ("needs review"): for color contrast,
text on a background it cannot work out, or in a color equal to its background. A person
can rarely read such text, so those count as failures too (NEEDS_REVIEW_FAILS), but for
the labels of illustrations: axe never decides text inside an SVG picture, so
test_illustrations.py measures their contrast itself (MEASURED_ELSEWHERE).
"""

from axe_playwright_python.sync_playwright import Axe

from .site_pages import page_paths, path_of

AXE = Axe()  # runs the axe.min.js bundled with axe-playwright-python; it fetches nothing
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations", "incomplete"],
}
NEEDS_REVIEW_FAILS = frozenset({"color-contrast"})
"""The rules whose `incomplete` results fail the tests as their violations do."""
MEASURED_ELSEWHERE = "figure.illustration svg text"
"""Elements whose contrast axe leaves undecided and test_illustrations.py measures."""
IN_SELECTION = "([target, selector]) => document.querySelector(target).matches(selector)"


def axe_problems(page) -> list[dict]:
    """axe's violations on the page as it is now, and the results of NEEDS_REVIEW_FAILS
    rules it could not decide."""
    response = AXE.run(page, options=AXE_OPTIONS).response
    undecided = []
    for result in response["incomplete"]:
        if result["id"] not in NEEDS_REVIEW_FAILS:
            continue
        nodes = [
            node
            for node in result["nodes"]
            if not page.evaluate(IN_SELECTION, [node["target"][-1], MEASURED_ELSEWHERE])
        ]
        if nodes:
            undecided.append({**result, "nodes": nodes})
    return [*response["violations"], *undecided]


def violation_report(path: str, violations: list[dict]) -> str:
    """For each rule and element: the page, the rule, the element and what to fix."""
    lines = []
    for violation in violations:
        for node in violation["nodes"]:
            summary = node.get("failureSummary") or "needs review: " + "; ".join(
                check["message"] for check in node.get("any", []) + node.get("all", [])
            )
            lines.append(
                f"{path}: {violation['id']} ({violation['impact']}): {violation['help']}\n"
                f"    element {' '.join(map(str, node['target']))}: {node['html']}\n"
                f"    {' '.join(summary.split())}"
            )
    return "\n".join(lines)


def test_no_axe_violations(view, page_path):
    page = view.open(page_path)
    problems = axe_problems(page)
    assert not problems, f"[{view.name}]\n{violation_report(page_path, problems)}"


def test_every_built_page_is_checked(site):
    built = {path_of(site, file) for file in site.html_files()}
    assert built == set(page_paths())
