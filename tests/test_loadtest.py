"""`invoke loadtest` serves the published site with nginx and loads it with ab: it runs and
prints its table (the figures themselves are a benchmark's, never asserted)."""

import shutil
import subprocess
import sys

from conftest import ROOT
from support.programs import installed_program

from benchmarks import nginx_server

ROWS = ("page", "CSS", "search index", "page, new TLS")


def test_the_load_test_prints_each_address_with_its_figures(published_site):
    installed_program(nginx_server.nginx_path(), "nginx", "nginx", "REQUIRE_NGINX")
    installed_program(shutil.which("ab") or "/usr/bin/ab", "ab", "apache2-utils", "REQUIRE_NGINX")
    bounds = ["--requests", "20", "--seconds", "10", "--concurrency", "2"]
    done = subprocess.run(
        [sys.executable, "-m", "invoke", "loadtest", "--site", str(published_site.root), *bounds],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert "at most 20 requests or 10 s per row" in lines[0]
    columns = "what address bytes requests seconds req/s p50 ms p90 ms p99 ms errors"
    assert lines[1].split() == columns.split()
    rows = {line[:15].strip(): line[15:].split() for line in lines[2:]}
    assert list(rows) == list(ROWS)
    for name, (address, size, requests, *figures, errors) in rows.items():
        assert (published_site.root / address.lstrip("/")).exists(), name
        assert int(size) > 0 and int(requests) == 20 and int(errors) == 0, (name, rows[name])
        assert all(float(figure) >= 0 for figure in figures), (name, figures)
