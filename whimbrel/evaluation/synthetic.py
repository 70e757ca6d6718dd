"""Corpora made from the bundled sample for tests and benchmarks: bigger, or with known duplicates.

``mixed_corpus`` makes many distinct articles by recombining the paragraphs of the sample, so a
500-article run exercises the whole pipeline without 500 copies of one text (which the
near-duplicate detector would rightly refuse to code). ``duplicate_corpus`` adds exact copies
and light rewrites whose pairs are known, to measure the detector's precision and recall.
"""

from __future__ import annotations

import random
import re
from dataclasses import replace
from pathlib import Path

from whimbrel.ingest.readers import read_paths
from whimbrel.model import Article

SAMPLE_DIR = Path(__file__).resolve().parent.parent.parent / "data" / "sample"


def sample_articles(path: Path = SAMPLE_DIR / "articles.jsonl") -> list[Article]:
    return [a for a in read_paths([path]) if isinstance(a, Article)]


def _paragraphs(article: Article) -> list[str]:
    return [p.strip() for p in article.text.split("\n\n") if len(p.split()) >= 8]


def mixed_corpus(base: list[Article], n: int, seed: int = 7) -> list[Article]:
    """``n`` distinct articles, each three to six paragraphs drawn from different sample articles."""
    rng = random.Random(seed)
    pools = [(a, _paragraphs(a)) for a in base if _paragraphs(a)]
    out = []
    for i in range(n):
        picks = rng.sample(pools, k=min(len(pools), rng.randint(3, 6)))
        paras = [rng.choice(paras) for _, paras in picks]
        lead = picks[0][0]
        out.append(
            Article(
                id=f"mix-{i:05d}",
                text="\n\n".join(paras),
                title=lead.title,
                outlet=lead.outlet,
                published=lead.published,
            )
        )
    return out


_NUMBER = re.compile(r"\b\d+\b")


def light_rewrite(text: str, rng: random.Random) -> str:
    """What an outlet does to a wire story: a changed figure, a dropped sentence, a new opening."""
    sentences = re.split(r"(?<=[.!?])\s+", text)
    if len(sentences) > 4:
        del sentences[rng.randrange(1, len(sentences))]
    text = " ".join(sentences)
    text = _NUMBER.sub(lambda m: str(int(m.group()) + 1) if rng.random() < 0.5 else m.group(), text, count=2)
    return "Updated: " + text.replace(" said ", " stated ", 1)


def duplicate_corpus(base: list[Article], seed: int = 11) -> tuple[list[Article], set[frozenset[str]]]:
    """The base articles plus a copy or rewrite of each; returns the corpus and the true pairs."""
    rng = random.Random(seed)
    corpus = list(base)
    # copies already in the base, marked by the corpus itself
    pairs = {frozenset((a.id, a.metadata["syndicated_from"])) for a in base if a.metadata.get("syndicated_from")}
    for i, art in enumerate(base):
        if i % 2 == 0:
            copy = replace(art, id=f"{art.id}--copy", outlet="Syndicate Wire", title=f"{art.title} (wire)")
        else:
            copy = replace(art, id=f"{art.id}--rewrite", text=light_rewrite(art.text, rng), outlet="Rewrite Daily")
        corpus.append(copy)
        pairs.add(frozenset((art.id, copy.id)))
    rng.shuffle(corpus)
    return corpus, pairs
