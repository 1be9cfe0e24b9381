"""The terminal table: label, score, title and source, top reasons or the error."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hoaxlens.output.record import top_reasons
from hoaxlens.types import Failure

if TYPE_CHECKING:
    from collections.abc import Iterable

    from rich.console import Console

    from hoaxlens.types import Verdict

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
