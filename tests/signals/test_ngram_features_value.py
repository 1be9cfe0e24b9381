"""``NgramFeatures`` keeps its n-grams in a dict, yet compares and hashes as a value (review).

e6b9ff5 replaced the tuple of n-grams with the dict that removed the repeats; a frozen
dataclass holding a dict cannot be hashed, and dict equality ignores order.
"""

from __future__ import annotations

from dataclasses import replace

from hoaxlens.signals.ngrams import ngram_features


def test_features_of_the_same_text_are_equal_and_hash_alike() -> None:
    first, again = ngram_features("the singer said"), ngram_features("the singer said")
    assert first == again
    assert hash(first) == hash(again)
    assert len({first, again}) == 1


def test_the_order_of_the_ngrams_counts() -> None:
    features = ngram_features("the singer said")
    reordered = replace(features, distinct=dict.fromkeys(reversed(features.grams)))
    assert set(reordered.grams) == set(features.grams)
    assert reordered != features
