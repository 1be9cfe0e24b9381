"""Verdicts → the JSONL output contract, CSV rows and a terminal table.

``to_record`` is the one place the public JSON shape is defined (explicit field names,
never ``__dict__``); every other format is derived from it.
"""

from __future__ import annotations

import csv
import json
from typing import TYPE_CHECKING, Any, TextIO

from hoaxlens.types import Failure, Label, Verdict

if TYPE_CHECKING:
    from collections.abc import Iterable

    from rich.console import Console

    from hoaxlens.types import Article, Replacement

CSV_FIELDS = (
    "id",
    "source",
    "url",
    "title",
    "label",
    "score",
    "obfuscation_count",
    "top_reasons",
    "people",
    "error_stage",
    "error_type",
    "error_message",
    "text",
)
TOP_REASONS = 3


def replacement_records(replacements: Iterable[Replacement]) -> list[dict[str, Any]]:
    """JSON form of normalizer replacements (offsets index the normalized text)."""
    return [
        {
            "start": r.span.start,
            "end": r.span.end,
            "original": r.original,
            "replacement": r.replacement,
            "step": r.step,
        }
        for r in replacements
    ]


def page_record(article: Article | None) -> dict[str, Any] | None:
    """Page metadata a triage user needs (``None`` for plain text with no URL)."""
    if article is None:
        return None
    return {
        "domain": article.domain,
        "canonical_url": article.canonical_url,
        "published": article.published.isoformat() if article.published else None,
        "byline": article.byline,
        "og": dict(article.og),
        "site_links": list(article.site_links),
        "extractor": article.extractor,
        "fallback_reason": article.fallback_reason,
    }


def to_record(item: Verdict | Failure) -> dict[str, Any]:
    """Return the JSON-ready output record for a verdict or an error row."""
    if isinstance(item, Failure):
        return {
            "id": item.doc_id,
            "source": item.source,
            "url": item.url,
            "title": item.title,
            "label": None,
            "score": None,
            "text": None,
            "obfuscation": {"count": 0, "replacements": []},
            "signals": [],
            "people": [],
            "error": {"stage": item.stage.value, "type": item.error_type, "message": item.message},
            "meta": dict(item.meta),
        }
    doc = item.document
    return {
        "id": doc.id,
        "source": doc.raw.source,
        "url": doc.raw.url,
        "title": doc.title,
        "label": item.label.value,
        "score": round(item.score, 6),
        "text": doc.text,
        "obfuscation": {
            "count": len(doc.replacements),
            "replacements": replacement_records(doc.replacements),
        },
        "signals": [
            {
                "id": s.signal,
                "score": round(s.score, 6),
                "contribution": round(c, 6),
                "evidence": [
                    {"start": e.span.start, "end": e.span.end, "reason": e.reason}
                    for e in s.evidence
                ],
            }
            for s, c in zip(item.signals, item.contributions, strict=True)
        ],
        "people": list(item.people),
        "error": None,
        "removed": list(doc.removed),
        "page": page_record(doc.article),
        "model_version": item.model_version,
        "meta": dict(doc.raw.meta),
    }


def top_reasons(item: Verdict, k: int = TOP_REASONS) -> list[str]:
    """The first evidence reason of each of the ``k`` signals that pushed the score up most.

    Empty for a ``genuine`` verdict: every signal's evidence argues *for* fabrication, so
    listing it beside a genuine label would mislead (the full record still has it).
    """
    if item.label is Label.GENUINE:
        return []
    ranked = sorted(zip(item.signals, item.contributions, strict=True), key=lambda sc: -sc[1])
    return [s.evidence[0].reason for s, c in ranked if c > 0 and s.evidence][:k]


def write_jsonl(items: Iterable[Verdict | Failure], stream: TextIO) -> tuple[int, int]:
    """Write one JSON line per item as it arrives; return ``(records, errors)``."""
    n = errors = 0
    for item in items:
        stream.write(json.dumps(to_record(item), ensure_ascii=False) + "\n")
        stream.flush()
        n += 1
        errors += isinstance(item, Failure)
    return n, errors


def csv_row(item: Verdict | Failure) -> dict[str, str]:
    """Flatten one item to the CSV columns."""
    rec = to_record(item)
    err = rec["error"] or {}
    return {
        "id": rec["id"],
        "source": rec["source"],
        "url": rec["url"] or "",
        "title": rec["title"] or "",
        "label": rec["label"] or "",
        "score": "" if rec["score"] is None else f"{rec['score']:.4f}",
        "obfuscation_count": str(rec["obfuscation"]["count"]),
        "top_reasons": " | ".join(top_reasons(item)) if isinstance(item, Verdict) else "",
        "people": "; ".join(rec["people"]),
        "error_stage": err.get("stage", ""),
        "error_type": err.get("type", ""),
        "error_message": err.get("message", ""),
        "text": rec["text"] or "",
    }


def write_csv(items: Iterable[Verdict | Failure], stream: TextIO) -> tuple[int, int]:
    """Write a header and one CSV row per item; return ``(records, errors)``."""
    writer = csv.DictWriter(stream, fieldnames=CSV_FIELDS)
    writer.writeheader()
    n = errors = 0
    for item in items:
        writer.writerow(csv_row(item))
        n += 1
        errors += isinstance(item, Failure)
    return n, errors


LABEL_STYLE = {"fabricated": "bold red", "uncertain": "yellow", "genuine": "green"}


def write_table(items: Iterable[Verdict | Failure], console: Console) -> tuple[int, int]:
    """Render a table for people: label, score, title, top reasons or the error."""
    from rich.table import Table
    from rich.text import Text

    table = Table(show_lines=True, expand=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("label", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("title / source", ratio=2)
    table.add_column("top reasons", ratio=3)
    n = errors = 0
    for item in items:
        n += 1
        if isinstance(item, Failure):
            errors += 1
            table.add_row(
                str(n),
                Text("error", style="bold magenta"),
                "-",
                Text(item.source),
                Text(f"{item.stage.value}: {item.message}"),
            )
            continue
        doc = item.document
        label = Text(item.label.value, style=LABEL_STYLE[item.label.value])
        title = Text(f"{doc.title or '(untitled)'}\n", style="bold")
        title.append(doc.raw.source, style="dim")
        if doc.replacements:
            title.append(f"\n{len(doc.replacements)} obfuscated characters restored", "cyan")
        reasons = Text("\n".join(f"• {r}" for r in top_reasons(item)) or "-")
        table.add_row(str(n), label, f"{item.score:.2f}", title, reasons)
    console.print(table)
    return n, errors
