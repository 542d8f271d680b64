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


THEME = {csp.script_hash(SPEC_SCRIPT), csp.script_hash('import "./x.js";')}


def test_policy_directives() -> None:
    policy = directives(csp.csp_policy(THEME))
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
    for values in directives(csp.csp_policy(THEME)).values():
        for source in values:
            assert source.startswith("'") or source in allowed_schemes, source


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


def test_apply_to_site_writes_the_theme_hashes_into_every_page(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "index.html").write_text(PAGE)
    (tmp_path / "sub" / "index.html").write_text(PAGE)
    policy = csp.apply_to_site(tmp_path, THEME)
    for path in (tmp_path / "index.html", tmp_path / "sub" / "index.html"):
        assert f'content="{policy}"' in path.read_text()
    assert directives(policy)["script-src"][2:] == sorted(THEME)


@pytest.mark.parametrize(
    ("injected", "problem"),
    [
        ("<script>alert(1)</script>", "inline script not written by the theme"),
        ('<img src="x.png" onerror="alert(1)">', "event-handler attribute 'onerror'"),
        ('<a href="jav&#x61;script:alert(1)">x</a>', "script URL in href="),
        ('<a href=" JAVA\tSCRIPT:alert(1)">x</a>', "script URL in href="),
        ('<iframe src="https://example.org/"></iframe>', "<iframe> element"),
        ('<script src="https://cdn.example.org/x.js"></script>', "script from another origin"),
    ],
)
def test_a_page_with_script_not_from_the_theme_fails_the_build(
    tmp_path: Path, injected: str, problem: str
) -> None:
    (tmp_path / "index.html").write_text(PAGE)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "index.html").write_text(PAGE.replace("<p>text</p>", injected))
    with pytest.raises(csp.CspError) as info:
        csp.apply_to_site(tmp_path, THEME)
    message = info.value.one_line()
    assert message.startswith("built page would run script") and "sub/index.html: line 8" in message
    assert problem in message
    assert "Content-Security-Policy" not in (tmp_path / "index.html").read_text()  # untouched


def test_content_derived_inline_script_is_never_hashed(tmp_path: Path) -> None:
    """The defect of issue 17: the policy hashed every inline script, injected ones included."""
    (tmp_path / "index.html").write_text(PAGE.replace("<p>text</p>", "<script>steal()</script>"))
    with pytest.raises(csp.CspError):
        csp.apply_to_site(tmp_path, THEME)
    assert csp.script_hash("steal()") not in csp.csp_policy(THEME)


def test_redirect_pages_use_the_static_redirect_script(tmp_path: Path) -> None:
    page = (
        '<!doctype html><html><head><meta charset="utf-8"><title>Redirecting...</title>'
        '<link rel="canonical" href="../overview/">'
        '<script>var anchor=window.location.hash.substr(1);location.href="../overview/"'
        '+(anchor?"#"+anchor:"")</script></head><body></body></html>'
    )
    (tmp_path / "calculator").mkdir()
    (tmp_path / "calculator" / "index.html").write_text(page)
    csp.apply_to_site(tmp_path, THEME)
    html = (tmp_path / "calculator" / "index.html").read_text()
    assert '<script src="../js/page-redirect.js"></script>' in html
    assert csp.inline_scripts(html) == []


def test_recorded_theme_hashes_match_the_installed_material() -> None:
    """Fails after a Material upgrade, with the command that refreshes the record."""
    try:
        hashes = csp.load_theme_scripts()
    except csp.CspError as exc:
        pytest.fail(exc.one_line())
    assert hashes, "no theme hashes recorded"


def test_stale_theme_record_names_the_refresh_command(tmp_path: Path) -> None:
    record = tmp_path / "theme_scripts.json"
    record.write_text('{"mkdocs-material": "0.0.1", "hashes": []}')
    with pytest.raises(csp.CspError) as info:
        csp.load_theme_scripts(record)
    assert "recorded for mkdocs-material 0.0.1" in info.value.one_line()
    assert csp.REFRESH_COMMAND in info.value.one_line()


@pytest.mark.slow
def test_recorded_hashes_are_what_the_theme_writes_today() -> None:
    """Rebuilds a content-free site with the project's theme settings and compares."""
    recorded = csp.load_theme_scripts()
    assert set(csp.theme_script_hashes(Path(__file__).parents[2])) == recorded, (
        f"the theme's inline scripts changed: run `{csp.REFRESH_COMMAND}`"
    )


@pytest.mark.skipif(not (BUILT_SITE / "index.html").is_file(), reason="run `make site` first")
def test_built_pages_carry_the_theme_policy_and_only_its_scripts() -> None:
    allowed = csp.load_theme_scripts()
    missing = []
    for path in sorted(BUILT_SITE.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        start = html.find('http-equiv="Content-Security-Policy" content="')
        if start < 0:
            missing.append(f"{path}: no Content-Security-Policy meta tag")
            continue
        policy = html[start:].split('content="', 1)[1].split('"', 1)[0]
        if policy != csp.csp_policy(allowed):
            missing.append(f"{path}: policy differs from the theme policy")
        missing += [f"{path}: {p}" for p in csp.page_problems(html, allowed)]
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
