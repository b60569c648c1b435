"""axe-core finds no WCAG 2.2 A/AA or best-practice violations, and no text whose contrast
it could not decide, on the pages that show every template and component
(`representative_pages`) in every view: every rule in the light scheme, the rules about
colors (COLOR_RULES) in the dark scheme, which changes nothing else.

axe sorts what it cannot decide into `incomplete` ("needs review"): for color contrast,
text on a background it cannot work out, or in a color equal to its background. A person
can rarely read such text, so those count as failures too (NEEDS_REVIEW_FAILS), but for
the labels of illustrations: axe never decides text inside an SVG picture, so
test_illustrations.py measures their contrast itself (MEASURED_ELSEWHERE).
"""

from axe_playwright_python.sync_playwright import Axe

AXE = Axe()  # runs the axe.min.js bundled with axe-playwright-python; it fetches nothing
RULES = {
    "type": "tag",
    "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
}
COLOR_RULES = {"type": "rule", "values": ["color-contrast", "link-in-text-block"]}
"""axe's rules whose results depend on colors: text contrast, and links in text told apart
by color alone."""
NEEDS_REVIEW_FAILS = frozenset({"color-contrast"})
"""The rules whose `incomplete` results fail the tests as their violations do."""
MEASURED_ELSEWHERE = "figure.illustration svg text"
"""Elements whose contrast axe leaves undecided and test_illustrations.py measures."""
IN_SELECTION = "([target, selector]) => document.querySelector(target).matches(selector)"


def axe_problems(page, rules=RULES, within: str | None = None) -> list[dict]:
    """axe's violations of `rules` on the page as it is now (or only in the elements the
    selector `within` finds: a component whose state a test changed, on a page this file
    checks whole), and the results of NEEDS_REVIEW_FAILS rules it could not decide."""
    options = {"runOnly": rules, "resultTypes": ["violations", "incomplete"]}
    response = AXE.run(page, context=within, options=options).response
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


def rules_for(view) -> dict:
    """Every rule in the light scheme; in the dark scheme, which changes only colors, the
    rules about colors."""
    return RULES if view.scheme == "light" else COLOR_RULES


def test_no_axe_violations(view, representative_pages):
    problems = []
    for path in representative_pages:
        found = axe_problems(view.open(path), rules_for(view))
        problems += [violation_report(path, found)] if found else []
    assert not problems, f"[{view.name}]\n" + "\n".join(problems)
