"""Deterministic offline text embedder: signed feature hashing of tokens, L2-normalised.

No model download and no process-dependent hashing: the same text gives the same float32
vector in every process (crc32 instead of Python's salted hash()). Vectors are stored in
PostgreSQL as float32 BYTEA (pgvector is not available here), see `to_bytes`/`from_bytes`.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Sequence

import numpy as np

DEFAULT_DIM = 384
_TOKEN = re.compile(r"[a-z0-9]+")


def tokenize(text: str) -> list[str]:
    """Lower-case alphanumeric tokens, the unit the embedder and keyword fallback share."""
    return _TOKEN.findall(text.lower())


def embed(text: str, dim: int = DEFAULT_DIM) -> np.ndarray:
    """Embed one text as an L2-normalised float32 vector of length `dim` (zeros if no token)."""
    vec = np.zeros(dim, dtype=np.float32)
    for token in tokenize(text):
        h = zlib.crc32(token.encode())
        # The low bits pick the slot, one high bit the sign, so collisions cancel on average.
        vec[h % dim] += 1.0 if (h >> 31) & 1 else -1.0
    norm = float(np.linalg.norm(vec))
    if norm > 0.0:
        vec /= norm
    return vec


def embed_many(texts: Iterable[str], dim: int = DEFAULT_DIM) -> np.ndarray:
    """Embed several texts into a (n, dim) float32 matrix, one row per text."""
    rows = [embed(t, dim) for t in texts]
    if not rows:
        return np.zeros((0, dim), dtype=np.float32)
    return np.vstack(rows)


def to_bytes(vec: np.ndarray) -> bytes:
    """Serialise a vector for a BYTEA column (little-endian float32)."""
    return np.asarray(vec, dtype="<f4").tobytes()


def from_bytes(blob: bytes, dim: int | None = None) -> np.ndarray:
    """Read a vector written by `to_bytes`; checks the length when `dim` is given."""
    vec = np.frombuffer(blob, dtype="<f4")
    if dim is not None and vec.shape[0] != dim:
        raise ValueError(f"stored vector has {vec.shape[0]} dimensions, expected {dim}")
    return vec


def matrix_from_bytes(blobs: Sequence[bytes], dim: int) -> np.ndarray:
    """Stack many stored vectors into a (n, dim) float32 matrix with one copy."""
    if not blobs:
        return np.zeros((0, dim), dtype=np.float32)
    return np.frombuffer(b"".join(blobs), dtype="<f4").reshape(len(blobs), dim)
