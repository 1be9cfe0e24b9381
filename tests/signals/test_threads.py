"""The signals' shared gate index under threads (the service analyses in request threads).

A lexicon may register strings (the emotive words do, at their first use) while another
thread builds the Aho-Corasick index; the index must then still learn the new strings, and
no thread may fail.
"""

from __future__ import annotations

import sys
import threading
from typing import TYPE_CHECKING

import pytest

from hoaxlens.signals import lexicon
from hoaxlens.types import TextView

if TYPE_CHECKING:
    from collections.abc import Iterator


@pytest.fixture
def switch_often() -> Iterator[None]:
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads interleave inside the index's Python loop
    yield
    sys.setswitchinterval(before)


def test_strings_registered_while_others_scan_are_found_afterwards(switch_often: None) -> None:
    errors: list[str] = []
    for trial in range(40):
        lexicon._index = None  # the next scan builds it, as a fresh process's first scan does

        def scan(trial: int = trial) -> None:
            try:
                for _ in range(3):
                    lexicon.occurrences(TextView(f"some text with tears {trial}"))
            except Exception as exc:
                errors.append(repr(exc))

        threads = [threading.Thread(target=scan) for _ in range(4)]
        for thread in threads:
            thread.start()
        new = f"qqzz{trial}x"
        lexicon.register([new])
        for thread in threads:
            thread.join()
        assert new in lexicon.occurrences(TextView(f"a {new} b")), f"trial {trial}"
    assert errors == []
