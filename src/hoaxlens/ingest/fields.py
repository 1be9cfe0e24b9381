"""Which field of an export record holds the text, the page, the link, the id, the title, the date.

Exports name their columns in their own way: CrowdTangle's ``Message`` and ``Link``, Meta
Content Library's ``text`` and ``link_attachment.link``, the X API's ``text`` and
``entities.urls``. A ``FieldMap`` lists, per role, the names to try in order; the first one
with content wins. A name may be a dotted path into nested JSON (``entities.urls.0.
expanded_url``): a flat column of that exact name (a CSV header ``link_attachment.link``)
is tried first. Presets are named maps for the common exports; the README lists their
columns and where they were taken from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from hoaxlens.errors import ConfigError

if TYPE_CHECKING:
    from collections.abc import Mapping

ROLES = ("text", "html", "url", "id", "title", "date", "domain")
# Provenance keys ingest adds (beside the record's own fields): the record's date as an ISO
# date, where its date field (or, failing that, its URL path) gives one, and where it came from.
DATE_NOTE = "ingest_date"
DATE_SOURCE_NOTE = "ingest_date_source"
DOMAIN_NOTE = "ingest_domain"

_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
# /2025/06/13/slug, /2024/02/slug.html, /news/2014-08-05/slug, -20240206-p5f2ma.html
_URL_DAY = re.compile(r"/((?:19|20)\d\d)[/-](0[1-9]|1[0-2])(?:[/-](0[1-9]|[12]\d|3[01]))?(?=[/.-])")
_URL_COMPACT = re.compile(r"[/-]((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=[/.-])")


@dataclass(frozen=True, slots=True)
class FieldMap:
    """Names to try, in order, for each role of a record.

    The defaults read hoaxlens's own JSONL (``text``/``html``, ``id``, ``title``, ``url``)
    and the common spellings of the rest (``source_url``, ``source_domain``, ``date``,
    ``published``, ``created_at``).
    """

    text: tuple[str, ...] = ("text",)
    html: tuple[str, ...] = ("html",)
    url: tuple[str, ...] = ("url", "source_url")
    id: tuple[str, ...] = ("id",)
    title: tuple[str, ...] = ("title",)
    date: tuple[str, ...] = (
        "date",
        "published",
        "published_at",
        "date_published",
        "created_at",
        "source_date",
    )
    domain: tuple[str, ...] = ("domain", "source_domain")
    # A record with no text but a link is a bare link post (its text: the link), not an
    # error row; set when link posts are paired with their pages.
    bare_links: bool = False

    def body_fields(self) -> tuple[str, ...]:
        """Every name that may hold the body (text or HTML): a CSV needs one of them."""
        return self.text + self.html

    def consumed(self) -> frozenset[str]:
        """Names whose values become typed fields (left out of ``meta``)."""
        return frozenset(self.text + self.html + self.url + self.id + self.title)


DEFAULT_FIELDS = FieldMap()

# Column names of each export, from the exporters' own documentation (README: Presets).
PRESETS: dict[str, FieldMap] = {
    # CrowdTangle "Historical data" / saved-search CSV: Message, Link, URL (the post),
    # Post Created, Page Name; the API's JSON spells them message, link, postUrl, date.
    "crowdtangle": FieldMap(
        text=("Message", "message", "Description", "description"),
        html=(),
        url=("Final Link", "Link", "link", "expandedLinks.0.expanded", "URL", "postUrl"),
        id=("URL", "postUrl", "Facebook Id", "platformId", "id"),
        title=("Link Text", "title"),
        date=("Post Created", "Post Created Date", "date"),
        domain=(),
    ),
    # Meta Content Library (UI CSV download and API JSON): text, link_attachment.link,
    # creation_time, id; post_owner.name is kept as provenance.
    "meta-content-library": FieldMap(
        text=("text",),
        html=(),
        url=("link_attachment.link", "url"),
        id=("id",),
        title=("link_attachment.name",),
        date=("creation_time",),
        domain=(),
    ),
    # X API v2 tweet objects, one a line (twarc2's flattened JSONL, or the data array):
    # id, text, created_at, entities.urls[].expanded_url.
    "x-api": FieldMap(
        text=("text", "note_tweet.text"),
        html=(),
        url=("entities.urls.0.unwound_url", "entities.urls.0.expanded_url"),
        id=("id",),
        title=("entities.urls.0.title",),
        date=("created_at",),
        domain=(),
    ),
    # Facebook "Download your information", JSON format: your_posts_1.json is an array of
    # {timestamp, title, data: [{post}], attachments: [{data: [{external_context: {url}}]}]}.
    "facebook-download": FieldMap(
        text=("data.0.post", "data.1.post", "post"),
        html=(),
        url=("attachments.0.data.0.external_context.url",),
        id=(),
        title=("attachments.0.data.0.external_context.name", "title"),
        date=("timestamp",),
        domain=(),
    ),
}


def field_map(
    preset: str | None = None, overrides: Mapping[str, str | None] | None = None
) -> FieldMap:
    """The map of a preset (or the default), with single names given for some roles.

    Args:
        preset: a name of ``PRESETS``, or ``None`` for the default map.
        overrides: role → field name (``{"text": "Message"}``); ``None`` values are ignored.

    Returns:
        The map; an overridden role tries only the name given.

    Raises:
        ConfigError: for an unknown preset or role.

    >>> field_map("crowdtangle", {"text": "Link Text"}).text
    ('Link Text',)
    """
    if preset is None:
        base = DEFAULT_FIELDS
    elif preset in PRESETS:
        base = PRESETS[preset]
    else:
        raise ConfigError(f"unknown preset {preset!r}; known: {', '.join(sorted(PRESETS))}")
    changes: dict[str, object] = {}
    for role, name in (overrides or {}).items():
        if role not in ROLES:
            raise ConfigError(f"unknown field role {role!r}; known: {', '.join(ROLES)}")
        if name is not None:
            changes[role] = (name,)
    return replace(base, **changes) if changes else base  # type: ignore[arg-type]  # roles only


def lookup(record: Mapping[str, object], name: str) -> object:
    """The value of ``name`` in ``record``: a key, else a dotted path into nested JSON.

    >>> lookup({"entities": {"urls": [{"expanded_url": "https://a.example/"}]}},
    ...        "entities.urls.0.expanded_url")
    'https://a.example/'
    >>> lookup({"link_attachment.link": "x"}, "link_attachment.link")
    'x'
    """
    if name in record:
        return record[name]
    if "." not in name:
        return None
    value: object = record
    for part in name.split("."):
        if isinstance(value, dict):
            value = value.get(part)
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return None
    return value


def first_present(record: Mapping[str, object], names: tuple[str, ...]) -> tuple[str, object]:
    """The first of ``names`` holding something, and its value (``("", None)`` if none does)."""
    for name in names:
        value = lookup(record, name)
        if value is not None and value != "" and value != [] and value != {}:
            return name, value
    return "", None


def iso_date(value: object) -> str | None:
    """An ISO date (``YYYY-MM-DD``) from a date field: ISO text, or Unix seconds / milliseconds.

    >>> iso_date("2024-02-06T10:00:00+0000"), iso_date(1700000000), iso_date("soon")
    ('2024-02-06', '2023-11-14', None)
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) or (isinstance(value, str) and value.strip().isdigit()):
        seconds = float(value)
        if seconds > 1e11:  # milliseconds
            seconds /= 1000
        try:
            return datetime.fromtimestamp(seconds, UTC).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    match = _ISO_DAY.search(value)
    if match is None:
        return _us_date(value)
    return _valid_day(*(int(g) for g in match.groups()))


def _us_date(value: str) -> str | None:
    """``M/D/YYYY`` (CrowdTangle's UI export writes dates so in some locales)."""
    match = re.match(r"(\d{1,2})/(\d{1,2})/(\d{4})\b", value.lstrip())
    if match is None:
        return None
    month, day, year = (int(g) for g in match.groups())
    return _valid_day(year, month, day)


def _valid_day(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def date_from_url(url: str | None) -> str | None:
    """The date a URL's path gives (``/2025/06/13/…``, ``/2024/02/…``, ``-20240206-``), if any.

    A path with year and month only gives the first of the month.

    >>> date_from_url("https://a.example/2025/06/13/star-pays-debt")
    '2025-06-13'
    >>> date_from_url("https://a.example/2024/02/story.html"), date_from_url("https://a.example/x")
    ('2024-02-01', None)
    """
    if not url:
        return None
    path = url.split("?", 1)[0].split("#", 1)[0]
    match = _URL_DAY.search(path)
    if match is not None:
        year, month, day = match.groups()
        return _valid_day(int(year), int(month), int(day or 1))
    compact = _URL_COMPACT.search(path)
    if compact is not None:
        return _valid_day(*(int(g) for g in compact.groups()))
    return None
