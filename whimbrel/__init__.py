"""whimbrel: evidence-backed political and conflict event data from news text, offline.

The public surface is small::

    import whimbrel
    events = whimbrel.extract("Russian jets struck Aleppo on Tuesday.", published="2016-08-16")
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from whimbrel.errors import DataFileError, StageError, StoreError, WhimbrelError, WhimbrelInputError
from whimbrel.model import Actor, Article, Attribution, Event, Place, TextSpan, Toponym

if TYPE_CHECKING:
    from whimbrel.pipeline import Pipeline

__all__ = [
    "Actor",
    "Article",
    "Attribution",
    "DataFileError",
    "Event",
    "Pipeline",
    "Place",
    "StageError",
    "StoreError",
    "TextSpan",
    "Toponym",
    "WhimbrelError",
    "WhimbrelInputError",
    "extract",
]

__version__ = "0.4.0"


def extract(
    text: str, published: str | date | None = None, article_id: str = "text", outlet: str | None = None
) -> list[Event]:
    """Code the events in one text. ``published`` (YYYY-MM-DD) anchors relative dates."""
    from whimbrel.ingest.readers import article_from_text
    from whimbrel.pipeline import default_pipeline

    article = article_from_text(text, article_id=article_id, published=published, outlet=outlet)
    result = next(default_pipeline().process([article]))
    if result.error is not None:
        raise result.error
    return result.events


def __getattr__(name: str) -> Any:
    # spaCy loads only when the pipeline is asked for (the API server and the CLI's help need none)
    if name == "Pipeline":
        from whimbrel.pipeline import Pipeline

        return Pipeline
    raise AttributeError(f"module 'whimbrel' has no attribute {name!r}")
