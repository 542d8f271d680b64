"""The Content-Security-Policy meta tag: hashes of inline scripts, fixed directives, injection."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from esoreview.site import csp

# The example of the CSP Level 3 specification: this script text has this hash.
SPEC_SCRIPT = "alert('Hello, world.');"
SPEC_HASH = "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"

PAGE = f"""<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<script>{SPEC_SCRIPT}</script>
<script src="assets/app.js"></script>
<script type="application/json" id="__config">{{"base": "."}}</script>
<script type="module">import "./x.js";</script>
</head><body><p>text</p></body></html>
"""
BUILT_SITE = Path(__file__).parents[2] / "site"


def directives(policy: str) -> dict[str, list[str]]:
    return {d.split()[0]: d.split()[1:] for d in policy.split("; ")}


def test_only_executable_inline_scripts_are_hashed() -> None:
    assert csp.inline_scripts(PAGE) == [SPEC_SCRIPT, 'import "./x.js";']
    assert csp.script_hash(SPEC_SCRIPT) == SPEC_HASH


def test_policy_directives() -> None:
    policy = directives(csp.csp_policy([PAGE]))
    assert policy["script-src"][:2] == ["'self'", "'wasm-unsafe-eval'"]
    assert SPEC_HASH in policy["script-src"] and len(policy["script-src"]) == 4
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["connect-src"] == ["'self'"]
    assert policy["worker-src"] == ["'self'"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert "'unsafe-inline'" not in policy["script-src"]


def test_policy_names_no_other_origin() -> None:
    allowed_schemes = {"data:"}
    for values in directives(csp.csp_policy([PAGE])).values():
        for source in values:
            assert source.startswith("'") or source in allowed_schemes, source


def test_hashes_are_shared_across_pages_without_duplicates() -> None:
    other = PAGE.replace(SPEC_SCRIPT, "var x = 1;")
    scripts = directives(csp.csp_policy([PAGE, other, PAGE]))["script-src"]
    assert scripts.count(SPEC_HASH) == 1
    assert csp.script_hash("var x = 1;") in scripts


def test_meta_goes_right_after_charset_before_any_script() -> None:
    html = csp.with_meta(PAGE, "default-src 'self'")
    meta = html.index('http-equiv="Content-Security-Policy"')
    assert html.index('<meta charset="utf-8">') < meta < html.index("<script")


def test_meta_without_charset_goes_first_in_head() -> None:
    html = csp.with_meta("<html><head><title>t</title></head></html>", "default-src 'self'")
    assert html.startswith('<html><head><meta http-equiv="Content-Security-Policy"')


@pytest.mark.parametrize(
    "page",
    ["<p>no head at all</p>", csp.with_meta(PAGE, "default-src 'self'")],
    ids=["no-head", "already-has-policy"],
)
def test_refuses_pages_it_cannot_protect_once(page: str) -> None:
    with pytest.raises(ValueError):
        csp.with_meta(page, "default-src 'self'")


def test_apply_to_site_writes_every_page(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "index.html").write_text(PAGE)
    (tmp_path / "sub" / "index.html").write_text(PAGE.replace(SPEC_SCRIPT, "var y = 2;"))
    policy = csp.apply_to_site(tmp_path)
    for path in (tmp_path / "index.html", tmp_path / "sub" / "index.html"):
        assert f'content="{policy}"' in path.read_text()
    assert csp.script_hash("var y = 2;") in policy


@pytest.mark.skipif(not (BUILT_SITE / "index.html").is_file(), reason="run `make site` first")
def test_built_pages_carry_the_policy_for_their_inline_scripts() -> None:
    missing = []
    for path in sorted(BUILT_SITE.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        start = html.find('http-equiv="Content-Security-Policy" content="')
        if start < 0:
            missing.append(f"{path}: no Content-Security-Policy meta tag")
            continue
        policy = html[start:].split('content="', 1)[1].split('"', 1)[0]
        for script in csp.inline_scripts(html):
            if csp.script_hash(script) not in policy:
                missing.append(f"{path}: inline script not in policy: {script[:60]!r}")
    assert missing == [], "\n".join(missing[:20])


# --- no text reaches the DOM as HTML -------------------------------------------------------

JS_ROOT = Path(__file__).parents[2] / "docs" / "js"
JS_FIXTURES = Path(__file__).parents[1] / "fixtures" / "gates" / "js"
HTML_SINK = re.compile(r"\.(innerHTML|outerHTML)\s*[+]?=|\binsertAdjacentHTML\s*\(|document\.write")
# "file:stripped line" -> why it is safe. Add an entry only with a reason a reviewer can check.
HTML_SINK_ALLOWLIST: dict[str, str] = {}


def html_sinks(root: Path) -> list[str]:
    """Lines of JS under ``root`` that assign or insert markup, minus comments."""
    found = []
    for path in sorted(root.rglob("*.js")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            code = line.split("//", 1)[0]
            if HTML_SINK.search(code):
                key = f"{path.relative_to(root).as_posix()}:{line.strip()}"
                if key not in HTML_SINK_ALLOWLIST:
                    found.append(f"{path.name}:{number}: {line.strip()}")
    return found


def test_site_javascript_inserts_no_markup() -> None:
    assert html_sinks(JS_ROOT) == []


def test_markup_sinks_are_found() -> None:
    found = html_sinks(JS_FIXTURES)
    assert [f.split(":")[0:2] for f in found] == [["unsafe.js", "3"], ["unsafe.js", "4"]], found
