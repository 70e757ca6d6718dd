"""Corpora made from the bundled sample for tests and benchmarks: bigger, or with known duplicates.

``coded_report`` makes a one-sentence article already coded as one event, for store, API and
dashboard tests and the store benchmark, with every offset found from the words themselves.
``mixed_corpus`` makes many distinct articles by recombining the paragraphs of the sample, so a
500-article run exercises the whole pipeline without 500 copies of one text (which the
near-duplicate detector would rightly refuse to code). ``duplicate_corpus`` adds exact copies
and light rewrites whose pairs are known, to measure the detector's precision and recall.
"""

from __future__ import annotations

import random
import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from whimbrel.ingest.readers import read_paths
from whimbrel.model import Actor, Article, Event, Place, TextSpan
from whimbrel.pipeline import ArticleResult

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


def _located(sentence: str, words: str) -> tuple[str, int, int]:
    start = sentence.index(words)
    return words, start, start + len(words)


def coded_report(
    article_id: str,
    sentence: str,
    trigger: str,
    *,
    cameo: str,
    plover: str,
    day: date | None = None,
    outlet: str | None = None,
    title: str | None = None,
    url: str | None = None,
    source: dict[str, Any] | None = None,
    target: dict[str, Any] | None = None,
    places: list[dict[str, Any]] | None = None,
    event_id: str | None = None,
    **event_fields: Any,
) -> ArticleResult:
    """A one-sentence article coded as one event.

    ``source``, ``target`` and each of ``places`` give their words as ``text`` (found in the
    sentence) plus any other field of :class:`Actor` / :class:`Place`; places default to the role
    ``event``. Other keyword arguments are fields of the :class:`Event`.
    """

    def actor(spec: dict[str, Any] | None) -> Actor | None:
        if spec is None:
            return None
        fields = dict(spec)
        return Actor(*_located(sentence, fields.pop("text")), **fields)

    def place(spec: dict[str, Any]) -> Place:
        fields = {"role": "event", "name": spec["text"]} | spec
        return Place(*_located(sentence, fields.pop("text")), **fields)

    event = Event(
        event_id=event_id or f"{article_id}-{trigger}",
        article_id=article_id,
        sentence=sentence,
        sentence_start=0,
        sentence_end=len(sentence),
        trigger=TextSpan(*_located(sentence, trigger)),
        pattern_id=f"test_{trigger}",
        cameo=cameo,
        plover=plover,
        source=actor(source),
        target=actor(target),
        date=day.isoformat() if day else None,
        locations=[place(spec) for spec in places or []],
        **event_fields,
    )
    article = Article(id=article_id, text=sentence, title=title, outlet=outlet, url=url, published=day)
    row = {"idx": 0, "start": 0, "end": len(sentence), "text": sentence, "kind": "reporting"}
    return ArticleResult(article, [event], [], [row | {"speaker": None, "outlet": outlet}])
