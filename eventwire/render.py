"""Plain-text renderings of articles and events for the CLI and logs."""
from __future__ import annotations

from typing import Any


def describe_entity(entity: dict[str, Any]) -> str:
    name = entity.get("name") or entity.get("text") or "?"
    codes = ", ".join(c for c in (entity.get("country"), entity.get("sector")) if c)
    return f"{name} ({codes})" if codes else name


def describe_event(event: dict[str, Any]) -> str:
    """One line per event: type, who to whom, where, when, how many; evidence on the next line."""
    actors = " + ".join(describe_entity(a) for a in event.get("actors") or []) or "?"
    recips = " + ".join(describe_entity(r) for r in event.get("recipients") or [])
    head = f"{event['event_type']}"
    if event.get("mode"):
        head += f"/{event['mode']}"
    parts = [f"{head:<22} {actors}" + (f" -> {recips}" if recips else "")]
    loc = event.get("location")
    if loc:
        parts.append(f"in {loc.get('name')}" + (f", {loc['country']}" if loc.get("country") else ""))
    if event.get("date"):
        parts.append(f"on {event['date']}")
    if event.get("factuality") and event["factuality"] != "asserted":
        parts.append(f"[{event['factuality']}]")
    q = event.get("quantities") or {}
    counts = [f"{k}={q[k]}" for k in ("killed", "injured", "arrested", "displaced", "troops") if q.get(k) is not None]
    counts += [m.get("text") or f"{m.get('amount')} {m.get('currency')}" for m in q.get("money") or []]
    if counts:
        parts.append("(" + ", ".join(str(c) for c in counts) + ")")
    parts.append(f"conf {event.get('confidence', 0):.2f}")
    sentence = (event.get("evidence") or {}).get("sentence", "")
    return " ".join(parts) + f"\n      \u201c{sentence}\u201d"


def describe_article(article: dict[str, Any], *, width: int = 100) -> str:
    title = article.get("title") or "(untitled)"
    meta = ", ".join(x for x in (article.get("published"), article.get("source"), article.get("dateline")) if x)
    body = article.get("text") or ""
    first = body.split("\n\n", 1)[0]
    if len(first) > width:
        first = first[: width - 1].rstrip() + "\u2026"
    paras = body.count("\n\n") + 1 if body else 0
    return f"{title}" + (f"  [{meta}]" if meta else "") + f"\n    {paras} paragraphs, {len(body.split())} words: {first}"
