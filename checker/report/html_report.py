"""report.html: one self-contained page, the aligned units side by side.

No scripts, fonts or styles from the network; every piece of input text goes
through ``html.escape``. Findings are marked at their spans, with the message
in the mark's title and listed under the cell.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from html import escape
from pathlib import Path

from ..models import Analysis, Finding, Paragraph
from .files import write_atomic
from .rows import places

_CSS = """
body{font-family:system-ui,'Noto Sans KR','Malgun Gothic',sans-serif;margin:1.5rem;color:#222}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #ccc;padding:.4rem .5rem;vertical-align:top;text-align:left}
th{background:#f3f3f3;position:sticky;top:0}
td.unit{white-space:nowrap;font-weight:bold;width:3rem}
p.para{margin:.2rem 0 .6rem 0;line-height:1.55}
span.ln{color:#888;font-size:.75rem;margin-right:.4rem;font-family:monospace}
mark.error{background:#ffc9c9}mark.warning{background:#ffe8a3}mark.info{background:#d0ebff}
mark.gap{background:none;color:#c92a2a;font-weight:bold}
ul.found{margin:.2rem 0;padding-left:1.2rem;font-size:.85rem}
li.error{color:#c92a2a}li.warning{color:#a35f00}li.info{color:#1864ab}
.sim{font-size:.8rem;color:#555}
details{font-size:.85rem;margin-top:.3rem}
td.empty{background:#fafafa;color:#999;font-style:italic}
code{font-size:.85rem}
"""


def _mark(text: str, base: int, findings: list[Finding]) -> str:
    """The paragraph's text with the findings inside it marked (outer spans win on overlap)."""
    pieces = []
    pos = 0
    for f in sorted(findings, key=lambda f: (f.start, -f.end)):
        start, end = max(f.start - base, 0), min(f.end - base, len(text))
        if start < pos:
            continue
        pieces.append(escape(text[pos:start]))
        title = escape(f"[{f.check}] {f.message}", quote=True)
        if end > start:
            pieces.append(f'<mark class="{f.severity.value}" title="{title}">{escape(text[start:end])}</mark>')
        else:
            pieces.append(f'<mark class="gap" title="{title}">&#9650;</mark>')
        pos = max(end, start)
    pieces.append(escape(text[pos:]))
    return "".join(pieces)


def _finding_list(findings: list[Finding]) -> str:
    if not findings:
        return ""
    items = "".join(
        f'<li class="{f.severity.value}"><b>{escape(f.check)}</b> ({f.severity.value}, line {f.line}): '
        f"{escape(f.message)}"
        + (f" &mdash; expected <code>{escape(f.expected)}</code>" if f.expected else "")
        + (f" ({len(f.occurrences)} occurrences, line:column {escape(places(f))})" if len(f.occurrences) > 1 else "")
        + "</li>"
        for f in findings
    )
    return f'<ul class="found">{items}</ul>'


def _paragraph_html(analysis: Analysis, path: str, paragraph: Paragraph, findings: list[Finding]) -> str:
    inside = [f for f in findings if paragraph.start <= f.start <= paragraph.end]
    # A grouped finding is listed once, at its first occurrence, and marked at every one.
    marked = inside + [
        dataclasses.replace(f, start=o.start, end=o.end)
        for f in findings
        for o in f.occurrences[1:]
        if paragraph.start <= o.start <= paragraph.end
    ]
    line = analysis.by_path[path].document.line_of(paragraph.start)
    return (
        f'<p class="para"><span class="ln">{line}</span>'
        f"{_mark(paragraph.text, paragraph.start, marked)}</p>{_finding_list(inside)}"
    )


def _summary(analysis: Analysis, findings: tuple[Finding, ...]) -> str:
    counts = Counter((f.check, f.severity.value) for f in findings)
    rows = "".join(
        f"<tr><td>{escape(check)}</td><td>{sev}</td><td>{n}</td></tr>" for (check, sev), n in sorted(counts.items())
    )
    if not rows:
        rows = '<tr><td colspan="3">no findings</td></tr>'
    group_of = {path: g.id for g in analysis.groups for path in g.paths}
    files = "".join(
        f"<tr><td>{escape(d.path)}</td><td>{d.document.role.value}</td><td>{escape(d.document.encoding)}</td>"
        f"<td>{group_of.get(d.path, '')}</td><td>{escape(analysis.excluded.get(d.path, 'compared'))}</td></tr>"
        for d in analysis.documents
    )
    pairs = "".join(
        f"<tr><td>{escape(s.a)}</td><td>{escape(s.b)}</td><td>{s.cosine:.3f}</td>"
        f"<td>{'' if s.chrf is None else f'{s.chrf:.3f}'}</td>"
        f"<td>{'' if s.anchors is None else f'{s.anchors:.3f}'}</td></tr>"
        for s in analysis.document_similarity
    )
    return (
        "<h2>Files</h2><table><tr><th>file</th><th>role</th><th>encoding</th><th>digest group</th>"
        f"<th>status</th></tr>{files}</table>"
        "<h2>Findings</h2><table><tr><th>check</th><th>severity</th><th>count</th></tr>"
        f"{rows}</table>"
        "<h2>File similarity</h2><table><tr><th>file</th><th>file</th><th>cosine</th><th>chrF</th>"
        f"<th>shared names</th></tr>{pairs}</table>"
    )


def _excluded_section(analysis: Analysis, by_file: dict[str, list[Finding]]) -> str:
    if not analysis.excluded:
        return ""
    blocks = []
    for path, why in analysis.excluded.items():
        blocks.append(
            f"<h3>{escape(path)}</h3><p>Not compared: {escape(why)}.</p>{_finding_list(by_file.get(path, []))}"
        )
    return "<h2>Files left out of the comparison</h2>" + "".join(blocks)


def _sentences_html(analysis: Analysis, unit) -> str:
    if not unit.sentence_links:
        return ""
    rows = []
    for link in unit.sentence_links:
        a = " ".join(analysis.by_path[link.a].sentences[i].text for i in link.a_sentences)
        b = " ".join(analysis.by_path[link.b].sentences[i].text for i in link.b_sentences)
        sim = "only one side" if link.similarity is None else f"{link.similarity:.2f}"
        rows.append(
            f"<tr><td>{escape(link.a)}</td><td>{escape(a)}</td><td>{escape(link.b)}</td>"
            f"<td>{escape(b)}</td><td>{sim}</td></tr>"
        )
    return (
        f"<details><summary>sentence alignment ({len(unit.sentence_links)} links)</summary><table>"
        "<tr><th>file</th><th>sentences</th><th>file</th><th>sentences</th><th>cosine</th></tr>"
        + "".join(rows)
        + "</table></details>"
    )


def render(analysis: Analysis, findings: tuple[Finding, ...]) -> str:
    by_file: dict[str, list[Finding]] = {}
    for f in findings:
        by_file.setdefault(f.file, []).append(f)
    compared = list(analysis.compared)
    header = "".join(f"<th>{escape(path)}</th>" for path in compared)
    rows = []
    for unit in analysis.units:
        cells = []
        for path in compared:
            indices = unit.paragraphs.get(path, ())
            if not indices:
                cells.append('<td class="empty">(nothing here)</td>')
                continue
            paragraphs = analysis.by_path[path].paragraphs
            cells.append(
                "<td>"
                + "".join(_paragraph_html(analysis, path, paragraphs[i], by_file.get(path, [])) for i in indices)
                + "</td>"
            )
        sims = "; ".join(
            f"{escape(s.a)} ~ {escape(s.b)}: cosine {s.cosine:.2f}"
            + ("" if s.chrf is None else f", chrF {s.chrf:.2f}")
            for s in unit.similarity
        )
        detail = f'<div class="sim">{sims}</div>{_sentences_html(analysis, unit)}' if sims else ""
        rows.append(
            f'<tr id="unit-{escape(unit.id)}"><td class="unit">{escape(unit.id)}</td>{"".join(cells)}</tr>'
            + (f'<tr><td></td><td colspan="{len(compared)}">{detail}</td></tr>' if detail else "")
        )
    return (
        '<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>checker report</title><style>{_CSS}</style></head><body>"
        "<h1>checker report</h1>"
        f'<p class="sim">encoder: <code>{escape(analysis.encoder_signature)}</code></p>'
        + _summary(analysis, findings)
        + _excluded_section(analysis, by_file)
        + "<h2>Aligned units</h2>"
        + f'<table><tr><th>unit</th>{header}</tr>{"".join(rows)}</table>'
        + "</body></html>\n"
    )


def write(analysis: Analysis, findings: tuple[Finding, ...], out: Path) -> list[Path]:
    return [write_atomic(out / "report.html", render(analysis, findings).encode("utf-8"))]
