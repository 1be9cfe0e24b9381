"""Fixtures shared by the service tests."""

from __future__ import annotations

import pytest
from service_helpers import ARGS, CHROMIUM


@pytest.fixture
def page(tmp_path):
    """A page of a fresh headless Chromium profile; closed after the test."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=str(CHROMIUM),
            args=ARGS,
            headless=True,
            viewport={"width": 1280, "height": 1000},
        )
        try:
            yield context.new_page()
        finally:
            context.close()


@pytest.fixture
def make_client(tmp_path):
    """Make TestClients of fresh services on a store (and WARC folder) in ``tmp_path``.

    ``make(**settings)`` takes ``ServiceSettings`` fields; every client is closed after the test.
    """
    from fastapi.testclient import TestClient

    from hoaxlens.service.app import create_app
    from hoaxlens.service.settings import ServiceSettings

    clients = []

    def make(**settings) -> TestClient:
        settings.setdefault("store_url", str(tmp_path / "store.db"))
        settings.setdefault("warc_dir", tmp_path / "warc")
        client = TestClient(create_app(ServiceSettings(**settings)))
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)
