"""digest-mismatch on the bundled examples: 002 renders another week's digest than 001 and 003."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.checks import CHECKS
from checker.config import Settings
from checker.pipeline import run
from tests.paths import FREE, LEAD, OTHER_DIGEST

# The first paragraph of each example: where a finding points, and what it expected there.
FIRST = {
    FREE: "최신 AI 연구 동향 업데이트",
    OTHER_DIGEST: "1.  **확장 가능한 월드 모델(world model) 내 에이전트(agent) 훈련의 진화**",
    LEAD: "다음은 업데이트된 블로그 게시물입니다.",
}


def _mismatch(path: Path, reference: Path) -> tuple[str, str, str, int, int, str, str]:
    return ("digest-mismatch", "error", str(path), 1, 1, FIRST[path], FIRST[reference])


# Each row: renderings and source that must give exactly these findings, as
# (check, severity, file, line, column, text, expected); and renderings and source that must give none.
CASES = [
    pytest.param(
        (FREE, OTHER_DIGEST, LEAD), None, [_mismatch(OTHER_DIGEST, FREE)],
        (FREE, LEAD), None,
        id="no source: the odd one out of three, against the first of the others",
    ),
    pytest.param(
        (OTHER_DIGEST, LEAD), FREE, [_mismatch(OTHER_DIGEST, FREE)],
        (LEAD,), FREE,
        id="a rendering of another digest than the source",
    ),
    pytest.param(
        (FREE, LEAD), OTHER_DIGEST, [_mismatch(FREE, OTHER_DIGEST), _mismatch(LEAD, OTHER_DIGEST)],
        (FREE,), LEAD,
        id="the source decides which digest is compared",
    ),
    pytest.param(
        (OTHER_DIGEST, FREE), None, [_mismatch(OTHER_DIGEST, FREE)],
        (OTHER_DIGEST,), None,
        id="two files, two digests: the first by path is compared, whatever the order given; one file alone is none",
    ),
]


def _found(paths: tuple[Path, ...], source: Path | None, encoder):
    settings = Settings([str(p) for p in paths], source=str(source) if source else None, select=("digest-mismatch",))
    return run(settings, encoder).findings


def _row(finding):
    return (finding.check, finding.severity.value, finding.file, finding.line, finding.column, finding.text,
            finding.expected)


@pytest.mark.parametrize("bad, bad_source, expected, good, good_source", CASES)
def test_digest_mismatch(bad, bad_source, expected, good, good_source, encoder):
    assert [_row(f) for f in _found(bad, bad_source, encoder)] == expected
    assert [_row(f) for f in _found(good, good_source, encoder)] == []


def test_the_message_names_the_files_it_was_compared_to(encoder):
    [mismatch] = _found((FREE, OTHER_DIGEST, LEAD), None, encoder)
    assert str(FREE) in mismatch.message and str(LEAD) in mismatch.message
    assert "left out of the comparisons" in mismatch.message
    assert [(e.file, e.line, e.text) for e in mismatch.evidence] == [
        (str(FREE), 1, FIRST[FREE]), (str(LEAD), 1, FIRST[LEAD])
    ]


def test_the_check_is_registered_with_examples():
    doc = CHECKS["digest-mismatch"].doc
    assert "Bad:" in doc and "Good:" in doc
