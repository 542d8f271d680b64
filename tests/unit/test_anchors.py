"""Published-anchor registry, page and section redirects (anchors.py, anchor-redirects.js)."""

from __future__ import annotations

import json
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

from esoreview.site.anchors import (
    AnchorError,
    Redirects,
    alias_script_html,
    check_project,
    check_registry,
    load_redirects,
    load_registry,
    markdown_anchors,
    update_registry,
)
from esoreview.site.paths import Project

REPO = Path(__file__).resolve().parents[2]

PUBLISHED = {
    "lymphatic-metastasis/": ["lymphatic-metastasis", "vegfc-vegfr3", "nodes"],
    "": ["home"],
}


def test_markdown_anchors_reads_explicit_ids_outside_code():
    text = textwrap.dedent(
        """\
        # Lymphatic metastasis {#lymphatic-metastasis}
        ## No id here
        ## Styled {.wide #styled data-x=1}
        ```markdown
        ## Example {#not-a-heading}
        ```
        !!! note
            ### Inside an admonition {#in-note}
        """
    )
    assert markdown_anchors(text) == ["lymphatic-metastasis", "styled", "in-note"]


def test_unchanged_anchors_pass():
    assert check_registry(PUBLISHED, PUBLISHED, Redirects()) == []


def test_new_anchors_are_allowed():
    current = {**PUBLISHED, "immune-escape/": ["immune-escape"]}
    assert check_registry(current, PUBLISHED, Redirects()) == []


def test_removed_anchor_fails_with_page_and_id():
    current = {**PUBLISHED, "lymphatic-metastasis/": ["lymphatic-metastasis", "nodes"]}
    problems = check_registry(current, PUBLISHED, Redirects())
    assert len(problems) == 1
    assert problems[0].startswith(
        "lymphatic-metastasis/#vegfc-vegfr3: published anchor disappeared"
    )
    assert "redirects.json" in problems[0]


def test_renamed_anchor_with_section_alias_passes():
    current = {**PUBLISHED, "lymphatic-metastasis/": ["lymphatic-metastasis", "vegf-c", "nodes"]}
    redirects = Redirects(sections={"lymphatic-metastasis/": {"vegfc-vegfr3": "vegf-c"}})
    assert check_registry(current, PUBLISHED, redirects) == []


def test_section_moved_to_another_page_passes():
    current = {
        "lymphatic-metastasis/": ["lymphatic-metastasis", "nodes"],
        "": ["home"],
        "immune-escape/": ["immune-escape", "vegfc-vegfr3"],
    }
    redirects = Redirects(
        sections={"lymphatic-metastasis/": {"vegfc-vegfr3": "immune-escape/#vegfc-vegfr3"}}
    )
    assert check_registry(current, PUBLISHED, redirects) == []


def test_alias_to_a_missing_target_fails():
    current = {**PUBLISHED, "lymphatic-metastasis/": ["lymphatic-metastasis", "nodes"]}
    redirects = Redirects(sections={"lymphatic-metastasis/": {"vegfc-vegfr3": "typo"}})
    problems = check_registry(current, PUBLISHED, redirects)
    assert problems == [
        "lymphatic-metastasis/#vegfc-vegfr3: redirects.json points to "
        "lymphatic-metastasis/#typo, which does not exist"
    ]


def test_moved_page_with_redirect_map_passes_and_without_fails():
    current = {"lymph/": ["lymphatic-metastasis", "vegfc-vegfr3", "nodes"], "": ["home"]}
    problems = check_registry(current, PUBLISHED, Redirects())
    assert problems == [
        "lymphatic-metastasis/: published page removed; add a redirect_maps entry for "
        "'lymphatic-metastasis.md' in mkdocs.yml"
    ]
    moved = Redirects(pages={"lymphatic-metastasis/": "lymph/"})
    assert check_registry(current, PUBLISHED, moved) == []


def test_moved_page_must_keep_its_anchors():
    current = {"lymph/": ["lymphatic-metastasis", "nodes"], "": ["home"]}
    problems = check_registry(
        current, PUBLISHED, Redirects(pages={"lymphatic-metastasis/": "lymph/"})
    )
    assert problems == [
        "lymphatic-metastasis/#vegfc-vegfr3: published anchor disappeared (page now at lymph/); "
        'restore the heading id or add "vegfc-vegfr3": "<new-id>" under sections["lymph/"] '
        "in redirects.json"
    ]


def test_ids_must_be_unique_across_the_site():
    current = {**PUBLISHED, "immune-escape/": ["immune-escape", "nodes"]}
    problems = check_registry(current, PUBLISHED, Redirects())
    assert problems == [
        "lymphatic-metastasis/#nodes: id also used on immune-escape/#nodes; "
        "heading ids must be unique across the site"
    ]


def test_redirect_loop_is_reported():
    loop = Redirects(pages={"a/": "b/", "b/": "a/"})
    assert any("loop" in p for p in check_registry({}, {"a/": []}, loop))


def test_load_redirects_reads_mkdocs_yml_and_redirects_json(tmp_path):
    mkdocs = tmp_path / "mkdocs.yml"
    mkdocs.write_text(
        textwrap.dedent(
            """\
            site_name: x
            markdown_extensions:
              - pymdownx.emoji:
                  emoji_index: !!python/name:material.extensions.emoji.twemoji
            plugins:
              - search
              - redirects:
                  redirect_maps:
                    lymphatic-metastasis.md: lymph.md
                    old/index.md: new.md#part
                    gone.md: https://example.org/
            """
        )
    )
    sections = tmp_path / "redirects.json"
    sections.write_text(json.dumps({"sections": {"lymph/": {"vegfc": "vegf-c"}}}))
    redirects = load_redirects(mkdocs, sections)
    assert redirects.pages == {"lymphatic-metastasis/": "lymph/", "old/": "new/"}
    assert redirects.sections == {"lymph/": {"vegfc": "vegf-c"}}


def test_malformed_redirects_json_names_file_and_line(tmp_path):
    bad = tmp_path / "redirects.json"
    bad.write_text('{"sections": {\n  "a/": {"x": }\n}}')
    with pytest.raises(AnchorError, match=rf"^{bad}:2: not valid JSON"):
        load_redirects(tmp_path / "mkdocs.yml", bad)
    bad.write_text('{"sections": {"a/": {"x": 1}}}')
    with pytest.raises(AnchorError, match=r"sections\['a/'\] must map old id -> target"):
        load_redirects(tmp_path / "mkdocs.yml", bad)


def test_alias_script_is_inert_json_with_relative_targets():
    redirects = Redirects(
        sections={"lymph/": {"old</script>": "new", "moved": "immune-escape/#home"}}
    )
    html = alias_script_html("lymph/", redirects)
    assert html.startswith('<script type="application/json" id="anchor-aliases">')
    payload = html.split(">", 1)[1].rsplit("</script>", 1)[0]
    assert "</script>" not in payload
    assert json.loads(payload) == {"old</script>": "#new", "moved": "../immune-escape/#home"}
    assert alias_script_html("other/", redirects) == ""


def test_mkdocs_redirects_pages_keep_the_hash():
    """Page moves rely on mkdocs-redirects forwarding #hash to the new page."""
    from mkdocs_redirects import plugin

    assert "window.location.hash" in plugin.HTML_TEMPLATE


def make_project(root: Path, heading: str = "## VEGF-C {#vegfc}") -> Project:
    (root / "notebooks").mkdir(exist_ok=True)
    (root / "docs").mkdir(exist_ok=True)
    (root / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - search\n")
    (root / "notebooks" / "03-lymphatic-metastasis.py").write_text(
        "# %% [markdown]\n# # Lymphatic metastasis {#lymphatic-metastasis}\n#\n"
        f"# {heading}\n\n# %%\nx = 1\n"
    )
    (root / "docs" / "index.md").write_text("# Home {#home}\n")
    return Project(root)


def test_update_then_check_project_round_trip(tmp_path):
    project = make_project(tmp_path)
    assert check_project(project)[0].endswith(
        "missing; create it with `esoreview-build anchors --update`"
    )
    update_registry(project)
    assert load_registry(tmp_path / "anchors.json") == {
        "": ["home"],
        "lymphatic-metastasis/": ["lymphatic-metastasis", "vegfc"],
    }
    assert check_project(project) == []

    make_project(tmp_path, heading="## VEGF-C {#vegf-c}")
    assert check_project(project) == [
        "lymphatic-metastasis/#vegfc: published anchor disappeared; restore the heading id or "
        'add "vegfc": "<new-id>" under sections["lymphatic-metastasis/"] in redirects.json'
    ]
    (tmp_path / "redirects.json").write_text(
        json.dumps({"sections": {"lymphatic-metastasis/": {"vegfc": "vegf-c"}}})
    )
    assert check_project(project) == []
    # Updating keeps the old id: it stays a published promise that the alias keeps.
    update_registry(project)
    assert load_registry(tmp_path / "anchors.json")["lymphatic-metastasis/"] == [
        "lymphatic-metastasis",
        "vegf-c",
        "vegfc",
    ]


def test_published_anchors_of_this_checkout_still_resolve():
    """The guard CONTRIBUTING.md promises: a published id disappears only with a redirect."""
    problems = check_project(Project(REPO))
    assert problems == [], "\n".join(problems)


NODE = shutil.which("node")
# The script is an ES module (it imports docs/js/lib/dom.js): the harness sets up the few browser
# globals it touches, then imports it.
JS_HARNESS = """
const { pathToFileURL } = await import("node:url");
const [script, hash, aliases, ids] = process.argv.slice(1);
const calls = [];
const present = new Set(JSON.parse(ids));
global.window = {
  location: { hash, replace: (url) => calls.push(["replace", url]) },
  addEventListener: () => {},
};
global.history = { replaceState: (_s, _t, url) => calls.push(["replaceState", url]) };
global.Element = class { replaceWith() {} };
global.document = {
  readyState: "complete",
  getElementById(id) {
    if (id === "anchor-aliases") return { textContent: aliases };
    return present.has(id) ? { scrollIntoView: () => calls.push(["scroll", id]) } : null;
  },
};
await import(pathToFileURL(script).href);
console.log(JSON.stringify(calls));
"""


def run_alias_script(hash_: str, aliases: dict, present: list[str]) -> list:
    result = subprocess.run(
        [
            NODE,
            "--input-type=module",
            "-e",
            JS_HARNESS,
            str(REPO / "docs" / "js" / "anchor-redirects.js"),
            hash_,
            json.dumps(aliases),
            json.dumps(present),
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    return json.loads(result.stdout)


@pytest.mark.skipif(NODE is None, reason="node is needed to run the redirect script")
def test_alias_script_maps_old_hash_on_the_same_page():
    calls = run_alias_script("#vegfc", {"vegfc": "#vegf-c"}, ["vegf-c"])
    assert calls == [["replaceState", "#vegf-c"], ["scroll", "vegf-c"]]


@pytest.mark.skipif(NODE is None, reason="node is needed to run the redirect script")
def test_alias_script_follows_a_section_moved_to_another_page():
    calls = run_alias_script("#moved", {"moved": "../immune-escape/#moved"}, [])
    assert calls == [["replace", "../immune-escape/#moved"]]


@pytest.mark.skipif(NODE is None, reason="node is needed to run the redirect script")
def test_alias_script_leaves_existing_and_unknown_hashes_alone():
    assert run_alias_script("#vegfc", {"vegfc": "#vegf-c"}, ["vegfc", "vegf-c"]) == []
    assert run_alias_script("#other", {"vegfc": "#vegf-c"}, []) == []
