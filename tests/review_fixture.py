"""A synthetic analysis for the review page: 40 units over 4 files (an English source and three
renderings), about 2,000 findings, and renderings that try to inject markup.

Built from records directly (no segmenter, no encoder), so the browser tests are quick and
the page's size is known: every rendering sentence gets a number mismatch, a term finding and
an addition over the whole sentence (it overlaps the other two); rendering C leaves out the
third sentence of every even unit (an omission each); the first sentences get a glossary
finding until there are 2,000; one finding lies after the last paragraph, in no unit.
"""

from __future__ import annotations

import itertools

from checker.filters import fingerprinted
from checker.findings import evidence_at, finding_at
from checker.models import (
    Analysis,
    Decoded,
    DigestGroup,
    Document,
    Finding,
    PairSimilarity,
    Paragraph,
    Role,
    Segmented,
    Sentence,
    SentenceLink,
    Severity,
    TermRendering,
    Unit,
)

SOURCE, A, B, C = "en/source.md", "ko/a.md", "ko/b.md", "ko/c&<i>.md"
PATHS = (SOURCE, A, B, C)
UNITS, SENTENCES = 40, 5
MISSING = 2  # the sentence rendering C leaves out (0-based), in every even unit
SCRIPT = "<script>window.__injected = 'script'</script>"
ONERROR = '<img src="x" onerror="window.__injected = \'onerror\'">'
SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)


def _sentence_text(path: str, unit: int, k: int) -> str:
    if path == SOURCE:
        return f"Model {unit}.{k} reaches 9{k}% accuracy on the benchmark."
    number = 9 if path != B else 8  # B renders every number differently
    text = f"모델 {unit}.{k}은 벤치마크에서 {number}{k}% 정확도를 보입니다."
    if path == B and unit == 1 and k == 1:
        text = f"모델 1.1은 {SCRIPT} 벤치마크에서 81% 정확도를 {ONERROR} 보입니다."
    return text


def _sentence_ks(path: str, unit: int) -> list[int]:
    return [k for k in range(SENTENCES) if not (path == C and unit % 2 == 0 and k == MISSING)]


def _document(path: str) -> Segmented:
    paragraphs, text, index = [], "", 0
    for unit in range(1, UNITS + 1):
        start = len(text)
        sentences = []
        for k in _sentence_ks(path, unit):
            if sentences:
                text += " "
            body = _sentence_text(path, unit, k)
            sentences.append(Sentence(path, index, unit - 1, len(text), len(text) + len(body), body))
            text += body
            index += 1
        paragraphs.append(Paragraph(path, unit - 1, start, len(text), text[start:], None, False, tuple(sentences)))
        text += "\n\n"
    role = Role.SOURCE if path == SOURCE else Role.RENDERING
    lang = "en" if path == SOURCE else "ko"
    document = Document(path, role, text, "utf-8", lang, Decoded(text, "utf-8", text))
    return Segmented(document, tuple(paragraphs))


def _units(docs: dict[str, Segmented]) -> tuple[Unit, ...]:
    units = []
    for u in range(UNITS):
        links, similarity = [], []
        for a, b in itertools.combinations(PATHS, 2):
            cosine = round(0.95 - 0.01 * (u % 20) - (0.1 if C in (a, b) and u % 2 == 0 else 0), 4)
            similarity.append(PairSimilarity(a, b, cosine, None if SOURCE in (a, b) else 0.6))
            by_k_a = dict(zip(_sentence_ks(a, u + 1), (s.index for s in docs[a].paragraphs[u].sentences)))
            by_k_b = dict(zip(_sentence_ks(b, u + 1), (s.index for s in docs[b].paragraphs[u].sentences)))
            for k in range(SENTENCES):
                sa, sb = by_k_a.get(k), by_k_b.get(k)
                links.append(SentenceLink(
                    a, b, () if sa is None else (sa,), () if sb is None else (sb,),
                    None if sa is None or sb is None else 0.9,
                ))
        units.append(Unit(str(u + 1), {p: (u,) for p in PATHS}, tuple(similarity), tuple(links)))
    return tuple(units)


def _terms() -> tuple[TermRendering, ...]:
    return (
        TermRendering("accuracy", "정확도", "preferred", True, {A: 200, B: 199, C: 180}, "preferred in ai-ml.csv:1"),
        TermRendering("accuracy", "정밀도", "allowed", False, {B: 1}, "review: another variant is preferred"),
        TermRendering("benchmark", "벤치마크", "preferred", False, {A: 200, B: 200, C: 180}, "most used"),
        TermRendering("benchmark", SCRIPT + ONERROR, "forbidden", True, {}, ONERROR),  # ruled on, not used
    )


def review_analysis() -> tuple[Analysis, tuple[Finding, ...]]:
    docs = {p: _document(p) for p in PATHS}
    analysis = Analysis(
        documents=tuple(docs[p] for p in PATHS),
        source=SOURCE,
        groups=(DigestGroup(0, PATHS),),
        compared=PATHS,
        units=_units(docs),
        document_similarity=tuple(
            PairSimilarity(a, b, round(0.9 - 0.05 * i, 3), None if SOURCE in (a, b) else 0.6, 0.8)
            for i, (a, b) in enumerate(itertools.combinations(PATHS, 2))
        ),
        encoder_signature="encoder:test|dim:2",
        signature="checker:0.1.0|encoder:test|glossaries:none|reference:source|checks:all",
        terms=_terms(),
    )
    found: list[Finding] = []
    n = 0
    for path in (A, B, C):
        source = docs[SOURCE]
        for paragraph in docs[path].paragraphs:
            for sentence in paragraph.sentences:
                severity = SEVERITIES[n % 3]
                n += 1
                text = docs[path].document.text
                number = text.index("%", sentence.start) - 2
                reference = source.paragraphs[paragraph.index].sentences[0]
                found.append(finding_at(
                    analysis, "number-mismatch", severity, path, number, number + 3,
                    message=f"{text[number:number + 3]} where the source has 9{text[number + 1]}%",
                    expected=f"9{text[number + 1]}%",
                    evidence=[evidence_at(analysis, SOURCE, reference.start, reference.end)],
                ))
                term = text.index("정확도", sentence.start)
                found.append(finding_at(
                    analysis, "term-inconsistent", SEVERITIES[n % 3], path, term, term + 3,
                    message="'accuracy' is rendered 정확도 here" + (f" {ONERROR}" if path == C else ""),
                    expected="정밀도" if path != C else SCRIPT,
                ))
                found.append(finding_at(
                    analysis, "addition", SEVERITIES[(n + 1) % 3], path, sentence.start, sentence.end,
                    message="the sentence says more than the source",
                ))
    for paragraph in docs[C].paragraphs:
        unit = paragraph.index + 1
        if unit % 2 == 0:
            after = paragraph.sentences[MISSING - 1].end
            missing = _sentence_text(A, unit, MISSING)
            found.append(finding_at(
                analysis, "omission", Severity.ERROR, C, after, after,
                message="1 sentence(s) said in the source have no counterpart here", expected=missing,
            ))
    end = len(docs[A].document.text) - 1  # after the last paragraph: in no unit
    found.append(finding_at(analysis, "encoding", Severity.INFO, A, end, end, message="a finding outside the units"))
    sentences = [s for path in (A, B, C) for s in docs[path].sentences]
    for sentence in sentences[: 2000 - len(found)]:
        text = docs[sentence.doc].document.text
        word = text.index("모델", sentence.start)
        found.append(finding_at(
            analysis, "term-glossary", Severity.WARNING, sentence.doc, word, word + 2,
            message="'model' is rendered 모델; the glossary prefers 모형", expected="모형",
        ))
    return analysis, tuple(fingerprinted(found, analysis))
