"""``hoaxlens clean``: print a text with its homoglyph obfuscation undone."""

from __future__ import annotations

import json
from typing import BinaryIO

import click


@click.command()
@click.argument("file", default="-", type=click.File("rb"))
@click.option("--json", "as_json", is_flag=True, help="Print the replacements as JSON.")
def clean(file: BinaryIO, as_json: bool) -> None:
    """Print FILE (or stdin) with homoglyph obfuscation undone."""
    from hoaxlens.ingest.decode import decode_text
    from hoaxlens.normalize import normalize_text
    from hoaxlens.output import replacement_records

    result = normalize_text(decode_text(file.read(), getattr(file, "name", "stdin")))
    if not as_json:
        click.echo(result.text, nl=False)
        return
    reps = replacement_records(result.replacements)
    data = {"text": result.text, "count": len(reps), "replacements": reps}
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))
