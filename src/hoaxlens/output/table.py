"""The terminal table: label, score, title and source, top reasons both ways or the error.

The "top reasons" column is :func:`hoaxlens.output.explain.summary_lines`: up to three
signals a side, by plain name, each with its first evidence quoted ("▲ fabricated: …" in
red, "▼ genuine: …" in green, the verdict's own label first); an abstained verdict shows
why it was not judged, in words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hoaxlens.output.explain import explain, summary_lines
from hoaxlens.output.record import to_record
from hoaxlens.types import Failure

if TYPE_CHECKING:
    from collections.abc import Iterable

    from rich.console import Console
    from rich.text import Text

    from hoaxlens.types import Verdict

LABEL_STYLE = {"fabricated": "bold red", "uncertain": "yellow", "genuine": "green"}
TOP_PER_SIDE = 3  # reasons shown for each label


def reasons_text(item: Verdict) -> Text:
    """The "top reasons" cell: reasons for both labels, or why the verdict abstained."""
    from rich.text import Text

    explanation = explain(to_record(item))
    if explanation.abstention:
        return Text(explanation.abstention, style="bold yellow")
    text = Text()
    for side, line in summary_lines(explanation, per_side=TOP_PER_SIDE):
        if text:
            text.append("\n")
        text.append(line, style=LABEL_STYLE[side])
    return text or Text("-")


def write_table(items: Iterable[Verdict | Failure], console: Console) -> tuple[int, int]:
    """Render a table for people: label, score, title, top reasons (both ways) or the error."""
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
        table.add_row(str(n), label, f"{item.score:.2f}", title, reasons_text(item))
    console.print(table)
    return n, errors
