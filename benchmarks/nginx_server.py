"""A real nginx on 127.0.0.1 with the site's own configuration (deploy/nginx), for the
tests and the load test.

The configuration is the production one with what only a real server has swapped out:
ports on 127.0.0.1 instead of 80 and 443, a certificate made on the spot, and the built
site as the root.
"""

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NGINX_CONFIG = ROOT / "deploy" / "nginx"
SERVER_NAME = "www.example.org"

TEST_CONFIG = """
{user}
worker_processes {workers};
error_log {work}/error.log warn;
pid {work}/nginx.pid;
events {{ worker_connections 512; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {work}/client-body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
    include sites/implant-guide.conf;
}}
"""


@dataclass(frozen=True)
class Ports:
    """Where the test server listens: plain HTTP (which redirects) and HTTPS."""

    http: int
    https: int


def nginx_path() -> str:
    """Where nginx should be: $NGINX, or nginx on PATH or in /usr/sbin."""
    return os.environ.get("NGINX") or shutil.which("nginx") or "/usr/sbin/nginx"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _site_config(ports: Ports, root: Path, work: Path) -> str:
    """deploy/nginx/implant-guide.conf, with test ports, certificate and root."""
    text = (NGINX_CONFIG / "implant-guide.conf").read_text(encoding="utf-8")
    swaps = {
        "    listen [::]:80;\n": "",
        "    listen [::]:443 ssl http2;\n": "",
        "listen 80;": f"listen 127.0.0.1:{ports.http};",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{ports.https} ssl http2;",
        f"/etc/letsencrypt/live/{SERVER_NAME}/fullchain.pem": str(work / "cert.pem"),
        f"/etc/letsencrypt/live/{SERVER_NAME}/privkey.pem": str(work / "key.pem"),
        "root /srv/implant-guide/current;": f"root {root};",
    }
    for production, test in swaps.items():
        assert production in text, f"implant-guide.conf no longer has {production!r}"
        text = text.replace(production, test)
    return text


def _certificate(work: Path) -> None:
    command = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"]
    command += ["-subj", f"/CN={SERVER_NAME}", "-keyout", str(work / "key.pem")]
    command += ["-out", str(work / "cert.pem")]
    subprocess.run(command, check=True, capture_output=True)


def _wait_for(port: int, process: subprocess.Popen, work: Path) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx exited: {(work / 'error.log').read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("nginx did not start listening within 10 seconds")


@contextmanager
def serve_with_nginx(
    root: Path, work: Path, executable: str, workers: str = "1"
) -> Iterator[Ports]:
    """Serve the built site `root` with the site's nginx configuration, by the nginx at
    `executable` with `workers` worker processes ("auto": one a CPU); yields the ports."""
    ports = Ports(_free_port(), _free_port())
    (work / "sites").mkdir(parents=True)
    (work / "snippets").mkdir()
    (work / "snippets" / "implant-guide").symlink_to(NGINX_CONFIG / "snippets")
    (work / "sites" / "implant-guide.conf").write_text(_site_config(ports, root, work))
    # Running as root, nginx's workers would switch to an account that cannot read the
    # test's folders; they stay root instead.
    user = "user root;" if os.geteuid() == 0 else ""
    (work / "nginx.conf").write_text(TEST_CONFIG.format(user=user, work=work, workers=workers))
    _certificate(work)
    command = [executable, "-p", str(work), "-e", str(work / "error.log")]
    command += ["-c", str(work / "nginx.conf")]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
    assert checked.returncode == 0, f"nginx -t: {checked.stderr}"
    process = subprocess.Popen([*command, "-g", "daemon off;"])
    try:
        _wait_for(ports.https, process, work)
        yield ports
    finally:
        process.terminate()
        process.wait(timeout=10)
