"""Shared fixtures for browser tests: Debian's chromium through Playwright, a local HTTP server.

* ``chromium`` -- one browser per session (never ``playwright install``: /usr/bin/chromium).
* ``serve`` -- ``serve(directory, prefix="/")`` returns the base URL of a thread-backed HTTP
  server on 127.0.0.1 that sends the site's Content-Security-Policy and correct MIME types.
* ``watched`` -- ``watched(page, base_url)`` records console errors (CSP violations included),
  page errors and every request of a page and its workers, so a test can assert that the page
  stayed clean and same-origin.

Under the site's CSP, ``page.wait_for_function("...")`` fails (it evaluates a string in the
page when it has to poll); wait with locator assertions (``expect``) or
``site_fixtures.wait_in_page``, which polls with ``page.evaluate``.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from chromium import CHROMIUM_ARGS
from static_server import PrefixHandler

CHROMIUM = Path("/usr/bin/chromium")
# The policy the published site carries: scripts from 'self' only, plus WebAssembly compilation.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; "
    "connect-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "object-src 'none'; base-uri 'self'"
)


@pytest.fixture(scope="session")
def chromium():
    """A headless Debian chromium shared by the session."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} missing: apt-get install -y chromium fonts-liberation")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def serve() -> Iterator[Callable[..., str]]:
    """Factory: serve a directory over HTTP on 127.0.0.1; returns the base URL (ends with /)."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(directory: Path, prefix: str = "/", csp: str | None = CONTENT_SECURITY_POLICY) -> str:
        # Test sites assembled from parts get the policy as a header; the built site carries
        # its own <meta> policy (with Material's inline-script hashes): serve it with csp=None.
        if not (prefix.startswith("/") and prefix.endswith("/")):
            raise ValueError(f"prefix must start and end with '/', got {prefix!r}")
        handler = functools.partial(PrefixHandler, directory=str(directory), prefix=prefix, csp=csp)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}{prefix}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@dataclass
class PageLog:
    """What one page did: console errors, uncaught errors, CSP violations and requests."""

    origin: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def foreign_requests(self) -> list[str]:
        def origin(url: str) -> str:
            parts = urlsplit(url)
            return f"{parts.scheme}://{parts.netloc}"

        # data: and blob: URLs never leave the browser.
        local = ("data:", "blob:")
        return [u for u in self.requests if not u.startswith(local) and origin(u) != self.origin]

    def requested(self, path_fragment: str) -> list[str]:
        return [url for url in self.requests if path_fragment in url]

    def assert_clean(self) -> None:
        assert self.console_errors == [], self.console_errors
        assert self.page_errors == [], self.page_errors
        assert self.foreign_requests() == [], self.foreign_requests()


def watch_page(page, base_url: str) -> PageLog:
    """Start recording a page (and its dedicated workers); call before navigating."""
    parts = urlsplit(base_url)
    log = PageLog(origin=f"{parts.scheme}://{parts.netloc}")
    # Requests and console messages of dedicated workers are reported on their page too.
    page.on("request", lambda request: log.requests.append(request.url))
    page.on("pageerror", lambda error: log.page_errors.append(str(error)))

    def on_console(message) -> None:
        if message.type == "error":
            log.console_errors.append(message.text)

    page.on("console", on_console)
    return log


@pytest.fixture(scope="session")
def watched() -> Callable[..., PageLog]:
    """``watched(page, base_url)`` -> :class:`PageLog`; session-scoped so any fixture can use it."""
    return watch_page
