"""Host names of addresses: what the text route needs of a URL, without the page machinery."""

from __future__ import annotations


def host_of(url: str | None) -> str | None:
    """The host of a URL, lower-cased; None when there is none or the URL is malformed.

    >>> host_of("https://WWW.Example.com:8080/a"), host_of("not a url"), host_of(None)
    ('www.example.com', None, None)
    """
    if not url:
        return None
    from urllib.parse import urlsplit  # only documents with an address need it

    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host or None


def domain_of(url: str | None) -> str | None:
    """Host name of a URL, lower-cased, without a leading ``www.``.

    >>> domain_of("https://WWW.Example.com/a/b")
    'example.com'
    """
    host = host_of(url)
    return host[4:] if host and host.startswith("www.") else host
