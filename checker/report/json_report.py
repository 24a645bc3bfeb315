"""findings.json and alignment.json: the contract outside tools read."""

from __future__ import annotations

import json
from pathlib import Path

from ..models import Analysis, Finding, PairSimilarity
from .files import write_atomic
from .rows import finding_row

VERSION = 1


def findings_document(analysis: Analysis, findings: tuple[Finding, ...]) -> dict:
    group_of = {path: g.id for g in analysis.groups for path in g.paths}
    return {
        "version": VERSION,
        "signature": analysis.signature,
        "encoder": analysis.encoder_signature,
        "files": [
            {
                "path": d.path,
                "role": d.document.role.value,
                "encoding": d.document.encoding,
                "digest_group": group_of.get(d.path),
            }
            for d in analysis.documents
        ],
        "findings": [finding_row(f) for f in findings],
    }


def _similarity(s: PairSimilarity) -> dict:
    record = {"a": s.a, "b": s.b, "cosine": s.cosine, "chrf": s.chrf}
    if s.anchors is not None:
        record["anchors"] = s.anchors
    return record


def alignment_document(analysis: Analysis) -> dict:
    units = []
    for unit in analysis.units:
        segments = {}
        for path, indices in unit.paragraphs.items():
            doc = analysis.by_path[path]
            segments[path] = [
                {"line": doc.document.line_of(doc.paragraphs[i].start), "text": doc.paragraphs[i].text}
                for i in indices
            ]
        units.append(
            {
                "id": unit.id,
                "segments": segments,
                "similarity": {f"{s.a} | {s.b}": _similarity(s) for s in unit.similarity},
                "sentences": [
                    {
                        "a": link.a,
                        "b": link.b,
                        "a_lines": [_sentence_line(analysis, link.a, i) for i in link.a_sentences],
                        "b_lines": [_sentence_line(analysis, link.b, i) for i in link.b_sentences],
                        "a_text": " ".join(analysis.by_path[link.a].sentences[i].text for i in link.a_sentences),
                        "b_text": " ".join(analysis.by_path[link.b].sentences[i].text for i in link.b_sentences),
                        "similarity": link.similarity,
                    }
                    for link in unit.sentence_links
                ],
            }
        )
    return {
        "version": VERSION,
        "encoder": analysis.encoder_signature,
        "compared": list(analysis.compared),
        "excluded": analysis.excluded,
        "documents": [_similarity(s) for s in analysis.document_similarity],
        "units": units,
    }


def _sentence_line(analysis: Analysis, path: str, index: int) -> int:
    doc = analysis.by_path[path]
    return doc.document.line_of(doc.sentences[index].start)


def _dump(data: dict) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write(analysis: Analysis, findings: tuple[Finding, ...], out: Path) -> list[Path]:
    return [
        write_atomic(out / "findings.json", _dump(findings_document(analysis, findings))),
        write_atomic(out / "alignment.json", _dump(alignment_document(analysis))),
    ]
