"""The review page's markup, read without a browser (these run where Chromium is missing too):
one card per finding, sentence rows, escaping, the data the script reads."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

from checker.report.html_report import render
from tests.review_fixture import MISSING, UNITS, review_analysis


class _Elements(HTMLParser):
    """Every start tag as (tag, attributes), and the text inside each <script>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


@pytest.fixture(scope="module")
def page():
    analysis, findings = review_analysis()
    html = render(analysis, findings)
    parsed = _Elements()
    parsed.feed(html)
    return analysis, findings, html, parsed


def _with_class(parsed, tag, name):
    return [a for t, a in parsed.tags if t == tag and name in a.get("class", "").split()]


def test_one_card_with_an_anchor_per_finding(page):
    _, findings, _, parsed = page
    cards = _with_class(parsed, "div", "finding")
    assert [c["id"] for c in cards] == [f"f-{c['data-fingerprint']}" for c in cards]
    assert sorted(c["data-fingerprint"] for c in cards) == sorted(f.fingerprint for f in findings)
    by_fingerprint = {f.fingerprint: f for f in findings}
    for card in cards:
        f = by_fingerprint[card["data-fingerprint"]]
        assert (card["data-check"], card["data-severity"], card["data-file"]) == (f.check, f.severity.value, f.file)


def test_every_mark_names_its_finding(page):
    _, findings, _, parsed = page
    marks = [a for t, a in parsed.tags if "hl" in a.get("class", "").split()]
    fingerprints = {f.fingerprint for f in findings}
    assert marks and all(m["data-fingerprint"] in fingerprints and m["data-for"] == f"f-{m['data-fingerprint']}" for m in marks)
    # overlapping spans nest: every finding inside a unit is marked (the one after the last paragraph is not)
    assert len({m["data-fingerprint"] for m in marks}) == len(findings) - 1


def test_units_have_a_row_per_linked_sentence_group(page):
    _, _, html, _ = page
    for unit in (1, 2):
        body = html.split(f'id="unit-{unit}"')[1].split("</section>")[0]
        assert body.count("<tr>") == 1 + 5  # the head, five sentences linked across four files
    assert html.count('<section class="unit" id="unit-') == UNITS
    second = html.split('id="unit-2"')[1].split("</section>")[0]
    gap_row = second.split("<tr>")[2 + MISSING]
    assert gap_row.count('<td class="none"></td>') == 1  # rendering C has nothing in that row


def test_a_number_mismatch_shows_both_numbers_and_an_omission_its_missing_text(page):
    _, _, html, _ = page
    assert '80%<span class="alt" title="in the other file"> &ne; 90%</span></mark>' in html
    assert '<span class="caret">&#8964;</span><span class="missing">모델 2.2은 벤치마크에서 92% 정확도를 보입니다.</span>' in html


def test_input_text_stays_text_and_the_data_is_json(page):
    analysis, findings, html, parsed = page
    assert [t for t, _ in parsed.tags if t in ("img", "script")] == ["script", "script"]  # the data and the page's own
    assert not any(k.startswith("on") for _, a in parsed.tags for k in a)
    data = json.loads(parsed.scripts[0])
    assert data["signature"] == analysis.signature
    assert set(data["findings"]) == {f.fingerprint for f in findings}
    assert "<" not in parsed.scripts[0]  # escaped as \\u003c: the data cannot end its element
    assert "http" not in parsed.scripts[1] and "<link" not in html  # nothing from the network
