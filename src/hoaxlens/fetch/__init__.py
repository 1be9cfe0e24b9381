"""Fetch: URLs → a WARC file of every exchange (polite, guarded), read back as documents."""

from hoaxlens.fetch.config import USER_AGENT, FetchConfig
from hoaxlens.fetch.fetcher import Fetcher, FetchOutcome, FetchSummary, fetch_to_warc
from hoaxlens.fetch.guard import AddressPolicy, BlockedAddressError, FetchError, resolve_host
from hoaxlens.fetch.urls import default_warc_path, read_url_list

__all__ = [
    "USER_AGENT",
    "AddressPolicy",
    "BlockedAddressError",
    "FetchConfig",
    "FetchError",
    "FetchOutcome",
    "FetchSummary",
    "Fetcher",
    "default_warc_path",
    "fetch_to_warc",
    "read_url_list",
    "resolve_host",
]
