"""People: the real people a story is about."""

from hoaxlens.people.names import find_people

__all__ = ["find_people"]
