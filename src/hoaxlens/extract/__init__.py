"""Extract: the story body and title from a page or post, furniture removed."""

from hoaxlens.extract.article import ExtractStrategy, extract_article
from hoaxlens.extract.farm import CleanedText, strip_farm_furniture

__all__ = ["CleanedText", "ExtractStrategy", "extract_article", "strip_farm_furniture"]
