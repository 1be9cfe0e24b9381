"""The page's link scans (``dom.link_hrefs``) read what the plain patterns read."""

from __future__ import annotations

import random
import re

from hoaxlens.extract import dom

VALUES = (r'"([^"]*+)"', r"'([^']*+)'", r"([^\s>]++)")


def test_href_patterns_find_what_a_case_blind_word_bounded_href_finds():
    # ``dom._HREFS`` spell ``\bhref`` as character classes and a lookbehind (a search then
    # skips to an "h" in C); the matches must be those of the IGNORECASE form.
    rng = random.Random(3)  # noqa: S311 - reproducible test strings
    parts = ["<a", "<A", " href", "HREF", "hReF", "xhref", "_href", "=", '"', "'", ">", " ", "x"]
    parts += ["\u212a", "\u0130", "\u017f", "\u00e9href", "\n", "\t", "&amp;", "1href", "-href"]
    texts = ["".join(rng.choice(parts) for _ in range(rng.randrange(1, 30))) for _ in range(20_000)]
    for (double, single), pattern in dom._HREFS.items():
        forms = (
            v if keep else "(?!)()" for v, keep in zip(VALUES, (double, single, True), strict=True)
        )
        plain = re.compile(r"\bhref\s*=\s*(?:" + "|".join(forms) + ")", re.IGNORECASE)
        for text in texts:
            for pos in (0, 2):
                a, b = plain.search(text, pos), pattern.search(text, pos)
                assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups())), text


def test_link_hrefs_reads_each_links_address():
    markup = (
        '<a class=x href="/a?b=1&amp;c=2">x</a> <A HREF=/d> <a name=n>no link</a>'
        "<link href='/style.css'><a\nhref = 'q' > <a data-href='/e' xhref='/f' href=/g>"
    )
    # Only an <a>'s own first href-named attribute counts ("data-href" is one, "xhref" not).
    assert dom.link_hrefs(markup) == ["/a?b=1&c=2", "/d", "q", "/e"]
