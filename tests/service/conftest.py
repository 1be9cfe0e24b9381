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
