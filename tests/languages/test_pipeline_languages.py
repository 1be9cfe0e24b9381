"""The analyzer judges the languages whose model is good enough, and never gives them an
all-clear (issue 21, on top of issue 16's scope gate). Sentences written here."""

from __future__ import annotations

import pytest

from hoaxlens import Analyzer
from hoaxlens.languages import PIPELINE_LANGUAGES, judge, supported_languages
from hoaxlens.people import find_people
from hoaxlens.types import AbstainReason, Label, MediaType, RawDocument

SPANISH_NEWS = (
    "MADRID, 12 mar (EFE). El cantante Alejandro Sanz suspendió este martes el concierto "
    "previsto en el WiZink Center por una afonía, según informó su promotora en un "
    "comunicado. Las entradas serán válidas para la nueva fecha, el 3 de abril, indicó la "
    "empresa, que atribuyó la decisión a una recomendación médica."
)
PORTUGUESE_TEAR_JERKER = (
    "Ninguém esperava: o cantor parou o show quando viu uma menina chorando na primeira "
    "fila. O que ele fez depois deixou 50 mil pessoas em lágrimas. Veja até o final!"
)


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def _raw(text: str) -> RawDocument:
    return RawDocument("t", text, MediaType.TEXT, "test")


def test_the_pipeline_languages_have_folders_and_exclude_english():
    assert set(PIPELINE_LANGUAGES) <= set(supported_languages())
    assert "en" not in PIPELINE_LANGUAGES


def test_a_language_whose_model_is_not_good_enough_still_abstains(analyzer):
    assert "pt" in supported_languages()
    assert "pt" not in PIPELINE_LANGUAGES
    verdict = analyzer.analyze(_raw(PORTUGUESE_TEAR_JERKER))
    assert (verdict.label, verdict.abstain_reason, verdict.lang) == (
        Label.UNCERTAIN,
        AbstainReason.UNSUPPORTED_LANGUAGE,
        "pt",
    )


def test_a_judged_language_never_gets_the_all_clear(analyzer):
    verdict = analyzer.analyze(_raw(SPANISH_NEWS))
    assert verdict.lang == "es"
    assert verdict.abstain_reason is None
    assert verdict.label is not Label.GENUINE
    doc = analyzer.prepare(_raw(SPANISH_NEWS))
    direct = judge(doc, "es")
    assert direct is not None
    assert verdict.score == pytest.approx(direct.score)  # the same model, the label capped


def test_a_non_english_record_names_the_people_find_people_misses(analyzer):
    """Particle names ("Lula da Silva") reach the record's people, judged language or not."""
    spanish = SPANISH_NEWS + " Al concierto iba a asistir Luiz Inácio Lula da Silva."
    assert analyzer.analyze(_raw(spanish)).people[-1] == "Luiz Inácio Lula da Silva"
    portuguese = PORTUGUESE_TEAR_JERKER + " Ninguém esperava a reação de Lula da Silva."
    assert "Lula da Silva" in analyzer.analyze(_raw(portuguese)).people
    english = "Nobody expected what Lula da Silva did next. The crowd was in tears."
    assert analyzer.analyze(_raw(english)).people == find_people(english)  # English unchanged
