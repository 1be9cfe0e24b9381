"""People: the real people a story is about."""

from hoaxlens.people.international import international_names
from hoaxlens.people.names import bounded_text, find_people

__all__ = ["find_all_people", "find_people"]


def find_all_people(text: str, title: str = "") -> tuple[str, ...]:
    """``find_people``, then the names of a non-English story it misses (``international_names``).

    An English text gets exactly ``find_people``'s answer; the record's ``people``, the
    report's targets and the cluster mask all read this. Both read the text's first
    ``MAX_TEXT`` characters (``bounded_text``).

    >>> find_all_people("Según la actriz Penélope Cruz, el gran Lula da Silva lloró.")
    ('Penélope Cruz', 'Lula da Silva')
    """
    people = find_people(text, title)
    others = international_names(bounded_text(text), title)
    return people + tuple(n for n in others if n not in people)
