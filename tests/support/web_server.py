"""A real nginx serving a built site with the site's own configuration, for the tests
(benchmarks/nginx_server.py): without nginx the test is skipped, saying how to install
it, or fails where REQUIRE_NGINX=1."""

from pathlib import Path

from benchmarks import nginx_server
from benchmarks.nginx_server import SERVER_NAME, Ports
from support.programs import installed_program

__all__ = ["SERVER_NAME", "Ports", "serve_with_nginx"]


def serve_with_nginx(root: Path, work: Path):
    """Serve the built site `root` from nginx, with its work files in `work`."""
    executable = installed_program(nginx_server.nginx_path(), "nginx", "nginx", "REQUIRE_NGINX")
    return nginx_server.serve_with_nginx(root, work, executable)
