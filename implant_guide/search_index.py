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
import os
import queue
import subprocess
import threading
import time
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


FILE_POLL_SECONDS = 0.002


def _is_inside(descriptor: Path, folder: Path) -> bool:
    """Whether the open file `descriptor` (in /proc/PID/fd) is a file inside `folder`."""
    try:
        return os.readlink(descriptor).startswith(f"{folder}/")
    except FileNotFoundError:  # closed since it was listed
        return False


def _has_files_open(pid: int, folder: Path) -> bool:
    """Whether process `pid` has a file inside `folder` open (Linux)."""
    try:
        descriptors = list(Path(f"/proc/{pid}/fd").iterdir())
    except FileNotFoundError:  # the process has ended
        return False
    return any(_is_inside(descriptor, folder) for descriptor in descriptors)


class PagefindService:
    """A running ``pagefind --service``: requests go to its input, each a base64 JSON
    message ending with a comma, and responses come back from its output the same way."""

    def __init__(self):
        command = [str(get_executable()), "--service"]
        try:
            self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        except OSError as error:
            raise SearchIndexError(f"Pagefind did not start ({error})") from error
        self.requests: list[str] = []  # what each request was for, by message id - 1
        self.responses = queue.SimpleQueue()
        threading.Thread(target=self._read_responses, daemon=True).start()

    def send(self, payload: dict, purpose: str) -> None:
        """Queue one request; `finish` collects its response and names `purpose` if it
        is an error."""
        self.requests.append(purpose)
        message = {"message_id": len(self.requests), "payload": payload}
        with contextlib.suppress(BrokenPipeError):  # Pagefind has stopped: `finish` says so
            self.process.stdin.write(base64.b64encode(json.dumps(message).encode()) + b",")
            self.process.stdin.flush()

    def finish(self, folder: Path) -> list[str]:
        """Wait for the response to every request sent and for the files Pagefind writes
        into `folder`, stop the service and return the problems: each error Pagefind
        reported, with what the request was for, and any request it never answered."""
        problems, answered = [], 0
        while answered < len(self.requests) and (response := self.responses.get()) is not None:
            answered += 1
            if response["payload"]["type"] == "Error":
                message_id = response.get("message_id")  # missing if Pagefind could not read it
                purpose = self.requests[message_id - 1] if message_id else "a request"
                problems.append(f"{purpose}: {response['payload']['message']}")
        self.wait_for_files(folder)
        self.stop()
        if answered < len(self.requests):
            status = self.process.returncode
            problems.append(f"Pagefind stopped (exit status {status}) before it answered")
        return problems

    def wait_for_files(self, folder: Path) -> None:
        """Wait until Pagefind has closed every file it opened in `folder`. It answers a
        request to write files while its last writes are still under way, and would drop
        them if it stopped first."""
        folder = folder.resolve()  # as /proc names the files
        while _has_files_open(self.process.pid, folder):
            time.sleep(FILE_POLL_SECONDS)

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
                    self.responses.put(json.loads(base64.b64decode(message)))
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
        self.service.send({"type": "NewIndex", "config": {}}, "starting the index")

    def add_page(self, path, context):
        """Signal handler, after Pelican writes a file: index it if it is a page, unless
        it is a draft."""
        path, content = Path(path), context.get("article") or context.get("page")
        if path.suffix == ".html" and getattr(content, "status", None) != "draft":
            request = {
                "type": "AddFile",
                "index_id": 0,
                "url": result_url(self.site, path),
                "file_contents": path.read_text(encoding="utf-8"),
            }
            self.service.send(request, f"indexing {path.relative_to(self.site)}")

    def write(self, pelican):
        """Signal handler, after everything is written: write the index into the output."""
        output = self.site / INDEX_FOLDER
        request = {"type": "WriteFiles", "index_id": 0, "output_path": str(output)}
        self.service.send(request, f"writing {INDEX_FOLDER}/")
        problems = self.service.finish(output)
        self.service = None
        if problems:
            raise SearchIndexError(f"{problems[0]} ({len(problems)} problem(s) in all)")
        try:
            remove_unused_files(output)
        except (OSError, ValueError, EOFError) as error:  # missing, unreadable or cut short
            raise SearchIndexError(f"Pagefind left incomplete files ({error})") from error


INDEXER = SearchIndexer()


def register():
    """Connect the indexer to Pelican."""
    signals.all_generators_finalized.connect(INDEXER.start)
    signals.content_written.connect(INDEXER.add_page)
    signals.finalized.connect(INDEXER.write)
