"""The people recognizer in Spanish, Portuguese, French, German, Italian and Vietnamese."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from hoaxlens.people import find_people
from hoaxlens.people.international import (
    LANGUAGES,
    international_names,
    is_foreign,
    load_patterns,
)

CASES = [
    pytest.param(
        "Según los vecinos, Luiz Inácio Lula da Silva visitó el hospital y habló con la madre.",
        "Luiz Inácio Lula da Silva",
        id="pt-name-particle-da",
    ),
    pytest.param(
        "La presidenta Ursula von der Leyen llegó a la ciudad y saludó a los niños del barrio.",
        "Ursula von der Leyen",
        id="von-der",
    ),
    pytest.param(
        "El actor Antonio Banderas ayudó a un niño que lloraba en la calle y nadie lo vio.",
        "Antonio Banderas",
        id="es-antonio-is-a-name-here",
    ),
    pytest.param(
        "O jogador Neymar parou o treino quando viu o menino e a mãe dele na arquibancada.",
        "Neymar",
        id="pt-role-one-word",
    ),
    pytest.param(
        "Quand l'acteur Omar Sy est entré dans la salle, personne ne s'attendait à ce geste.",
        "Omar Sy",
        id="fr-elided-role",
    ),
    pytest.param(
        "Laut Augenzeugen hat die Sängerin Helene Fischer das Konzert unterbrochen und geweint.",
        "Helene Fischer",
        id="de-capitalized-role",
    ),
    pytest.param(
        "Secondo i fan, il cantante Gianni Morandi ha pagato il conto della signora in lacrime.",
        "Gianni Morandi",
        id="it-role",
    ),
    pytest.param(
        "Không ai ngờ ca sĩ Hồ Ngọc Hà đã dừng buổi diễn để giúp một cô bé đang khóc.",
        "Hồ Ngọc Hà",
        id="vi-role-diacritics",
    ),
    pytest.param(
        "Khi Mỹ Tâm bước lên sân khấu, cả khán phòng đã đứng dậy và vỗ tay rất lâu.",
        "Mỹ Tâm",
        id="vi-syllables-after-function-word",
    ),
    pytest.param(
        "La cantante Rosalía se emocionó en el escenario y todos los fans lloraron con ella.",
        "Rosalía",
        id="es-accented-stage-name",
    ),
]


@pytest.mark.parametrize(("text", "name"), CASES)
def test_names_of_the_languages_are_found(text, name):
    assert name in international_names(text)


def test_function_words_and_places_are_no_names():
    text = "Según la policía, el Museo del Prado y el Hospital de Clínicas cerraron en la noche."
    assert international_names(text) == ()


def test_a_role_on_the_line_before_is_no_apposition():
    text = "Cara Delevingne gab ihr Debüt als Sängerin\n\nDer Song wurde mit dem Publikum gefeiert."
    assert "Der Song" not in international_names(text)
    assert "Song" not in international_names(text)


def test_vietnamese_places_are_no_names():
    text = "Ca sĩ Đàm Vĩnh Hưng đã về Hà Nội để giúp bà cụ bán vé số ở gần nhà ga."
    names = international_names(text)
    assert "Đàm Vĩnh Hưng" in names
    assert "Hà Nội" not in names


@pytest.mark.parametrize(
    "text",
    [
        "The actor Antonio Banderas was seen with Lula da Silva and the singer Rosalía.",
        "Dolly Parton Backs A Fan After Concert",
    ],
    ids=["english-prose", "english-headline"],
)
def test_english_text_gets_nothing_added(text):
    assert not is_foreign(text)
    assert international_names(text) == ()


def test_found_names_are_what_find_people_misses():
    text = "El actor Antonio Banderas ayudó a un niño que lloraba en la calle y nadie lo vio."
    assert "Antonio Banderas" not in find_people(text)
    assert "Antonio Banderas" in international_names(text)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_folder_ships_people_patterns(lang):
    path = resources.files("hoaxlens") / "languages" / lang / "people.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "hoaxlens-people-patterns"
    assert data["lang"] == lang
    assert data["roles"]
    assert data["leading"]
    for word in data["leading"]:
        assert word[:1].isupper(), word  # run starts are capitalized words
    for name in [*data["given_names"], *data["stage_names"]]:
        assert name[:1].isupper(), name
        assert " " not in name, name


def test_patterns_merge_every_language():
    patterns = load_patterns()
    assert {"cantante", "cantor", "chanteur", "sänger", "ca sĩ"} <= patterns.roles
    assert "sänger" in patterns.noun_roles  # German capitalizes its nouns
    assert "cantante" not in patterns.noun_roles
