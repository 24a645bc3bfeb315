"""The CI gate's filters on small hand-built analyses: fingerprints, baselines, inline suppressions,
severities and the confidence floor (no encoder involved)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from checker import filters
from checker.baseline import Baseline, baseline_bytes, baseline_entries, read_baseline
from checker.config import Settings
from checker.decode import read_document
from checker.errors import InputError
from checker.findings import finding_at
from checker.models import Analysis, DigestGroup, Role, Severity
from checker.suppression import suppressions_in

A_TEXT = "주간 AI 논문\n\n1.  **DeepSeek-OCR** 10배 압축에서 97%의 정확도를 보입니다.\n\n2.  **LoRA** 8개 층에 적용합니다.\n"
B_TEXT = "이번 주 논문\n\n1.  **DeepSeek-OCR** 10배 압축 시 96%의 정확도를 보입니다.\n\n2.  **LoRA** 7개 층에 적용합니다.\n"


def _analysis(segmenter, texts: dict[str, str]) -> Analysis:
    """The files written to the current folder, segmented, compared with each other; no units."""
    docs = []
    for name, text in texts.items():
        Path(name).parent.mkdir(parents=True, exist_ok=True)
        Path(name).write_text(text, encoding="utf-8")
        docs.append(segmenter.segment(read_document(name, Role.RENDERING)))
    return Analysis(
        documents=tuple(docs), source=None, groups=(DigestGroup(0, tuple(texts)),), compared=tuple(texts),
        units=(), document_similarity=(), encoder_signature="encoder:test",
    )


def _findings(analysis: Analysis, path: str = "b.md", numbers: tuple[str, ...] = ("96%", "7개")) -> list:
    """A number-mismatch at each number of ``path``, and an omission at the end of its first item."""
    text = analysis.by_path[path].document.text
    found = [
        finding_at(analysis, "number-mismatch", Severity.ERROR, path, text.index(n), text.index(n) + len(n),
                   message=f"{n} differs", expected="97%" if n == "96%" else "8개", confidence=0.9)
        for n in numbers if n in text
    ]
    gap = text.index("\n", text.index("보입니다"))
    found.append(finding_at(analysis, "omission", Severity.WARNING, path, gap, gap, message="a sentence is missing",
                            expected="태그와 기호.", confidence=0.4))
    return found


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _run(analysis, found, **settings):
    return filters.apply(found, Settings(analysis.compared, **settings), analysis)


# ------------------------------------------------------------------ fingerprints

SPELLINGS = [
    pytest.param("b.md", ".", id="as given"),
    pytest.param("./b.md", ".", id="dot slash"),
    pytest.param("docs/../b.md", ".", id="through another folder"),
    pytest.param("ABSOLUTE", ".", id="absolute"),
    pytest.param("../b.md", "sub", id="run from a subfolder"),
]


@pytest.mark.parametrize("spelling, cwd", SPELLINGS)
def test_a_file_has_one_fingerprint_whatever_its_path_spelling(segmenter, here, spelling, cwd):
    first = _analysis(segmenter, {"a.md": A_TEXT, "b.md": B_TEXT})
    reference = filters.fingerprinted(_findings(first), first, here)
    (here / "docs").mkdir(exist_ok=True)
    (here / "sub").mkdir(exist_ok=True)
    os.chdir(here / cwd)
    name = str(here / "b.md") if spelling == "ABSOLUTE" else spelling
    docs = [segmenter.segment(read_document(str(here / "a.md"), Role.RENDERING)),
            segmenter.segment(read_document(name, Role.RENDERING))]
    analysis = Analysis(documents=tuple(docs), source=None, groups=(), compared=(docs[0].path, name), units=(),
                        document_similarity=(), encoder_signature="x")
    again = filters.fingerprinted(_findings(analysis, name), analysis, here)
    assert [f.fingerprint for f in again] == [f.fingerprint for f in reference]
    assert filters.file_key(name, here) == "b.md"


EDITS = [
    pytest.param(lambda t: "\n\n\n" + t, id="lines inserted above"),
    pytest.param(lambda t: t.replace("이번 주 논문", "이번 주의 새 논문 소개"), id="unrelated text changed"),
    pytest.param(lambda t: t.replace("1.  **DeepSeek", "\n\n1.  **DeepSeek").replace("적용합니다.", "적용합니다. 끝."),
                 id="both"),
]


@pytest.mark.parametrize("edit", EDITS)
def test_fingerprints_survive_moved_lines_and_unrelated_edits(segmenter, here, edit):
    first = _analysis(segmenter, {"a.md": A_TEXT, "b.md": B_TEXT})
    before = filters.fingerprinted(_findings(first), first)
    analysis = _analysis(segmenter, {"a.md": A_TEXT, "b.md": edit(B_TEXT)})
    after = filters.fingerprinted(_findings(analysis), analysis)
    assert [f.fingerprint for f in after] == [f.fingerprint for f in before]


# ------------------------------------------------------------------ baselines


def _baseline(findings, decisions: dict[str, str] | None = None, root: Path | None = None) -> Baseline:
    keys = {f.file: filters.file_key(f.file, root or Path.cwd()) for f in findings}
    path = Path("baseline.json")
    path.write_bytes(baseline_bytes(baseline_entries(findings, keys, None), "sig"))
    if decisions:
        data = json.loads(path.read_text(encoding="utf-8"))
        for entry in data["findings"]:
            entry["decision"] = decisions.get(entry["check"], entry["decision"])
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return read_baseline(str(path))


def test_the_baseline_file_format(segmenter, here):
    analysis = _analysis(segmenter, {"a.md": A_TEXT, "b.md": B_TEXT})
    findings = _run(analysis, _findings(analysis))
    _baseline(findings)
    raw = Path("baseline.json").read_bytes()
    assert raw.endswith(b"}\n") and "96%".encode() in raw and b"\\u" not in raw  # UTF-8, not escaped
    data = json.loads(raw)
    assert data["checker_baseline"] == 1 and data["signature"] == "sig"
    entries = data["findings"]
    assert list(entries[0]) == ["fingerprint", "check", "file", "line", "severity", "text", "expected", "decision",
                                "comment"]
    assert entries == sorted(entries, key=lambda e: (e["file"], e["line"], e["check"], e["fingerprint"]))
    assert {(e["check"], e["file"], e["line"], e["text"], e["decision"]) for e in entries} == {
        ("number-mismatch", "b.md", 3, "96%", "accepted"), ("omission", "b.md", 3, "", "accepted"),
        ("number-mismatch", "b.md", 5, "7개", "accepted"),
    }
    assert raw == baseline_bytes(baseline_entries(findings, {"b.md": "b.md"}, None), "sig")
    assert raw.decode("utf-8") == json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def test_a_baseline_hides_what_it_records_after_lines_move_and_reports_what_no_longer_matches(segmenter, here):
    analysis = _analysis(segmenter, {"a.md": A_TEXT, "b.md": B_TEXT})
    baseline = _baseline(_run(analysis, _findings(analysis)))
    # lines inserted above, a heading reworded, and the second number fixed (7 -> 8): its entry is stale
    edited = "\n\n" + B_TEXT.replace("이번 주 논문", "이번 주의 논문").replace("7개", "8개") + "\n3.  **새 항목** 5%입니다.\n"
    analysis = _analysis(segmenter, {"a.md": A_TEXT, "b.md": edited})
    found = _findings(analysis, numbers=("96%", "5%"))
    shown = _run(analysis, found, baseline=baseline)
    assert [(f.check, f.text, f.line) for f in shown] == [
        ("baseline-stale", "", 5), ("number-mismatch", "5%", 9),
    ]
    stale = shown[0]
    assert stale.severity is Severity.INFO and "number-mismatch" in stale.message and "'7개'" in stale.message
    assert stale.fingerprint and stale.fingerprint != shown[1].fingerprint
    counted = filters.filtered(found, Settings(analysis.compared, baseline=baseline), analysis)
    assert counted.findings == shown and counted.hidden == {"hidden by the baseline": 2}  # 96% and the omission


DECISIONS = [
    pytest.param("accepted", False, id="accepted: hidden"),
    pytest.param("false-alarm", False, id="false alarm: hidden"),
    pytest.param("to-fix", True, id="to fix: still shown"),
]


@pytest.mark.parametrize("decision, shown", DECISIONS)
def test_a_decision_says_whether_the_finding_stays_in_view(segmenter, here, decision, shown):
    analysis = _analysis(segmenter, {"a.md": A_TEXT, "b.md": B_TEXT})
    baseline = _baseline(_run(analysis, _findings(analysis)), {"omission": decision})
    kept = _run(analysis, _findings(analysis), baseline=baseline)
    assert [f.check for f in kept] == (["omission"] if shown else [])


STALE_WHEN = [
    pytest.param({}, True, id="its check ran on its file: stale"),
    pytest.param({"select": ("omission",)}, False, id="its check did not run"),
    pytest.param({"ignore": ("baseline-stale",)}, False, id="baseline-stale ignored"),
    pytest.param({"severity": {"baseline-stale": "warning"}}, True, id="given a severity"),
]


@pytest.mark.parametrize("settings, reported", STALE_WHEN)
def test_a_stale_entry_is_reported_only_where_it_could_have_matched(segmenter, here, settings, reported):
    analysis = _analysis(segmenter, {"a.md": A_TEXT, "b.md": B_TEXT})
    baseline = _baseline(_run(analysis, _findings(analysis)))
    fixed = _analysis(segmenter, {"a.md": A_TEXT, "b.md": B_TEXT.replace("96%", "97%")})
    kept = _run(fixed, _findings(fixed), baseline=baseline, **settings)
    stale = [f for f in kept if f.check == "baseline-stale"]
    assert len(stale) == (1 if reported else 0)
    if stale and "severity" in settings:
        assert stale[0].severity is Severity.WARNING


def test_an_entry_may_name_its_file_as_the_run_was_given_it(segmenter, here):
    analysis = _analysis(segmenter, {"a.md": A_TEXT, "b.md": B_TEXT})
    findings = _run(analysis, _findings(analysis))
    path = Path("page.json")  # as the review page writes it: the file as given to that run, from sub/
    path.write_bytes(baseline_bytes(baseline_entries(findings, {"b.md": "../b.md"}, None), "sig"))
    (here / "sub").mkdir()
    os.chdir(here / "sub")
    fixed = _analysis(segmenter, {"../a.md": A_TEXT, "../b.md": B_TEXT.replace("96%", "97%")})
    kept = _run(fixed, _findings(fixed, "../b.md"), baseline=read_baseline("../page.json"), root=here)
    assert [f.check for f in kept] == ["baseline-stale"]


def test_entries_of_files_not_checked_in_this_run_are_not_stale(segmenter, here):
    analysis = _analysis(segmenter, {"a.md": A_TEXT, "b.md": B_TEXT})
    baseline = _baseline(_run(analysis, _findings(analysis)))
    only_a = _analysis(segmenter, {"a.md": A_TEXT, "c.md": B_TEXT.replace("96%", "97%").replace("7개", "8개")})
    assert _run(only_a, [], baseline=baseline) == ()


def test_write_baseline_mode_drops_nothing(segmenter, here):
    analysis = _analysis(segmenter, {"a.md": A_TEXT, "b.md": B_TEXT})
    baseline = _baseline(_run(analysis, _findings(analysis)))
    kept = _run(analysis, _findings(analysis), baseline=baseline, write_baseline="new.json")
    assert len(kept) == 3


def test_a_rewritten_baseline_keeps_decisions_and_comments(segmenter, here):
    analysis = _analysis(segmenter, {"a.md": A_TEXT, "b.md": B_TEXT})
    findings = _run(analysis, _findings(analysis))
    data = json.loads(baseline_bytes(baseline_entries(findings, {"b.md": "b.md"}, None), "sig"))
    data["findings"][0].update(decision="false-alarm", comment="의도한 표현")
    Path("old.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    entries = baseline_entries(findings, {"b.md": "b.md"}, read_baseline("old.json"))
    assert [(e.decision, e.comment) for e in entries][0] == ("false-alarm", "의도한 표현")
    assert {e.decision for e in entries[1:]} == {"accepted"}


BROKEN_BASELINES = [
    pytest.param(None, "no such baseline file", id="missing"),
    pytest.param("{not json", "invalid JSON at line 1", id="not JSON"),
    pytest.param('{"findings": []}', "not a baseline file", id="no version"),
    pytest.param('{"checker_baseline": 2, "findings": []}', "not a baseline file", id="another version"),
    pytest.param('{"checker_baseline": 1, "findings": [{"check": "omission"}]}', "entry 1", id="no fingerprint"),
    pytest.param('{"checker_baseline": 1, "findings": [{"fingerprint": "ab", "check": "omission", "decision": "maybe"}]}',
                 "entry 1", id="unknown decision"),
    pytest.param(b"\xff\xfe", "not UTF-8", id="not UTF-8"),
]


@pytest.mark.parametrize("content, problem", BROKEN_BASELINES)
def test_a_broken_baseline_is_the_users_error_naming_the_file(here, content, problem):
    path = here / "baseline.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as error:
        read_baseline(str(path))
    assert error.value.path == str(path) and problem in error.value.problem


# ------------------------------------------------------------------ inline suppressions

SUPPRESSIONS = [
    pytest.param("<!-- checker-disable number-mismatch -->\n{B}<!-- checker-enable -->\n", ["omission"], 0,
                 id="block, one check"),
    pytest.param("<!-- checker-disable -->\n{B}<!-- checker-enable -->\n", [], 0, id="block, every check"),
    pytest.param("<!-- checker-disable omission -->\n{B}", ["96%", "7개"], 0, id="block runs to the end"),
    pytest.param("<!-- checker-disable number-mismatch, omission -->\n{B}", [], 0, id="two ids, comma"),
    pytest.param("{TITLE}\n<!-- checker-disable-next-line number-mismatch -->\n{ITEM1}\n\n{ITEM2}",
                 ["7개", "omission"], 0, id="next line only"),
    pytest.param("{TITLE}\n<!-- checker-disable-next-line -->\n{ITEM1}\n\n{ITEM2}", ["7개"], 0,
                 id="next line, every check (the omission at its end too)"),
    pytest.param("{TITLE}\n\n{ITEM1}\n<!-- checker-disable-next-line number-mismatch -->\n\n{ITEM2}",
                 ["96%", "7개", "omission"], 1, id="next line is blank: suppressed nothing"),
    pytest.param("<!-- checker-disable number-mismatch -->\n{TITLE}\n\n{ITEM1}\n<!-- checker-enable number-mismatch -->\n"
                 "\n{ITEM2}", ["7개", "omission"], 0, id="enable by id"),
    pytest.param("<!-- checker-disable -->\n{TITLE}\n<!-- checker-enable number-mismatch -->\n{ITEM1}\n\n{ITEM2}"
                 "<!-- checker-enable -->\n", [], 0, id="a blanket disable ends only at a bare enable"),
    pytest.param("<!-- checker-disable term-glossary -->\n{B}<!-- checker-enable -->\n", ["96%", "omission", "7개"], 1,
                 id="another check: nothing suppressed, reported"),
    pytest.param("<!-- checker-disable-next-line no-such-check -->\n{B}", ["96%", "omission", "7개"], 1,
                 id="unknown id reported"),
    pytest.param("```\n<!-- checker-disable -->\n```\n\n{B}", ["96%", "omission", "7개"], 0, id="in a code fence: example"),
    pytest.param("`<!-- checker-disable -->`\n\n{B}", ["96%", "omission", "7개"], 0, id="in inline code: example"),
    pytest.param("\n\n\n\n{TITLE}\n\n\n<!-- checker-disable-next-line number-mismatch -->\n{ITEM1}\n\n{ITEM2}",
                 ["7개", "omission"], 0, id="lines moved: the comment moves with its line"),
]
_TITLE, _ITEM1, _ITEM2 = B_TEXT.split("\n\n")


@pytest.mark.parametrize("template, shown, unused", SUPPRESSIONS)
def test_inline_suppressions(segmenter, here, template, shown, unused):
    text = template.format(B=B_TEXT, TITLE=_TITLE, ITEM1=_ITEM1, ITEM2=_ITEM2)
    analysis = _analysis(segmenter, {"a.md": A_TEXT, "b.md": text})
    kept = _run(analysis, _findings(analysis))
    assert sorted(f.text or f.check for f in kept if f.check != "unused-suppression") == sorted(shown)
    reported = [f for f in kept if f.check == "unused-suppression"]
    assert len(reported) == unused
    hidden = filters.filtered(_findings(analysis), Settings(analysis.compared), analysis).hidden
    assert hidden == ({"suppressed inline": 3 - len(shown)} if len(shown) < 3 else {})
    for f in reported:
        assert f.severity is Severity.INFO and f.text.startswith("<!-- checker-") and f.fingerprint


UNUSED_WHEN = [
    pytest.param({}, 1, id="every check ran: reported"),
    pytest.param({"select": ("omission", "unused-suppression")}, 0, id="the named check did not run"),
    pytest.param({"ignore": ("unused-suppression",)}, 0, id="ignored"),
    pytest.param({"severity": {"unused-suppression": "off"}}, 0, id="off"),
]


@pytest.mark.parametrize("settings, reported", UNUSED_WHEN)
def test_an_unused_suppression_is_reported_only_where_its_checks_ran(segmenter, here, settings, reported):
    text = "<!-- checker-disable-next-line term-glossary -->\n" + B_TEXT
    analysis = _analysis(segmenter, {"a.md": A_TEXT, "b.md": text})
    kept = _run(analysis, _findings(analysis), **settings)
    assert len([f for f in kept if f.check == "unused-suppression"]) == reported


def test_suppression_comments_are_not_prose(segmenter, here):
    text = ("<!-- checker-disable number-mismatch -->\n" + _TITLE + "\n\n<!-- checker-disable-next-line term-glossary -->\n"
            + _ITEM1 + " <!-- checker-disable-next-line omission -->\n\n" + _ITEM2 + "<!-- checker-enable -->\n")
    analysis = _analysis(segmenter, {"b.md": text})
    sentences = analysis.by_path["b.md"].sentences
    assert sentences and not [s.text for s in sentences if "checker" in s.text or "<!--" in s.text]
    plain = _analysis(segmenter, {"c.md": B_TEXT}).by_path["c.md"].sentences
    assert [s.text for s in sentences] == [s.text for s in plain]
    assert len(suppressions_in(analysis.by_path["b.md"].document)) == 3


# ------------------------------------------------------------------ severities and the confidence floor

SHAPING = [
    pytest.param({}, [("number-mismatch", "error"), ("omission", "warning"), ("number-mismatch", "error")], id="as found"),
    pytest.param({"severity": {"omission": "info"}}, [("number-mismatch", "error"), ("omission", "info"),
                                                       ("number-mismatch", "error")], id="a severity given"),
    pytest.param({"severity": {"number-mismatch": "off"}}, [("omission", "warning")], id="off"),
    pytest.param({"min_confidence": 0.5}, [("number-mismatch", "error"), ("number-mismatch", "error")],
                 id="below the confidence floor"),
]


@pytest.mark.parametrize("settings, kept", SHAPING)
def test_severities_and_the_confidence_floor(segmenter, here, settings, kept):
    analysis = _analysis(segmenter, {"a.md": A_TEXT, "b.md": B_TEXT})
    assert [(f.check, f.severity.value) for f in _run(analysis, _findings(analysis), **settings)] == kept
