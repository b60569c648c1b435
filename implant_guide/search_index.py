"""Pelican plugin: build the Pagefind search index while Pelican writes the site.

Pagefind runs as a service in its own process. Each HTML page goes to it as soon as
Pelican has written it, so Pagefind indexes one page while Pelican renders the next, on
another processor core. Once everything is written the index goes to ``pagefind/`` in the
output. Pagefind indexes the parts of a page marked ``data-pagefind-body``.
Files left from an earlier build that the new index does not use are removed
(see `implant_guide.pagefind_files`).
"""

import base64
import contextlib
import json
import queue
import subprocess
import threading
from pathlib import Path

from pagefind.service import get_executable
from pelican import signals

from implant_guide.pagefind_files import INDEX_FOLDER, remove_unused_files


class SearchIndexError(SystemExit):
    """Pagefind could not index a page or write the index: ends the build with status 1."""

    def __init__(self, problem: str):
        super().__init__(
            f"The search index was not written: {problem}. Check that the project's pinned "
            "packages are installed (make build installs them), then build again."
        )


class PagefindService:
    """A running ``pagefind --service``: requests go to its input, each a base64 JSON
    message ending with a comma, and responses come back from its output the same way."""

    def __init__(self):
        command = [str(get_executable()), "--service"]
        try:
            self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        except OSError as error:
            raise SearchIndexError(f"Pagefind did not start ({error})") from error
        self.sent = 0
        self.responses = queue.SimpleQueue()
        threading.Thread(target=self._read_responses, daemon=True).start()

    def send(self, payload: dict) -> None:
        """Queue one request; its response is collected by `finish`."""
        self.sent += 1
        message = json.dumps({"message_id": self.sent, "payload": payload}).encode()
        with contextlib.suppress(BrokenPipeError):  # Pagefind has stopped: `finish` says so
            self.process.stdin.write(base64.b64encode(message) + b",")
            self.process.stdin.flush()

    def finish(self) -> list[dict]:
        """Wait for the response to every request sent, stop the service and return the
        responses' payloads, with an error in place of those Pagefind never gave."""
        payloads = []
        while len(payloads) < self.sent and (payload := self.responses.get()) is not None:
            payloads.append(payload)
        self.stop()
        if len(payloads) < self.sent:
            status = self.process.returncode
            stopped = f"Pagefind stopped (exit status {status}) before it answered every request"
            payloads.append({"type": "Error", "message": stopped})
        return payloads

    def stop(self) -> None:
        """End the service; it stops when its input closes."""
        with contextlib.suppress(BrokenPipeError):
            self.process.stdin.close()
        self.process.wait()

    def _read_responses(self) -> None:
        pending = b""
        try:
            while chunk := self.process.stdout.read1():
                *messages, pending = (pending + chunk).split(b",")
                for message in messages:
                    self.responses.put(json.loads(base64.b64decode(message))["payload"])
        finally:
            self.responses.put(None)  # no more responses


def result_url(site: Path, path: Path) -> str:
    """The address a search result links to: `/slug/` for `slug/index.html`."""
    return "/" + path.relative_to(site).as_posix().removesuffix("index.html")


class SearchIndexer:
    """Indexes the pages of one Pelican run."""

    def __init__(self):
        self.site = None
        self.service = None

    def start(self, generators):
        """Signal handler, before anything is written: start a new index (the service's
        first, so its id is 0)."""
        if self.service:  # left by a run that failed
            self.service.stop()
        self.site = Path(generators[0].output_path)
        self.service = PagefindService()
        self.service.send({"type": "NewIndex", "config": {}})

    def add_page(self, path, context):
        """Signal handler, after Pelican writes a file: index it if it is a page, unless
        it is a draft."""
        path, content = Path(path), context.get("article") or context.get("page")
        if path.suffix == ".html" and getattr(content, "status", None) != "draft":
            self.service.send(
                {
                    "type": "AddFile",
                    "index_id": 0,
                    "url": result_url(self.site, path),
                    "file_contents": path.read_text(encoding="utf-8"),
                }
            )

    def write(self, pelican):
        """Signal handler, after everything is written: write the index into the output."""
        output = self.site / INDEX_FOLDER
        self.service.send({"type": "WriteFiles", "index_id": 0, "output_path": str(output)})
        errors = [p["message"] for p in self.service.finish() if p["type"] == "Error"]
        self.service = None
        if errors:
            raise SearchIndexError(f"{errors[0]} ({len(errors)} error(s) from Pagefind)")
        remove_unused_files(output)


INDEXER = SearchIndexer()


def register():
    """Connect the indexer to Pelican."""
    signals.all_generators_finalized.connect(INDEXER.start)
    signals.content_written.connect(INDEXER.add_page)
    signals.finalized.connect(INDEXER.write)
