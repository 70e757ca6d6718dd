"""Near-duplicate articles (syndicated copies, light rewrites) found with MinHash LSH.

Texts are compared as sets of word 3-shingles: a wire story republished with a new headline
or a changed word shares almost all of them, while two outlets' own accounts of the same
event share few. Candidates from the LSH index are confirmed with the estimated Jaccard
similarity, so the threshold is one number with one meaning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SHINGLE_WORDS = 3
SCHEME = "affine32"  # datasketch's hashing scheme; stored signatures are only comparable within one
#: estimated Jaccard similarity of shingle sets at or above which two articles are one report
THRESHOLD = 0.6
#: the LSH bands are set lower than THRESHOLD so that pairs just above it are not missed by chance
LSH_THRESHOLD = 0.45

_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    words = _WORD.findall(text.casefold())
    if len(words) < size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def signature(text: str) -> MinHash:
    mh = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    mh.update_batch(list(shingles(text)))
    return mh


def to_bytes(mh: MinHash) -> bytes:
    return np.asarray(mh.hashvalues, dtype=np.uint32).tobytes()


def from_bytes(blob: bytes) -> MinHash:
    return MinHash(num_perm=NUM_PERM, hashvalues=np.frombuffer(blob, dtype=np.uint32), scheme=SCHEME)


@dataclass(slots=True)
class Match:
    article_id: str
    similarity: float


class DuplicateIndex:
    """An in-memory LSH index over article signatures; ``match`` finds the closest earlier copy."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=min(threshold, LSH_THRESHOLD), num_perm=NUM_PERM)
        self._sigs: dict[str, MinHash] = {}

    def __len__(self) -> int:
        return len(self._sigs)

    def add(self, article_id: str, sig: MinHash) -> None:
        if article_id in self._sigs:
            return
        self._sigs[article_id] = sig
        self._lsh.insert(article_id, sig)

    def match(self, sig: MinHash, exclude: str | None = None) -> Match | None:
        best: Match | None = None
        for cand in self._lsh.query(sig):
            if cand == exclude:
                continue
            sim = float(sig.jaccard(self._sigs[cand]))
            # ties go to the smaller id so the choice does not depend on the order of arrival
            if sim >= self.threshold and (best is None or (sim, best.article_id) > (best.similarity, cand)):
                best = Match(cand, sim)
        return best
