"""WCAG 2.1 AA in real headless Chromium, checked by axe-core, on every page of the UI.

axe-core is the ``axe.min.js`` that the ``axe-playwright-python`` package ships (found in
the installed package, nothing downloaded). Each page is checked in light mode, in dark
mode (``prefers-color-scheme: dark`` emulated through the DevTools protocol) and at a
390 px phone width; a failure lists every violation with the elements it was found on.
"""

from __future__ import annotations

import importlib.metadata
import json
from pathlib import Path

import pytest
from desk_helpers import served_desk
from service_helpers import CHROMIUM

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason=f"no Chromium at {CHROMIUM}: `apt-get install chromium` (.ci/run does this in CI)",
)
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_source() -> str:
    """The text of axe.min.js from the installed axe-playwright-python package."""
    try:
        dist = importlib.metadata.distribution("axe-playwright-python")
    except importlib.metadata.PackageNotFoundError:
        pytest.skip("axe-playwright-python is not installed (it is in the dev extra)")
    for file in dist.files or ():
        if file.name == "axe.min.js":
            return Path(str(dist.locate_file(file))).read_text(encoding="utf-8")
    pytest.skip("axe-playwright-python ships no axe.min.js")
    raise AssertionError  # unreachable: skip raises


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    """A served store with a campaign, another story, a finished batch job: ``(base, paths)``."""
    with served_desk(tmp_path_factory.mktemp("a11y") / "a11y.db") as served:
        yield served


def _violations(page, source: str) -> list[dict]:
    # Evaluated through the DevTools protocol: the pages' CSP refuses inline scripts.
    page.evaluate(source)
    result = page.evaluate(
        "async (tags) => await axe.run(document, "
        "{runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return list(result["violations"])


WIDE = """() => Array.from(document.querySelectorAll('body *'))
  .filter((e) => e.getBoundingClientRect().right > 391 && !e.closest('dialog:not([open])'))
  .filter((e) => !Array.from(e.children).some((c) => c.getBoundingClientRect().right > 391))
  .slice(0, 8).map((e) => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className)"""


def _too_wide(page) -> list[str]:
    """The innermost elements that stick out past the window's right edge."""
    return list(page.evaluate(WIDE))


def _report(found: dict[str, list[dict]]) -> str:
    lines = []
    for page_name, violations in found.items():
        for v in violations:
            targets = [json.dumps(n["target"]) for n in v["nodes"][:8]]
            lines.append(f"{page_name}: {v['id']} ({v['impact']}) {v['help']}: {targets}")
    return "\n".join(lines)


@pytest.mark.parametrize("mode", ["light", "dark", "phone-390px"])
def test_every_page_has_no_wcag_21_aa_violation(desk, page, mode):
    base, paths = desk
    source = axe_source()
    if mode == "dark":
        cdp = page.context.new_cdp_session(page)
        cdp.send(
            "Emulation.setEmulatedMedia",
            {"features": [{"name": "prefers-color-scheme", "value": "dark"}]},
        )
    elif mode == "phone-390px":
        page.set_viewport_size({"width": 390, "height": 844})
    found: dict[str, list[dict]] = {}
    # Script errors are a failure too: the pages must work, not only be accessible.
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    for name, path in paths.items():
        page.goto(base + path)
        if mode == "dark":
            assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
        violations = _violations(page, source)
        if violations:
            found[name] = violations
        if mode == "phone-390px":  # nothing is cut off: the page does not scroll sideways
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, f"{name} is {width} px wide at 390 px: {_too_wide(page)}"
    # States reached with the keyboard or a tap: the shortcuts dialog open; a result page
    # with highlighting off, a highlight's details shown and the restored characters open.
    page.goto(base + "/")
    page.keyboard.press("?")
    found["home+shortcuts"] = _violations(page, source)
    page.goto(base + paths["result"])
    page.keyboard.press("h")
    page.locator("#story mark.ev").first.click()
    page.click("#restored-letters summary")
    found["result+details"] = _violations(page, source)
    found = {name: v for name, v in found.items() if v}
    assert not found, "axe-core found WCAG 2.1 AA violations:\n" + _report(found)
    assert errors == []


def test_a_logged_in_analysts_pages_have_no_violation(tmp_path, page):
    """A locked server: the login form, then pages whose header names the analyst."""
    from service_helpers import running_server

    from hoaxlens.service.app import create_app
    from hoaxlens.service.settings import ServiceSettings

    key = "a11y-token-0123456789abcdef"  # a test token, not a secret
    settings = ServiceSettings(store_url=str(tmp_path / "locked.db"), token=key)
    source = axe_source()
    found: dict[str, list[dict]] = {}
    with running_server(create_app(settings)) as base:
        page.goto(base + "/dashboard")
        page.wait_for_url(lambda url: "/login?next=" in url)
        found["login (locked)"] = _violations(page, source)
        page.fill('input[name="token"]', key)
        page.click("button:text('Log in')")
        page.wait_for_url("**/dashboard")
        assert "Log out" in page.inner_text("header")  # the header says who is logged in
        for path in ("/dashboard", "/review", "/documents"):
            page.goto(base + path)
            found[path] = _violations(page, source)
    found = {name: v for name, v in found.items() if v}
    assert not found, "axe-core found WCAG 2.1 AA violations:\n" + _report(found)
