"""The vector cache on disk: keyed by the encoder's signature and the text, and a file that
is not such a cache is set aside and rebuilt."""

from __future__ import annotations

import sqlite3

import numpy as np
import pytest

from checker.embed import CACHE_ENV, Encoder, VectorCache, default_cache_dir

SIGNATURE = "encoder:test|dim:3"
VECTORS = {"첫 문장입니다.": np.array([0.6, 0.8, 0.0], dtype=np.float32), "second": np.array([0, 0, 1], dtype=np.float32)}


def test_vectors_come_back_bit_for_bit(tmp_path):
    VectorCache(tmp_path, SIGNATURE).put(VECTORS)
    found = VectorCache(tmp_path, SIGNATURE).get([*VECTORS, "not cached"])
    assert set(found) == set(VECTORS)
    assert all(found[t].tobytes() == VECTORS[t].tobytes() for t in VECTORS)


def test_another_signature_reads_another_file(tmp_path):
    VectorCache(tmp_path, SIGNATURE).put(VECTORS)
    assert VectorCache(tmp_path, "encoder:other|dim:3").get(list(VECTORS)) == {}


@pytest.mark.parametrize("content", [b"not a database at all" * 100, b""], ids=["garbage", "empty"])
def test_a_corrupt_file_is_set_aside_and_rebuilt(tmp_path, content):
    cache = VectorCache(tmp_path, SIGNATURE)
    cache.path.write_bytes(content)
    assert cache.get(list(VECTORS)) == {}
    cache.put(VECTORS)
    assert set(VectorCache(tmp_path, SIGNATURE).get(list(VECTORS))) == set(VECTORS)


def test_a_foreign_database_is_set_aside(tmp_path):
    cache = VectorCache(tmp_path, SIGNATURE)
    with sqlite3.connect(cache.path) as db:
        db.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT)")
        db.execute("INSERT INTO meta VALUES ('format', '0'), ('signature', 'someone else')")
    cache.put(VECTORS)
    assert set(VectorCache(tmp_path, SIGNATURE).get(list(VECTORS))) == set(VECTORS)
    assert list(tmp_path.glob("*.bad-*"))


def test_two_caches_on_one_file_both_write(tmp_path):
    first, second = VectorCache(tmp_path, SIGNATURE), VectorCache(tmp_path, SIGNATURE)
    first.put({"one": VECTORS["second"]})
    second.put({"two": VECTORS["second"]})
    first.put({"three": VECTORS["second"]})
    assert set(VectorCache(tmp_path, SIGNATURE).get(["one", "two", "three"])) == {"one", "two", "three"}


def test_an_encoder_with_a_warm_cache_needs_no_model(tmp_path):
    cold = Encoder(cache_dir=tmp_path)
    vectors = cold.encode(["소유권 규칙", "변수의 스코프"])
    warm = Encoder(cache_dir=tmp_path)
    assert warm.encode(["변수의 스코프", "소유권 규칙"]).tobytes() == vectors[::-1].tobytes()
    assert (cold.encoded, warm.encoded) == (2, 0)


def test_the_cache_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "here"))
    assert default_cache_dir() == tmp_path / "here"
    monkeypatch.delenv(CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "checker"
