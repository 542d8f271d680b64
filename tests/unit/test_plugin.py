"""The build engine is an MkDocs plugin: plain ``mkdocs build`` / ``mkdocs serve`` make the site."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from esoreview.site.plugin import EsoreviewPlugin, _walk_order

ROOT = Path(__file__).resolve().parents[2]


def _plugin(docs_dir: Path) -> EsoreviewPlugin:
    plugin = EsoreviewPlugin()
    plugin.load_config({})
    config = SimpleNamespace(
        config_file_path=str(ROOT / "mkdocs.yml"), docs_dir=str(docs_dir), extra={}
    )
    plugin.on_config(config)  # type: ignore[arg-type]
    return plugin


def test_entry_point_is_registered() -> None:
    from importlib.metadata import entry_points

    (point,) = entry_points(group="mkdocs.plugins", name="esoreview")
    assert point.load() is EsoreviewPlugin


def test_plugin_refuses_a_docs_dir_other_than_docs(tmp_path: Path) -> None:
    with pytest.raises(PluginError, match="docs_dir must be 'docs'"):
        _plugin(tmp_path)


def test_serve_watches_content_outside_docs() -> None:
    plugin = _plugin(ROOT / "docs")
    watched: list[str] = []
    server = SimpleNamespace(watch=watched.append)
    assert plugin.on_serve(server, config=None, builder=None) is server
    assert {Path(p).name for p in watched} == {"notebooks", "data", "bib", "esoreview"}


def test_walk_order_matches_mkdocs_on_disk_order() -> None:
    names = ["css/site.css", "about.md", "js/widgets/a.js", "index.md", "js/b.js", "zeta.md"]
    assert sorted(names, key=_walk_order) == [
        "index.md",
        "about.md",
        "zeta.md",
        "css/site.css",
        "js/b.js",
        "js/widgets/a.js",
    ]


def test_generated_page_replaces_the_hand_written_one(tmp_path: Path) -> None:
    from esoreview.site.plugin import _put

    config = SimpleNamespace(
        site_dir=str(tmp_path / "out"),
        use_directory_urls=True,
        plugins=SimpleNamespace(_current_plugin="esoreview"),
    )
    (tmp_path / "about.md").write_text("# raw\n")
    files = Files([File("about.md", str(tmp_path), str(tmp_path / "out"), True)])
    _put(files, File.generated(config, "about.md", content="# processed\n"))  # type: ignore[arg-type]
    (only,) = list(files)
    assert only.content_string == "# processed\n"


@pytest.mark.slow
@pytest.mark.site
def test_plain_mkdocs_build_makes_the_same_site_as_make_site(
    built_site: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    ours = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    theirs = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file()}
    assert ours == theirs
    differ = [r for r in sorted(ours) if (out / r).read_bytes() != (built_site / r).read_bytes()]
    assert differ == []


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.slow
def test_plain_mkdocs_serve_serves_notebook_pages() -> None:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "-a", f"127.0.0.1:{port}"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 300
        while True:
            try:
                url = f"http://127.0.0.1:{port}/esoreview/immunotherapy/"
                with urllib.request.urlopen(url, timeout=5) as response:
                    body = response.read().decode()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"mkdocs serve did not come up: {server.stderr.read()[-2000:]}")
                time.sleep(1)
        assert "Content-Security-Policy" in body and 'class="eso-figure' in body
    finally:
        server.terminate()
        server.wait(timeout=30)
        server.stderr.close()
