"""Frozen records of the clustering stage: masked text, inputs and assignments."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SlotFiller:
    """One masked span: its slot kind and the text it stood for.

    ``start``/``end`` index the unmasked text the mask was computed on.
    """

    slot: str  # "person" | "place" | "amount" | "age" | "date" | "number"
    value: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class MaskedText:
    """Text with typed slots (``[PERSON]``, ``[AMOUNT]``, …) and what filled them."""

    text: str
    slot_fillers: tuple[SlotFiller, ...]


@dataclass(frozen=True, slots=True)
class ClusterInput:
    """One document to cluster: an id and the (normalized) text to compare."""

    id: str
    text: str


@dataclass(frozen=True, slots=True)
class ClusterAssignment:
    """Which template cluster a document belongs to.

    ``template`` is the masked text of the cluster's representative (its smallest id);
    ``similarity`` is the MinHash-estimated Jaccard similarity of this document's shingles
    to its near-copy cluster's representative (1.0 for the representative itself).

    The optional paraphrase pass (``cluster.paraphrase``) merges near-copy clusters whose
    stories are rewrites of each other: ``variant_id`` is then the document's near-copy
    cluster and ``paraphrase_similarity`` the embedding cosine of that variant's
    representative to the merged cluster's. Both stay None when the pass did not run.
    """

    doc_id: str
    cluster_id: str
    cluster_size: int
    template: str
    slot_fillers: tuple[SlotFiller, ...]
    similarity: float
    variant_id: str | None = None
    paraphrase_similarity: float | None = None


def cluster_text(title: str | None, text: str) -> str:
    r"""Headline and body: the text templates are compared on (one definition for every path).

    >>> cluster_text("Big News", "Big News\nBody"), cluster_text("Big News", "Body")
    ('Big News\nBody', 'Big News\nBody')
    """
    if not title or text.startswith(title):
        return text
    return f"{title}\n{text}"
