"""Both people readers stop at the same point of a long text (``names.MAX_TEXT``)."""

from __future__ import annotations

from hoaxlens.people import find_all_people
from hoaxlens.people.names import MAX_TEXT

SPANISH = "Según la actriz Penélope Cruz, la noche fue larga y nadie lo esperaba.\n"


def test_a_foreign_name_past_the_read_limit_is_not_read() -> None:
    # international_names read the whole text while find_people stopped at MAX_TEXT: a
    # name past it counted for one reader and not the other.
    filler = "La noche fue larga y nadie lo esperaba en la ciudad.\n" * (MAX_TEXT // 50)
    late = "Según el cantante Alejandro Sanz, la gira sigue.\n"
    assert "Alejandro Sanz" in find_all_people(SPANISH + late)
    people = find_all_people(SPANISH + filler + late)
    assert "Penélope Cruz" in people
    assert "Alejandro Sanz" not in people
