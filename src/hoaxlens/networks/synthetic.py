"""A seeded synthetic crawl of farm operators and genuine news sites, with known owners.

Written without the fingerprint extractor (nothing here imports it): it writes pages the
way sites are built (ad tags, analytics snippets in several syntaxes, verification metas,
WordPress assets) and records which operator runs each site, so ``bench/networks.py`` and
the Spark test can score networks against the truth. The noise an investigator meets is
built in: sites that share only a popular theme or plugins, a theme pack whose demo ids sit
in HTML comments on unrelated operators' sites, a widget vendor's analytics id on many sites
(news sites included), an ad reseller's publisher id across operators, a news article that
quotes a farm's AdSense id in its text, rotated ids, old tags commented out, pages with no
id at all, and news sites that share a CDN, an IP range or a theme.
"""

# ruff: noqa: S311, E501 - seeded test data, not security; HTML snippets are kept one tag a line

from __future__ import annotations

import random
from dataclasses import dataclass, field

POPULAR_THEMES = ("newspaper", "jnews", "zoxpress", "astra", "generatepress", "soledad")
COMMON_PLUGINS = (
    "elementor", "wordpress-seo", "contact-form-7", "jetpack", "wp-rocket",
    "akismet", "social-warfare", "wp-fastest-cache", "litespeed-cache",
)  # fmt: skip
_WORDS = (
    "daily", "heart", "news", "star", "pulse", "buzz", "trend", "hub", "royal", "whisper",
    "kind", "viral", "story", "today", "fresh", "celeb", "gossip", "wave", "spot", "feed",
    "world", "life", "amazing", "tales", "moment", "glow", "sun", "info", "media", "zone",
)  # fmt: skip
_NEWS = ("herald", "tribune", "gazette", "chronicle", "courier", "ledger", "post", "times")
_CLOUDFLARE_IPS = tuple(f"104.21.{i}.{j}" for i in range(4) for j in (17, 88))


@dataclass(frozen=True, slots=True)
class SyntheticPage:
    """One crawled page: where it was served from and its HTML."""

    doc_id: str
    url: str
    html: str
    ip: str
    server: str
    cdn_header: bool  # the response carried CF-RAY


@dataclass(frozen=True, slots=True)
class SyntheticCrawl:
    """Pages and the truth: which operator runs each site (news sites run themselves)."""

    pages: tuple[SyntheticPage, ...]
    owner: dict[str, str]  # domain -> operator id ("news:<domain>" for a genuine site)
    news: frozenset[str]
    seed: int
    notes: dict[str, str] = field(default_factory=dict)


@dataclass
class _Operator:
    name: str
    domains: list[str]
    accounts: dict[str, list[str]]  # kind -> ids, oldest first (rotations)
    theme: str
    plugins: list[str]
    authors: list[str]
    ip: str
    server: str
    on_cloudflare: bool
    theme_pack: bool  # a nulled theme pack with demo ids left in comments
    reseller: bool  # monetised through the ad reseller


def _digits(rng: random.Random, n: int) -> str:
    return str(rng.randint(1, 9)) + "".join(rng.choice("0123456789") for _ in range(n - 1))


def _alnum(rng: random.Random, n: int) -> str:
    while True:
        s = "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(n))
        if any(c.isdigit() for c in s) and any(c.isalpha() for c in s):
            return s


def _hex(rng: random.Random, n: int = 32) -> str:
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


def _new_account(rng: random.Random, kind: str) -> str:
    makers = {
        "adsense": lambda: "ca-pub-" + _digits(rng, 16),
        "ga_ua": lambda: f"UA-{_digits(rng, rng.choice((8, 9)))}",
        "ga4": lambda: "G-" + _alnum(rng, 10),
        "gtm": lambda: "GTM-" + _alnum(rng, 7),
        "fb_pixel": lambda: _digits(rng, 15),
        "taboola": lambda: f"{rng.choice(_WORDS)}-{rng.choice(_WORDS)}-{_digits(rng, 3)}",
        "mgid": lambda: _digits(rng, 7),
        "revcontent": lambda: _digits(rng, 6),
        "adsterra": lambda: _hex(rng),
        "verify_google": lambda: "".join(rng.choice("abcdefghijkLMNOP0123_-") for _ in range(43)),
        "verify_bing": lambda: _hex(rng).upper(),
        "verify_facebook": lambda: "".join(rng.choice("abcdefghijklmnop0123456789") for _ in range(30)),
    }  # fmt: skip
    return makers[kind]()


_ACCOUNT_ODDS = {
    "adsense": 0.8, "ga4": 0.6, "ga_ua": 0.4, "gtm": 0.3, "fb_pixel": 0.35, "taboola": 0.2,
    "mgid": 0.2, "revcontent": 0.1, "adsterra": 0.15, "verify_google": 0.4,
    "verify_bing": 0.2, "verify_facebook": 0.25,
}  # fmt: skip


class _Names:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def farm(self) -> str:
        while True:
            name = "".join(self.rng.sample(_WORDS, self.rng.choice((2, 3))))
            name += self.rng.choice(("", "", str(self.rng.randint(1, 99))))
            domain = f"{name}.example"
            if domain not in self.used:
                self.used.add(domain)
                return domain

    def news(self) -> str:
        while True:
            city = "".join(self.rng.sample(("north", "lake", "river", "oak", "bay", "hill",
                                            "port", "glen", "ash", "stone"), 2))  # fmt: skip
            domain = f"{city}{self.rng.choice(_NEWS)}.example"
            if domain not in self.used:
                self.used.add(domain)
                return domain


def _operators(rng: random.Random, count: int, names: _Names) -> list[_Operator]:
    sizes = [rng.choice((3, 4, 5, 6, 7, 8, 9, 10)) for _ in range(count)]
    sizes[0], sizes[1], sizes[2] = 42, 24, 16  # a few large operators, as in real crawls
    ops = []
    for n, size in enumerate(sizes):
        accounts = {}
        for kind, odds in _ACCOUNT_ODDS.items():
            if rng.random() < odds:
                generations = 2 if rng.random() < 0.3 else 1  # rotated after a ban
                accounts[kind] = [_new_account(rng, kind) for _ in range(generations)]
        if not accounts:
            accounts["adsense"] = [_new_account(rng, "adsense")]
        custom = rng.random() < 0.3
        theme = f"{rng.choice(_WORDS)}{n}-child" if custom else rng.choice(POPULAR_THEMES)
        cloud = rng.random() < 0.6
        ops.append(
            _Operator(
                name=f"op{n:02d}",
                domains=[names.farm() for _ in range(size)],
                accounts=accounts,
                theme=theme,
                plugins=rng.sample(COMMON_PLUGINS, rng.randint(2, 5)),
                authors=[f"{rng.choice(_WORDS)}-{rng.choice(_WORDS)}-{n}" for _ in range(2)],
                ip=rng.choice(_CLOUDFLARE_IPS) if cloud else f"185.{n}.{rng.randint(1, 254)}.7",
                server="cloudflare" if cloud else rng.choice(("nginx", "Apache", "LiteSpeed")),
                on_cloudflare=cloud,
                theme_pack=rng.random() < 0.2,
                reseller=rng.random() < 0.2,
            )
        )
    return ops


def _snippet(rng: random.Random, kind: str, value: str, domain: str) -> str:
    """One tag for one account, in one of the syntaxes sites use."""
    v = value
    forms = {
        "adsense": (
            f'<script async src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js?client={v}" crossorigin="anonymous"></script>',
            f'<ins class="adsbygoogle" style="display:block" data-ad-client="{v}" data-ad-slot="{_digits(rng, 10)}" data-ad-format="auto"></ins>',
            f'<script>(adsbygoogle = window.adsbygoogle || []).push({{google_ad_client: "{v}", enable_page_level_ads: true}});</script>',
            f'<script type="application/json" id="ad-config">{{"publisherId":"{v.removeprefix("ca-")}","slots":[1,2]}}</script>',
        ),
        "ga_ua": (
            f"<script>ga('create', '{v}-1', 'auto'); ga('send', 'pageview');</script>",
            f"<script>gtag('config', '{v}-{rng.randint(1, 4)}');</script>",
            f"<script>var _gaq = _gaq || []; _gaq.push(['_setAccount', '{v}-1']);</script>",
        ),
        "ga4": (
            f'<script async src="https://www.googletagmanager.com/gtag/js?id={v}"></script>'
            f"<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}} gtag('js', new Date()); gtag('config', '{v}');</script>",
            f'<script>var siteConfig = {{"analytics":{{"measurementId":"{v}"}}}};</script>',
        ),
        "gtm": (
            f"<script>(function(w,d,s,l,i){{w[l]=w[l]||[];var f=d.getElementsByTagName(s)[0],j=d.createElement(s);j.async=true;j.src='https://www.googletagmanager.com/gtm.js?id='+i;f.parentNode.insertBefore(j,f);}})(window,document,'script','dataLayer','{v}');</script>",
            f'<noscript><iframe src="https://www.googletagmanager.com/ns.html?id={v}" height="0" width="0" style="display:none"></iframe></noscript>',
        ),
        "fb_pixel": (
            f"<script>!function(f,b,e,v,n,t,s){{n=f.fbq=function(){{}};}}(window, document,'script'); fbq('init', '{v}'); fbq('track', 'PageView');</script>",
            f'<noscript><img height="1" width="1" style="display:none" src="https://www.facebook.com/tr?id={v}&ev=PageView&noscript=1"/></noscript>',
        ),
        "taboola": (
            f"<script>window._taboola = window._taboola || []; _taboola.push({{article:'auto'}}); !function (e, f, u, i) {{ e.async = 1; e.src = u; }}(document.createElement('script'), document.getElementsByTagName('script')[0], '//cdn.taboola.com/libtrc/{v}/loader.js', 'tb_loader_script');</script>",
        ),
        "mgid": (
            f'<div data-type="_mgwidget" data-widget-id="{v}"></div><script>(function(w,q){{w[q]=w[q]||[];w[q].push(["_mgc.load"])}})(window,"_mgq");</script>',
            f'<script src="https://jsc.mgid.com/{domain[0]}/{domain[1]}/{domain}.{v}.js" async></script>',
        ),
        "revcontent": (
            f'<div data-rc-widget data-widget-host="habitat" data-endpoint="//trends.revcontent.com" data-widget-id="{v}"></div><script src="https://assets.revcontent.com/master/delivery.js" defer></script>',
            f'<script src="https://trends.revcontent.com/serve.js.php?w={v}&t=rc_{rng.randint(1, 9)}&c={_digits(rng, 6)}"></script>',
        ),
        "adsterra": (
            f"<script type=\"text/javascript\">atOptions = {{'key' : '{v}', 'format' : 'iframe', 'height' : 250, 'width' : 300, 'params' : {{}}}};</script><script src=\"//www.highperformanceformat.com/{v}/invoke.js\"></script>",
            f'<script src="//pl{_digits(rng, 8)}.profitablecpmrate.com/{v[:2]}/{v[2:4]}/{v[4:6]}/{v}.js"></script>',
        ),
        "verify_google": (f'<meta name="google-site-verification" content="{v}" />',),
        "verify_bing": (f'<meta name="msvalidate.01" content="{v}">',),
        "verify_facebook": (f'<meta name="facebook-domain-verification" content="{v}" />',),
    }  # fmt: skip
    return rng.choice(forms[kind])


_HEAD_KINDS = ("verify_google", "verify_bing", "verify_facebook")
_TEXT = (
    "Fans could not hold back their tears when the beloved star stepped onto the stage. "
    "What happened next left the whole crowd speechless, and nobody expected it. "
)


@dataclass
class _Site:
    """What one site's pages carry: tags per page (by page number) and its look."""

    domain: str
    theme: str
    plugins: list[str]
    authors: list[str]
    tags: list[list[str]]  # per page: head and body snippets
    heads: list[list[str]]
    ip: str
    server: str
    cdn: bool
    generator: str
    extra_body: list[str] = field(default_factory=list)


def _render(site: _Site, n: int, rng: random.Random, *, lite: bool) -> tuple[str, str]:
    d = site.domain
    slug = f"story-{n}-{_hex(rng, 6)}"
    url = f"https://{rng.choice(('', '', 'www.'))}{d}/{slug}/"
    assets = [
        f'<link rel="stylesheet" id="theme-css" href="https://{d}/wp-content/themes/{site.theme}/style.css?ver={rng.choice(("1.2", "2.0.1", "12.6"))}" type="text/css" media="all">'
    ] + [
        f"<link rel='stylesheet' id='{p}-css' href='https://{d}/wp-content/plugins/{p}/assets/css/main.min.css?ver=3.{i}' media='all' />"
        for i, p in enumerate(site.plugins)
    ]  # fmt: skip
    head = [
        '<meta charset="UTF-8">',
        f"<title>A Star's Secret Revealed {n} - {d}</title>",
        f'<link rel="canonical" href="https://{d}/{slug}/">',
        f'<meta name="generator" content="{site.generator}">',
        f'<link rel="alternate" type="application/rss+xml" title="Feed" href="https://{d}/feed/">',
        *assets,
    ]
    author = rng.choice(site.authors)
    body = [
        f'<article><h1>A Star\'s Secret Revealed {n}</h1><p class="byline">By <a href="https://{d}/author/{author}/">{author}</a></p>',
        f"<p>{_TEXT * 3}</p></article>",
    ]
    if not lite:
        head += site.heads[n]
        body += site.tags[n] + site.extra_body
    html = (
        f'<!DOCTYPE html>\n<html lang="en-US">\n<head>\n{chr(10).join(head)}\n</head>\n'
        f'<body class="single">\n{chr(10).join(body)}\n</body>\n</html>\n'
    )
    return url, html


@dataclass(frozen=True, slots=True)
class _Shared:
    """Identifiers that many unrelated sites carry (the noise)."""

    pack_ua: str  # a nulled theme pack's demo analytics id, left in a comment
    pack_pub: str  # and its demo AdSense id, in the same comment
    pack_app: str  # and its fb:app_id
    vendor_ga4: str  # a share-widget vendor's analytics id, on many sites
    hub_gtm: str  # a comments widget's tag container, on most sites
    reseller: str  # an ad reseller's publisher id, across its clients


def _deploy(rng: random.Random, site: _Site, kind: str, ids: list[str], pages: int) -> None:
    """Put one account's tags on a site's pages (rotations and commented-out old tags)."""
    mode = rng.choice(("old", "new", "both", "both")) if len(ids) > 1 else "old"
    form_seed = rng.random()  # one syntax per site and kind, as a site's template has
    for p in range(pages):
        new_half = p >= pages // 2
        value = ids[-1] if mode == "new" or (mode == "both" and new_half) else ids[0]
        target = site.heads if kind in _HEAD_KINDS else site.tags
        target[p].append(_snippet(random.Random(form_seed), kind, value, site.domain))
        if mode == "both" and new_half and rng.random() < 0.5:  # the old tag, commented out
            site.tags[p].append(
                f"<!-- {_snippet(random.Random(form_seed), kind, ids[0], site.domain)} -->"
            )


def _noise(rng: random.Random, site: _Site, shared: _Shared, *, news: bool) -> None:
    if rng.random() < 0.35:  # the share widget's vendor measures every site it is on
        site.extra_body.append(f"<script>gtag('config', '{shared.vendor_ga4}');</script>")
        site.plugins.append("viral-share-buttons")
    if rng.random() < 0.7:
        site.extra_body.append(_snippet(rng, "gtm", shared.hub_gtm, site.domain))
    if news:
        return


def _farm_site(rng: random.Random, op: _Operator, domain: str, shared: _Shared) -> _Site:
    pages = rng.randint(4, 9)
    site = _Site(
        domain=domain, theme=op.theme, plugins=list(op.plugins), authors=op.authors,
        tags=[[] for _ in range(pages)], heads=[[] for _ in range(pages)],
        ip=op.ip if not op.on_cloudflare else rng.choice(_CLOUDFLARE_IPS),
        server=op.server, cdn=op.on_cloudflare,
        generator=f"WordPress 6.{rng.randint(1, 6)}.{rng.randint(0, 3)}",
    )  # fmt: skip
    for kind, ids in op.accounts.items():
        if rng.random() < 0.85:  # not every account is on every site
            _deploy(rng, site, kind, ids, pages)
    if op.theme_pack:
        site.extra_body.append(
            f"<!-- theme demo: ga('create', '{shared.pack_ua}-1', 'auto'); "
            f'google_ad_client: "{shared.pack_pub}" -->'
        )
        site.heads = [
            [*h, f'<meta property="fb:app_id" content="{shared.pack_app}">'] for h in site.heads
        ]
    if op.reseller:
        site.extra_body.append(_snippet(rng, "adsense", shared.reseller, domain))
    _noise(rng, site, shared, news=False)
    return site


def _news_site(rng: random.Random, domain: str, shared: _Shared) -> _Site:
    pages = 5
    cloud = rng.random() < 0.7
    site = _Site(
        domain=domain,
        theme=rng.choice(("newspaper", "soledad", "jnews", f"{domain.split('.')[0]}-theme")),
        plugins=rng.sample(COMMON_PLUGINS, 3), authors=["city-desk", f"reporter-{_hex(rng, 4)}"],
        tags=[[] for _ in range(pages)], heads=[[] for _ in range(pages)],
        ip=rng.choice(_CLOUDFLARE_IPS) if cloud else f"203.0.113.{rng.randint(1, 254)}",
        server="cloudflare" if cloud else "nginx", cdn=cloud,
        generator=f"WordPress 6.{rng.randint(1, 6)}",
    )  # fmt: skip
    for kind, odds in (("ga4", 1.0), ("gtm", 0.5), ("adsense", 0.5), ("verify_google", 0.6)):
        if rng.random() < odds:
            _deploy(rng, site, kind, [_new_account(rng, kind)], pages)
    _noise(rng, site, shared, news=True)
    return site


def generate_crawl(seed: int = 22, *, operators: int = 48, news_sites: int = 40) -> SyntheticCrawl:
    """A crawl of ``operators`` farm operators (over 300 sites) and ``news_sites`` news sites.

    >>> crawl = generate_crawl(3, operators=4, news_sites=2)
    >>> len(set(crawl.owner.values())), len(crawl.news)
    (6, 2)
    """
    rng = random.Random(seed)
    names = _Names(rng)
    ops = _operators(rng, operators, names)
    shared = _Shared(
        pack_ua=_new_account(rng, "ga_ua"), pack_pub=_new_account(rng, "adsense"),
        pack_app=_digits(rng, 15), vendor_ga4=_new_account(rng, "ga4"),
        hub_gtm=_new_account(rng, "gtm"), reseller=_new_account(rng, "adsense"),
    )  # fmt: skip
    for op in ops:
        if op.theme_pack:
            op.theme = "soledad"  # the nulled pack is of a popular theme
    sites: list[_Site] = []
    owner: dict[str, str] = {}
    for op in ops:
        for domain in op.domains:
            sites.append(_farm_site(rng, op, domain, shared))
            owner[domain] = op.name
    news = [names.news() for _ in range(news_sites)]
    for i, domain in enumerate(news):
        site = _news_site(rng, domain, shared)
        if i < 3:  # a news site monetised through the same reseller
            site.extra_body.append(_snippet(rng, "adsense", shared.reseller, domain))
        if i == 0 and ops:  # an investigation quoting a farm's ids in its text
            quoted = [ids[0] for ids in ops[0].accounts.values()][:2]
            site.extra_body.append(
                f"<p>The sites shared the identifiers {' and '.join(quoted)}.</p>"
            )
        sites.append(site)
        owner[domain] = f"news:{domain}"
    pages = []
    for site in sites:
        for n in range(len(site.tags)):
            url, html = _render(site, n, rng, lite=rng.random() < 0.1)
            doc_id = f"urn:uuid:{_hex(rng, 8)}-{_hex(rng, 4)}-4{_hex(rng, 3)}-a{_hex(rng, 3)}-{_hex(rng, 12)}"
            pages.append(SyntheticPage(doc_id, url, html, site.ip, site.server, site.cdn))
    notes = {
        "reseller": shared.reseller, "vendor_ga4": shared.vendor_ga4, "hub_gtm": shared.hub_gtm,
        "pack_ua": shared.pack_ua, "pack_pub": shared.pack_pub, "pack_app": shared.pack_app,
    }  # fmt: skip
    return SyntheticCrawl(tuple(pages), owner, frozenset(news), seed, notes)


def warc_bytes(crawl: SyntheticCrawl) -> bytes:
    """The crawl as an uncompressed WARC/1.1 file (response records with IP and Server)."""
    out = bytearray()
    for page in crawl.pages:
        body = page.html.encode("utf-8")
        http = [
            "HTTP/1.1 200 OK",
            "Content-Type: text/html; charset=UTF-8",
            f"Content-Length: {len(body)}",
            f"Server: {page.server}",
        ]
        if page.cdn_header:
            http.append(f"CF-RAY: {_hex(random.Random(page.doc_id), 16)}-AMS")
        block = ("\r\n".join(http) + "\r\n\r\n").encode("ascii") + body
        head = [
            "WARC/1.1",
            "WARC-Type: response",
            f"WARC-Record-ID: <{page.doc_id}>",
            "WARC-Date: 2024-06-01T12:00:00Z",
            f"WARC-Target-URI: {page.url}",
            f"WARC-IP-Address: {page.ip}",
            "Content-Type: application/http; msgtype=response",
            f"Content-Length: {len(block)}",
        ]
        out += ("\r\n".join(head) + "\r\n\r\n").encode("ascii") + block + b"\r\n\r\n"
    return bytes(out)
