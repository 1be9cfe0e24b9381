"""Full keyboard use in real headless Chromium (issue 20).

"?" opens the list of shortcuts, "/" focuses the search box, "g" then a letter goes to a
page, j/k move through a list and o opens its row, "g" alone labels in the review queue,
"h" turns evidence highlighting off and on, and a highlight's details (its tooltip) are
reachable by a tap, a click or the restored-characters list, not only by hovering.
"""

from __future__ import annotations

import httpx
import pytest
from desk_helpers import served_desk
from service_helpers import CHROMIUM

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason=f"no Chromium at {CHROMIUM}: `apt-get install chromium` (.ci/run does this in CI)",
)


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    with served_desk(tmp_path_factory.mktemp("keys") / "keys.db") as served:
        yield served


def _focused(page) -> str:
    return str(page.evaluate("document.activeElement.id || document.activeElement.tagName"))


def test_question_mark_lists_the_shortcuts_and_escape_closes_the_list(desk, page):
    base, _ = desk
    page.goto(base + "/")
    assert not page.is_visible("#shortcuts")
    page.keyboard.press("?")
    assert page.is_visible("#shortcuts")
    listed = page.inner_text("#shortcuts")
    for words in ("Search: focus the search box", "Go to the dashboard", "Next / previous row"):
        assert words in listed
    page.keyboard.press("Escape")
    assert not page.is_visible("#shortcuts")
    # focus returns where the list was opened: the dialog's "close" event, which moves it,
    # is dispatched in a task after the dialog hides, so wait for it (up to 5 s)
    page.wait_for_function(
        "document.activeElement && document.activeElement.id === 'shortcuts-button'",
        timeout=5000,
    )
    assert _focused(page) == "shortcuts-button"
    page.keyboard.press("Enter")  # and the button opens it again
    assert page.is_visible("#shortcuts")


def test_tab_first_reaches_the_skip_link_which_jumps_to_the_content(desk, page):
    base, _ = desk
    page.goto(base + "/dashboard")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert _focused(page) == "main"


def test_slash_focuses_search_and_g_letters_go_to_pages(desk, page):
    base, _ = desk
    page.goto(base + "/documents")
    page.keyboard.press("/")
    assert _focused(page) == "q"
    page.keyboard.type("dance")  # typing in the box is not taken for shortcuts
    assert page.input_value("#q") == "dance"
    page.goto(base + "/review")
    page.keyboard.press("g")
    page.keyboard.press("d")
    page.wait_for_url("**/dashboard")
    page.keyboard.press("/")  # no search box here: the documents page opens with its box
    page.wait_for_url("**/documents#q")
    assert _focused(page) == "q"
    page.keyboard.press("Escape")  # leave the box
    assert _focused(page) != "q"
    page.keyboard.press("g")
    page.keyboard.press("n")
    page.wait_for_url("**/networks")


def test_j_k_move_through_a_list_and_o_opens_the_row(desk, page):
    base, _ = desk
    page.goto(base + "/documents?q=dance")
    rows = page.locator("#results tbody tr[data-id]")
    assert rows.count() >= 3
    page.keyboard.press("j")
    assert "current" in (rows.nth(0).get_attribute("class") or "")
    page.keyboard.press("j")
    assert rows.nth(1).get_attribute("aria-current") == "true"
    assert page.evaluate("document.activeElement.closest('tr').dataset.id") == (
        rows.nth(1).get_attribute("data-id")
    )
    page.keyboard.press("k")
    first = rows.nth(0).get_attribute("data-id")
    assert rows.nth(0).get_attribute("aria-current") == "true"
    page.keyboard.press("o")
    page.wait_for_url(f"**/documents/{first}")


def test_g_alone_labels_genuine_but_g_d_only_goes_to_the_dashboard(desk, page):
    base, paths = desk

    def genuine() -> int:
        found = httpx.get(f"{base}/v1/documents", params={"analyst_label": "genuine"}, timeout=30)
        return int(found.json()["total"])

    before = genuine()
    page.goto(base + paths["result-plain"])
    page.keyboard.press("g")
    page.keyboard.press("d")
    page.wait_for_url("**/dashboard")
    page.wait_for_timeout(1000)  # longer than g's pause: nothing was labelled
    assert genuine() == before
    page.goto(base + paths["result-plain"])
    page.keyboard.press("g")  # alone: the page's "Genuine (g)" button, after the pause
    page.wait_for_function(
        "() => document.querySelector('#labels') && "
        "document.querySelector('#labels').textContent.includes('genuine')"
    )
    assert genuine() == before + 1


def test_h_toggles_evidence_highlighting_and_highlights_explain_themselves(desk, page):
    base, paths = desk
    page.goto(base + paths["result"])
    mark = page.locator("#story mark.ev").first
    lit = mark.evaluate("m => getComputedStyle(m).backgroundColor")
    assert lit != "rgba(0, 0, 0, 0)"
    assert page.is_checked("#show-highlights")
    page.keyboard.press("h")
    assert not page.is_checked("#show-highlights")
    assert mark.evaluate("m => getComputedStyle(m).backgroundColor") == "rgba(0, 0, 0, 0)"
    page.reload()  # the choice is remembered
    assert not page.is_checked("#show-highlights")
    page.click("#show-highlights")  # the box itself, by mouse or Space
    assert (
        page.locator("#story mark.ev").first.evaluate("m => getComputedStyle(m).backgroundColor")
        == lit
    )
    # A tap or a click on a highlight says what its tooltip says.
    page.locator("#story mark.ev").first.click()
    assert "evidence" in page.inner_text("#mark-details")
    # Every swapped letter is listed, reachable by Tab and Enter.
    page.focus("#restored-letters summary")
    page.keyboard.press("Enter")
    assert "CYRILLIC" in page.inner_text("#restored-letters")


def test_the_highlight_toggle_works_without_javascript(desk, tmp_path):
    from playwright.sync_api import sync_playwright
    from service_helpers import ARGS

    base, paths = desk
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            page = browser.new_context(java_script_enabled=False).new_page()
            page.goto(base + paths["result"])
            mark = page.locator("#story mark.ev").first
            lit = mark.evaluate("m => getComputedStyle(m).backgroundColor")
            assert lit != "rgba(0, 0, 0, 0)"
            page.click("#show-highlights")
            assert mark.evaluate("m => getComputedStyle(m).backgroundColor") == "rgba(0, 0, 0, 0)"
            assert not page.is_visible("#shortcuts-button")  # only offered where it works
        finally:
            browser.close()


def test_a_queue_label_against_a_confident_score_asks_first(desk, page):
    base, _ = desk
    asked: list[str] = []

    def answer(dialog) -> None:
        asked.append(dialog.message)
        if len(asked) == 1:
            dialog.dismiss()
        else:
            dialog.accept()

    page.on("dialog", answer)
    page.goto(base + "/documents?sort=score&analyst_label=none")
    top = page.locator("#results tbody tr[data-id]").first.get_attribute("data-id")
    page.goto(base + "/review")
    row = page.locator(f'#queue tr[data-id="{top}"]')
    row.locator("td").first.click()  # selects the row (its link would open it)
    page.keyboard.press("g")  # genuine, on a story scored 1.00 fabricated
    page.wait_for_function("() => document.getElementById('queue-status').textContent")
    assert "Label it genuine anyway?" in asked[0]
    assert "cancelled" in page.inner_text("#queue-status")
    assert "done" not in (row.get_attribute("class") or "")
    row.locator("td").first.click()  # selects the row (its link would open it)
    page.keyboard.press("g")
    page.wait_for_selector(f'#queue tr.done[data-id="{top}"]')
    assert len(asked) == 2
    assert f"Labelled #{top} genuine" in page.inner_text("#queue-status")


def test_a_running_job_page_updates_in_place_without_reloading(tmp_path, page):
    from service_helpers import PLAIN, jsonl, running_server

    from hoaxlens.service.app import create_app
    from hoaxlens.service.settings import ServiceSettings

    settings = ServiceSettings(store_url=str(tmp_path / "job.db"), run_worker=False)
    with running_server(create_app(settings)) as base:
        job = httpx.post(
            f"{base}/v1/batch",
            content=jsonl([{"id": "a", "text": PLAIN}]),
            headers={"content-type": "application/x-ndjson"},
            timeout=60,
        ).json()
        page.goto(f"{base}/jobs/{job['id']}")
        page.focus("a[href$='/results']")  # a keyboard user's place on the page
        page.evaluate("window.stillHere = true")
        page.wait_for_timeout(4000)  # two polls of the queued job's progress
        assert page.evaluate("window.stillHere === true")  # not reloaded
        assert page.evaluate("document.activeElement.getAttribute('href')").endswith("/results")
        assert "queued · 0 of 1 records" in page.inner_text("#job-status")


def test_tab_reaches_a_queue_row_and_enter_opens_it(desk, page):
    base, _ = desk
    page.goto(base + "/review")
    row = page.locator("#queue tbody tr[data-id]").first
    document_id = row.get_attribute("data-id")
    row.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/documents/{document_id}")
