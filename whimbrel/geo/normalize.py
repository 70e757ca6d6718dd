"""Keys under which place names are indexed and looked up.

Two keys per name:

* :func:`name_key` -- the exact key: ASCII (unidecode), casefolded, apostrophes dropped, hyphens
  and other punctuation turned into single spaces. "Deir ez-Zor" and "Deir Ez Zor" meet here.
* :func:`loose_key` -- a fallback for transliterations of Arabic (and Persian) names, which English
  news spells many ways: the article ("al-", "el-", "ez-", "as-", or fused as in "Ezzor") is
  dropped after the first word, common vowel spellings are folded ("ay"/"ei", "aw"/"o",
  "ou"/"u") and doubled letters collapse. "Deir el-Zor", "Dayr az Zawr" and "Deir Ezzor" meet here.

Both are whole-name keys: a lookup never matches part of a name.

A third, :func:`skeleton_key`, is coarser still and only proposes candidates: the consonants of the
name without any Arabic article, "h", "w", "y" and vowels, doubled letters collapsed ("Khan
Shaykhun" and "Khan Sheikhoun" meet). It joins too many unrelated names to be used alone, so a
caller confirms each proposal by how alike the article-free names are (:func:`bare_key`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from unidecode import unidecode

# Apostrophe-like marks (ʻ ʼ ’ ` ´ ...) carry no letter: "Dar'a" and "Dara" are one name.
_APOSTROPHES = re.compile(r"['`´‘’ʻʼʾʿ]")
# Everything that is not a letter or digit separates words (hyphens, dots, commas, slashes).
_SEPARATORS = re.compile(r"[^0-9a-z]+")

# The Arabic definite article as English transliterations spell it: sun-letter assimilations
# included ("ad-", "ar-", "as-", "ash-", "at-", "az-", "an-") and the "e" variants.
_ARTICLES = frozenset(
    {"al", "el", "il", "ul"} | {v + c for v in "ae" for c in ("d", "dh", "r", "s", "sh", "t", "th", "z", "n")}
)
# A word beginning with a fused, assimilated article: "Ezzor", "Assuwayda", "Arraqqa".
_FUSED_ARTICLE = re.compile(r"^[ae]l?([dstzrn])\1(?=[a-z]{2})")
_VOWEL_FOLDS = (("ay", "ei"), ("aw", "o"), ("ou", "u"), ("ee", "i"), ("oo", "u"), ("ie", "i"))
_DOUBLED = re.compile(r"([a-z])\1+")


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """The exact lookup key of a place name ("" when the name has no letters or digits)."""
    ascii_name = unidecode(name).casefold()
    ascii_name = _APOSTROPHES.sub("", ascii_name)
    return _SEPARATORS.sub(" ", ascii_name).strip()


@lru_cache(maxsize=200_000)
def loose_key(name: str) -> str:
    """The transliteration-tolerant key (see module doc); "" if nothing is left."""
    words = name_key(name).split()
    if not words:
        return ""
    kept = [words[0]]
    for word in words[1:]:
        if word in _ARTICLES:
            continue
        kept.append(_FUSED_ARTICLE.sub(r"\1", word))
    folded = " ".join(kept)
    for spelling, canonical in _VOWEL_FOLDS:
        folded = folded.replace(spelling, canonical)
    return _DOUBLED.sub(r"\1", folded)


@lru_cache(maxsize=200_000)
def without_leading_article(key: str) -> str:
    """A name key without an opening Arabic article word: English news often drops it from a
    town's name ("Hillah" for "Al Hillah", "Raqqa" for "Ar Raqqah"). The key itself when it has
    none, or when nothing would be left."""
    first, _, rest = key.partition(" ")
    return rest if first in _ARTICLES and rest else key


# What a consonant skeleton drops: vowels and the letters English transliterations add or omit
# freely ("Sheikh"/"Shaykh", "Hawija"/"Huwayjah"), and word breaks ("Abu Kamal"/"Albukamal").
_SKELETON_DROPPED = re.compile(r"[aeiouhwy ]")
# Letters that spell one sound: "Qamishli"/"Kamishli", "Cabul"/"Kabul".
_SKELETON_FOLDS = str.maketrans({"q": "k", "c": "k"})


def bare_of_key(key: str) -> str:
    """:func:`bare_key` of a name that is already an exact key (uncached: for building indexes)."""
    return " ".join(_FUSED_ARTICLE.sub(r"\1", w) for w in key.split() if w not in _ARTICLES)


def skeleton_of_key(key: str) -> str:
    """:func:`skeleton_key` of a name that is already an exact key (uncached: for building indexes)."""
    return _DOUBLED.sub(r"\1", _SKELETON_DROPPED.sub("", bare_of_key(key).translate(_SKELETON_FOLDS)))


@lru_cache(maxsize=200_000)
def bare_key(name: str) -> str:
    """The exact key without Arabic article words or fused articles, in any position ("Al Bab" ->
    "bab"): the form two spellings of one name are compared in."""
    return bare_of_key(name_key(name))


@lru_cache(maxsize=200_000)
def skeleton_key(name: str) -> str:
    """The consonant skeleton of a name (see module doc); "" when nothing is left."""
    return skeleton_of_key(name_key(name))
