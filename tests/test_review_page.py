"""The review page (report.html) in a real headless Chromium, driven with Playwright.

The page under test is the synthetic analysis of ``tests/review_fixture.py``: 2,000 findings
over 40 units and 4 files, with renderings that hold ``<script>`` and ``onerror=``. Chromium is
Debian's (``/usr/bin/chromium``; ``.ci/run`` installs it): Playwright's own browser download is
not used. Without it, or without the playwright package, these tests skip and say why.

``CHECKER_SCREENSHOTS=docs python -m pytest tests/test_review_page.py`` saves the README's
screenshot (the page of the bundled examples) as docs/review-page.png.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from checker.report.html_report import render
from tests.review_fixture import B, C, MISSING, ONERROR, SCRIPT, UNITS, review_analysis

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]

if not Path(CHROMIUM).exists():
    pytest.skip(f"the review page's browser tests need Chromium at {CHROMIUM} (apt-get install chromium)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the browser tests need the playwright package (the test extra)")


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def review():
    return review_analysis()


@pytest.fixture(scope="module")
def page_url(review, tmp_path_factory):
    path = tmp_path_factory.mktemp("review") / "report.html"
    path.write_text(render(*review), encoding="utf-8")
    return path.as_uri()


class Page:
    """A browser tab on the page, with what the console said."""

    def __init__(self, context, url):
        self.tab = context.new_page()
        self.url = url
        self.errors: list[str] = []
        self.tab.on("console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None)
        self.tab.on("pageerror", lambda e: self.errors.append(str(e)))

    def open(self, fragment: str = "") -> Page:
        self.tab.goto(self.url + fragment)
        return self

    def visible(self, selector: str = ".finding") -> list[dict]:
        return self.tab.eval_on_selector_all(
            selector,
            "els => els.filter(e => !e.hidden && !e.closest('[hidden]')).map(e => ({id: e.id, ...e.dataset}))",
        )

    def fragment(self) -> str:
        return self.tab.evaluate("location.hash")


@pytest.fixture
def page(browser, page_url):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 1000})
    yield Page(context, page_url)
    context.close()


def test_loads_without_console_errors_with_every_finding_and_unit(page, review):
    analysis, findings = review
    page.open()
    assert page.errors == []
    assert page.tab.locator("#shown").text_content() == f"{len(findings)} of {len(findings)} findings shown"
    cards = page.visible()
    assert len(cards) == len(findings) == 2000
    assert sorted(c["fingerprint"] for c in cards) == sorted(f.fingerprint for f in findings)
    assert all(c["id"] == "f-" + c["fingerprint"] for c in cards)
    assert all({"check", "severity", "file", "fingerprint"} <= set(c) for c in page.visible("[data-fingerprint]"))
    assert page.tab.locator("section.unit[id^=unit-]").count() == UNITS
    assert page.tab.locator("#unit-2 thead th").all_text_contents() == list(analysis.compared)


def test_sentences_are_rows_and_a_gap_shows_the_missing_text(page):
    page.open()
    unit = page.tab.locator("#unit-2 tbody tr")
    assert unit.count() == 5  # five sentences, linked across the four files
    gap_row = unit.nth(MISSING)
    cells = gap_row.locator("td")
    assert cells.nth(3).get_attribute("class") == "none"  # C says nothing in this row...
    omission = page.tab.locator('#unit-2 span.hl[data-check="omission"]')
    assert omission.count() == 1  # ...and the gap is marked where C's text would have it
    assert "모델 2.2은 벤치마크에서 92% 정확도를 보입니다." in omission.text_content()
    mismatch = unit.nth(0).locator("td").nth(2).locator('mark[data-check="number-mismatch"]')
    assert mismatch.text_content() == "80% ≠ 90%"  # both numbers


def test_filters_set_hidden_and_round_trip_through_the_fragment(page):
    page.open("#check=omission&severity=error")
    shown = page.visible()
    assert len(shown) == 20 and {(c["check"], c["severity"]) for c in shown} == {("omission", "error")}
    hidden_marks = page.tab.eval_on_selector_all(".hl", "els => els.filter(e => e.hidden).map(e => e.dataset.check)")
    assert "omission" not in hidden_marks and set(hidden_marks) == {
        "number-mismatch", "term-inconsistent", "addition", "term-glossary",
    }
    assert page.tab.is_checked('input[data-filter="check"][value="omission"]')
    assert not page.tab.is_checked('input[data-filter="check"][value="addition"]')

    page.tab.check('input[data-filter="check"][value="number-mismatch"]')
    page.tab.uncheck(f'input[data-filter="file"][value="{C}"]')
    assert page.fragment() == "#check=number-mismatch,omission&severity=error&file=ko%2Fa.md,ko%2Fb.md"
    expected = {(c["check"], c["file"]) for c in page.visible()}
    assert expected == {("number-mismatch", "ko/a.md"), ("number-mismatch", B)}
    count = len(page.visible())

    page.tab.reload()  # the same fragment, a fresh page: the same view
    assert len(page.visible()) == count
    assert not page.tab.is_checked(f'input[data-filter="file"][value="{C}"]')

    page.tab.check("#only-findings")
    page.tab.uncheck('input[data-filter="check"][value="number-mismatch"]')
    page.tab.check(f'input[data-filter="file"][value="{C}"]')
    assert "units=with-findings" in page.fragment()
    units = page.tab.eval_on_selector_all("section.unit", "els => els.filter(e => !e.hidden).map(e => e.id)")
    assert units == [f"unit-{u}" for u in range(2, UNITS + 1, 2)]  # the even units: where C has an omission
    assert page.errors == []


def test_j_and_k_move_to_the_next_and_previous_visible_finding(page):
    page.open("#check=omission")
    order = [c["id"] for c in page.visible()]
    focused = []
    for key in ("j", "j", "j", "k"):
        page.tab.keyboard.press(key)
        focused.append(page.tab.evaluate("document.activeElement.id"))
    assert focused == [order[0], order[1], order[2], order[1]]
    page.tab.click(f"#{order[1]} input.comment")
    page.tab.keyboard.press("j")  # typing a comment is not moving
    assert page.tab.evaluate("document.activeElement.tagName") == "INPUT"
    assert page.errors == []


def test_decisions_survive_a_reload_and_download_as_a_baseline(page, review):
    _, findings = review
    page.open()
    first, second = findings[5], findings[1200]
    page.tab.click(f"#f-{first.fingerprint} [data-decide=to-fix]")
    page.tab.click(f"#f-{second.fingerprint} [data-decide=false-alarm]")
    page.tab.fill(f"#f-{second.fingerprint} input.comment", 'the source rounds it; "ok" <b>')
    page.tab.reload()
    assert page.tab.get_attribute(f"#f-{first.fingerprint}", "data-decision") == "to-fix"
    assert page.tab.get_attribute(f"#f-{second.fingerprint}", "data-decision") == "false-alarm"
    assert page.tab.input_value(f"#f-{second.fingerprint} input.comment") == 'the source rounds it; "ok" <b>'
    assert page.tab.locator("#decided").text_content() == "2 decided"

    with page.tab.expect_download() as download:
        page.tab.click("#download")
    text = Path(download.value.path()).read_text(encoding="utf-8")
    baseline = json.loads(text)
    assert text == json.dumps(baseline, indent=2, ensure_ascii=False) + "\n"  # as --write-baseline writes it
    assert list(baseline) == ["checker_baseline", "signature", "findings"]
    assert baseline["checker_baseline"] == 1 and baseline["signature"] == review[0].signature
    entries = baseline["findings"]
    keys = ["fingerprint", "check", "file", "line", "severity", "text", "expected", "decision", "comment"]
    assert all(list(e) == keys for e in entries)
    assert entries == sorted(entries, key=lambda e: (e["file"], e["line"], e["check"], e["fingerprint"]))
    by_fingerprint = {e["fingerprint"]: e for e in entries}
    for finding, decision, comment in ((first, "to-fix", ""), (second, "false-alarm", 'the source rounds it; "ok" <b>')):
        assert by_fingerprint[finding.fingerprint] == {
            "fingerprint": finding.fingerprint, "check": finding.check, "file": finding.file, "line": finding.line,
            "severity": finding.severity.value, "text": finding.text, "expected": finding.expected,
            "decision": decision, "comment": comment,
        }
    page.tab.check("#hide-decided")
    assert "decided=hide" in page.fragment()
    assert len(page.visible()) == len(findings) - 2
    page.tab.uncheck("#hide-decided")
    page.tab.click(f"#f-{first.fingerprint} [data-decide=to-fix]")  # a second click takes it back
    assert page.tab.get_attribute(f"#f-{first.fingerprint}", "data-decision") is None
    assert page.errors == []


def test_injected_markup_shows_as_text_and_never_runs(page):
    page.open()
    page.tab.click("button[data-tab=glossary]")
    assert "tab=glossary" in page.fragment()
    assert page.tab.is_hidden("#units-tab") and page.tab.is_visible("table.glossary")
    page.tab.click("button[data-tab=units]")
    assert page.tab.evaluate("window.__injected") is None
    assert page.tab.evaluate("document.images.length") == 0
    assert page.tab.evaluate("document.scripts.length") == 2  # the page's data and its own script
    cell = page.tab.locator("#unit-1 tbody tr").nth(1).locator("td").nth(2).text_content()
    assert SCRIPT in cell and ONERROR in cell
    glossary = page.tab.locator("table.glossary").text_content()
    assert SCRIPT + ONERROR in glossary
    assert page.errors == []


def test_glossary_lists_renderings_per_file_and_filters(page, review):
    analysis, _ = review
    page.open("#tab=glossary")
    rows = page.tab.locator("table.glossary tr.term")
    assert rows.count() == len(analysis.terms)
    assert page.tab.locator("table.glossary th").all_text_contents()[4:8] == ["ko/a.md", B, C, "all"]  # files with terms
    assert rows.nth(0).locator("td").all_text_contents()[:8] == [
        "accuracy", "정확도", "preferred", "curated", "200", "199", "180", "579",
    ]
    assert "varied" in rows.nth(0).get_attribute("class")
    page.tab.fill("#term-filter", "bench")
    assert len(page.visible("tr.term")) == 2
    page.tab.fill("#term-filter", "")
    page.tab.check("#only-varied")
    assert [r["term"] for r in page.visible("tr.term")] == ["accuracy 정확도", "accuracy 정밀도"]


def test_screenshot_of_the_bundled_examples(page, tmp_path, monkeypatch):
    """The page of a real run (the bundled examples), at its first finding: the README's picture."""
    from click.testing import CliRunner

    from checker.cli import main
    from tests.paths import EXAMPLES, ROOT

    monkeypatch.chdir(ROOT)  # the page names the files as given: relative paths, as a user types them
    examples = str(EXAMPLES.relative_to(ROOT))
    result = CliRunner().invoke(main, ["lint", examples, "--out", str(tmp_path), "--format", "html", "--quiet"])
    assert result.exit_code == 1, result.output
    page.url = (tmp_path / "report.html").as_uri()
    page.open("#check=omission,number-mismatch,term-inconsistent,term-glossary&units=with-findings")
    page.tab.keyboard.press("j")
    assert page.tab.evaluate("document.activeElement.classList.contains('finding')")
    assert page.errors == []
    shot = tmp_path / "review-page.png"
    page.tab.screenshot(path=str(shot))
    assert shot.read_bytes().startswith(b"\x89PNG")
    if os.environ.get("CHECKER_SCREENSHOTS"):
        folder = Path(os.environ["CHECKER_SCREENSHOTS"])
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, folder / "review-page.png")
