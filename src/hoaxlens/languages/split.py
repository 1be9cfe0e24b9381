"""The fixed split of the language bench sets into ``tune`` and ``heldout`` halves, by site.

Fixed before any figure was read (issue 21): an item goes to the half of its *site*, never of
its own id, so that a site's style (a farm's template, an outlet's house style) is never on
both sides. The site is the registrable domain of ``source_domain`` (``sds.newslitetoday.com``
and ``newslitetoday.com`` are one site; ``g1.globo.com`` is ``globo.com``; ``vnexpress.net``
stays itself; two-part public suffixes such as ``com.br`` keep one more label), and sister
domains of one farm network named in ``bench/sets/README.md`` are one site too. The half is
the parity of the first byte of SHA-256 of that site key, the same rule as
``bench/honest.py: half_of`` applied to the site instead of the id.
"""

from __future__ import annotations

import hashlib
import re

# Public suffixes of two labels met in the sets' countries (a short list, not the PSL: the
# split only has to be stable, and a site on an unlisted suffix still stays whole).
_TWO_LABEL_SUFFIXES = frozenset(
    [
        "com.br", "org.br", "net.br", "gov.br", "com.ar", "gob.ar", "com.mx", "gob.mx",
        "com.co", "gov.co", "com.pe", "com.uy", "com.ec", "com.ve", "com.bo", "com.py",
        "com.do", "com.gt", "com.sv", "com.pa", "co.cr", "com.pt", "org.pt", "com.es",
        "com.vn", "gov.vn", "org.vn", "net.vn", "edu.vn", "co.uk", "org.uk", "com.au",
        "co.at", "or.at", "gv.at", "com.tr", "co.jp", "com.sg", "com.my", "co.za",
    ]
)  # fmt: skip
# Sister domains of one network (bench/sets/README.md): one site key each.
_NETWORKS = (
    (re.compile(r"^(?:news\d+media|abc\d+media|newssport24)\.com$"), "network:newsNNNmedia"),
    (re.compile(r"^(?:amazingtoday|vietwedding)\.net$"), "network:amazingtoday"),
    (re.compile(r"^goc\d+\.com$"), "network:gocNN"),
)


def registrable_domain(host: str) -> str:
    """The registrable domain of a host name: its last two labels, three on a two-label suffix.

    >>> registrable_domain("sds.newslitetoday.com"), registrable_domain("g1.globo.com")
    ('newslitetoday.com', 'globo.com')
    >>> registrable_domain("WWW.Estadao.com.br."), registrable_domain("localhost")
    ('estadao.com.br', 'localhost')
    """
    labels = host.strip().strip(".").lower().split(".")
    if labels and labels[0] == "www":
        labels = labels[1:]
    keep = 3 if ".".join(labels[-2:]) in _TWO_LABEL_SUFFIXES else 2
    return ".".join(labels[-keep:])


def site_key(host: str) -> str:
    """The key a site is split by: its registrable domain, or its network's name.

    >>> site_key("news454media.com"), site_key("checkpoint.tagesspiegel.de")
    ('network:newsNNNmedia', 'tagesspiegel.de')
    """
    domain = registrable_domain(host)
    for pattern, name in _NETWORKS:
        if pattern.match(domain):
            return name
    return domain


def split_of(host: str) -> str:
    """``tune`` or ``heldout`` for an item read from ``host`` (fixed by the site alone).

    >>> split_of("sds.newslitetoday.com") == split_of("newslitetoday.com")
    True
    """
    key = site_key(host)
    return "heldout" if hashlib.sha256(key.encode()).digest()[0] % 2 else "tune"
