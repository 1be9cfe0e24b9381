import json
from pathlib import Path

from hoaxlens.types import Document, MediaType, RawDocument

FIXTURES = json.loads((Path(__file__).parent / "fixtures.json").read_text(encoding="utf-8"))
LANGS = ("es", "pt", "fr", "de", "it", "vi")


def doc_of(text: str, doc_id: str = "t") -> Document:
    raw = RawDocument(doc_id, text, MediaType.TEXT, "test")
    return Document(doc_id, "", text, text, (), raw)
