"""The identifiers the fingerprint stage looks for: kinds, strengths and linear-time patterns.

Every pattern starts at a literal anchor (``UA-``, ``ca-pub-``, ``<meta``, …) and repeats
only bounded classes that cannot overlap what follows them, so a scan is linear in the page
(``tests/test_regex_audit.py`` checks each one). Where an identifier sits inside a longer
URL (MGID, Adsterra, WordPress assets), the pattern finds the anchor and plain string code
reads the rest.
"""

from __future__ import annotations

import re

from hoaxlens.networks.records import Strength

# kind -> (strength, what it is, for a reader). Strong: accounts that are paid or prove
# ownership, one per operator in practice (AdSense's terms allow one account a person);
# the rest only support a link (see records.Strength).
KINDS: dict[str, tuple[Strength, str]] = {
    "adsense": (Strength.STRONG, "Google AdSense publisher id"),
    "ga_ua": (Strength.STRONG, "Google Analytics (Universal) account"),
    "ga4": (Strength.STRONG, "Google Analytics 4 measurement id"),
    "gtm": (Strength.STRONG, "Google Tag Manager container"),
    "google_ads": (Strength.STRONG, "Google Ads conversion id"),
    "fb_pixel": (Strength.STRONG, "Facebook (Meta) pixel id"),
    "mgid": (Strength.STRONG, "MGID widget id"),
    "taboola": (Strength.STRONG, "Taboola publisher id"),
    "revcontent": (Strength.STRONG, "Revcontent widget id"),
    "adsterra": (Strength.STRONG, "Adsterra placement key"),
    "verify_google": (Strength.STRONG, "google-site-verification token"),
    "verify_bing": (Strength.STRONG, "msvalidate.01 (Bing) token"),
    "verify_yandex": (Strength.STRONG, "yandex-verification token"),
    "verify_facebook": (Strength.STRONG, "facebook-domain-verification token"),
    "verify_pinterest": (Strength.STRONG, "p:domain_verify (Pinterest) token"),
    "verify_norton": (Strength.STRONG, "norton-safeweb-site-verification token"),
    "author": (Strength.MEDIUM, "author slug (/author/…)"),
    "fb_app": (Strength.MEDIUM, "Facebook app id (fb:app_id)"),
    "feed": (Strength.MEDIUM, "feed hosted on another site"),
    "wp_theme": (Strength.WEAK, "WordPress theme"),
    "wp_plugin": (Strength.WEAK, "WordPress plugin"),
    "generator": (Strength.WEAK, "generator meta"),
    "cdn": (Strength.WEAK, "CDN or hosting hint"),
    "server": (Strength.WEAK, "HTTP Server header"),
    "ip": (Strength.WEAK, "server IP address (WARC-IP-Address)"),
}

# meta name -> verification kind
VERIFICATION_META = {
    "google-site-verification": "verify_google",
    "msvalidate.01": "verify_bing",
    "yandex-verification": "verify_yandex",
    "facebook-domain-verification": "verify_facebook",
    "p:domain_verify": "verify_pinterest",
    "norton-safeweb-site-verification": "verify_norton",
}

# Author slugs every WordPress site has: not an identifier of anyone.
GENERIC_AUTHORS = frozenset(
    {"admin", "administrator", "editor", "editors", "staff", "author", "news", "team", "user",
     "webmaster", "redaction", "redaksi", "guest", "contributor", "desk", "root", "test"}
)  # fmt: skip

# (kind, pattern, group holding the identifier). Values are normalised in fingerprints.py.
ID_PATTERNS: tuple[tuple[str, re.Pattern[str], int], ...] = (
    ("adsense", re.compile(r"(?<![\w-])(?:ca-)?pub-(\d{16})(?!\d)"), 1),
    ("ga_ua", re.compile(r"(?<![\w-])UA-(\d{4,10})-\d{1,4}(?!\d)"), 1),
    ("ga4", re.compile(r"(?<![\w-])G-([A-Z0-9]{10})(?![\w-])"), 1),
    ("gtm", re.compile(r"(?<![\w-])GTM-([A-Z0-9]{4,9})(?![\w-])"), 1),
    ("google_ads", re.compile(r"(?<![\w-])AW-(\d{9,11})(?![\w-])"), 1),
    (
        "fb_pixel",
        re.compile(r"fbq\(\s{0,10}[\"']init[\"']\s{0,10},\s{0,10}[\"']?(\d{15,16})(?!\d)"),
        1,
    ),
    ("fb_pixel", re.compile(r"facebook\.com/tr/?\?id=(\d{15,16})(?!\d)"), 1),
    ("taboola", re.compile(r"cdn\.taboola\.com/libtrc/([\w-]{2,80})/loader\.js"), 1),
    ("revcontent", re.compile(r"revcontent\.com/serve\.js\.php\?w=(\d{3,9})(?!\d)"), 1),
    (
        "adsterra",
        re.compile(
            r"atOptions\s{0,10}=\s{0,10}\{\s{0,10}[\"']key[\"']\s{0,10}:\s{0,10}[\"']([0-9a-f]{32})[\"']"
        ),
        1,
    ),
    ("adsterra", re.compile(r"\.com/([0-9a-f]{32})/invoke\.js"), 1),
    ("adsterra", re.compile(r"\.com/(?:[0-9a-f]{2}/){3}([0-9a-f]{32})\.js"), 1),
)

# Anchors whose identifier is read from the text after them by string code.
MGID_SCRIPT = re.compile(r"jsc\.(?:mgid|adskeeper)\.com/")
MGID_TAIL = re.compile(r"\.(\d{4,10})\.js")
WIDGET_ATTR = re.compile(r"data-widget-id\s{0,5}=\s{0,5}[\"']?(\d{3,12})(?!\d)", re.I)
WP_ASSET = re.compile(r"/wp-content/(themes|plugins)/([\w.-]{1,80})/", re.I)
VERSION = re.compile(r"[?&]ver=([\w.-]{1,24})")
AUTHOR = re.compile(r"/author/([\w-]{1,60})(?=[/\"'?#])")
CDN_CGI = re.compile(r"/cdn-cgi/")

# Elements whose attributes carry identifiers, and their attributes.
HEAD_TAG = re.compile(r"<(meta|link)\b[^<>]{0,1000}>", re.I)
ATTRIBUTE = re.compile(
    r"([\w:.-]{1,60})\s{0,5}=\s{0,5}(?:\"([^\"<>]{0,500})\"|'([^'<>]{0,500})'|([^\s\"'<>]{1,500}))"
)
TAG_NAME = re.compile(r"[A-Za-z][\w:-]{0,30}")
SCRIPT_OPEN = re.compile(r"<script\b", re.I)
SCRIPT_CLOSE = re.compile(r"</script\s{0,5}>", re.I)
