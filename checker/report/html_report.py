"""report.html: the review page, one self-contained file (its CSS and script inlined, no network).

The page is rendered here, whole; the script (``assets/review.js``) only filters, moves
between findings and keeps the editor's decisions. Every piece of input text goes through
``html.escape``, and the data the script reads is JSON with ``<``, ``>`` and ``&`` escaped,
so a rendering that holds ``<script>`` shows it as text.

Each unit is a table, one column per compared file (source first) and one row per group of
sentences that the sentence links join across files. Every finding is a card (``.finding``,
with an anchor id) in the cell where it starts, and a mark (``.hl``) at each of its spans;
both carry ``data-check``, ``data-severity``, ``data-file`` and ``data-fingerprint``, which is
what the filters read.
"""

from __future__ import annotations

import bisect
import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from html import escape
from importlib import resources
from pathlib import Path
from urllib.parse import quote

from ..models import Analysis, Finding, Segmented, Severity, Unit
from .files import write_atomic
from .rows import places

_SEVERITIES = [s.value for s in sorted(Severity, key=lambda s: -s.rank)]
# One colour per check, in the registry's order (a check the registry does not name comes after).
_PALETTE = ("#e8590c", "#1c7ed6", "#2f9e44", "#ae3ec9", "#f08c00", "#0c8599", "#d6336c", "#5c940d", "#7048e8", "#868e96")
# Inline: a number mismatch shows the other file's number beside its own.
_SHOW_EXPECTED_INLINE = {"number-mismatch"}


def _asset(name: str) -> str:
    return resources.files("checker.report").joinpath("assets", name).read_text(encoding="utf-8")


def _script_json(data: object) -> str:
    """JSON that cannot close its <script> element or start markup inside it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _check_order(findings: tuple[Finding, ...]) -> list[str]:
    from ..checks import CHECKS  # the registry, for a stable colour per check

    present = {f.check for f in findings}
    return [c for c in CHECKS if c in present] + sorted(present - set(CHECKS))


def _attrs(f: Finding) -> str:
    return (
        f'data-check="{escape(f.check)}" data-severity="{f.severity.value}" '
        f'data-file="{escape(f.file)}" data-fingerprint="{escape(f.fingerprint)}"'
    )


def _anchor(f: Finding, index: int) -> str:
    return f"f-{f.fingerprint or index}"


# --- where each finding goes ----------------------------------------------------------------


@dataclass(frozen=True)
class _Piece:
    """A stretch of one file's text shown in one cell: a sentence with what follows it up to the
    next sentence (so markers and spaces between sentences are shown, and findings on them)."""

    path: str
    paragraph: int
    start: int
    end: int


@dataclass(frozen=True)
class _Mark:
    finding: Finding
    start: int
    end: int


def _unit_pieces(doc: Segmented, indices: tuple[int, ...]) -> dict[object, _Piece]:
    """Node (the sentence index, or the paragraph for one without sentences) -> its piece."""
    pieces: dict[object, _Piece] = {}
    for i in indices:
        paragraph = doc.paragraphs[i]
        sentences = paragraph.sentences
        if not sentences:
            pieces[("p", doc.path, i)] = _Piece(doc.path, i, paragraph.start, paragraph.end)
            continue
        for k, sentence in enumerate(sentences):
            start = paragraph.start if k == 0 else sentence.start
            end = sentences[k + 1].start if k + 1 < len(sentences) else paragraph.end
            pieces[(doc.path, sentence.index)] = _Piece(doc.path, i, start, end)
    return pieces


def _rows(analysis: Analysis, unit: Unit) -> list[dict[str, list[_Piece]]]:
    """The unit's sentences grouped into rows: linked sentences (over every pair of files) share a
    row; rows are ordered by the mean relative position of their sentences in their files."""
    pieces: dict[object, _Piece] = {}
    rank: dict[object, float] = {}
    for path in analysis.compared:
        indices = unit.paragraphs.get(path, ())
        mine = _unit_pieces(analysis.by_path[path], indices)
        for k, node in enumerate(mine):
            rank[node] = (k + 0.5) / len(mine)
        pieces.update(mine)
    parent = {node: node for node in pieces}

    def find(node: object) -> object:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for link in unit.sentence_links:
        if not (link.a_sentences and link.b_sentences):
            continue  # said in one file only: a row of its own
        nodes = [(link.a, i) for i in link.a_sentences] + [(link.b, i) for i in link.b_sentences]
        nodes = [n for n in nodes if n in parent]
        for node in nodes[1:]:
            parent[find(node)] = find(nodes[0])
    groups: dict[object, list[object]] = defaultdict(list)
    for node in pieces:
        groups[find(node)].append(node)
    ordered = sorted(groups.values(), key=lambda nodes: (sum(rank[n] for n in nodes) / len(nodes), rank[nodes[0]]))
    rows = []
    for nodes in ordered:
        row: dict[str, list[_Piece]] = defaultdict(list)
        for node in nodes:
            row[pieces[node].path].append(pieces[node])
        rows.append({path: sorted(ps, key=lambda p: p.start) for path, ps in row.items()})
    return rows


class _Placement:
    """Which piece each finding's card and each of its marks go in (by the offset they start at)."""

    def __init__(self, analysis: Analysis, findings: tuple[Finding, ...], rows_of: dict[str, list]):
        by_path: dict[str, list[_Piece]] = defaultdict(list)
        for rows in rows_of.values():
            for row in rows:
                for path, ps in row.items():
                    by_path[path] += ps
        self._pieces = {path: sorted(ps, key=lambda p: p.start) for path, ps in by_path.items()}
        self._starts = {path: [p.start for p in ps] for path, ps in self._pieces.items()}
        self.cards: dict[_Piece, list[Finding]] = defaultdict(list)
        self.marks: dict[_Piece, list[_Mark]] = defaultdict(list)
        self.elsewhere: list[Finding] = []
        for f in findings:
            home = self.piece_at(f.file, f.start)
            if home is None:
                self.elsewhere.append(f)
            else:
                self.cards[home].append(f)
            spans = [(o.start, o.end) for o in f.occurrences] or [(f.start, f.end)]
            for start, end in spans:
                piece = self.piece_at(f.file, start)
                if piece is not None:
                    self.marks[piece].append(_Mark(f, start, min(end, piece.end)))

    def piece_at(self, path: str, offset: int) -> _Piece | None:
        """The piece that holds the offset, or ends at it (a gap at the end of a paragraph)."""
        starts = self._starts.get(path)
        if not starts:
            return None
        k = bisect.bisect_right(starts, offset) - 1
        if k < 0:
            return None
        piece = self._pieces[path][k]
        return piece if offset <= piece.end else None


# --- pieces of the page ------------------------------------------------------------------


class _Page:
    def __init__(self, analysis: Analysis, findings: tuple[Finding, ...]):
        self.analysis = analysis
        self.findings = findings
        self.colour = {check: i % len(_PALETTE) for i, check in enumerate(_check_order(findings))}
        self.anchor = {id(f): _anchor(f, i) for i, f in enumerate(findings)}
        self.rows_of = {unit.id: _rows(analysis, unit) for unit in analysis.units}
        self.placement = _Placement(analysis, findings, self.rows_of)

    def mark_text(self, piece: _Piece) -> str:
        """The piece's text with its findings marked: a span inside another nests in it, one that
        runs past the end of the span it starts in is cut there (every finding keeps its card)."""
        text = self.analysis.by_path[piece.path].document.text
        out: list[str] = []
        pos = piece.start
        open_marks: list[tuple[int, str]] = []  # (end, what closes it), innermost last

        def close_until(offset: int) -> None:
            nonlocal pos
            while open_marks and open_marks[-1][0] <= offset:
                end, closing = open_marks.pop()
                out.append(escape(text[pos:end]) + closing)
                pos = end

        for mark in sorted(self.placement.marks.get(piece, []), key=lambda m: (m.start, -m.end)):
            f = mark.finding
            close_until(mark.start)
            out.append(escape(text[pos : mark.start]))
            pos = mark.start
            title = escape(f"[{f.check}] {f.message}")
            common = (
                f'class="hl k{self.colour[f.check]} {f.severity.value}" {_attrs(f)} '
                f'data-for="{self.anchor[id(f)]}" title="{title}"'
            )
            if mark.end > mark.start:
                end = min(mark.end, open_marks[-1][0]) if open_marks else mark.end
                alt = (
                    f'<span class="alt" title="in the other file"> &ne; {escape(f.expected)}</span>'
                    if f.check in _SHOW_EXPECTED_INLINE and f.expected
                    else ""
                )
                out.append(f"<mark {common}>")
                open_marks.append((end, f"{alt}</mark>"))
            else:
                missing = f'<span class="missing">{escape(f.expected)}</span>' if f.expected else ""
                out.append(f'<span {common} role="mark"><span class="caret">&#8964;</span>{missing}</span>')
        close_until(piece.end)
        out.append(escape(text[pos : piece.end]))
        return "".join(out)

    def card(self, f: Finding) -> str:
        anchor = self.anchor[id(f)]
        found = (
            f'<div class="exp">here <code>{escape(f.text)}</code> &middot; expected <code>{escape(f.expected)}</code></div>'
            if f.expected and f.text
            else f'<div class="exp">missing here: <q>{escape(f.expected)}</q></div>'
            if f.expected
            else ""
        )
        occurrences = (
            f'<div class="occ">{len(f.occurrences)} occurrences, line:column {escape(places(f))}</div>'
            if len(f.occurrences) > 1
            else ""
        )
        evidence = ""
        if f.evidence:
            items = "".join(
                f"<li><span class=\"ln\">{escape(e.file)}:{e.line}</span> {escape(e.text)}"
                + ("" if e.similarity is None else f' <span class="sim">({e.similarity:.2f})</span>')
                + "</li>"
                for e in f.evidence
            )
            evidence = f'<details class="ev"><summary>evidence ({len(f.evidence)})</summary><ul>{items}</ul></details>'
        return (
            f'<div class="finding k{self.colour[f.check]} {f.severity.value}" id="{anchor}" tabindex="-1" {_attrs(f)}>'
            f'<div class="fh"><span class="sev">{f.severity.value}</span> <b>{escape(f.check)}</b> '
            f'<a class="loc" href="#{anchor}">{escape(f.file)}:{f.line}:{f.column}</a></div>'
            f'<div class="msg">{escape(f.message)}</div>{found}{occurrences}{evidence}'
            '<div class="decide"><button type="button" data-decide="to-fix">to fix</button>'
            '<button type="button" data-decide="false-alarm">false alarm</button>'
            '<input class="comment" type="text" placeholder="comment" aria-label="comment"></div></div>'
        )

    def cell(self, path: str, pieces: list[_Piece]) -> str:
        if not pieces:
            return '<td class="none"></td>'
        doc = self.analysis.by_path[path].document
        parts = []
        for k, piece in enumerate(pieces):
            brk = "<br>" if k and piece.paragraph != pieces[k - 1].paragraph else " " if k else ""
            parts.append(f'{brk}<span class="ln">{doc.line_of(piece.start)}</span>{self.mark_text(piece)}')
        cards = "".join(self.card(f) for piece in pieces for f in self.placement.cards.get(piece, []))
        return f'<td><div class="txt">{"".join(parts)}</div>{cards}</td>'

    def unit(self, unit: Unit) -> str:
        compared = self.analysis.compared
        rows = "".join(
            "<tr>" + "".join(self.cell(path, row.get(path, [])) for path in compared) + "</tr>"
            for row in self.rows_of[unit.id]
        )
        missing = [p for p in compared if not unit.paragraphs.get(p)]
        note = f' &middot; nothing in {", ".join(escape(p) for p in missing)}' if missing else ""
        pairs = "; ".join(
            f"{escape(s.a)} ~ {escape(s.b)}: cosine {s.cosine:.2f}" + ("" if s.chrf is None else f", chrF {s.chrf:.2f}")
            for s in unit.similarity
        )
        agreement = _agreement(unit)
        score = "" if agreement is None else f" &middot; agreement {agreement:.2f}"
        return (
            f'<section class="unit" id="unit-{escape(unit.id)}"><h3>unit {escape(unit.id)}{score}{note}</h3>'
            f'<div class="pairs">{pairs}</div><div class="scroll"><table class="rows" style="--cols:{len(compared)}">{self.head()}<tbody>{rows}'
            "</tbody></table></div></section>"
        )

    def head(self) -> str:
        heads = "".join(f"<th>{escape(p)}</th>" for p in self.analysis.compared)
        return f"<thead><tr>{heads}</tr></thead>"

    def elsewhere(self) -> str:
        """Findings in no unit: those of files left out of the comparison, and any between paragraphs."""
        parts = []
        if self.analysis.excluded:
            items = "".join(f"<li><b>{escape(p)}</b>: not compared, {escape(why)}.</li>" for p, why in self.analysis.excluded.items())
            parts.append(f"<h2>Files left out of the comparison</h2><ul>{items}</ul>")
        if self.placement.elsewhere:
            by_file: dict[str, list[Finding]] = defaultdict(list)
            for f in self.placement.elsewhere:
                by_file[f.file].append(f)
            blocks = "".join(
                f'<h3>{escape(path)}</h3><div class="cards">{"".join(self.card(f) for f in fs)}</div>'
                for path, fs in by_file.items()
            )
            parts.append(f'<section class="unit" id="outside"><h2>Findings outside the aligned units</h2>{blocks}</section>')
        return "".join(parts)

    def render(self) -> str:
        units = "".join(self.unit(u) for u in self.analysis.units)
        data = {
            "signature": self.analysis.signature,
            "findings": {
                f.fingerprint: {
                    "check": f.check, "file": f.file, "line": f.line, "severity": f.severity.value,
                    "text": f.text, "expected": f.expected,
                }
                for f in self.findings
                if f.fingerprint
            },
        }
        return (
            '<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            "<title>checker review</title>"
            f"<style>{_asset('review.css')}{_check_colours(self.colour)}</style></head><body>"
            f"{_summary(self.analysis, self.findings, self.colour)}"
            f"{_toolbar(self.analysis, self.findings, self.colour)}"
            f'<main id="units-tab">{units}{self.elsewhere()}</main>'
            f'<main id="glossary-tab" hidden>{_glossary(self.analysis)}</main>'
            f'<script type="application/json" id="review-data">{_script_json(data)}</script>'
            f"<script>{_asset('review.js')}</script></body></html>\n"
        )


def _check_colours(colour: dict[str, int]) -> str:
    return "".join(f".k{i}{{--c:{_PALETTE[i]}}}" for i in sorted(set(colour.values())))


def _agreement(unit: Unit) -> float | None:
    """How much the renderings of a unit agree: the mean cosine over its pairs of files."""
    if not unit.similarity:
        return None
    return sum(s.cosine for s in unit.similarity) / len(unit.similarity)


def _encoding(seg: Segmented) -> str:
    decoded = seg.document.decoded
    if decoded.still_broken:
        return f"{seg.document.encoding} (mojibake, not repaired)"
    if decoded.repair is not None:
        return f"{seg.document.encoding} (mojibake via {decoded.repair.wrong_codec}, repaired)"
    return seg.document.encoding


def _summary(analysis: Analysis, findings: tuple[Finding, ...], colour: dict[str, int]) -> str:
    group_of = {path: g.id for g in analysis.groups for path in g.paths}
    per_file = Counter(f.file for f in findings)
    files = "".join(
        f"<tr><td>{escape(d.path)}</td><td>{d.document.role.value}</td><td>{escape(_encoding(d))}</td>"
        f"<td>{escape(d.document.lang)}</td><td>{group_of.get(d.path, '')}</td>"
        f"<td>{escape(analysis.excluded.get(d.path, 'compared'))}</td>"
        f'<td><a href="#file={_frag(d.path)}">{per_file[d.path]}</a></td></tr>'
        for d in analysis.documents
    )
    counts = Counter((f.check, f.severity.value) for f in findings)
    checks = list(colour)
    head = "".join(f"<th>{s}</th>" for s in _SEVERITIES)
    body = "".join(
        f'<tr><td><span class="sw k{colour[c]}"></span>{escape(c)}</td>'
        + "".join(
            f'<td><a href="#check={_frag(c)}&amp;severity={s}">{counts[(c, s)]}</a></td>' if counts[(c, s)] else "<td></td>"
            for s in _SEVERITIES
        )
        + f'<td><a href="#check={_frag(c)}">{sum(counts[(c, s)] for s in _SEVERITIES)}</a></td></tr>'
        for c in checks
    ) or f'<tr><td colspan="{len(_SEVERITIES) + 2}">no findings</td></tr>'
    return (
        '<header><h1>checker review</h1>'
        f'<p class="meta">run signature <code>{escape(analysis.signature or "(none)")}</code><br>'
        f"encoder <code>{escape(analysis.encoder_signature)}</code> &middot; reference: {analysis.reference_mode.value}</p>"
        '<div class="summary">'
        "<div><h2>Files</h2><table><tr><th>file</th><th>role</th><th>encoding</th><th>language</th>"
        f"<th>digest group</th><th>status</th><th>findings</th></tr>{files}</table></div>"
        f"<div><h2>Findings</h2><table><tr><th>check</th>{head}<th>all</th></tr>{body}"
        f'<tr class="total"><td>all</td>'
        + "".join(f"<td>{sum(n for (_, s), n in counts.items() if s == sev)}</td>" for sev in _SEVERITIES)
        + f"<td>{len(findings)}</td></tr></table></div>"
        f"{_heat_map(analysis)}</div>{_agreement_bar(analysis)}</header>"
    )


def _frag(value: str) -> str:
    """A value as the script reads it from the fragment (encodeURIComponent's escapes)."""
    return escape(quote(value, safe="-_.!~*'()"))


def _heat_map(analysis: Analysis) -> str:
    similar = {(s.a, s.b): s for s in analysis.document_similarity}
    similar.update({(s.b, s.a): s for s in analysis.document_similarity})
    paths = [d.path for d in analysis.documents if any(d.path in pair for pair in similar)]
    if not paths:
        return ""
    head = "".join(f'<th title="{escape(p)}">{k + 1}</th>' for k, p in enumerate(paths))
    rows = []
    for k, a in enumerate(paths):
        cells = []
        for b in paths:
            s = similar.get((a, b))
            if s is None:
                cells.append('<td class="diag"></td>')
                continue
            extra = ("" if s.chrf is None else f", chrF {s.chrf:.3f}") + ("" if s.anchors is None else f", shared names {s.anchors:.3f}")
            cells.append(
                f'<td class="heat" style="--v:{max(0.0, min(1.0, s.cosine)):.3f}" '
                f'title="{escape(a)} ~ {escape(b)}: cosine {s.cosine:.3f}{extra}">{s.cosine:.2f}</td>'
            )
        rows.append(f'<tr><th class="name">{k + 1}. {escape(a)}</th>{"".join(cells)}</tr>')
    return f'<div><h2>Similarity</h2><table class="heatmap"><tr><th></th>{head}</tr>{"".join(rows)}</table></div>'


def _agreement_bar(analysis: Analysis) -> str:
    if not analysis.units:
        return ""
    bars = []
    for unit in analysis.units:
        agreement = _agreement(unit)
        if agreement is None:
            bars.append(f'<a class="bar lone" href="#unit-{escape(unit.id)}" title="unit {escape(unit.id)}: one file only"></a>')
        else:
            value = max(0.0, min(1.0, agreement))
            bars.append(
                f'<a class="bar" href="#unit-{escape(unit.id)}" style="--v:{value:.3f}" '
                f'title="unit {escape(unit.id)}: agreement {agreement:.2f} (mean cosine of {len(unit.similarity)} pairs)"></a>'
            )
    return f'<h2>Agreement per unit</h2><div class="bars">{"".join(bars)}</div>'


def _toolbar(analysis: Analysis, findings: tuple[Finding, ...], colour: dict[str, int]) -> str:
    def boxes(dimension: str, values: list[str], label=lambda v: escape(v)) -> str:
        counts = Counter(getattr(f, dimension) if dimension != "severity" else f.severity.value for f in findings)
        return "".join(
            f'<label><input type="checkbox" data-filter="{dimension}" value="{escape(v)}" checked>{label(v)}'
            f' <span class="n">{counts[v]}</span></label>'
            for v in values
        )

    files = [d.path for d in analysis.documents if any(f.file == d.path for f in findings)]
    checks = boxes("check", list(colour), lambda c: f'<span class="sw k{colour[c]}"></span>{escape(c)}')
    return (
        '<nav id="toolbar"><div class="tabs"><button type="button" data-tab="units" aria-pressed="true">Units</button>'
        '<button type="button" data-tab="glossary" aria-pressed="false">Glossary</button></div>'
        f'<fieldset><legend>check</legend>{checks}</fieldset>'
        f'<fieldset><legend>severity</legend>{boxes("severity", _SEVERITIES)}</fieldset>'
        f'<fieldset><legend>file</legend>{boxes("file", files)}</fieldset>'
        '<fieldset><legend>show</legend><label><input type="checkbox" id="only-findings">only units with findings</label>'
        '<label><input type="checkbox" id="hide-decided">hide decided findings</label></fieldset><div class="status"><span id="shown"></span> &middot; <kbd>j</kbd>/<kbd>k</kbd> next/previous'
        ' &middot; <span id="decided"></span> <button type="button" id="download">download decisions (baseline)</button>'
        ' <button type="button" id="clear-decisions">clear decisions</button><span id="storage-note"></span></div></nav>'
    )


def _glossary(analysis: Analysis) -> str:
    if not analysis.terms:
        return (
            "<h2>Glossary</h2><p>No terms: the glossary is the terminology the term checks build "
            "(term-inconsistent, term-glossary), and this run found none or did not run them.</p>"
        )
    paths = [p for p in analysis.compared if any(p in t.counts for t in analysis.terms)]
    head = "".join(f"<th>{escape(p)}</th>" for p in paths)
    by_term: dict[str, list] = defaultdict(list)
    for term in analysis.terms:
        by_term[term.en].append(term)
    rows = []
    for en, renderings in by_term.items():
        used = sum(1 for t in renderings if sum(t.counts.values()))
        varied = " varied" if used > 1 else ""
        for k, t in enumerate(renderings):
            first = f'<td class="en{" same" if k else ""}">{escape(en or "(no English)")}</td>'
            counts = "".join(f"<td>{t.counts.get(p, '') or ''}</td>" for p in paths)
            rows.append(
                f'<tr class="term{varied}" data-term="{escape((en + " " + t.ko).lower())}">{first}<td>{escape(t.ko)}</td>'
                f'<td class="st {escape(t.status)}">{escape(t.status)}</td><td>{"curated" if t.curated else "learned"}</td>'
                f"{counts}<td>{sum(t.counts.values())}</td><td class=\"note\">{escape(t.note)}</td></tr>"
            )
    return (
        f"<h2>Glossary</h2><p>{len(by_term)} terms, {len(analysis.terms)} renderings; a term rendered more than one "
        'way is marked. <input id="term-filter" type="search" placeholder="filter terms" aria-label="filter terms"> '
        '<label><input type="checkbox" id="only-varied">only terms rendered more than one way</label></p>'
        f'<table class="glossary"><tr><th>English</th><th>rendering</th><th>status</th><th>from</th>{head}'
        f'<th>all</th><th>note</th></tr>{"".join(rows)}</table>'
    )


def render(analysis: Analysis, findings: tuple[Finding, ...]) -> str:
    return _Page(analysis, findings).render()


def write(analysis: Analysis, findings: tuple[Finding, ...], out: Path) -> list[Path]:
    return [write_atomic(out / "report.html", render(analysis, findings).encode("utf-8"))]
