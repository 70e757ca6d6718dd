"""The FastAPI app: the JSON read API under ``/api`` and the dashboard at ``/``."""

from __future__ import annotations

import json
from collections import OrderedDict
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, HTTPException, Query, Request, Response
from fastapi import Path as PathParam
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from whimbrel import __version__
from whimbrel.api import queries
from whimbrel.api.db import Database
from whimbrel.api.filters import EventFilters, EventQuery
from whimbrel.api.schemas import ArticleDetail, EventDetail, EventPage, Health, Stats

WEB_DIR = Path(__file__).resolve().parent.parent / "web"

#: The dashboard loads nothing from elsewhere and runs no inline script: even if some text were
#: ever inserted as HTML by mistake, the browser would refuse to run it.
DASHBOARD_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
#: FastAPI's interactive docs pull Swagger UI from a CDN; they keep their own rules.
DOCS_PATHS = ("/docs", "/redoc")

#: Rendered pages kept (about 40 kB each at 50 events a page).
PAGE_CACHE_SIZE = 256

Id = Annotated[str, PathParam(min_length=1, max_length=200)]


class SecurityHeaders:
    """Plain ASGI middleware (no per-request task overhead) adding the dashboard's headers."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        protect = not str(scope.get("path", "")).startswith(DOCS_PATHS)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"x-content-type-options", b"nosniff"))
                if protect:
                    headers.append((b"content-security-policy", DASHBOARD_CSP.encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _json(model: type[BaseModel], data: dict[str, Any]) -> Response:
    """Validated against the documented model and serialised by pydantic-core in one pass.

    FastAPI's own path (jsonable_encoder) took about 16 ms for a page of 50 events; this takes 2.
    """
    return Response(model.model_validate(data).model_dump_json(), media_type="application/json")


def cache_key(query: EventQuery) -> str:
    """The query with its defaults filled in and its PLOVER types in order: equal keys, equal pages."""
    fields = query.model_dump(mode="json")
    fields["plover"] = sorted(set(fields["plover"]))
    return json.dumps(fields, sort_keys=True)


class PageCache:
    """The last ``size`` rendered pages of ``/api/events`` by query (least recently used dropped first).

    The snapshot never changes while the server runs, so a stored page stays right; it only spares
    re-rendering the pages everyone opens (the dashboard's first page). Used from the event loop only.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._pages: OrderedDict[str, bytes] = OrderedDict()

    def get(self, key: str) -> bytes | None:
        body = self._pages.get(key)
        if body is not None:
            self._pages.move_to_end(key)
        return body

    def put(self, key: str, body: bytes) -> None:
        self._pages[key] = body
        if len(self._pages) > self.size:
            self._pages.popitem(last=False)


def _db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def create_app(db_path: str) -> FastAPI:
    """The app over the store at ``db_path`` (opened read-only; a missing store raises E401 here)."""
    app = FastAPI(
        title="whimbrel",
        version=__version__,
        description="Read API over a whimbrel event store: merged events, the reports behind them, "
        "the articles and counts. Every event links to the sentences and speakers it comes from.",
        # Swagger UI and ReDoc load their scripts from a CDN; whimbrel serves nothing that needs
        # the network, so the machine-readable /openapi.json (and docs/api.md) stand in for them.
        docs_url=None,
        redoc_url=None,
    )
    app.state.db = Database(db_path)
    app.add_middleware(SecurityHeaders)

    @app.get("/health", response_model=Health, tags=["meta"])
    def health(request: Request) -> Response:
        """Whether the store can be read, with its row counts."""
        with _db(request).cursor() as cur:
            return _json(Health, queries.health(cur))

    pages = PageCache(PAGE_CACHE_SIZE)

    # Async: a page is a few array operations (no DuckDB, no I/O), cheaper than a hop to a worker thread.
    @app.get("/api/events", response_model=EventPage, tags=["events"])
    async def list_events(request: Request, query: Annotated[EventQuery, Query()]) -> Response:
        """Merged events, each with its most confident report, filtered, sorted and paged."""
        key = cache_key(query)
        body = pages.get(key)
        if body is None:
            body = queries.list_events(_db(request).index, query).encode()
            pages.put(key, body)
        return Response(body, media_type="application/json")

    @app.get("/api/events/{event_id}", response_model=EventDetail, tags=["events"])
    def get_event(request: Request, event_id: Id) -> Response:
        """One event with every report of it: sentence, highlighted spans, places, attribution."""
        with _db(request).cursor() as cur:
            event = queries.get_event(cur, event_id)
        if event is None:
            raise HTTPException(status_code=404, detail=f"no event with id '{event_id}'")
        return _json(EventDetail, event)

    @app.get("/api/articles/{article_id}", response_model=ArticleDetail, tags=["articles"])
    def get_article(request: Request, article_id: Id) -> Response:
        """One article: metadata, cleaned text, sentences with their kinds, lines dropped before coding."""
        with _db(request).cursor() as cur:
            article = queries.get_article(cur, article_id)
        if article is None:
            raise HTTPException(status_code=404, detail=f"no article with id '{article_id}'")
        return _json(ArticleDetail, article)

    @app.get("/api/stats", response_model=Stats, tags=["events"])
    def stats(request: Request, filters: Annotated[EventFilters, Query()]) -> Response:
        """Counts of the filtered events by day, PLOVER type, country and mapped place."""
        with _db(request).cursor() as cur:
            return _json(Stats, queries.stats(cur, filters))

    # Mounted last: the API routes above take precedence over the static files.
    app.mount("/", StaticFiles(directory=WEB_DIR, html=True), name="dashboard")
    return app
