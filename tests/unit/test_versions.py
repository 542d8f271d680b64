"""Release machinery without a build: section hashes, manifests, changelog, CITATION.cff, cite."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from esoreview.site import cite_this
from esoreview.site.changelog import Links, changelog_page, page_history_id
from esoreview.site.citation_cff import Author, CitationFileError, read_authors, stamp_release
from esoreview.site.manifest import (
    Manifest,
    ManifestError,
    PageEntry,
    compare,
    history,
    load_releases,
    parse_manifest,
    version_key,
)
from esoreview.site.paths import Project
from esoreview.site.release import ReleaseError, check_release
from esoreview.site.sections import content_hash, page_sections, split_sections

PAGE = """# Immune escape {#immune-escape}

Intro citing [@a].

## Myeloid cells {#mdsc}

Text about MDSCs [@b].

### Detail without id

Still part of mdsc.

## Tregs {#regulatory-t-cells}

```python
# {#not-a-heading}
```
Treg text.
"""


def test_sections_run_to_the_next_id_heading_whatever_its_level():
    sections = split_sections(PAGE)
    assert [s[0] for s in sections] == ["immune-escape", "mdsc", "regulatory-t-cells"]
    assert "Still part of mdsc." in sections[1][2]
    assert "Intro" in sections[0][2] and "MDSC" not in sections[0][2]


def test_hash_ignores_wrapping_and_code_listings_but_not_words():
    code = (
        '<details class="eso-code" data-search-exclude markdown>\n<summary>Show code</summary>\n\n'
        "```python\nx = 1\n```\n\n</details>"
    )
    assert content_hash("a b\n  c") == content_hash("a  b c")
    assert content_hash(f"text\n\n{code}") == content_hash("text")
    assert content_hash("text [@a]") != content_hash("text [@b]")


@given(
    st.lists(st.text(alphabet="abc xyz", min_size=1), min_size=1),
    st.sampled_from([" ", "\n", "\t "]),
)
def test_hash_is_independent_of_whitespace_runs(words, gap):
    assert content_hash(" ".join(words)) == content_hash(gap.join(words) + "\n")


def manifest(version: str, sections: dict[str, dict[str, str]], date="2026-01-01") -> Manifest:
    pages = [
        PageEntry(url, url.strip("/").title(), tuple(page_sections(text)))
        for url, text in sections.items()
    ]
    return Manifest(version, date, "c" * 40, f"https://x/{version}/", tuple(pages))


OLD = {"a/": "# A {#a}\n\nOne.\n\n## B {#b}\n\nTwo.\n", "c/": "# C {#c}\n\nGone soon.\n"}
NEW = {"a/": "# A {#a}\n\nOne.\n\n## B {#b}\n\nTwo, rewritten.\n\n## D {#d}\n\nNew.\n"}


def test_compare_marks_added_changed_and_removed_sections():
    changes = compare(manifest("0.1", OLD), manifest("0.2", NEW))
    assert [c.id for c in changes.changed] == ["b"]
    assert [c.id for c in changes.added] == ["d"]
    assert [c.id for c in changes.removed] == ["c"]
    assert compare(manifest("0.1", OLD), manifest("0.2", OLD)).pages() == []


def test_manifest_round_trips_and_bad_manifests_name_the_key(tmp_path):
    m = manifest("0.1", OLD)
    assert parse_manifest(m.to_json(), "m.json") == m
    broken = json.loads(m.to_json())
    broken["date"] = "5 Jan"
    with pytest.raises(ManifestError, match="m.json: 'date' must be YYYY-MM-DD"):
        parse_manifest(json.dumps(broken), "m.json")
    (tmp_path / "0.2.json").write_text(m.to_json())
    with pytest.raises(ManifestError, match="file name says '0.2'"):
        load_releases(tmp_path)


def test_versions_sort_numerically_and_must_be_major_minor():
    assert sorted(["0.10", "0.9", "1.0"], key=version_key) == ["0.9", "0.10", "1.0"]
    for bad in ("1", "1.0.0", "v1.0", "01.2", "1.x"):
        with pytest.raises(ManifestError, match="MAJOR.MINOR"):
            version_key(bad)


def test_changelog_lists_changes_by_release_and_by_page():
    old, new = manifest("0.1", OLD), manifest("0.2", NEW, date="2026-02-01")
    links = Links("https://x/", "0.2", "https://github.com/o/r")
    text = changelog_page(history([old, new]), links, new)
    assert "## Version 0.2 {#release-0-2}" in text and "## Version 0.1 {#release-0-1}" in text
    assert 'changed: <a href="../a/#b">B</a>' in text
    assert 'added: <a href="../a/#d">D</a>' in text
    assert 'removed: <a href="../../0.1/c/#c">C</a>' in text
    assert f"{{#{page_history_id('a/')}}}" in text and "first published" in text
    preview = changelog_page(
        history([old]), Links("https://x/", None, "https://g"), new, compare(old, new)
    )
    assert "{#unreleased}" in preview and 'href="https://x/0.1/c/#c"' in preview


CFF = """# comment kept
cff-version: 1.2.0
message: Cite us.
title: T
authors:
  - family-names: Doe
    given-names: Jane
  - name: The esoreview contributors
version: 0.1.0
"""


def test_citation_cff_authors_and_release_stamp(tmp_path):
    path = tmp_path / "CITATION.cff"
    path.write_text(CFF)
    assert read_authors(path) == [
        Author(family="Doe", given="Jane"),
        Author(literal="The esoreview contributors"),
    ]
    text = stamp_release(path, "0.10", dt.date(2026, 3, 4))
    data = yaml.safe_load(text)
    assert data["version"] == "0.10" and data["date-released"] == "2026-03-04"
    assert text.startswith("# comment kept")
    path.write_text(CFF.replace("cff-version: 1.2.0", "cff-version: 1.1.0"))
    with pytest.raises(CitationFileError, match="cff-version must be 1.2.0"):
        read_authors(path)


def test_repository_citation_cff_is_valid():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    assert read_authors(root / "CITATION.cff")


def test_citations_name_each_author_and_pin_version_url_and_dates():
    authors = (Author(family="Doe", given="Jane"), Author(literal="The esoreview contributors"))
    formats = cite_this.section_citations(
        "immune-escape/",
        "Immune escape",
        "mdsc",
        "MDSCs",
        site_url="https://x/review/0.2/",
        version="0.2",
        date="2026-02-01",
        authors=authors,
        accessed="2026-05-06",
    )
    assert "author = {Doe, Jane and {The esoreview contributors}}" in formats["bibtex"]
    assert "url = {https://x/review/0.2/immune-escape/#mdsc}" in formats["bibtex"]
    assert (
        "urldate = {2026-05-06}" in formats["bibtex"] and "date = {2026-02-01}" in formats["bibtex"]
    )
    assert "AU  - Doe, Jane\r\nAU  - The esoreview contributors" in formats["ris"]
    assert "Y2  - 2026/05/06" in formats["ris"] and "DA  - 2026/02/01" in formats["ris"]
    (item,) = json.loads(formats["csljson"])
    assert item["author"] == [{"family": "Doe", "given": "Jane"}, {"literal": authors[1].literal}]
    assert item["accessed"] == {"date-parts": [[2026, 5, 6]]}
    assert item["issued"] == {"date-parts": [[2026, 2, 1]]}
    meta = cite_this.scholar_meta(
        "immune-escape/",
        "Immune escape",
        site_url="https://x/review/0.2/",
        version="0.2",
        date="2026-02-01",
        authors=authors,
    )
    assert [v for k, v in meta if k == "citation_author"] == ["Doe, Jane", authors[1].literal]


def test_release_refuses_a_folder_without_git(tmp_path):
    with pytest.raises(ReleaseError, match="VERSION: version 'x' is not"):
        check_release(Project(tmp_path), "x")
    with pytest.raises(ReleaseError, match="not a git checkout"):
        check_release(Project(tmp_path), "1.0")
