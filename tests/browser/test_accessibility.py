"""axe-core finds no WCAG 2.2 A/AA or best-practice violations on any page, in any view."""

from axe_playwright_python.sync_playwright import Axe

from .site_pages import page_paths, path_of

AXE = Axe()  # runs the axe.min.js bundled with axe-playwright-python; it fetches nothing
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


def violation_report(path: str, violations: list[dict]) -> str:
    """For each rule and element: the page, the rule, the element and what to fix."""
    lines = []
    for violation in violations:
        for node in violation["nodes"]:
            lines.append(
                f"{path}: {violation['id']} ({violation['impact']}): {violation['help']}\n"
                f"    element {' '.join(map(str, node['target']))}: {node['html']}\n"
                f"    {' '.join(node['failureSummary'].split())}"
            )
    return "\n".join(lines)


def test_no_axe_violations(view, page_path):
    page = view.open(page_path)
    violations = AXE.run(page, options=AXE_OPTIONS).response["violations"]
    assert not violations, f"[{view.name}]\n{violation_report(page_path, violations)}"


def test_every_built_page_is_checked(site):
    built = {path_of(site, file) for file in site.html_files()}
    assert built == set(page_paths())
