"""Malformed input gets 422 with a message, never 500: fixed poisons and a Hypothesis run.

The poisons of the issue: ``offset >= 2**63``, a lone surrogate, ``NaN``/``Infinity``,
5,000-digit integers, 100,000 nested arrays, NUL characters, bytes that are not UTF-8.
"""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from service_helpers import OBFUSCATED, csrf_token

from hoaxlens.service.app import create_app
from hoaxlens.service.settings import ServiceSettings

JSON = {"content-type": "application/json"}
NDJSON = {"content-type": "application/x-ndjson"}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    store = tmp_path_factory.mktemp("inputs") / "inputs.db"
    app = create_app(ServiceSettings(store_url=str(store), run_worker=False))
    with TestClient(app, raise_server_exceptions=False) as client:
        assert client.post("/v1/analyze", json={"text": OBFUSCATED}).status_code == 200
        yield client


def _poisons() -> list:
    deep = b"[" * 100_000 + b"]" * 100_000
    label = b'{"document_id": 1, "label": "genuine", "analyst": "a", "note": %s}'
    cases = [
        ("surrogate-text", "/v1/analyze", b'{"text": "x \\ud800 y"}'),
        ("low-surrogate-text", "/v1/analyze", b'{"text": "x \\udfff y"}'),
        ("surrogate-title", "/v1/analyze", b'{"text": "a story", "title": "\\ud800"}'),
        ("surrogate-url", "/v1/analyze", b'{"text": "a story", "url": "https://x/\\ud800"}'),
        ("surrogate-id", "/v1/analyze", b'{"text": "a story", "id": "\\udbff"}'),
        ("surrogate-key", "/v1/analyze", b'{"text": "a story", "\\ud800": 1}'),
        ("nul-text", "/v1/analyze", b'{"text": "a \\u0000 story"}'),
        ("nan-text", "/v1/analyze", b'{"text": NaN}'),
        ("infinity-title", "/v1/analyze", b'{"text": "a story", "title": Infinity}'),
        ("huge-int", "/v1/analyze", b'{"text": ' + b"9" * 5000 + b"}"),
        ("deep-nesting", "/v1/analyze", b'{"text": ' + deep + b"}"),
        ("deep-nesting-body", "/v1/analyze", deep),
        ("not-utf8", "/v1/analyze", b'{"text": "caf\xe9"}'),
        ("not-an-object", "/v1/analyze", b'["text", "story"]'),
        ("empty-body", "/v1/analyze", b""),
        (
            "nan-document-id",
            "/v1/labels",
            b'{"document_id": NaN, "label": "genuine", "analyst": "a"}',
        ),
        (
            "inf-document-id",
            "/v1/labels",
            b'{"document_id": -Infinity, "label": "genuine", "analyst": "a"}',
        ),
        (
            "float-document-id",
            "/v1/labels",
            b'{"document_id": 1.5, "label": "genuine", "analyst": "a"}',
        ),
        (
            "huge-document-id",
            "/v1/labels",
            b'{"document_id": ' + b"9" * 30 + b', "label": "genuine", "analyst": "a"}',
        ),
        (
            "huger-document-id",
            "/v1/labels",
            b'{"document_id": ' + b"9" * 5000 + b', "label": "genuine", "analyst": "a"}',
        ),
        (
            "surrogate-analyst",
            "/v1/labels",
            b'{"document_id": 1, "label": "genuine", "analyst": "\\ud800"}',
        ),
        ("surrogate-note", "/v1/labels", label % b'"\\ud83d"'),
        ("nul-note", "/v1/labels", label % b'"\\u0000"'),
        ("deep-note", "/v1/labels", label % deep),
    ]
    return [pytest.param(path, body, id=name) for name, path, body in cases]


@pytest.mark.parametrize(("path", "body"), _poisons())
def test_poisoned_json_bodies_get_422_with_a_message(client, path, body):
    response = client.post(path, content=body, headers=JSON)
    assert response.status_code == 422, response.text[:300]
    detail = response.json()["detail"]  # the answer itself is valid JSON
    assert detail
    response.content.decode("utf-8")  # and valid UTF-8


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("/v1/documents?limit=9223372036854775808", id="limit-2**63"),
        pytest.param("/v1/documents?limit=99999999999999999999999999", id="limit-huge"),
        pytest.param("/v1/documents?limit=-1", id="limit-negative"),
        pytest.param("/v1/documents?cursor=" + "A" * 600, id="cursor-too-long"),
        pytest.param("/v1/documents?cursor=%ED%A0%80", id="cursor-not-ours"),
        pytest.param("/v1/documents?until=0", id="until-not-a-date"),
        pytest.param("/v1/documents?since=2025-13-40", id="since-no-such-day"),
        pytest.param("/v1/documents?score_min=NaN", id="score-nan"),
        pytest.param("/v1/documents?limit=1e400", id="limit-inf"),
        pytest.param("/v1/documents?limit=NaN", id="limit-nan"),
        pytest.param("/v1/documents?sort=%ED%A0%80", id="sort-surrogate-bytes"),
        pytest.param("/v1/documents/9223372036854775808", id="document-2**63"),
        pytest.param("/v1/documents/-1", id="document-negative"),
        pytest.param("/v1/clusters?min_size=" + "9" * 5000, id="min-size-5000-digits"),
        pytest.param("/v1/batch/" + "a" * 100, id="job-id-too-long"),
        pytest.param("/documents/9223372036854775808", id="ui-document-2**63"),
        pytest.param("/review?cluster=" + "x" * 100, id="ui-cluster-too-long"),
    ],
)
def test_malformed_query_and_path_parameters_get_422(client, url):
    response = client.get(url)
    assert response.status_code == 422, response.text[:300]


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("/v1/documents?cluster_id=%ED%A0%80", id="cluster-id-invalid-utf8"),
        pytest.param("/v1/batch/%ED%A0%80", id="job-id-invalid-utf8"),
        pytest.param("/v1/documents?limit=500", id="limit-at-the-limit"),
        pytest.param("/v1/documents?q=%ED%A0%80", id="q-invalid-utf8"),
    ],
)
def test_odd_but_valid_parameters_are_answered(client, url):
    assert client.get(url).status_code in (200, 404)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(b'{"text": "a"}\n{"text": "b\x00"}\n', "NUL byte", id="nul-byte"),
        pytest.param(b'{"text": "a"}\n{"text": "caf\xe9"}\n', "not UTF-8 (line 2", id="latin-1"),
        pytest.param(b"\n \n\r\n", "no records", id="blank"),
        pytest.param(b"\xef\xbb\xbf", "no records", id="bom-only"),
    ],
)
def test_unusable_batch_uploads_get_422_and_store_nothing(client, content, message):
    jobs = len(client.app.state.context.store.jobs())
    response = client.post("/v1/batch", content=content, headers=NDJSON)
    assert response.status_code == 422
    assert message in response.json()["detail"]
    assert len(client.app.state.context.store.jobs()) == jobs


def test_ui_forms_refuse_unstorable_text_with_422(client):
    csrf = csrf_token(client)
    response = client.post("/analyze", data={"text": "a \x00 story", "csrf_token": csrf})
    assert response.status_code == 422
    page = client.post(
        "/analyze",
        data={"csrf_token": csrf},
        files={"page": ("p.html", b"<p>a \x00 story</p>", "text/html")},
    )
    assert page.status_code == 422
    assert "NUL" in page.text


_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**80), max_value=2**80)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(st.characters(codec=None, exclude_categories=()), max_size=20)
)
_values = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=12,
)
_field = st.sampled_from(
    ["text", "html", "url", "title", "id", "document_id", "label", "analyst", "note"]
)


@given(
    path=st.sampled_from(["/v1/analyze", "/v1/labels"]),
    body=st.dictionaries(_field, _values, max_size=4) | _values,
)
@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_any_json_value_gets_an_answer_never_a_500(client, path, body):
    # ensure_ascii: lone surrogates travel as \ud800 escapes; NaN/Infinity as the literals
    # Python's json (and so the server's parser) accepts.
    raw = json.dumps(body, ensure_ascii=True, allow_nan=True).encode()
    response = client.post(path, content=raw, headers=JSON)
    assert response.status_code in (200, 201, 404, 422), (raw[:200], response.text[:300])
    json.loads(response.content.decode("utf-8"))
