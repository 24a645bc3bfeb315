"""Inline pairs: a Korean term written with its English, ``치명적 망각(catastrophic forgetting)``
or ``fine-tuning(미세 조정)``.

The Korean term's left boundary comes from kiwipiepy: the noun phrase right before the
parenthesis, without its particles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Document
from ..text import HANGUL, prose
from .keys import WORD_CHAR, display, is_acronym
from .keys import PARTICLE_TAIL


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
class Token:
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
NOT_IN_TERMS = frozenset("대신 때 동안 경우 이후 이전 사이 중 후 전 간 및 등 또는 각 특정 해당 여러 일부 기타 통해 위해".split())
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
    # read as Kiwi hands them over: every candidate's tokens at once were 40 MB per MB of text
    analysed = iter(kiwi.tokenize(text[c.window_start : c.open] for c in before) if before else ())
    pairs = []
    for candidate in candidates:
        if candidate.english:
            pair = _korean_before(document.path, text, candidate, tokens_at(next(analysed), candidate.window_start))
        else:
            pair = _korean_inside(document.path, text, candidate, kiwi)
        if pair is not None:
            pairs.append(pair)
    return pairs


def tokens_at(kiwi_tokens, offset: int) -> list[Token]:
    """Kiwi's tokens with offsets into the file's text."""
    return [Token(t.form, t.tag, offset + t.start, offset + t.start + t.len) for t in kiwi_tokens]


def _candidates(text: str) -> list[_Candidate]:
    candidates = []
    for open_, close in _parentheses(text):
        inner = text[open_ + 1 : close].strip(_EMPHASIS)
        if not inner or close - open_ > _MAX_PAREN or "(" in inner or "（" in inner:
            continue  # nested groups are candidates of their own
        window_start, boundary = _left_context(text, open_)
        head = inner.split(":")[0].strip(_EMPHASIS)  # "(Gundam mode: n×100+256개 토큰)"
        if head and not HANGUL.search(head):
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
    while 0 < start < open_ and re.match(f"[{WORD_CHAR}]", text[start - 1]):
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


def _korean_before(path: str, text: str, candidate: _Candidate, tokens: list[Token]) -> TermPair | None:
    english = candidate.english[0]
    phrase = _noun_phrase([t for t in tokens if t.start >= candidate.boundary], english, text)
    if phrase is None:
        return None
    start, end = phrase.tokens[0].start, phrase.tokens[-1].end
    return TermPair(
        en=display(english),
        ko=display(text[start:end]),
        path=path,
        start=start,
        end=end,
        acronyms=tuple(p for p in candidate.english[1:] if is_acronym(p) and _abbreviates(p, english)),
        loose=phrase.loose,
    )


@dataclass(frozen=True)
class _NounPhrase:
    tokens: list[Token]
    loose: bool  # longer than its English allows: where the term starts is not known


def _noun_phrase(tokens: list[Token], english: str, text: str) -> _NounPhrase | None:
    """The noun phrase at the end of the left context, fitted to the English it renders.

    The word touching the parenthesis loses its particles and endings (``윈도우 어텐션이`` ->
    ``윈도우 어텐션``); the words before it join while they are nouns, Latin names the English
    does not repeat left out (``YouTube 사전 훈련(pre-trained)`` -> ``사전 훈련``). A phrase
    longer than the English allows (see _max_words) is loose: ``토큰 어텐션(attention)`` may
    be 어텐션 and ``잠재 변수(latent)`` is not 변수, so only a known rendering at its end
    will be kept of it (see vocabulary._Vocabulary). One too short for the English takes in the adjective before it
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
    if not phrase or not any(HANGUL.search(t.form) for w in phrase for t in w):
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


def _eojeols(tokens: list[Token]) -> list[list[Token]]:
    """Tokens grouped into the words of the text (no space between them)."""
    groups: list[list[Token]] = []
    for token in tokens:
        if groups and token.start <= groups[-1][-1].end:
            groups[-1].append(token)
        else:
            groups.append([token])
    return groups


def _without_emphasis(word: list[Token]) -> list[Token]:
    """A word without the Markdown ``*`` and ``_`` around it."""
    start, end = 0, len(word)
    while start < end and word[start].form in ("*", "_", "**", "__"):
        start += 1
    while end > start and word[end - 1].form in ("*", "_", "**", "__"):
        end -= 1
    return word[start:end]


def _noun_part(word: list[Token], text: str) -> list[Token] | None:
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
    particle = PARTICLE_TAIL.search(written)
    stem = written[: particle.start()] if particle and particle.start() else written
    if len(stem) < 2:
        return None
    return [Token(stem, "NNG", word[0].start, word[0].start + len(stem))]


def _nounish(token: Token) -> bool:
    return token.tag in _NOUNISH or token.form == "-"


def _is_noun_word(word: list[Token]) -> bool:
    """A word that may stand inside a term: nouns only, and not an unknown word with a particle
    glued on (Kiwi reads ``스택의`` as one proper noun)."""
    if not all(_nounish(t) for t in word) or word[0].form in NOT_IN_TERMS:
        return False
    return not (len(word) == 1 and word[0].tag == "NNP" and len(word[0].form) >= 3 and word[0].form[-1] in _GLUED)


def _drop_leading(phrase: list[list[Token]], english: str) -> list[list[Token]]:
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


def _fits(run: list[Token], english: str) -> bool:
    """Korean spends about two syllables on each English word; far fewer means a partial term.

    ``최소화(minimizing interference)`` leaves out "interference": refused; ``문맥 창(context
    window)`` renders word for word and is kept. A one-word term
    may be one syllable (``힙(heap)``); an acronym needs a syllable per letter, and one kept
    as written (``단계별 RL(step-wise RL)``) covers its letters.
    """
    kept = {w.lower() for w in re.split(r"[\s\-]+", english)}
    size = sum(
        2 * _english_size(t.form) if t.tag == "SL" and t.form.lower() in kept else len(HANGUL.findall(t.form)) or 1
        for t in run
    )
    words = _english_size(english)
    if is_acronym(english):
        return size >= words
    if words == 1:
        return size >= 1
    # 문맥 창(context window): word for word, one syllable short is fine
    return size >= 2 * words or (size >= 2 * words - 1 and len(_eojeols(run)) >= words)


def _is_adjective(word: list[Token]) -> bool:
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
    return TermPair(en=english, ko=display(korean), path=path, start=start, end=start + len(korean))
