"""Every page, read as HTML: it loads nothing from another host, and holds nothing the
site's Content-Security-Policy (deploy/nginx: scripts, styles and everything else from the
site itself, no inline code, no plugins, forms sent only to the site) would block.

These read every page of both builds in a second. A browser proves the same once per
template, served by nginx with the policy (browser/test_served_policy.py), and watches what
a page requests and stores (browser/test_privacy.py).
"""

from implant_guide.checks.page_weight import executable_scripts

EMBEDDED = ("iframe", "frame", "object", "embed", "applet")
"""Elements that load another document or a plugin (`object-src 'none'`, no frames)."""


def test_no_page_loads_anything_from_another_host(links):
    """A link a reader follows may lead anywhere; what a page loads by itself (style
    sheets, icons, images, scripts, url() in CSS) comes from the site."""
    elsewhere = [
        f"{reference.page}: {reference.element} -> {reference.target}"
        for reference in links.references
        if not reference.hyperlink
        and reference.page.endswith((".html", ".css"))
        and reference.target.strip().lower().startswith(("http:", "https:", "//"))
        and links.target(reference) is None
    ]
    assert not elsewhere, "loaded from another host:\n" + "\n".join(elsewhere)


def test_forms_are_sent_only_to_the_site(links):
    elsewhere = [
        f"{reference.page}: {reference.element}"
        for reference in links.references
        if reference.element.startswith("<form") and links.target(reference) is None
    ]
    assert not elsewhere, "forms sent elsewhere:\n" + "\n".join(elsewhere)


def _inline_code(soup) -> list[str]:
    """What the policy blocks in a page: inline scripts, style elements and attributes,
    event handler attributes, plugins and frames, a <base> element."""
    found = [
        f"<script> {script.get_text().strip()[:40]!r}"
        for script in executable_scripts(soup)
        if not script.get("src")
    ]
    for element in soup.find_all(True):
        handlers = [name for name in element.attrs if name.lower().startswith("on")]
        if handlers:
            found.append(f"<{element.name} {' '.join(handlers)}=>")
        if "style" in element.attrs:
            found.append(f"<{element.name} style={element['style']!r}>")
    found += [f"<{element.name}>" for element in soup.find_all(["style", "base", *EMBEDDED])]
    return found


def test_no_page_holds_inline_code_or_styles(each_build):
    blocked = [
        f"{each_build.name(path)}: {found}"
        for path in each_build.html_files()
        for found in _inline_code(each_build.soup(path))
    ]
    assert not blocked, "blocked by the Content-Security-Policy:\n" + "\n".join(blocked)
