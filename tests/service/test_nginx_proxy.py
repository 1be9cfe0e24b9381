"""The README's nginx configuration in front of two ``hoaxlens serve`` workers (issue 20).

The ``nginx`` block of the README's "Several workers and production" section is run by a
real nginx (Debian's ``/usr/sbin/nginx``) with two changes a test needs: it listens on a free
loopback port without TLS (the certificate lines go), and its ``upstream`` lists the two
workers. Stories posted through it are stored once each, by either worker, and read back
through it; nginx's log shows that both workers answered.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import httpx
import pytest
from service_helpers import OBFUSCATED, swap_name
from test_workers import BEARER, Server, _free_port

pytestmark = pytest.mark.slow

README = Path(__file__).resolve().parents[2] / "README.md"
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


def documented_nginx() -> str:
    """The README's nginx configuration block."""
    found = re.search(r"```nginx\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert found, "README documents no nginx configuration"
    return found.group(1)


def test_documented_config_has_an_upstream_tls_and_the_upload_limit():
    conf = documented_nginx()
    assert re.search(r"upstream hoaxlens \{[^}]*server 127\.0\.0\.1:8000;", conf)
    assert "listen 443 ssl;" in conf
    assert "client_max_body_size 64m;" in conf  # serve's default --max-upload-mb
    assert "proxy_set_header Host $host;" in conf


def _config(tmp: Path, port: int, workers: list[int]) -> Path:
    block = documented_nginx()
    upstream = " ".join(f"server 127.0.0.1:{p};" for p in workers)
    block = re.sub(r"upstream hoaxlens \{[^}]*\}", f"upstream hoaxlens {{ {upstream} }}", block)
    block = block.replace("listen 443 ssl;", f"listen 127.0.0.1:{port};")
    block = "\n".join(line for line in block.splitlines() if "ssl_certificate" not in line)
    temp = "".join(
        f"{kind}_temp_path {tmp / kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    user = "user root;\n" if os.geteuid() == 0 else ""
    conf = tmp / "nginx.conf"
    conf.write_text(
        f"{user}daemon off;\npid {tmp / 'nginx.pid'};\nerror_log {tmp / 'error.log'};\n"
        "events {}\nhttp {\n"
        "log_format upstreams '$request $status $upstream_addr';\n"
        f"access_log {tmp / 'access.log'} upstreams;\n{temp}{block}\n}}\n",
        encoding="utf-8",
    )
    return conf


@pytest.mark.skipif(NGINX is None, reason="no nginx here: `apt-get install nginx` to run it")
def test_two_workers_behind_the_documented_nginx(tmp_path):
    store = str(tmp_path / "store.db")
    servers = [Server(store, tmp_path / f"serve{n}.log") for n in range(2)]
    port = _free_port()
    conf = _config(tmp_path, port, [s.port for s in servers])
    check = subprocess.run(  # noqa: S603 - nginx -t on our own file
        [str(NGINX), "-t", "-p", str(tmp_path), "-c", str(conf)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stderr
    proxy = subprocess.Popen(  # noqa: S603
        [str(NGINX), "-p", str(tmp_path), "-c", str(conf)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,  # nginx writes to error.log
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for server in servers:
            server.wait_healthy()
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, (tmp_path / "error.log").read_text()
            time.sleep(0.2)
        names = ("Nia Holt", "Remy Cole", "Ada Vance", "Ivo Lark")
        with httpx.Client(base_url=base, headers=BEARER, timeout=120) as client:
            stored = []
            for name in names:
                response = client.post("/v1/analyze", json={"text": swap_name(OBFUSCATED, name)})
                assert response.status_code == 200, response.text
                stored.append(response.json())
            assert len({r["document_id"] for r in stored}) == len(names)
            assert len({r["cluster_id"] for r in stored}) == 1  # one campaign, either worker
            for record in stored:
                got = client.get(f"/v1/documents/{record['document_id']}")
                assert got.status_code == 200
                assert got.json()["record"]["cluster_id"] == record["cluster_id"]
            found = client.get("/v1/documents", params={"q": "Remy"}).json()
            assert found["total"] == 1
            assert (
                client.get("/v1/documents/1", headers={"Authorization": "Bearer x"}).status_code
                == 401
            )
    finally:
        proxy.terminate()
        proxy.wait(10)
        for server in servers:
            server.stop()
    served_by = re.findall(r" 127\.0\.0\.1:(\d+)$", (tmp_path / "access.log").read_text(), re.M)
    assert {int(p) for p in served_by} == {s.port for s in servers}  # both workers answered
