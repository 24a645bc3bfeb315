"""A finding that stands for several places (one term choice used throughout a file): every
report format names them all."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.filters import fingerprinted
from checker.findings import finding_at, location_at
from checker.decode import read_document
from checker.models import Analysis, DigestGroup, Role, Severity, Unit
from tests.paths import DATA

TEXT = "오너(owner)가 값을 가진다.\n\n값의 오너는 하나다. 오너가 사라지면\n값도 버려진다. 오너!\n"
TERM = "오너"


@pytest.fixture
def grouped(tmp_path, segmenter, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text(TEXT, encoding="utf-8")
    doc = segmenter.segment(read_document("a.md", Role.RENDERING))
    units = tuple(Unit(str(p.index + 1), {"a.md": (p.index,)}, (), ()) for p in doc.paragraphs)  # as for one file alone
    analysis = Analysis(documents=(doc,), source=None, groups=(DigestGroup(0, ("a.md",)),), compared=("a.md",),
                        units=units, document_similarity=(), encoder_signature="test")
    starts = [i for i in range(len(TEXT)) if TEXT.startswith(TERM, i)]
    places = [location_at(analysis, "a.md", s, s + len(TERM)) for s in starts]
    finding = finding_at(analysis, "term-inconsistent", Severity.WARNING, "a.md", starts[0], starts[0] + 2,
                         message="'owner' is rendered '오너' 4 times in this file, first here", expected="소유자",
                         occurrences=places)
    return analysis, tuple(fingerprinted([finding], analysis))


PLACES = ["1:1", "3:4", "3:13", "4:10"]


def _json(analysis, findings):
    from checker.report.json_report import findings_document

    row = findings_document(analysis, findings)["findings"][0]
    return [f"{o['line']}:{o['column']}" for o in row["occurrences"] if o["text"] == TERM]


def _sarif(analysis, findings):
    import jsonschema

    from checker.report.sarif_report import sarif_document

    document = sarif_document(analysis, findings)
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(document)
    related = document["runs"][0]["results"][0]["relatedLocations"]
    return [f"{r['physicalLocation']['region']['startLine']}:{r['physicalLocation']['region']['startColumn']}"
            for r in related if r["physicalLocation"]["region"]["snippet"]["text"] == TERM]


def _text(analysis, findings):
    from checker.report.text_report import finding_lines

    [line] = finding_lines(analysis, findings)
    assert line.endswith("(4 occurrences: 1:1, 3:4, 3:13, 4:10)")
    return line.rsplit(": ", 1)[1].rstrip(")").split(", ")


def _csv(analysis, findings):
    import csv
    import io

    from checker.report.csv_report import to_csv

    [row] = csv.DictReader(io.StringIO(to_csv(findings).decode("utf-8-sig")))
    return row["occurrences"].split(", ")


def _html(analysis, findings):
    import re

    from checker.report.html_report import render

    page = render(analysis, findings)
    marks = re.findall(f'<mark class="hl [^"]*"[^>]* data-fingerprint="{findings[0].fingerprint}"[^>]*>({TERM})</mark>', page)
    assert marks == [TERM] * 4  # marked at every occurrence
    listed = re.findall(r"4 occurrences, line:column ([0-9:, ]+)<", page)
    assert len(listed) == 1  # and listed once, on its card
    return listed[0].split(", ")


FORMATS = [
    pytest.param(_json, PLACES, id="json: an occurrences list"),
    pytest.param(_sarif, PLACES, id="sarif: relatedLocations"),
    pytest.param(_text, PLACES, id="text: the count and the places on the line"),
    pytest.param(_csv, PLACES, id="csv: an occurrences column"),
    pytest.param(_html, PLACES, id="html: every occurrence marked, listed on the card"),
]


@pytest.mark.parametrize("render, expected", FORMATS)
def test_every_format_lists_the_occurrences(grouped, render, expected):
    analysis, findings = grouped
    assert render(analysis, findings) == expected
