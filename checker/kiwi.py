"""The one Kiwi loader: every stage that needs Korean morphology asks here.

Loading Kiwi takes about a second and 300 MB, so one instance is shared per set of user
words (glossary terms added as proper nouns, so Kiwi keeps them whole).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache


def kiwi(user_words: Iterable[str] = ()):
    """The shared Kiwi that knows ``user_words``, loaded on first use."""
    return _loaded(tuple(sorted(set(user_words))))


@cache
def _loaded(user_words: tuple[str, ...]):
    from kiwipiepy import Kiwi  # heavy: loaded only when text is analysed

    # No multi-word dictionary: it costs 190 MB and 2 s of loading, and on technical text it
    # changed 4 lines in 3,363, each for the worse (인 더 루프 read as a film title).
    instance = Kiwi(load_multi_dict=False)
    for word in user_words:
        instance.add_user_word(word, "NNP")
    return instance
