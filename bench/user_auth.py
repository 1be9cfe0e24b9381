"""What a store user's token costs per request beside a token of ``hoaxlens serve``.

A serve token is matched in memory; a user's token is looked up in the store (its SHA-256,
a unique index) on a worker thread. Both kinds of request take turns on one in-process app
(TestClient, SQLite store), so a noisy machine slows both alike; the figures are medians
of ``GET /v1/documents/{id}`` (one stored document) and their ratio.

    python bench/user_auth.py [--rounds 400]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from hoaxlens.service.accounts import Accounts
from hoaxlens.service.app import create_app
from hoaxlens.service.settings import ServiceSettings

SERVE_TOKEN = "bench-serve-token-0123456789"  # noqa: S105 - a bench token, not a secret
STORY = "Marcy Vale quietly paid a stranger's debt at a diner. Nobody could believe it."


def main() -> None:
    """Time both kinds of token in turns and print the medians and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=400)
    args = parser.parse_args()
    store = Path(tempfile.mkdtemp(prefix="hoaxlens-bench-auth-")) / "bench.db"
    settings = ServiceSettings(
        store_url=str(store), token=SERVE_TOKEN, run_worker=False, analysis_workers=0
    )
    app = create_app(settings)
    with TestClient(app) as client:
        accounts = Accounts(app.state.context.store.engine)
        for n in range(50):  # a team, so the lookup is not in a one-row table
            accounts.add(f"analyst{n}", "analyst")
        _, user_token = accounts.add("ana", "analyst")
        serve = {"Authorization": f"Bearer {SERVE_TOKEN}"}
        user = {"Authorization": f"Bearer {user_token}"}
        doc = client.post("/v1/analyze", json={"text": STORY}, headers=serve).json()
        url = f"/v1/documents/{doc['document_id']}"
        times: dict[str, list[float]] = {"serve token": [], "user token": []}
        for _ in range(args.rounds):
            for name, headers in (("serve token", serve), ("user token", user)):
                start = time.perf_counter()
                assert client.get(url, headers=headers).status_code == 200
                times[name].append(time.perf_counter() - start)
    medians = {name: statistics.median(values) * 1000 for name, values in times.items()}
    for name, value in medians.items():
        print(f"{name}: {value:.2f} ms median GET {url} ({args.rounds} requests)")
    print(f"user / serve: {medians['user token'] / medians['serve token']:.2f}")


if __name__ == "__main__":
    main()
