"""The one static-file handler the browser tests and benchmarks/site.py serve sites with.

It serves a folder under a path prefix (like GitHub Pages' ``/repo/``), so a URL that assumes
"/" fails; sends correct MIME types (``.wasm`` must be ``application/wasm`` for streaming
compilation); asks the browser to revalidate every file; and adds a Content-Security-Policy
header only when given one.
"""

from __future__ import annotations

import http.server
from pathlib import Path
from urllib.parse import urlsplit

MIME_TYPES = {
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".wasm": "application/wasm",
    ".json": "application/json",
    ".whl": "application/zip",
    ".zip": "application/zip",
    ".css": "text/css",
    ".html": "text/html; charset=utf-8",
    ".xml": "application/xml",
    ".bib": "text/plain; charset=utf-8",
    ".ris": "text/plain; charset=utf-8",
}


class PrefixHandler(http.server.SimpleHTTPRequestHandler):
    """Static files under ``prefix``; a ``csp`` header policy when one is given."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}

    def __init__(self, *args, prefix: str, csp: str | None = None, **kwargs) -> None:
        self.prefix = prefix
        self.csp = csp
        super().__init__(*args, **kwargs)

    def translate_path(self, path: str) -> str:
        route = urlsplit(path).path
        if not route.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_prefix__")
        return super().translate_path("/" + route[len(self.prefix) :])

    def end_headers(self) -> None:
        if self.csp:
            self.send_header("Content-Security-Policy", self.csp)
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 -- base signature
        pass  # keep pytest output readable; tests observe requests through Playwright
