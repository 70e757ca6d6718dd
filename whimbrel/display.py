"""Showing events to a person: one rich table, fed by ``Event.to_dict()`` records."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.table import Table


def _actor(a: dict[str, Any] | None) -> str:
    if not a:
        return ""
    code = a.get("code") or a.get("group") or a.get("country")
    return f"{a['text']} [{code}]" if code else a["text"]


def _date(ev: dict[str, Any]) -> str:
    if not ev.get("date"):
        return ""
    if ev.get("date_end") and ev["date_end"] != ev["date"]:
        return f"{ev['date']}..{ev['date_end'][5:]}"
    return ev["date"]


def _places(ev: dict[str, Any]) -> str:
    parts = []
    for p in ev.get("locations") or []:
        if p.get("role") == "mentioned":
            continue
        label = p.get("name") or p["text"]
        parts.append(label if p["role"] == "event" else f"{label} ({p['role']})")
    return ", ".join(parts)


def _attribution(ev: dict[str, Any]) -> str:
    attr = ev.get("attribution") or {}
    chain = attr.get("chain") or [x for x in (attr.get("outlet"), attr.get("speaker")) if x]
    return " > ".join(chain)


def events_table(events: Iterable[dict[str, Any]], title: str | None = None) -> Table:
    table = Table(title=title, show_lines=False, header_style="bold", expand=False)
    for col, no_wrap in [
        ("date", True),
        ("type", True),
        ("source", False),
        ("trigger", False),
        ("target", False),
        ("where", False),
        ("modality", True),
        ("according to", False),
    ]:
        table.add_column(col, no_wrap=no_wrap)
    for ev in events:
        kind = f"{ev['plover']}/{ev['cameo']}" + (f" {ev['plover_mode']}" if ev.get("plover_mode") else "")
        table.add_row(
            _date(ev),
            kind,
            _actor(ev.get("source")),
            ev["trigger"]["text"],
            _actor(ev.get("target")),
            _places(ev),
            ev["modality"],
            _attribution(ev),
        )
    return table
