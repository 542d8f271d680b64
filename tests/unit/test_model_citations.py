"""Every citation key the kinetic models expose is defined in bib/*.bib.

The keys are collected the way the browser sees them, through ``esoreview.kinetics.api.describe``
(the model's ``citation_key``, the keys of its ``source`` dict and each parameter's
``citation_key``). The staging package cites its sources as free text (``sources`` in its JSON
tables), not by BibTeX key, so it contributes no keys; the walk below would pick any up if a
``citation_key`` field were added there. The .bib files are parsed with bibtexparser directly so
this test does not depend on the site's loader.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import bibtexparser
import pytest

from esoreview.kinetics.api import describe, model_names

ROOT = Path(__file__).resolve().parents[2]
BIB_DIR = ROOT / "bib"
STAGING_DIR = ROOT / "src" / "esoreview" / "staging"

# Keys whose work has no public record with the fields a BibTeX entry needs yet. Strict xfail:
# once an entry is added the test XPASSes, which fails the run until the key is removed here.
PENDING: dict[str, str] = {}  # keys cited before their entry exists, with why


def _walk_citation_keys(value: object) -> Iterator[str]:
    if isinstance(value, dict):
        for name, item in value.items():
            if name == "citation_key" and isinstance(item, str) and item:
                yield item
            else:
                yield from _walk_citation_keys(item)
    elif isinstance(value, list):
        for item in value:
            yield from _walk_citation_keys(item)


def model_citation_keys() -> dict[str, set[str]]:
    """Citation key -> the places (model or staging table) that expose it."""
    found: dict[str, set[str]] = {}
    for model in model_names():
        info = describe(model)
        keys = {info["citation_key"], *info["source"], *_walk_citation_keys(info["parameters"])}
        for key in keys:
            found.setdefault(key, set()).add(model)
    for table in sorted(STAGING_DIR.glob("*.json")):
        for key in _walk_citation_keys(json.loads(table.read_text(encoding="utf-8"))):
            found.setdefault(key, set()).add(f"staging/{table.name}")
    return found


def bib_keys(bib_dir: Path = BIB_DIR) -> set[str]:
    keys = set()
    for path in sorted(bib_dir.glob("*.bib")):
        library = bibtexparser.parse_string(path.read_text(encoding="utf-8"))
        keys.update(entry.key for entry in library.entries)
    return keys


CITED = model_citation_keys()
DEFINED = bib_keys()


def _cases() -> list:
    cases = []
    for key in sorted(CITED):
        marks = []
        if key in PENDING:
            marks.append(pytest.mark.xfail(strict=True, reason=f"pending: {PENDING[key]}"))
        cases.append(pytest.param(key, id=key, marks=marks))
    return cases


def test_models_expose_citation_keys():
    assert len(CITED) >= len(model_names())
    assert all(isinstance(key, str) and key.strip() == key and key for key in CITED)


@pytest.mark.parametrize("key", _cases())
def test_model_citation_key_is_in_bibliography(key):
    where = ", ".join(sorted(CITED[key]))
    assert key in DEFINED, f"citation key {key!r} (used by {where}) is not defined in bib/*.bib"


def test_pending_keys_are_still_cited():
    assert set(PENDING) <= set(CITED), "a PENDING key is no longer cited; remove it from PENDING"


def test_missing_key_is_detected(tmp_path):
    (tmp_path / "a.bib").write_text(
        "@article{present2020key, author = {A B}, title = {T}, journal = {J}, year = {2020}}\n",
        encoding="utf-8",
    )
    defined = bib_keys(tmp_path)
    assert "present2020key" in defined
    assert "absent2020key" not in defined
