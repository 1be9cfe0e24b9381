import json
import re
import time

import pytest
from languages_helpers import LANGS

from hoaxlens.errors import ModelError
from hoaxlens.languages.resources import (
    KINDS,
    available_languages,
    load_resources,
    parse_resources,
)


def test_every_language_folder_ships_and_loads():
    assert set(LANGS) <= set(available_languages())
    for lang in LANGS:
        res = load_resources(lang)
        assert res is not None
        assert res.lang == lang
        for kind in KINDS:
            assert res.of_kind(kind), f"{lang} has no {kind} cues"
        assert res.emotion_words >= 20


def test_unknown_or_malformed_codes_have_no_resources():
    assert load_resources("xx") is None
    assert load_resources("en") is None  # English is the English model's
    assert load_resources("../signals") is None


def test_a_new_language_is_one_file_of_this_shape():
    data = {
        "format": "hoaxlens-language-resources",
        "format_version": 1,
        "lang": "nl",
        "name": "Dutch",
        "cues": {
            "story": [{"pattern": "niemand had het zien aankomen", "weight": 1.5, "gloss": "g"}],
            "attribution": [{"pattern": "volgens {NAME}", "weight": 1.0, "gloss": "g"}],
        },
        "emotion": ["tranen"],
    }
    res = parse_resources(json.dumps(data).encode(), where="nl")
    assert [c.kind for c in res.cues] == ["story", "attribution"]
    assert res.cues[1].needs_name


def test_bad_files_fail_loudly():
    with pytest.raises(ModelError):
        parse_resources(b'{"format": "other"}', where="x")
    bad = {
        "format": "hoaxlens-language-resources",
        "format_version": 1,
        "lang": "xx",
        "name": "X",
        "cues": {"story": [{"pattern": "(", "weight": 1, "gloss": "g"}]},
        "emotion": [],
    }
    with pytest.raises(ModelError):
        parse_resources(json.dumps(bad).encode(), where="x")


@pytest.mark.parametrize("lang", LANGS)
def test_cue_patterns_scan_long_hostile_text_in_linear_time(lang):
    res = load_resources(lang)
    assert res is not None
    letters = {ch for c in res.cues for ch in c.pattern.pattern if ch.isalpha()}
    words = " ".join(sorted({w for c in res.cues for w in re.findall(r"\w+", c.pattern.pattern)}))
    hostile = [
        "a" * 10_000,
        ("".join(sorted(letters)) + " ") * 200,
        (words + " ") * 3,
        "!" * 5_000 + "?" * 5_000,
    ]
    for text in hostile:
        start = time.perf_counter()
        for cue in res.cues:
            list(cue.pattern.finditer(text[:10_000]))
        list(res.emotion.finditer(text[:10_000]))
        assert time.perf_counter() - start < 2.0
