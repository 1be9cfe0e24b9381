"""Operator networks: sites linked to who runs them through shared ad, analytics and site ids.

A stage on raw HTML, before extraction drops the markup::

    page = fingerprint_document(raw)          # PageFingerprints: typed identifiers, each with
                                              #   its tag and offset in the page
    networks = find_networks(pages, config)   # sites -> components over strong shared ids,
                                              #   hubs damped, weak ids never link alone
    records = network_records(networks, stories)   # one record per site, campaigns joined

``analyze_networks`` runs it all beside the analyzer and clustering (one read of the
input); ``spark.networks`` computes the same networks on Spark. ``network_summaries``,
``crossing_templates`` and ``template_pushers`` turn the records into the per-network view
of the report and the dashboard; ``stored_network_records`` and ``network_page`` build it
from documents a store already holds (the analyst service's hook).
"""

from hoaxlens.networks.collect import (
    NetworkReport,
    analyze_networks,
    fingerprint_stream,
    story_refs,
)
from hoaxlens.networks.fingerprints import fingerprint_document, fingerprint_html
from hoaxlens.networks.graph import (
    Networks,
    corroborate,
    corroborated_identifiers,
    domain_profiles,
    edge_confidence,
    edge_from,
    find_networks,
    identifier_pairs,
    identifier_sites,
    identifier_weight,
    network_key,
    same_network_pairs,
)
from hoaxlens.networks.hosting import HostingHints, read_hosting, read_warc_hosting
from hoaxlens.networks.records import (
    DEFAULT_NETWORK_CONFIG,
    DomainProfile,
    Edge,
    Fingerprint,
    NetworkConfig,
    PageFingerprints,
    Shared,
    Sighting,
    Strength,
)
from hoaxlens.networks.report import (
    SiteStories,
    StoryRef,
    network_records,
    site_stories,
    template_networks,
)
from hoaxlens.networks.stix import network_stix_bundle
from hoaxlens.networks.stored import StoredStory, network_page, stored_network_records
from hoaxlens.networks.summary import crossing_templates, network_summaries, template_pushers
from hoaxlens.networks.svg import network_svg
from hoaxlens.networks.table import network_table

__all__ = [
    "DEFAULT_NETWORK_CONFIG",
    "DomainProfile",
    "Edge",
    "Fingerprint",
    "HostingHints",
    "NetworkConfig",
    "NetworkReport",
    "Networks",
    "PageFingerprints",
    "Shared",
    "Sighting",
    "SiteStories",
    "StoredStory",
    "StoryRef",
    "Strength",
    "analyze_networks",
    "corroborate",
    "corroborated_identifiers",
    "crossing_templates",
    "domain_profiles",
    "edge_confidence",
    "edge_from",
    "find_networks",
    "fingerprint_document",
    "fingerprint_html",
    "fingerprint_stream",
    "identifier_pairs",
    "identifier_sites",
    "identifier_weight",
    "network_key",
    "network_page",
    "network_records",
    "network_stix_bundle",
    "network_summaries",
    "network_svg",
    "network_table",
    "read_hosting",
    "read_warc_hosting",
    "same_network_pairs",
    "site_stories",
    "stored_network_records",
    "story_refs",
    "template_networks",
    "template_pushers",
]
