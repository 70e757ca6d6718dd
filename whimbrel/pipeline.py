"""Builds the spaCy Language with whimbrel's stages and runs articles through it.

The factories of every stage are registered here, in one place, with their defaults taken
from :data:`whimbrel.config.PIPELINE`. ``Pipeline.process`` serves ``extract``, ``run``, the
API and every Ray worker alike.
"""

from __future__ import annotations

import hashlib
import importlib
import time
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from whimbrel import config
from whimbrel.errors import Err, StageError
from whimbrel.events.anchor import anchored_words
from whimbrel.model import Actor, Article, Event, TextSpan, Toponym
from whimbrel.nlp.extensions import EventMention, event_mentions_of, places_of, register_extensions


def _factory(name: str, import_path: str) -> None:
    """Register the component class at ``import_path`` (module:Class) as spaCy factory ``name``.

    spaCy checks settings against the class's constructor, so a misspelt setting in the
    config fails when the pipeline is built, naming the stage and the setting.
    """
    if name in Language.factories:
        return
    module_name, cls_name = import_path.split(":")
    component_cls = getattr(importlib.import_module(module_name), cls_name)
    defaults = dict(next(s for n, s in config.PIPELINE if n == name))
    Language.factory(name, default_config=defaults, func=component_cls)


STAGES = {
    "whimbrel_sentences": "whimbrel.attribution.sentences:SentenceClassifier",
    "whimbrel_places": "whimbrel.geo.recognize:PlaceRecognizer",
    "whimbrel_events": "whimbrel.events.matcher:EventMatcher",
    "whimbrel_actors": "whimbrel.actors.resolver:ActorResolver",
    "whimbrel_place_roles": "whimbrel.geo.roles:PlaceRoles",
    "whimbrel_actor_context": "whimbrel.actors.context:ActorContext",
    "whimbrel_dates": "whimbrel.time.dates:EventDater",
    "whimbrel_attribution": "whimbrel.attribution.chain:AttributionChainer",
}


def register_factories() -> None:
    register_extensions()
    if "paragraph_boundaries" not in Language.factories:
        from whimbrel.nlp.paragraphs import ParagraphBoundaries

        Language.factory("paragraph_boundaries", func=ParagraphBoundaries)
    for name, path in STAGES.items():
        _factory(name, path)


def build_nlp(
    overrides: dict[str, dict[str, Any]] | None = None, upto: str | None = None, without: Collection[str] = ()
) -> Language:
    """The spaCy model plus whimbrel's stages (up to and including ``upto``, if given; none of ``without``)."""
    register_factories()
    nlp = spacy.load(config.SPACY_MODEL)
    # runs with the parser (before it), so headlines and lead-in lines stay sentences of their own
    nlp.add_pipe("paragraph_boundaries", before="parser")
    for name, settings in config.pipeline_config(overrides):
        if name not in without:
            nlp.add_pipe(name, config=settings)
        if name == upto:
            break
    return nlp


@dataclass(slots=True)
class ArticleResult:
    article: Article
    events: list[Event]
    toponyms: list[Toponym]
    sentences: list[dict[str, Any]]
    error: StageError | None = None


class Pipeline:
    """The whole pipeline. Build once (model and dictionaries load here), then ``process`` batches."""

    def __init__(
        self,
        overrides: dict[str, dict[str, Any]] | None = None,
        upto: str | None = None,
        without: Collection[str] = (),
    ) -> None:
        self.nlp = build_nlp(overrides, upto=upto, without=without)
        self.stage_names = [n for n in self.nlp.pipe_names if n.startswith("whimbrel_")]
        self.parser_names = [n for n in self.nlp.pipe_names if not n.startswith("whimbrel_")]
        # seconds spent in each of whimbrel's stages so far (``whimbrel bench`` reads the shares)
        self.stage_seconds: defaultdict[str, float] = defaultdict(float)

    def make_doc(self, article: Article) -> Doc:
        doc = self.nlp.make_doc(article.text)
        doc._.article = article
        return doc

    def process(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[ArticleResult]:
        """Parse in batches (spaCy's fast path), then run whimbrel's stages per article.

        A stage that raises on one article yields a result carrying a :class:`StageError`;
        the other articles go on.
        """
        docs = (self.make_doc(a) for a in articles)
        with self.nlp.select_pipes(enable=self.parser_names):
            for doc in self.nlp.pipe(docs, batch_size=batch_size):
                yield self._run_stages(doc)

    def _run_stages(self, doc: Doc) -> ArticleResult:
        article: Article = doc._.article
        for name in self.stage_names:
            started = time.perf_counter()
            try:
                doc = self.nlp.get_pipe(name)(doc)
            except Exception as exc:  # one article's failure must not stop the run
                err = StageError(Err.E501, article_id=article.id, stage=name, detail=f"{type(exc).__name__}: {exc}")
                return ArticleResult(article, [], [], [], error=err)
            finally:
                self.stage_seconds[name] += time.perf_counter() - started
        return ArticleResult(article, doc_to_events(doc), doc_to_toponyms(doc), doc_to_sentences(doc))


def _actor(mention: EventMention, which: str) -> Actor | None:
    resolved = getattr(mention, f"{which}_actor")
    if resolved is not None:
        return resolved
    span = getattr(mention, f"{which}_span")
    if span is None:
        return None
    return Actor(text=span.text, start=span.start_char, end=span.end_char)


def event_id(article_id: str, mention: EventMention, source: Actor | None, target: Actor | None) -> str:
    """Stable across runs: the same article coded the same way gives the same ids."""
    key = "|".join(
        str(x)
        for x in (
            article_id,
            mention.trigger.idx,
            mention.pattern_id,
            source.start if source else -1,
            target.start if target else -1,
        )
    )
    return hashlib.blake2b(key.encode(), digest_size=8).hexdigest()


def doc_to_events(doc: Doc) -> list[Event]:
    """Turn the Doc's event mentions into plain Event records (the only way out of spaCy)."""
    article: Article = doc._.article
    out: list[Event] = []
    seen: set[str] = set()
    mentions = event_mentions_of(doc)
    coded = {m.trigger.i for m in mentions}
    for m in mentions:
        source, target = _actor(m, "source"), _actor(m, "target")
        ident = event_id(article.id, m, source, target)
        if ident in seen:  # two patterns read the same words the same way: one event
            continue
        seen.add(ident)
        # exported on its clause's predicate verb, the noun it was read from among ``told_by``
        trig, told = anchored_words(m, coded)
        out.append(
            Event(
                event_id=ident,
                article_id=article.id,
                sentence=m.sent.text,
                sentence_start=m.sent.start_char,
                sentence_end=m.sent.end_char,
                trigger=TextSpan(trig.text, trig.idx, trig.idx + len(trig.text)),
                pattern_id=m.pattern_id,
                cameo=m.cameo,
                plover=m.plover,
                plover_mode=m.plover_mode,
                acled_event_type=m.acled_event_type,
                acled_sub_event_type=m.acled_sub_event_type,
                source=source,
                target=target,
                date=m.date,
                date_end=m.date_end,
                date_precision=m.date_precision,  # type: ignore[arg-type]
                date_text=m.date_text,
                locations=list(m.places),
                modality=m.modality,
                sentence_kind=m.sentence_kind,
                attribution=m.attribution,
                quantities=dict(m.quantities),
                confidence=round(m.confidence, 3),
                told_by=[TextSpan(t.text, t.idx, t.idx + len(t.text)) for t in told],
                flags=sorted(key for key, value in m.extra.items() if value is True),
            )
        )
    return out


def doc_to_toponyms(doc: Doc) -> list[Toponym]:
    out = []
    for pm in places_of(doc):
        p = pm.place
        out.append(
            Toponym(
                text=pm.span.text,
                start=pm.span.start_char,
                end=pm.span.end_char,
                name=p.name,
                geonameid=p.geonameid,
                lat=p.lat,
                lon=p.lon,
                country=p.country,
                admin1=p.admin1,
                feature_code=p.feature_code,
                role=p.role,
            )
        )
    return out


def doc_to_sentences(doc: Doc) -> list[dict[str, Any]]:
    infos = doc._.sentence_info or {}
    out = []
    for i, sent in enumerate(doc.sents):
        info = infos.get(sent.start)
        out.append(
            {
                "idx": i,
                "start": sent.start_char,
                "end": sent.end_char,
                "text": sent.text,
                "kind": info.kind if info else "reporting",
                "speaker": info.attribution.speaker if info else None,
                "outlet": info.attribution.outlet if info else None,
            }
        )
    return out


@lru_cache(maxsize=1)
def default_pipeline() -> Pipeline:
    return Pipeline()
