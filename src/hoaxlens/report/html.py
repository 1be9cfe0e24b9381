"""Render a clustered corpus as one self-contained HTML page (inline CSS, JS and SVG).

Everything that comes from a document goes through Jinja2's autoescaping; only the SVG
charts, which matplotlib renders with text as paths, and the operator-network picture
(``networks.network_svg``, which escapes every name itself) are inserted as markup.
"""

from __future__ import annotations

from importlib import metadata
from typing import TYPE_CHECKING, Any

from hoaxlens.corpus.campaigns import DISARM
from hoaxlens.corpus.counting import count_stories, is_campaign
from hoaxlens.report.charts import bar_chart, histogram
from hoaxlens.report.diff import diff_words
from hoaxlens.report.rollups import domain_rollups, people_rollups, story_facts

if TYPE_CHECKING:
    from collections.abc import Sequence

    from hoaxlens.corpus.analyze import Corpus
    from hoaxlens.corpus.campaigns import Campaign
    from hoaxlens.report.rollups import Rollup

MAX_CAMPAIGNS = 10
MAX_VARIANTS = 3
TOP_BARS = 15
MAX_NETWORKS = 20  # networks with a table of their own (the picture draws up to 30)
MAX_NETWORK_SITES = 40  # sites listed by name per network


def _campaign_view(campaign: Campaign) -> dict[str, Any]:
    rep = campaign.representative
    variants = []
    for member in campaign.members[1 : 1 + MAX_VARIANTS]:
        left, right = diff_words(rep.cluster_text, member.cluster_text)
        variants.append({"id": member.id, "url": member.url, "left": left, "right": right})
    return {
        "cluster_id": campaign.cluster_id,
        "size": campaign.size,
        "fabricated": campaign.fabricated,
        "member_ids": " ".join(m.id for m in campaign.members),
        "title": rep.title or rep.text[:120],
        "template": campaign.template,
        "people": campaign.people,
        "domains": campaign.domains,
        "disarm": [{"id": t, "name": DISARM[t]} for t in campaign.disarm],
        "ai_evidence": [
            {"id": doc_id, "start": start, "end": end, "reason": reason, "text": text[start:end]}
            for doc_id, start, end, reason in campaign.ai_evidence[:MAX_VARIANTS]
            for text in [next(m.text for m in campaign.members if m.id == doc_id)]
        ],
        "representative_id": rep.id,
        "variants": variants,
        "more": max(0, campaign.size - 1 - MAX_VARIANTS),
    }


def _charts(corpus: Corpus, people: list[Rollup], threshold: float | None) -> list[dict[str, str]]:
    scores = [i.score for i in corpus.items if i.score is not None]
    top = people[:TOP_BARS]
    largest = [c for c in corpus.campaigns if c.size > 1][:TOP_BARS]
    charts = [
        {
            "name": "people",
            "caption": "Stories per targeted person (primary person of each story).",
            "svg": bar_chart([r.key for r in top], [r.stories for r in top], "Targeted people"),
        },
        {
            "name": "scores",
            "caption": "How confident the model is that each story is fabricated.",
            "svg": histogram(scores, threshold, "Score distribution"),
        },
    ]
    if largest:
        labels = [(c.representative.title or c.cluster_id)[:40] for c in largest]
        charts.append(
            {
                "name": "templates",
                "caption": "Copies per template (name-swapped variants counted together).",
                "svg": bar_chart(labels, [c.size for c in largest], "Largest templates"),
            }
        )
    return charts


def _network_view(corpus: Corpus, records: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The operator-network section: the picture, one table per network, crossing templates."""
    from hoaxlens.networks import crossing_templates, network_summaries, network_svg

    titles = {c.cluster_id: (c.representative.title or c.cluster_id)[:90] for c in corpus.campaigns}
    multi = [c for c in corpus.campaigns if c.size > 1]
    shown = {c.cluster_id for c in multi[:MAX_CAMPAIGNS]}  # sections of "Largest templates"
    summaries = network_summaries(records)
    for n in summaries:
        n["more_sites"] = max(0, n["size"] - MAX_NETWORK_SITES)
        n["domains"] = n["domains"][:MAX_NETWORK_SITES]
        n["templates"] = [
            {"id": t, "title": titles.get(t, t), "shown": t in shown} for t in n["templates"]
        ]
    crossing = [
        {**c, "title": titles.get(c["template"], c["template"]), "shown": c["template"] in shown}
        for c in crossing_templates(records)
    ]
    return {
        "svg": network_svg(records),
        "sites": len(records),
        "alone": sum(r["network_size"] == 1 for r in records),
        "networks": summaries[:MAX_NETWORKS],
        "more": max(0, len(summaries) - MAX_NETWORKS),
        "crossing": crossing,
    }


def render_report(
    corpus: Corpus,
    *,
    threshold: float | None = None,
    networks: Sequence[dict[str, Any]] | None = None,
) -> str:
    """The HTML report of a clustered corpus, as one string.

    ``networks``: the per-site records of ``hoaxlens networks`` (``NetworkReport.records``)
    for the operator-network section; without them the section is left out.
    """
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("hoaxlens.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
    people = people_rollups(corpus.items, corpus.assignments)
    multi = [c for c in corpus.campaigns if is_campaign(c.size)]
    total = count_stories(f for _, f in story_facts(corpus.items, corpus.assignments)).total
    return env.get_template("report.html.j2").render(
        summary={
            "documents": len(corpus.items),
            "stories": total.stories,
            "fabricated": total.fabricated,
            "campaigns": total.campaigns,
            "errors": sum(i.is_error for i in corpus.items),
        },
        charts=_charts(corpus, people, threshold),
        people=people,
        domains=domain_rollups(corpus.items, corpus.assignments),
        campaigns=[_campaign_view(c) for c in multi[:MAX_CAMPAIGNS]],
        all_campaigns=[
            {
                "cluster_id": c.cluster_id,
                "size": c.size,
                "fabricated": c.fabricated,
                "people": c.people,
                "domains": c.domains,
                "member_ids": " ".join(m.id for m in c.members),
                "shown": n < MAX_CAMPAIGNS,
            }
            for n, c in enumerate(multi)
        ],
        errors=[i for i in corpus.items if i.is_error],
        networks=None if networks is None else _network_view(corpus, networks),
        version=metadata.version("hoaxlens"),
    )
