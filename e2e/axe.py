"""The accessibility check every page in a browser test goes through.

axe-core with the WCAG 2.0/2.1/2.2 A and AA rules at desktop width and at 320 CSS px, and
at 320 px nothing may scroll sideways (WCAG 1.4.10 reflow).

A page shown with JavaScript off is checked too. axe runs inside the page and waits on
timers, which never fire while JavaScript is off, so `check_page` loads the exact HTML that
page shows into a twin page with JavaScript on (the portal's own scripts blocked, so nothing
changes the markup) and runs axe there.

axe's "incomplete" results (what it could not decide, e.g. contrast over a background
image) are written to e2e/artifacts/axe-incomplete.txt for a person to review.
"""

import json
import re
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, Route

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 320, "height": 640}
INCOMPLETE_REPORT = Path(__file__).parent / "artifacts" / "axe-incomplete.txt"

_axe = Axe()
# With scripting off, the HTML parser reads the content of <noscript> as markup; with
# scripting on, as text. Parsing a probe shows which one the page's document does.
_SCRIPTING_PROBE = """() => {
  const probe = document.createElement("div");
  probe.innerHTML = "<noscript><p></p></noscript>";
  return probe.querySelector("noscript p") === null;
}"""
_NOSCRIPT_TAG = re.compile(r"<(/?)noscript\b", re.IGNORECASE)
_report_started = False


def _results(page: Page) -> dict:
    results = _axe.run(
        page,
        options={
            "runOnly": {"type": "tag", "values": WCAG_TAGS},
            "resultTypes": ["violations", "incomplete"],
        },
    )
    return results.response


def _describe(items: list[dict]) -> str:
    lines = []
    for item in items:
        targets = [json.dumps(node["target"]) for node in item["nodes"][:5]]
        lines.append(f"{item['id']} ({item['impact']}): {item['help']} at {targets}")
    return "\n".join(lines)


def _note_incomplete(label: str, width: int, incomplete: list[dict]) -> None:
    global _report_started
    if not incomplete:
        return
    INCOMPLETE_REPORT.parent.mkdir(exist_ok=True)
    # One report per test run: the first note of this run starts it afresh.
    with INCOMPLETE_REPORT.open("a" if _report_started else "w", encoding="utf-8") as report:
        _report_started = True
        report.write(f"== {label} at {width} px\n{_describe(incomplete)}\n")


# The last few elements that reach past the right edge: the ones to look at in a failure.
_WIDEST = (
    "[...document.querySelectorAll('body *')]"
    ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)"
    ".slice(-5).map(e => e.tagName + '.' + e.className)"
)


def horizontal_overflow(page: Page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def scripting_enabled(page: Page) -> bool:
    return page.evaluate(_SCRIPTING_PROBE)


def check_page(page: Page, *, state: str = "") -> None:
    """Fail on any axe violation at 1280 px and 320 px, or on sideways scrolling at 320 px.

    Works on pages with JavaScript on and off (see the module docstring).
    """
    # After a click the new page may still be loading its styles; axe would then judge
    # unstyled header links (false target-size failures).
    page.wait_for_load_state("load")
    label = f"{page.url} {state}".strip()
    if scripting_enabled(page):
        _check(page, label)
    else:
        _check_in_scripted_twin(page, f"{label} (JavaScript off)")
    checked = page.context.__dict__.setdefault("_checked_urls", set())
    checked.add(_page_key(page.url))


def _check(page: Page, label: str) -> None:
    original = page.viewport_size or DESKTOP
    try:
        for size in (DESKTOP, PHONE):
            page.set_viewport_size(size)
            results = _results(page)
            _note_incomplete(label, size["width"], results["incomplete"])
            violations = results["violations"]
            assert not violations, f"axe at {size['width']} px on {label}:\n{_describe(violations)}"
        overflow = horizontal_overflow(page)
        wide = page.evaluate(_WIDEST) if overflow > 0 else []
        assert overflow <= 0, f"{label} scrolls sideways by {overflow} px at 320 px: {wide}"
    finally:
        page.set_viewport_size(original)


def _check_in_scripted_twin(page: Page, label: str) -> None:
    url = page.url
    # A scripted parser would read <noscript> content as text and hide what this page
    # shows; a <div> keeps it visible with the same (lack of) meaning.
    html = _NOSCRIPT_TAG.sub(r"<\1div", page.content())
    context = page.context.browser.new_context(viewport=page.viewport_size or DESKTOP)
    context.set_default_timeout(10_000)
    try:
        twin = context.new_page()
        served = []

        def serve(route: Route) -> None:
            request = route.request
            if request.resource_type == "document" and not served:
                served.append(request.url)
                route.fulfill(status=200, body=html, content_type="text/html; charset=utf-8")
            elif request.resource_type in ("document", "script"):
                route.abort()
            else:
                route.continue_()

        twin.route("**/*", serve)
        twin.goto(url)
        _check(twin, label)
    finally:
        context.close()


def _page_key(url: str) -> str:
    return url.split("#", 1)[0].split("?", 1)[0]


# Pages that post themselves on to the sign-in broker at once (the logout form, see
# templates/auth/provider_logout.html): with JavaScript on they are gone before a check can
# run, so e2e/test_logout_post.py checks them with JavaScript off.
SELF_SUBMITTING = ("/uitloggen", "/namens/stoppen")


def unchecked_pages(page: Page) -> set[str]:
    visited = page.context.__dict__.get("_visited_urls", set())
    checked = page.context.__dict__.get("_checked_urls", set())
    return {url for url in visited - checked if not url.endswith(SELF_SUBMITTING)}


def track_visits(page: Page) -> None:
    visited = page.context.__dict__.setdefault("_visited_urls", set())

    def remember(frame) -> None:
        if frame == page.main_frame and frame.url.startswith("http"):
            visited.add(_page_key(frame.url))

    page.on("framenavigated", remember)
