"""Glossaries: curated CSV files, term pairs learned from the texts, and particle-aware matching.

Technical Korean carries its own glossary inline: ``치명적 망각(catastrophic forgetting)``,
``fine-tuning(미세 조정)``. This module

- reads and writes glossary CSV files (columns ``en,ko,status,count,files,note``);
- extracts those inline pairs, finding the Korean term's left boundary with kiwipiepy
  (the noun phrase right before the parenthesis, without its particles);
- finds every occurrence of a set of Korean terms through particles and spacing
  (``사전학습을`` is an occurrence of ``사전 학습``), never inside a longer word;
- builds the terminology of a run (concepts, keyed by English term, and their Korean
  variants, from the curated glossaries, the inline pairs and the alignment) and
  aggregates it into a learned glossary.
"""

from __future__ import annotations

import csv
import dataclasses
import difflib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .errors import InputError
from .models import Analysis, Document, Segmented
from .kiwi import kiwi as shared_kiwi

COLUMNS = ("en", "ko", "status", "count", "files", "note")
REQUIRED_COLUMNS = ("en", "ko", "status")
STATUSES = ("preferred", "allowed", "forbidden")
# The starter AI/ML glossary; `checker lint` applies it unless --no-default-glossary.
DEFAULT_GLOSSARY = Path(__file__).resolve().parent.parent / "glossaries" / "ai-ml.csv"

_HANGUL = re.compile(r"[가-힣]")
_LATIN = re.compile(r"[A-Za-z]")
_WORD_CHAR = "가-힣A-Za-z0-9"


# --- keys ------------------------------------------------------------------------------


def en_key(term: str) -> str:
    """One key per English term: case-, plural-, hyphen- and spacing-insensitive.

    ``Fine-tuning``, ``fine tuning`` and ``finetuning`` share a key; so do ``models`` and
    ``model``, and ``pre-trained`` and ``pre-training`` (a participle names the same concept
    as its gerund; only the last word is changed, so ``masked model`` stays apart).
    """
    words = re.split(r"[\s\-_/]+", unicodedata.normalize("NFKC", term).strip().lower())
    words = [w for w in words if w]
    if not words:
        return ""
    words[-1] = _base_form(words[-1])
    return "".join(words)


def _base_form(word: str) -> str:
    if len(word) > 5 and word.endswith("ed") and not word.endswith("eed"):
        return word[:-2] + "ing"
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "shes", "ches", "xes", "iases")):
        return word[:-2]
    if len(word) > 2 and word.endswith("s") and not word.endswith(("ss", "us", "is", "as")):
        return word[:-1]  # bias, corpus, analysis, class are singular
    return word


def ko_key(term: str) -> str:
    """One key per Korean term, whatever its spacing and hyphens: ``사전학습``, ``사전 학습``;
    ``휴먼-인-더-루프``, ``휴먼 인 더 루프``."""
    return re.sub(r"[\s\-]+", "", unicodedata.normalize("NFKC", term)).lower()


def _display(term: str) -> str:
    return re.sub(r"\s+", " ", term).strip()


def is_acronym(term: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][A-Z0-9]{1,7}s?", term))


# --- glossary files ----------------------------------------------------------------------


@dataclass(frozen=True)
class GlossaryEntry:
    """One row of a glossary: a Korean rendering of an English term and its status."""

    en: str
    ko: str
    status: str  # preferred | allowed | forbidden
    count: int | None = None
    files: tuple[str, ...] = ()
    note: str = ""
    source: str = ""  # the glossary file the row came from
    line: int = 0  # its 1-based line there

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}"


@dataclass(frozen=True)
class Glossary:
    """Curated entries from one or more files; a later file overrides an earlier one."""

    entries: tuple[GlossaryEntry, ...] = ()

    @cached_property
    def rulings(self) -> dict[str, dict[str, GlossaryEntry]]:
        """English key -> Korean key -> the entry that rules on that rendering."""
        ruled: dict[str, dict[str, GlossaryEntry]] = defaultdict(dict)
        for entry in self.entries:
            ruled[en_key(entry.en)][ko_key(entry.ko)] = entry
        return dict(ruled)

    @cached_property
    def preferred(self) -> dict[str, GlossaryEntry]:
        """English key -> the preferred rendering (the last file that names one wins)."""
        chosen: dict[str, GlossaryEntry] = {}
        for entry in self.entries:
            if entry.status == "preferred":
                chosen[en_key(entry.en)] = entry
        # a later file may demote the earlier choice without naming a new one
        return {k: e for k, e in chosen.items() if self.rulings[k][ko_key(e.ko)].status == "preferred"}

    def user_words(self) -> tuple[str, ...]:
        """Korean terms to add to kiwipiepy so that its tokenizer keeps them whole."""
        return tuple(sorted({_display(e.ko) for e in self.entries}))


def default_glossaries() -> tuple[str, ...]:
    """The bundled glossary, named relative to the working folder when it lies inside it."""
    if not DEFAULT_GLOSSARY.is_file():
        return ()
    try:
        return (str(DEFAULT_GLOSSARY.relative_to(Path.cwd())),)
    except ValueError:
        return (str(DEFAULT_GLOSSARY),)


def load_glossaries(paths: Iterable[str | Path]) -> Glossary:
    return Glossary(tuple(entry for path in paths for entry in load_glossary(path).entries))


def load_glossary(path: str | Path) -> Glossary:
    """Read a glossary CSV; any malformed row is an InputError naming the file and line."""
    name = str(path)
    text = _read_text(name)
    reader = csv.reader(text.splitlines(keepends=True))
    header: list[str] | None = None
    entries: list[GlossaryEntry] = []
    seen_pairs: dict[tuple[str, str], int] = {}
    seen_preferred: dict[str, int] = {}
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = _check_header(name, line, row)
                continue
            entry = _entry(name, line, header, row)
            pair = (en_key(entry.en), ko_key(entry.ko))
            if pair in seen_pairs:
                raise InputError(name, f"line {line}: {entry.en!r} -> {entry.ko!r} is already on line {seen_pairs[pair]}")
            seen_pairs[pair] = line
            if entry.status == "preferred":
                if pair[0] in seen_preferred:
                    raise InputError(
                        name,
                        f"line {line}: a second preferred rendering of {entry.en!r} "
                        f"(the first is on line {seen_preferred[pair[0]]})",
                    )
                seen_preferred[pair[0]] = line
            entries.append(entry)
    except csv.Error as error:
        raise InputError(name, f"line {reader.line_num}: not valid CSV ({error})") from None
    if header is None:
        raise InputError(name, "line 1: empty glossary; expected the header en,ko,status,count,files,note")
    return Glossary(tuple(entries))


def _read_text(name: str) -> str:
    file = Path(name)
    if not file.is_file():
        raise InputError(name, "no such glossary file")
    try:
        return file.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(name, "glossary is not UTF-8 text") from None
    except OSError as exc:
        raise InputError(name, f"cannot read glossary: {exc.strerror}") from None


def _check_header(name: str, line: int, row: list[str]) -> list[str]:
    header = [cell.strip().lower() for cell in row]
    unknown = [c for c in header if c not in COLUMNS]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if unknown or missing or len(set(header)) != len(header):
        problem = f"unknown column {unknown[0]!r}" if unknown else (
            f"missing column {missing[0]!r}" if missing else "a column is named twice"
        )
        raise InputError(name, f"line {line}: {problem}; the header is en,ko,status[,count,files,note]")
    return header


def _entry(name: str, line: int, header: list[str], row: list[str]) -> GlossaryEntry:
    if len(row) != len(header):
        raise InputError(name, f"line {line}: {len(row)} fields, the header has {len(header)}")
    cells = {column: cell.strip() for column, cell in zip(header, row)}
    en, ko, status = cells["en"], cells["ko"], cells["status"].lower()
    if not _LATIN.search(en):
        raise InputError(name, f"line {line}: en {en!r} is not an English term")
    if not _HANGUL.search(ko):
        raise InputError(name, f"line {line}: ko {ko!r} has no Korean letters")
    if status not in STATUSES:
        raise InputError(name, f"line {line}: status {status!r} is not one of {'|'.join(STATUSES)}")
    count = cells.get("count", "")
    if count and not count.isdigit():
        raise InputError(name, f"line {line}: count {count!r} is not a whole number")
    files = tuple(f.strip() for f in cells.get("files", "").split(";") if f.strip())
    return GlossaryEntry(
        en=_display(en), ko=_display(ko), status=status, count=int(count) if count else None,
        files=files, note=cells.get("note", ""), source=name, line=line,
    )


def write_glossary(entries: Iterable[GlossaryEntry], path: str | Path) -> None:
    """Write entries as given (callers sort them); UTF-8, one row per rendering."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(target.name + ".tmp")
    with temporary.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        for e in entries:
            writer.writerow([e.en, e.ko, e.status, "" if e.count is None else e.count, ";".join(e.files), e.note])
    temporary.replace(target)


# --- masking what is not prose ---------------------------------------------------------------

_NOT_PROSE = (
    re.compile(r"^[ \t>]*(```|~~~)[^\n]*\n.*?^[ \t>]*\1[^\n]*$", re.M | re.S),  # fenced code
    re.compile(r"`[^`\n]+`"),  # inline code
    re.compile(r"\{\{[^}\n]*\}\}"),  # mdBook directives
    re.compile(r"<[^<>\n]*>"),  # HTML tags
    re.compile(r"(?<=\])\([^()\s]*\)"),  # link targets
    re.compile(r"https?://\S+"),
    re.compile(r"^[ \t]*>+", re.M),  # block-quote markers
)


def prose(text: str) -> str:
    """The text with code, markup and links blanked out, offsets unchanged."""
    chars = list(text)
    for pattern in _NOT_PROSE:
        for match in pattern.finditer(text):
            for i in range(match.start(), match.end()):
                if chars[i] != "\n":
                    chars[i] = " "
    return "".join(chars)


# --- inline pairs --------------------------------------------------------------------------


@dataclass(frozen=True)
class TermPair:
    """A Korean term written with its English: ``치명적 망각(catastrophic forgetting)``."""

    en: str
    ko: str  # the Korean term, whitespace collapsed
    path: str
    start: int  # offsets of the Korean term in the file's decoded text
    end: int
    acronyms: tuple[str, ...] = ()  # abbreviations listed with it: "(garbage collector, GC)"
    loose: bool = False  # the Korean may start later: kept only if it ends in a known rendering


@dataclass(frozen=True)
class _Token:
    form: str
    tag: str
    start: int  # offsets in the file's text
    end: int


@dataclass(frozen=True)
class _Candidate:
    """A parenthesis that may hold one side of a pair."""

    open: int
    english: tuple[str, ...]  # English terms inside (Korean term before), or ()
    korean_inside: str  # a Korean term inside (English term before), or ""
    window_start: int  # where Kiwi starts reading the left context (whole words)
    boundary: int  # no term reaches left of this: punctuation, another parenthesis


# Words that make a parenthesis a phrase or a title, not a term.
_FUNCTION_WORDS = frozenset(
    "a an the via for to on in at by from with when while is are was were be been and or that this "
    "it its as into than e.g eg i.e ie etc vs see".split()
)
# Nouns that open adverbial phrases, never a term: 대신, 때, 동안, ...
_NOT_IN_TERMS = frozenset("대신 때 동안 경우 이후 이전 사이 중 후 전 간 및 등 또는 각 특정 해당 여러 일부 기타 통해 위해".split())
# Relational adjectives take their own subject ("특이점이 없는 모델"): not part of a term.
_RELATIONAL = frozenset("없 있 같 다르 많 적".split())
# Particles Kiwi leaves glued to a word it does not know (스택의 as one proper noun).
_GLUED = frozenset("의을를에은는")
_HANGUL_WORD = re.compile(r"[가-힣]+(?:-[가-힣]+)*")
_MAX_EN_WORDS = 5
# An English word this long is often a compound that Korean writes as two words (finetuning).
_COMPOUND_LETTERS = 10
_MAX_PAREN = 80
_WINDOW = 48
_BOUNDARY = re.compile(r"[()\[\]{}.!?;:,\"“”‘’<>|=/]|\n\s*\n")
_EN_PIECE = re.compile(r"[A-Za-z][A-Za-z0-9'’.+&\- ]*[A-Za-z0-9+]|[A-Za-z]")
_EN_BEFORE = re.compile(r"(?<![가-힣A-Za-z0-9])((?:[A-Za-z][A-Za-z0-9.+'\-]*[ \t]?){1,6})[ \t]*[*_]*[ \t]*$")
# A product or project name (DeepEncoder, ASandbox, LoRA): the Korean before it describes it.
_NAME = re.compile(r"[a-z][A-Z]|[A-Z]{2}[a-z]")
_KO_INSIDE = re.compile(r"[가-힣][가-힣 ]*[가-힣]|[가-힣]")
_EMPHASIS = "*_ \t\n"
_TRAILING = frozenset({"VCP", "XSV", "XSA", "XSM", "SW", "SF", "SP", "SS", "SSO", "SSC", "SE", "SO"})
_NOUNISH = frozenset({"NNG", "NNP", "NR", "SL", "SN", "SH", "XSN", "XPN", "XR"})


def extract_pairs(document: Document, kiwi) -> list[TermPair]:
    """Inline pairs of one Korean document, in text order."""
    if document.lang != "ko":
        return []
    text = prose(document.text)
    candidates = _candidates(text)
    before = [c for c in candidates if c.english]
    analysed = kiwi.tokenize([text[c.window_start : c.open] for c in before]) if before else []
    tokens_of = {c.open: _tokens(tokens, c.window_start) for c, tokens in zip(before, analysed)}
    pairs = []
    for candidate in candidates:
        if candidate.english:
            pair = _korean_before(document.path, text, candidate, tokens_of[candidate.open])
        else:
            pair = _korean_inside(document.path, text, candidate, kiwi)
        if pair is not None:
            pairs.append(pair)
    return pairs


def _tokens(kiwi_tokens, offset: int) -> list[_Token]:
    """Kiwi's tokens with offsets into the file's text."""
    return [_Token(t.form, t.tag, offset + t.start, offset + t.start + t.len) for t in kiwi_tokens]


def _candidates(text: str) -> list[_Candidate]:
    candidates = []
    for open_, close in _parentheses(text):
        inner = text[open_ + 1 : close].strip(_EMPHASIS)
        if not inner or close - open_ > _MAX_PAREN or "(" in inner or "（" in inner:
            continue  # nested groups are candidates of their own
        window_start, boundary = _left_context(text, open_)
        head = inner.split(":")[0].strip(_EMPHASIS)  # "(Gundam mode: n×100+256개 토큰)"
        if head and not _HANGUL.search(head):
            pieces = _english_pieces(head)
            if pieces:
                candidates.append(_Candidate(open_, pieces, "", window_start, boundary))
        elif _KO_INSIDE.fullmatch(inner):
            candidates.append(_Candidate(open_, (), inner, window_start, boundary))
    return candidates


def _parentheses(text: str) -> list[tuple[int, int]]:
    """Balanced (open, close) offsets, innermost groups included."""
    found, stack = [], []
    for i, ch in enumerate(text):
        if ch in "(（":
            stack.append(i)
        elif ch in ")）" and stack:
            found.append((stack.pop(), i))
    return sorted(found)


def _left_context(text: str, open_: int) -> tuple[int, int]:
    """Where Kiwi reads from (whole words, so it tags the particles right), and the last boundary.

    Kiwi reads ``헤세 행렬(...)과 고차원 공간`` with the parenthesis so that it tags 과 as a
    particle; the term may not start before the boundary.
    """
    start = max(0, open_ - _WINDOW)
    while 0 < start < open_ and re.match(f"[{_WORD_CHAR}]", text[start - 1]):
        start += 1
    boundary = start
    for match in _BOUNDARY.finditer(text, start, open_):
        boundary = match.end()
    return start, boundary


def _english_pieces(inner: str) -> tuple[str, ...]:
    """The terms listed in a parenthesis, or () when it holds anything but short terms.

    The first one is what the Korean renders; a name after it (``DeepEncoder``) may stand
    in the list, a name first means the Korean describes a product, not a term.
    """
    pieces = tuple(raw.strip(_EMPHASIS + "'\"") for raw in re.split(r"[,;]", inner))
    if not all(_is_term(p) for p in pieces) or _NAME.search(pieces[0]):
        return ()
    return pieces


def _is_term(piece: str) -> bool:
    """Short English words, no sentence or title: no function words."""
    if not _EN_PIECE.fullmatch(piece):
        return False
    words = piece.split()
    if len(words) > _MAX_EN_WORDS or any(w.lower().strip(".") in _FUNCTION_WORDS for w in words):
        return False
    return any(sum(ch.isalpha() for ch in w) >= 2 for w in words)


def _korean_before(path: str, text: str, candidate: _Candidate, tokens: list[_Token]) -> TermPair | None:
    english = candidate.english[0]
    phrase = _noun_phrase([t for t in tokens if t.start >= candidate.boundary], english, text)
    if phrase is None:
        return None
    start, end = phrase.tokens[0].start, phrase.tokens[-1].end
    return TermPair(
        en=_display(english),
        ko=_display(text[start:end]),
        path=path,
        start=start,
        end=end,
        acronyms=tuple(p for p in candidate.english[1:] if is_acronym(p) and _abbreviates(p, english)),
        loose=phrase.loose,
    )


@dataclass(frozen=True)
class _NounPhrase:
    tokens: list[_Token]
    loose: bool  # longer than its English allows: where the term starts is not known


def _noun_phrase(tokens: list[_Token], english: str, text: str) -> _NounPhrase | None:
    """The noun phrase at the end of the left context, fitted to the English it renders.

    The word touching the parenthesis loses its particles and endings (``윈도우 어텐션이`` ->
    ``윈도우 어텐션``); the words before it join while they are nouns, Latin names the English
    does not repeat left out (``YouTube 사전 훈련(pre-trained)`` -> ``사전 훈련``). A phrase
    longer than the English allows (see _max_words) is loose: ``토큰 어텐션(attention)`` may
    be 어텐션 and ``잠재 변수(latent)`` is not 변수, so only a known rendering at its end
    will be kept of it (see _Vocabulary). One too short for the English takes in the adjective before it
    (``보류된 작업(held-out tasks)``) or is refused (``위치를 인코딩하는 장소 세포(mammalian
    place cells)``: 장소 세포 leaves out "mammalian", and 인코딩하는 does not say it).
    """
    words = [w for w in (_without_emphasis(w) for w in _eojeols(tokens)) if w]
    last = _noun_part(words[-1], text) if words else None
    if last is None:
        return None
    phrase = [last]
    for word in reversed(words[:-1]):
        if not _is_noun_word(word) or text[word[-1].end : phrase[0][0].start].strip():
            break  # not a noun, or markup between the words (``학습** 카네기``)
        phrase.insert(0, word)
    collected, first = len(phrase), phrase[0]
    phrase = _drop_leading(phrase, english)
    if not phrase or not any(_HANGUL.search(t.form) for w in phrase for t in w):
        return None
    run = [t for w in phrase for t in w]
    if len(phrase) > _max_words(english):
        return _NounPhrase(run, loose=True)
    if _fits(run, english):
        return _NounPhrase(run, loose=False)
    whole = phrase[0] is first and len(phrase) == collected  # nothing dropped at its start
    before = words[-collected - 1] if whole and len(words) > collected else []
    if _is_adjective(before) and _fits(before + run, english):
        return _NounPhrase(before + run, loose=False)
    return None


def _eojeols(tokens: list[_Token]) -> list[list[_Token]]:
    """Tokens grouped into the words of the text (no space between them)."""
    groups: list[list[_Token]] = []
    for token in tokens:
        if groups and token.start <= groups[-1][-1].end:
            groups[-1].append(token)
        else:
            groups.append([token])
    return groups


def _without_emphasis(word: list[_Token]) -> list[_Token]:
    """A word without the Markdown ``*`` and ``_`` around it."""
    start, end = 0, len(word)
    while start < end and word[start].form in ("*", "_", "**", "__"):
        start += 1
    while end > start and word[end - 1].form in ("*", "_", "**", "__"):
        end -= 1
    return word[start:end]


def _noun_part(word: list[_Token], text: str) -> list[_Token] | None:
    """The noun a word starts with, without its particle or ending; None if it is no noun.

    Kiwi splits most words; a loanword it does not know (``리터럴`` read as 리터+이+러+ㄹ)
    is cut at a particle instead, when Kiwi at least begins it with a noun.
    """
    end = len(word)
    while end and (word[end - 1].tag.startswith(("J", "E")) or word[end - 1].tag in _TRAILING):
        end -= 1
    if end and all(_nounish(t) for t in word[:end]):
        return word[:end]
    written = text[word[0].start : word[-1].end]
    if not word[0].tag.startswith("N") or not _HANGUL_WORD.fullmatch(written):
        return None
    particle = _PARTICLE_TAIL.search(written)
    stem = written[: particle.start()] if particle and particle.start() else written
    if len(stem) < 2:
        return None
    return [_Token(stem, "NNG", word[0].start, word[0].start + len(stem))]


def _nounish(token: _Token) -> bool:
    return token.tag in _NOUNISH or token.form == "-"


def _is_noun_word(word: list[_Token]) -> bool:
    """A word that may stand inside a term: nouns only, and not an unknown word with a particle
    glued on (Kiwi reads ``스택의`` as one proper noun)."""
    if not all(_nounish(t) for t in word) or word[0].form in _NOT_IN_TERMS:
        return False
    return not (len(word) == 1 and word[0].tag == "NNP" and len(word[0].form) >= 3 and word[0].form[-1] in _GLUED)


def _drop_leading(phrase: list[list[_Token]], english: str) -> list[list[_Token]]:
    """Numbers and their counters (``16배``), and Latin names the English does not repeat."""
    english_words = {w.lower() for w in re.split(r"[\s\-]+", english)}
    while phrase:
        first = phrase[0]
        if first[0].tag == "SN":
            rest = first[2:] if len(first) > 1 and len(first[1].form) == 1 else first[1:]
            phrase = ([rest] if rest else []) + phrase[1:]
        elif first[0].tag in ("XSN", "SO"):
            phrase = ([first[1:]] if first[1:] else []) + phrase[1:]
        elif first[0].tag == "SL" and first[0].form.lower() not in english_words:
            phrase = phrase[1:]
        else:
            break
    return phrase


def _max_words(english: str) -> int:
    """How many Korean words may render the English: one per word, one more for an acronym,
    a hyphenated word or a long compound (``미세 조정(finetuning)``), not for ``트레이스(trace)``."""
    words = english.split()
    compound = is_acronym(english) or any("-" in w or len(w) >= _COMPOUND_LETTERS for w in words)
    return _english_size(english) + (1 if compound else 0)


def _english_size(english: str) -> int:
    """Words of an English term; an acronym counts its letters (OCR: 광학 문자 인식)."""
    return sum(len(w.rstrip("s")) if is_acronym(w) else 1 for w in english.split())


def _fits(run: list[_Token], english: str) -> bool:
    """Korean spends about two syllables on each English word; far fewer means a partial term.

    ``최소화(minimizing interference)`` leaves out "interference": refused; ``문맥 창(context
    window)`` renders word for word and is kept. A one-word term
    may be one syllable (``힙(heap)``); an acronym needs a syllable per letter, and one kept
    as written (``단계별 RL(step-wise RL)``) covers its letters.
    """
    kept = {w.lower() for w in re.split(r"[\s\-]+", english)}
    size = sum(
        2 * _english_size(t.form) if t.tag == "SL" and t.form.lower() in kept else len(_HANGUL.findall(t.form)) or 1
        for t in run
    )
    words = _english_size(english)
    if is_acronym(english):
        return size >= words
    if words == 1:
        return size >= 1
    # 문맥 창(context window): word for word, one syllable short is fine
    return size >= 2 * words or (size >= 2 * words - 1 and len(_eojeols(run)) >= words)


def _is_adjective(word: list[_Token]) -> bool:
    """An adjective that may open a term (새로운, 보류된, 고전적인).

    Only adjectives, passives in 되다 and nouns in 적인: a clause such as ``인코딩하는``
    or ``특이점이 없는`` describes, it does not name.
    """
    if len(word) < 2 or word[-1].tag != "ETM":
        return False
    if any(t.tag.startswith("J") or t.tag in ("SW", "SO", "SF", "SP", "SSO", "SSC") for t in word):
        return False
    stem = word[-2]
    adjective = stem.tag.startswith("VA") and stem.form not in _RELATIONAL
    passive = stem.tag == "XSV" and stem.form == "되"
    in_jeok = stem.tag == "VCP" and len(word) >= 3 and word[-3].form == "적"
    return adjective or passive or in_jeok


def _abbreviates(acronym: str, term: str) -> bool:
    """Are the acronym's letters initials of the term's words, in order (SOTA: state-of-the-art,
    RLHF: reinforcement learning from human feedback)?"""
    letters = acronym.rstrip("s").lower()
    words = [w.lower() for w in re.split(r"[\s\-]+", term) if w]
    return any(
        _in_order(letters, [w[0] for w in chosen])
        for chosen in (words, [w for w in words if w not in _FUNCTION_WORDS])
    )


def _in_order(letters: str, initials: list[str]) -> bool:
    position = 0
    for letter in letters:
        while position < len(initials) and initials[position] != letter:
            position += 1
        if position == len(initials):
            return False
        position += 1
    return True


def _korean_inside(path: str, text: str, candidate: _Candidate, kiwi) -> TermPair | None:
    """``fine-tuning(미세 조정)``: English right before the parenthesis, a Korean noun phrase inside."""
    before = _EN_BEFORE.search(text, candidate.boundary, candidate.open)
    korean = candidate.korean_inside
    if before is None or len(korean.split()) > 4:
        return None
    words: list[str] = []
    for word in reversed(before.group(1).split()):
        if word.lower() in _FUNCTION_WORDS or len(words) > len(korean.split()):
            break  # "using the fine-tuning(미세 조정)": the term follows the last function word
        words.insert(0, word)
    english = " ".join(words)
    if not words or not _is_term(english) or _NAME.search(english):
        return None
    tokens = kiwi.tokenize(korean)
    if not tokens or any(t.tag not in _NOUNISH for t in tokens):
        return None
    start = text.index(korean, candidate.open)
    return TermPair(en=english, ko=_display(korean), path=path, start=start, end=start + len(korean))


# --- matching --------------------------------------------------------------------------------

# What may follow a term inside its word: plural 들, particles (two at most), the copula,
# and 하다/되다/시키다 with their endings. Anything else means a longer, different word.
_PARTICLES = sorted(
    (
        "은 는 이 가 을 를 의 에 에서 에게 께 한테 으로 로 와 과 도 만 까지 부터 보다 처럼 마다 조차 마저 뿐 "
        "이나 나 이란 란 이라 라 이라는 라는 이라고 라고 이라면 라면 으로서 로서 으로써 로써 으로부터 로부터 에게서 "
        "이든 든 이며 며 이고 고 이다 다 입니다 이죠 죠 인 일 임 이지만 지만 이므로 므로 이면 면 이자 자 이야 야 "
        "이었 였 이어서 여서 이어야 여야 이에요 예요 인지 인데 인가 이라도 라도 같이 밖에 대로 "
    ).split(),
    key=len,
    reverse=True,
)
_DERIVED = "하|되|시키|시켜|시킨|한|할|함|해|했|된|될|됨|돼|됐"
_SUFFIX = f"(?:들)?(?:(?:{'|'.join(_PARTICLES)}){{1,2}}|(?:{_DERIVED})[가-힣]{{0,5}})?"
_PARTICLE_TAIL = re.compile(f"(?:들)?(?:{'|'.join(_PARTICLES)}){{1,2}}$")
_END_OF_WORD = f"(?![{_WORD_CHAR}])"
_WORD_START = re.compile(f"(?<![{_WORD_CHAR}])[{_WORD_CHAR}]")


@dataclass(frozen=True)
class TermMatch:
    key: str  # ko_key of the term found
    start: int  # the term as written, without its particle
    end: int


class TermMatcher:
    """Finds Korean terms at word starts, spacing- and particle-aware, longest term first."""

    def __init__(self, terms: Iterable[str]):
        by_first: dict[str, list[str]] = defaultdict(list)
        for key in {ko_key(t) for t in terms if ko_key(t)}:
            by_first[key[0]].append(key)
        self._patterns = {
            first: [(key, _term_pattern(key)) for key in sorted(keys, key=lambda k: (-len(k), k))]
            for first, keys in by_first.items()
        }

    def find(self, text: str) -> list[TermMatch]:
        matches = []
        position = 0
        for word in _WORD_START.finditer(text):
            if word.start() < position:
                continue
            for key, pattern in self._patterns.get(word.group().lower(), ()):
                match = pattern.match(text, word.start())
                if match:
                    matches.append(TermMatch(key, match.start(), match.end(1)))
                    position = match.end()
                    break
        return matches


def _term_pattern(key: str) -> re.Pattern[str]:
    # Spaces and hyphens may fall between any two letters: translators space compounds freely.
    body = r"[\s\-]*".join(re.escape(ch) for ch in key)
    return re.compile(f"({body}){_SUFFIX}{_END_OF_WORD}", re.IGNORECASE)


# --- the terminology of a run ------------------------------------------------------------------


@dataclass(frozen=True)
class Concept:
    """One English term and the Korean variants known to render it."""

    key: str  # en_key
    en: str  # as most often written
    variants: dict[str, str]  # ko_key -> the variant as most often written
    curated: frozenset[str] = frozenset()  # ko_keys a curated glossary lists for it


@dataclass(frozen=True)
class Occurrence:
    """A place where a Korean variant renders a concept."""

    concept: str
    variant: str  # ko_key
    path: str
    start: int
    end: int
    inline: bool  # written with its English in parentheses
    aligned: bool = False  # found by comparing aligned sentences


@dataclass(frozen=True)
class AlignedVariant:
    """A noun phrase that takes the place of a known term in the aligned sentence of another file."""

    concept: str
    variant: str  # the noun phrase, as written
    path: str
    start: int
    end: int


@dataclass(frozen=True)
class Terminology:
    concepts: dict[str, Concept]
    occurrences: tuple[Occurrence, ...]
    glossary: Glossary


# A variant found bare (without its English) counts only when it cannot mean something
# else: short Sino-Korean words (추론, 작업, 주의) have several senses, so a learned variant
# needs three syllables or two words; a curated one was checked by a person.
_MIN_BARE_SYLLABLES = 3


def build_terminology(
    docs: Iterable[Segmented], glossary: Glossary, kiwi, analysis: Analysis | None = None
) -> Terminology:
    """Concepts and their occurrences in the Korean documents given.

    With ``analysis``, aligned sentences of its compared files add variants too.
    """
    docs = [d for d in docs if d.document.lang == "ko"]
    texts = {d.path: d.document.text for d in docs}
    vocabulary = _Vocabulary(glossary)
    pairs = vocabulary.add_pairs([p for d in docs for p in extract_pairs(d.document, kiwi)], texts)
    aligned = aligned_variants(analysis, vocabulary, kiwi) if analysis is not None else []
    for variant in aligned:
        vocabulary.add(variant.concept, "", variant.variant)
    matcher = vocabulary.matcher()
    occurrences = [o for d in docs for o in vocabulary.occurrences(d, pairs, aligned, matcher)]
    return Terminology(vocabulary.concepts(), tuple(occurrences), glossary)


class _Vocabulary:
    """Concepts being collected: from the glossary, then inline pairs, then the alignment."""

    def __init__(self, glossary: Glossary):
        self.en_forms: dict[str, Counter[str]] = defaultdict(Counter)
        self.ko_forms: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
        self.curated: dict[str, set[str]] = defaultdict(set)
        self.pair_concept: dict[tuple[str, int], str] = {}
        self.paired_in: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.curated_en: dict[str, str] = {}
        for entry in glossary.entries:
            key = en_key(entry.en)
            self.add(key, entry.en, entry.ko)
            self.curated[key].add(ko_key(entry.ko))
            self.curated_en.setdefault(key, entry.en)

    def add(self, concept: str, en: str, ko: str) -> None:
        if en:
            self.en_forms[concept][en] += 1
        self.ko_forms[concept][ko_key(ko)][_display(ko)] += 1

    def add_pairs(self, pairs: list[TermPair], texts: dict[str, str]) -> list[TermPair]:
        """Record each pair under its concept; returns the pairs fitted to known variants.

        Shorter English terms go first, so that ``미세 조정(standard finetuning)`` finds the
        concept that 미세 조정 already renders; acronyms go last, to join their full terms.
        """
        aliases = {en_key(a): en_key(p.en) for p in pairs for a in p.acronyms}
        kept = []
        for pair in sorted(pairs, key=lambda p: (is_acronym(p.en), len(en_key(p.en)), p.path, p.start)):
            concept = self._concept_of(pair, aliases)
            fitted = self._fit(pair, concept, texts[pair.path])
            if pair.loose and fitted is pair:
                continue  # nothing known at its end: where the term starts is anyone's guess
            fitted = dataclasses.replace(fitted, loose=False)
            self.pair_concept[(fitted.path, fitted.start)] = concept
            self.paired_in[(concept, ko_key(fitted.ko))].add(fitted.path)
            self.add(concept, fitted.en, fitted.ko)
            kept.append(fitted)
        return sorted(kept, key=lambda p: (p.path, p.start))

    def _concept_of(self, pair: TermPair, aliases: dict[str, str]) -> str:
        key = en_key(pair.en)
        renders = self.concepts_of(ko_key(pair.ko))
        if is_acronym(pair.en):
            if key in aliases:
                return aliases[key]
            # An abbreviation alone, ``가비지 컬렉터(GC)``, joins the one full term its Korean renders.
            full = [c for c in renders if not is_acronym(self._en(c))]
            return full[0] if len(full) == 1 else key
        # ``미세 조정(standard finetuning)``: the Korean renders the head of the English only;
        # ``KV 캐시(cache)``: the English gives the head of what the Korean renders.
        related = [c for c in renders if c != key and (key.endswith(c) or c.endswith(key))]
        return related[0] if len(related) == 1 else key

    def _fit(self, pair: TermPair, concept: str, text: str) -> TermPair:
        """``토큰 어텐션(attention)`` -> 어텐션: a Korean phrase ending in a known variant keeps only that."""
        known = self.ko_forms.get(concept, {})
        if ko_key(pair.ko) in known:
            return pair
        written = text[pair.start : pair.end]
        for space in re.finditer(r"\s+", written):
            tail = written[space.end() :]
            if ko_key(tail) in known:
                return dataclasses.replace(pair, ko=_display(tail), start=pair.start + space.end())
        return pair

    def _en(self, concept: str) -> str:
        """The English as the glossary writes it, else as most often written, spelled out
        rather than abbreviated when it can be."""
        if concept in self.curated_en:
            return self.curated_en[concept]
        forms = self.en_forms.get(concept)
        if not forms:
            return concept
        spelled = Counter({f: n for f, n in forms.items() if not is_acronym(f)})
        return _most_common(spelled or forms)

    def concepts_of(self, variant: str) -> list[str]:
        return sorted(c for c, variants in self.ko_forms.items() if variant in variants)

    def concepts(self) -> dict[str, Concept]:
        return {
            key: Concept(
                key=key,
                en=self._en(key),
                variants={v: _most_common(forms) for v, forms in sorted(variants.items())},
                curated=frozenset(self.curated.get(key, ())),
            )
            for key, variants in sorted(self.ko_forms.items())
        }

    def matcher(self) -> TermMatcher:
        """Every known variant: a longer one claims its words before a shorter one inside it."""
        return TermMatcher(v for variants in self.ko_forms.values() for v in variants)

    def occurrences(
        self, doc: Segmented, pairs: list[TermPair], aligned: list[AlignedVariant], matcher: TermMatcher
    ) -> list[Occurrence]:
        """Inline pairs, aligned variants, then bare variants that can only mean their concept."""
        path = doc.path
        found = [
            Occurrence(self.pair_concept[(p.path, p.start)], ko_key(p.ko), path, p.start, p.end, inline=True)
            for p in pairs
            if p.path == path
        ]
        found += [
            Occurrence(a.concept, ko_key(a.variant), path, a.start, a.end, inline=False, aligned=True)
            for a in aligned
            if a.path == path
        ]
        taken = [(o.start, o.end) for o in found]
        owners: dict[str, list[str]] = defaultdict(list)
        for concept, variants in sorted(self.ko_forms.items()):
            for variant in variants:
                owners[variant].append(concept)
        for match in matcher.find(prose(doc.document.text)):
            concepts = owners[match.key]
            if len(concepts) != 1 or not self.is_specific(concepts[0], match.key, path):
                continue  # a word that renders two concepts says nothing about either
            if any(match.start < end and start < match.end for start, end in taken):
                continue
            found.append(Occurrence(concepts[0], match.key, path, match.start, match.end, inline=False))
        return sorted(found, key=lambda o: o.start)

    def is_specific(self, concept: str, variant: str, path: str) -> bool:
        """Can this variant, found without its English in ``path``, only mean its concept?

        A curated variant can (a person checked it); so can one of two words or three
        syllables; a short learned one only in a file that wrote it with its English
        (``오너(owner)``): elsewhere 작업, 주의, 추론 have other senses.
        """
        if variant in self.curated.get(concept, ()):
            return True
        if any(" " in form for form in self.ko_forms[concept][variant]):
            return True
        return len(_HANGUL.findall(variant)) >= _MIN_BARE_SYLLABLES or path in self.paired_in[(concept, variant)]


def _most_common(forms: Counter[str]) -> str:
    return min(forms.items(), key=lambda item: (-item[1], item[0]))[0]


# --- variants from the alignment ----------------------------------------------------------------

# Sentence links at least this close (encoder cosine) render the same sentence.
_ALIGNED_COSINE = 0.75
_DIFF_TAGS = frozenset({"NNG", "NNP", "NR", "SL", "SH", "XSN", "XPN", "XR"})
_IGNORED_TAGS = frozenset({"SW", "SF", "SP", "SS", "SSO", "SSC", "SE", "SO"})
_PHRASE = re.compile(r"[가-힣A-Za-z0-9]+(?: [가-힣A-Za-z0-9]+)*")


def aligned_variants(analysis: Analysis, vocabulary: _Vocabulary, kiwi) -> list[AlignedVariant]:
    """Noun phrases that take a known term's place in the aligned sentence of another file.

    ```String`은 문자열 리터럴 대신 쓰입니다`` beside ```String`은 스트링 리터럴 대신 쓰입니다``:
    스트링 리터럴 renders the concept that 문자열 리터럴 renders. The sentences must be linked one
    to one with a cosine of at least 0.75; the two phrases must sit between the same words
    (one morpheme at least on each side), be nouns only, and the known term must render
    exactly one concept and be specific (two words, three syllables, or curated). A phrase
    that already renders a concept, or that holds the known term (``힙`` / ``힙 영역``), is
    not a new variant.
    """
    korean = {p for p in analysis.compared if analysis.by_path[p].document.lang == "ko"}
    links = [
        link
        for unit in analysis.units
        for link in unit.sentence_links
        if link.a in korean and link.b in korean and len(link.a_sentences) == 1 == len(link.b_sentences)
        and (link.similarity or 0.0) >= _ALIGNED_COSINE
    ]
    texts = {path: prose(analysis.by_path[path].document.text) for path in korean}
    sentences = [
        analysis.by_path[path].sentences[index]
        for link in links
        for path, index in ((link.a, link.a_sentences[0]), (link.b, link.b_sentences[0]))
    ]
    analysed = iter(kiwi.tokenize([texts[s.doc][s.start : s.end] for s in sentences]) if sentences else [])
    found = []
    for a, b in zip(sentences[::2], sentences[1::2]):
        tokens_a = _content(next(analysed), a.start)
        tokens_b = _content(next(analysed), b.start)
        for slot in _noun_slots(tokens_a, tokens_b, texts[a.doc], texts[b.doc]):
            variant = _variant_in_slot(vocabulary, slot, a.doc, b.doc, texts)
            if variant is not None:
                found.append(variant)
    return found


def _variant_in_slot(vocabulary: _Vocabulary, slot: _Slot, path_a: str, path_b: str, texts: dict[str, str]):
    """The first reading of a slot, narrowest first, in which one side is a known term."""
    for region_a, region_b in ((slot.a, slot.b), (slot.wide_a, slot.wide_b)):
        phrase_a = _phrase(path_a, region_a, texts[path_a])
        phrase_b = _phrase(path_b, region_b, texts[path_b])
        for known, other in ((phrase_a, phrase_b), (phrase_b, phrase_a)):
            variant = _new_variant(vocabulary, known, other)
            if variant is not None:
                return variant
    return None


@dataclass(frozen=True)
class _Phrase:
    path: str
    start: int
    end: int
    text: str

    @property
    def key(self) -> str:
        return ko_key(self.text)


def _phrase(path: str, region: list[_Token], text: str) -> _Phrase:
    start, end = region[0].start, region[-1].end
    return _Phrase(path, start, end, _display(text[start:end]))


def _content(kiwi_tokens, offset: int) -> list[_Token]:
    return [t for t in _tokens(kiwi_tokens, offset) if t.tag not in _IGNORED_TAGS]


@dataclass(frozen=True)
class _Slot:
    """Two noun phrases that replace each other between identical words: as changed, and
    widened to the nouns around them (컬렉터 / 콜렉터 is read as 가비지 컬렉터 / 가비지 콜렉터)."""

    a: list[_Token]
    b: list[_Token]
    wide_a: list[_Token]
    wide_b: list[_Token]


def _noun_slots(a: list[_Token], b: list[_Token], text_a: str, text_b: str) -> Iterator[_Slot]:
    """Replaced noun phrases with identical morphemes right before and after them."""
    matcher = difflib.SequenceMatcher(None, [(t.form, t.tag) for t in a], [(t.form, t.tag) for t in b], autojunk=False)
    opcodes = matcher.get_opcodes()
    for before, (tag, i1, i2, j1, j2), after in zip(opcodes, opcodes[1:], opcodes[2:]):
        if tag != "replace" or before[0] != "equal" or after[0] != "equal":
            continue
        if not (_is_phrase(a[i1:i2], text_a) and _is_phrase(b[j1:j2], text_b)):
            continue
        wide_a, wide_b = _widen(a, i1, i2, text_a), _widen(b, j1, j2, text_b)
        yield _Slot(a[i1:i2], b[j1:j2], wide_a, wide_b)


def _is_phrase(region: list[_Token], text: str) -> bool:
    """Nouns only, written as plain words (no code, markup or punctuation between them)."""
    if not region or any(t.tag not in _DIFF_TAGS for t in region):
        return False
    written = _display(text[region[0].start : region[-1].end])
    return bool(_HANGUL.search(written)) and bool(_PHRASE.fullmatch(written))


def _widen(tokens: list[_Token], i1: int, i2: int, text: str) -> list[_Token]:
    """The region plus the nouns written next to it, up to a word that opens no term."""

    def joins(left: _Token, right: _Token) -> bool:
        return not text[left.end : right.start].strip() and left.form not in _NOT_IN_TERMS

    start, end = i1, i2
    while start > 0 and tokens[start - 1].tag in _DIFF_TAGS and joins(tokens[start - 1], tokens[start]):
        start -= 1
    while end < len(tokens) and tokens[end].tag in _DIFF_TAGS and joins(tokens[end - 1], tokens[end]):
        end += 1
    return tokens[start:end] if _is_phrase(tokens[start:end], text) else tokens[i1:i2]


def _new_variant(vocabulary: _Vocabulary, known: _Phrase, other: _Phrase) -> AlignedVariant | None:
    owners = vocabulary.concepts_of(known.key)
    if len(owners) != 1 or not vocabulary.is_specific(owners[0], known.key, known.path):
        return None
    if vocabulary.concepts_of(other.key) or known.key in other.key or other.key in known.key:
        return None
    return AlignedVariant(concept=owners[0], variant=other.text, path=other.path, start=other.start, end=other.end)


# --- learning ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Usage:
    count: int
    inline: int
    aligned: int
    files: tuple[str, ...]


def learned_entries(terminology: Terminology) -> list[GlossaryEntry]:
    """One row per Korean variant of every concept the texts name in parentheses or by alignment.

    The preferred variant is the curated glossary's, else the most used (ties: the one in
    more files, then the alphabetically first). Other variants keep a curated status, or
    are ``allowed`` with a note asking for review. Rows are sorted by English key, then
    preferred first, then count.
    """
    learned = {o.concept for o in terminology.occurrences if o.inline or o.aligned}
    rulings = terminology.glossary.rulings
    preferred = terminology.glossary.preferred
    usages = _usages(terminology)
    rows = []
    for key in sorted(learned):
        concept = terminology.concepts[key]
        usage = usages[key]
        curated_choice = preferred.get(key)
        choice = ko_key(curated_choice.ko) if curated_choice else _majority(usage)
        variants = set(usage) | ({choice} if curated_choice else set())
        for variant in sorted(variants, key=lambda v: (v != choice, -usage.get(v, _NO_USE).count, v)):
            rows.append(_learned_row(concept, variant, choice, usage.get(variant, _NO_USE), rulings.get(key, {})))
    return rows


_NO_USE = _Usage(0, 0, 0, ())


def _usages(terminology: Terminology) -> dict[str, dict[str, _Usage]]:
    """Concept -> variant -> how often, how, and in which files it is used."""
    grouped: dict[tuple[str, str], list[Occurrence]] = defaultdict(list)
    for o in terminology.occurrences:
        grouped[(o.concept, o.variant)].append(o)
    usages: dict[str, dict[str, _Usage]] = defaultdict(dict)
    for (concept, variant), found in grouped.items():
        usages[concept][variant] = _Usage(
            count=len(found),
            inline=sum(o.inline for o in found),
            aligned=sum(o.aligned for o in found),
            files=tuple(sorted({o.path for o in found})),
        )
    return usages


def _majority(usage: dict[str, _Usage]) -> str:
    return min(usage, key=lambda v: (-usage[v].count, -len(usage[v].files), v))


def _learned_row(concept: Concept, variant: str, choice: str, use: _Usage, ruled: dict[str, GlossaryEntry]) -> GlossaryEntry:
    curated = ruled.get(variant)
    if curated is not None:
        status = curated.status
        note = f"{curated.status} in {curated.where}" + ("; not used in these texts" if not use.count else "")
    elif variant == choice:
        status, note = "preferred", "most used"
    else:
        status, note = "allowed", "review: another variant is preferred"
    origin = ", ".join(
        part for part in (f"{use.inline} with its English" if use.inline else "",
                          f"{use.aligned} from alignment" if use.aligned else "") if part
    )
    return GlossaryEntry(
        en=concept.en,
        ko=concept.variants.get(variant, variant),
        status=status,
        count=use.count,
        files=use.files,
        note=f"{note}; {origin}" if origin else note,
    )


@dataclass(frozen=True)
class Learned:
    entries: tuple[GlossaryEntry, ...]
    read: tuple[str, ...]  # the Korean files the pairs were learned from
    left_out: tuple[str, ...]  # files not read: unrepairable mojibake, English


def learn_glossary(analysis: Analysis, glossary: Glossary) -> Learned:
    """The learned glossary of every readable Korean file of an analysis (unrepairable mojibake is left out)."""
    kiwi = shared_kiwi(glossary.user_words())
    readable = [d for d in analysis.documents if not d.document.decoded.still_broken and d.document.lang == "ko"]
    entries = learned_entries(build_terminology(readable, glossary, kiwi, analysis))
    read = tuple(d.path for d in readable)
    return Learned(tuple(entries), read, tuple(d.path for d in analysis.documents if d.path not in read))
