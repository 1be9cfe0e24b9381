"""`hoaxlens train --from-store`: analysts' labels in a service store become training data."""

from __future__ import annotations

import json

from click.testing import CliRunner
from fastapi.testclient import TestClient

from hoaxlens.cli import cli
from hoaxlens.service.app import create_app
from hoaxlens.service.settings import ServiceSettings

FAKES = [
    "Then it happened. The crowd fell silent as {n} wiped away tears on stage.",
    "No one saw it coming: {n} stopped the show, and the audience was left in tears.",
]
NEWS = [
    "{n} announced a tour on Monday, according to a statement from the label.",
    "{n} settled the lawsuit on Friday, court filings seen by Reuters show.",
]
NAMES = ["Ada Stone", "Bo Reyes", "Cy Lark", "Di Moss", "Ed Vale", "Flo Hart"]


def test_train_from_store_learns_from_labels_and_records_the_store(tmp_path):
    store = str(tmp_path / "labels.db")
    with TestClient(create_app(ServiceSettings(store_url=store))) as client:
        for k, name in enumerate(NAMES):
            for templates, label in ((FAKES, "fabricated"), (NEWS, "genuine")):
                text = templates[k % 2].format(n=name)
                doc = client.post("/v1/analyze", json={"text": text}).json()
                response = client.post(
                    "/v1/labels",
                    json={"document_id": doc["document_id"], "label": label, "analyst": "ana"},
                )
                assert response.status_code < 300, response.text
    out = tmp_path / "model.json"
    result = CliRunner().invoke(
        cli,
        [
            "train",
            "--from-store",
            f"sqlite:///{store}",
            "--signals",
            "story_grammar.v1,unverifiable_attribution.v1,lexical.v1",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    model = json.loads(out.read_text(encoding="utf-8"))
    assert model["card"]["data"]["stores"] == [
        {"url": f"sqlite:///{store}", "labelled_documents": 12}
    ]
    assert model["card"]["items"]["fabricated"] == 6
    assert model["card"]["items"]["genuine"] == 6
    assert model["signal_params"]["lexical.v1"]["weights"]  # the lexical model was fitted


def test_train_without_data_is_a_usage_error():
    result = CliRunner().invoke(cli, ["train", "-o", "m.json"])
    assert result.exit_code == 2
    assert "--from-store" in result.output
