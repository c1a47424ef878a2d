"""``minutes serve`` in a real browser (Debian's Chromium, headless, driven by Playwright): the pages update
themselves as the secretary edits, breaks and fixes a record."""

from __future__ import annotations

import signal
from pathlib import Path
from urllib.parse import urljoin

from conftest import SEED_RECORD, comparable
from serving import chromium, serving

from minutes.workspace import Workspace

TINY = "harms-committee-1403-05-10"
DECISION = "اقتصاد مقاومتی ارسال شود."
EDITED = "اقتصاد مقاومتی ارسال گردد."
WAIT_MS = 30_000

ALL_LOADED = """section => Array.from(section.querySelectorAll('img.page'))
                             .every(image => image.complete && image.naturalWidth > 800)"""
# The screen position of the first and last character of an element's text: which one is on the right.
ENDS = """element => {
    const text = element.firstChild, range = document.createRange();
    const box = (start) => { range.setStart(text, start); range.setEnd(text, start + 1);
                             return range.getBoundingClientRect(); };
    return [box(0).left, box(text.length - 1).left];
}"""


def test_pages_follow_edits_errors_and_fixes_without_a_reload(workspace: Workspace, tmp_path: Path) -> None:
    record = workspace.meetings / f"{SEED_RECORD}.yaml"
    original = record.read_text(encoding="utf-8")
    assert original.count(DECISION) == 1
    records = [f"data/meetings/{SEED_RECORD}.yaml", f"data/meetings/{TINY}.yaml"]
    with serving(workspace.root, "serve", *records) as served, chromium(tmp_path / "profile") as browser:
        index = browser.new_page()
        index.set_default_timeout(WAIT_MS)
        index.goto(served.url)
        assert index.locator("html").get_attribute("dir") == "rtl"
        index.wait_for_selector(f'tr[data-record="{SEED_RECORD}"] .badge.valid')  # once the first build is done
        assert index.locator("tbody tr").count() == 2

        page = browser.new_page()
        page.set_default_timeout(WAIT_MS)
        page.goto(served.url)
        page.click(f'a[href="/r/{SEED_RECORD}"]')
        minutes = page.locator('section.document[data-file="minutes.pdf"]')
        minutes.wait_for()
        page.wait_for_function(f"() => ({ALL_LOADED})(document.querySelector('section[data-file=\"minutes.pdf\"]'))")
        assert minutes.locator("img.page").count() == 3
        assert page.locator(".problem").count() == 0
        page.evaluate("window.sameDocument = true")  # gone if the page were loaded again
        before = minutes.get_attribute("data-token")
        old_images = [page.request.get(src).body() for src in _sources(minutes)]

        # An edit: the minutes' page images change by themselves.
        record.write_text(original.replace(DECISION, EDITED), encoding="utf-8")
        page.wait_for_function(f"""() => {{
            const section = document.querySelector('section[data-file="minutes.pdf"]');
            return section.dataset.token !== '{before}' && ({ALL_LOADED})(section);
        }}""")
        assert page.evaluate("window.sameDocument") is True
        edited = minutes.get_attribute("data-token")
        new_images = [page.request.get(src).body() for src in _sources(minutes)]
        assert len(new_images) == 3 and new_images != old_images
        pdf = page.request.get(urljoin(served.url, minutes.locator("a.pdf").get_attribute("href")))
        assert pdf.headers["content-type"] == "application/pdf"
        assert comparable(EDITED) in comparable(_pdf_text(pdf.body(), tmp_path))

        # A mistake: the problem appears above the pages, with its line; the pages stay, marked stale.
        record.write_text(original.replace(DECISION, EDITED).replace("  weekday: چهارشنبه", "  weekday: پنجشنبه"),
                          encoding="utf-8")
        problem = page.locator(".record-problems .problem.error")
        problem.wait_for()
        assert page.evaluate("window.sameDocument") is True
        assert problem.locator(".where").inner_text() == f"data/meetings/{SEED_RECORD}.yaml:8:12"
        assert problem.locator(".code").inner_text() == "weekday-mismatch"
        assert problem.locator(".message").inner_text() == "تاریخ 1395/08/12 چهارشنبه است، نه پنجشنبه"
        assert problem.locator("pre.source").inner_text() == "8  weekday: پنجشنبه"
        assert problem.locator("pre.source mark").inner_text() == "پنجشنبه"
        assert page.locator(".documents.stale").count() == 1 and page.locator(".stale-note").is_visible()
        assert minutes.get_attribute("data-token") == edited  # the last good pages
        _assert_bidi(page)
        index.wait_for_selector(f'tr[data-record="{SEED_RECORD}"] .badge.error')  # the index follows too
        assert index.locator(f'tr[data-record="{TINY}"] .badge.valid').count() == 1

        # The fix: the problem goes, the pages are current again.
        record.write_text(original.replace(DECISION, EDITED), encoding="utf-8")
        page.wait_for_selector(".problem", state="detached")
        assert page.locator(".documents.stale").count() == 0
        assert minutes.get_attribute("data-token") == edited
        assert page.evaluate("window.sameDocument") is True
        index.wait_for_selector(f'tr[data-record="{SEED_RECORD}"] .badge.valid')
        served.process.send_signal(signal.SIGINT)  # Ctrl-C with two pages still listening
        assert served.process.wait(15) == 0


def _sources(section: object) -> list[str]:
    return section.locator("img.page").evaluate_all("images => images.map(image => image.src)")  # type: ignore


def _pdf_text(data: bytes, tmp_path: Path) -> str:
    from conftest import pdftotext

    path = tmp_path / "served.pdf"
    path.write_bytes(data)
    return pdftotext(path)


def _assert_bidi(page: object) -> None:
    """The browser lays out each part in its own direction: the location left to right, the Persian
    message right to left (its first letter on the right)."""
    where_first, where_last = page.locator(".problem .where").evaluate(ENDS)  # type: ignore[attr-defined]
    assert where_first < where_last
    first, last = page.locator(".problem .message").evaluate(ENDS)  # type: ignore[attr-defined]
    assert first > last
