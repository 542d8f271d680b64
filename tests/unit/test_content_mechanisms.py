"""Content checks for the mechanism pages (notebooks 01-05), the evidence table and the
corrections page. Fast: reads files only, executes no notebook."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import bibtexparser
import pytest
from agreed_sections import AGREED

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
NOTEBOOKS = ROOT / "notebooks"

MY_PAGES = [
    "overview",
    "haematogenous-metastasis",
    "lymphatic-metastasis",
    "immune-escape",
    "ferroptosis-immune-cells",
    "corrections",
]

EVIDENCE_COLUMNS = [
    "id",
    "actor",
    "target",
    "effect",
    "setting",
    "evidence_kind",
    "citation_keys",
    "section_id",
    "figure",
    "claim",
]
EFFECTS = {
    "promotes",
    "inhibits",
    "binds",
    "recruits",
    "induces",
    "activates",
    "depletes",
    "expresses",
    "associated",
    "stabilises",
}
SETTINGS = {"ESCC", "EAC", "general"}
EVIDENCE_KINDS = {"clinical cohort", "in vitro", "in vivo", "in vitro and in vivo", "review"}
FIGURES = {"fig1", "fig2", ""}

HEADING_ID = re.compile(r"^#\s*#{1,6} .*\{#([a-z0-9-]+)\}\s*$", re.MULTILINE)


def notebook_path(slug: str) -> Path | None:
    found = sorted(NOTEBOOKS.glob(f"[0-9][0-9]-{slug}.py"))
    return found[0] if found else None


def heading_ids(path: Path) -> set[str]:
    return set(HEADING_ID.findall(path.read_text(encoding="utf-8")))


def bib_keys() -> set[str]:
    keys: set[str] = set()
    for bib in sorted((ROOT / "bib").glob("*.bib")):
        library = bibtexparser.parse_string(bib.read_text(encoding="utf-8"))
        keys.update(entry.key for entry in library.entries)
    return keys


@pytest.fixture(scope="module")
def evidence() -> list[dict[str, str]]:
    with open(DATA / "evidence.csv", newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == EVIDENCE_COLUMNS
        return list(reader)


@pytest.fixture(scope="module")
def errata() -> list[dict]:
    return json.loads((DATA / "errata.json").read_text(encoding="utf-8"))


# --- evidence.csv -------------------------------------------------------------------------


def test_evidence_has_enough_rows_with_unique_ids(evidence):
    assert len(evidence) >= 60
    ids = [row["id"] for row in evidence]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"E\d{3}", i) for i in ids)


def test_evidence_values_are_allowed(evidence):
    agreed = {i for ids in AGREED.values() for i in ids}
    for row in evidence:
        where = row["id"]
        assert row["effect"] in EFFECTS, where
        assert row["setting"] in SETTINGS, where
        assert row["evidence_kind"] in EVIDENCE_KINDS, where
        assert row["figure"] in FIGURES, where
        assert row["section_id"] in agreed, where
        assert row["actor"].strip() and row["target"].strip() and row["claim"].strip(), where


def test_evidence_sections_exist_in_notebook_headings(evidence):
    ids: set[str] = set()
    for slug in MY_PAGES:
        path = notebook_path(slug)
        assert path is not None, slug
        ids |= heading_ids(path)
    for row in evidence:
        assert row["section_id"] in ids, row["id"]


def test_evidence_citation_keys_exist_in_bib(evidence):
    keys = bib_keys()
    missing = {k for row in evidence for k in row["citation_keys"].split(";") if k not in keys}
    assert not missing, f"citation keys not in bib/*.bib: {sorted(missing)}"


def test_both_network_figures_have_edges(evidence):
    for figure in ("fig1", "fig2"):
        assert sum(row["figure"] == figure for row in evidence) >= 10


def test_skip_metastasis_data_is_consistent():
    keys = bib_keys()
    with open(DATA / "skip-metastasis.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows
    for row in rows:
        assert row["study_key"] in keys
        assert 0 < int(row["skip_patients"]) <= int(row["node_positive_patients"])
        assert row["source_url"].startswith("http")


# --- pages ----------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", MY_PAGES)
def test_agreed_section_ids_present(slug):
    path = notebook_path(slug)
    assert path is not None
    assert set(AGREED[slug]) <= heading_ids(path)


@pytest.mark.parametrize(
    ("slug", "widgets"),
    [
        ("overview", ["staging"]),
        ("haematogenous-metastasis", ["circulating_cells"]),
        ("lymphatic-metastasis", ["receptor_binding"]),
        ("immune-escape", ["tumour_immune", "tumour_nk_cd8"]),
    ],
)
def test_widget_placeholders(slug, widgets):
    # Every placeholder (with its description and no-JS note) is written by Python.
    text = notebook_path(slug).read_text(encoding="utf-8")
    for name in widgets:
        call = "widget_html()" if name == "staging" else f'widget_html("{name}")'
        assert f"display(HTML({call}))" in text


# --- corrections ----------------------------------------------------------------------------


def test_errata_copy_matches_expected_shape(errata):
    assert errata
    for entry in errata:
        assert {"section", "phrase", "correction", "evidence_url", "severity", "verified"} <= set(
            entry
        )


def test_corrections_map_targets_exist(errata):
    with open(DATA / "corrections-map.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows
    seen = set()
    for row in rows:
        index = int(row["errata_index"])
        assert index not in seen, f"errata index {index} mapped twice"
        seen.add(index)
        assert 1 <= index <= len(errata) and errata[index - 1]["verified"], index
        slug, section = row["page_slug"], row["section_id"]
        path = notebook_path(slug)
        if path is not None:
            assert section in heading_ids(path), f"{slug}#{section} is not a heading id"
        else:  # page not written yet: the target must at least be an agreed id
            assert section in AGREED.get(slug, []), f"{slug}#{section} is not agreed"


# Banned phrases, derived from errata.json. Each entry maps the errata number (1-based, as on
# the corrections page) to the erroneous fragment of that entry's quoted phrase; the test
# checks that the fragment really occurs in the phrase, so the list cannot drift from the data.
# Generic phrases are ignored because they also occur in correct text: "(reference)" (#38),
# "tumor metabolism" in headings (#23), "Stages 1a and 1b" (#1), trial names and drug names used
# correctly elsewhere (#40, #42-#46, #48-#49), and the suspected (unverified) entries.
BANNED_FROM_ERRATA = {
    3: "JACC",
    4: "American Cancer Society (AJCC)",
    5: "subxiphoid artery",
    6: "subphrenic artery",
    7: "calmodulin",
    9: "production of TGF-α",
    10: "N-calmodulin",
    11: "E-calmodulin",
    13: "Hematogenous transfer",
    15: "approximately 20 different integrins",
    17: "phosphorylation of type I receptors by TGFβ ligands",
    19: "ZEP36",
    22: "LINCO2820",
    24: "lymphatic-specific carriers",
    25: "fibrinogen activator inhibitor",
    28: "tumor-associated fibroblasts (CAFs)",
    31: "PD-L2 receptor",
    32: "cTLA-4",
    33: "CTLA-4-dependent macrophages",
    34: "effector T cells expressing PD-L1",
    35: "CCL21 can bind to CCR4",
    37: "catalase SCD1",
    39: "lopressor",
    41: "BL-2356",
    47: "patuximab",
    50: "microRNA-499b-5p",
}
# Misspellings are matched case-sensitively ("CTLA-4" is right, "cTLA-4" is the error); every
# other fragment is matched ignoring case.
CASE_SENSITIVE = {"JACC", "cTLA-4", "ZEP36", "LINCO2820", "BL-2356"}
# A fragment of a phrase may be shortened (e.g. #35 quotes "CCL17 and CCL21 can bind to CCR4").
FRAGMENT_OF = {35: "CCL21 can bind to CCR4"}


def test_banned_phrases_derive_from_errata(errata):
    for index, fragment in BANNED_FROM_ERRATA.items():
        entry = errata[index - 1]
        assert entry["verified"], index
        phrase = entry["phrase"].replace("\u00a0", " ")
        check = FRAGMENT_OF.get(index, fragment)
        if index == 35:
            assert "CCL21" in phrase and "CCR4" in phrase
        else:
            assert check.lower() in phrase.lower(), (index, fragment, phrase)


def our_texts() -> list[Path]:
    """Notebooks 01-09 and docs/*.md: everything except the corrections page."""
    paths = [p for p in sorted(NOTEBOOKS.glob("0[1-9]-*.py"))]
    paths += sorted((ROOT / "docs").glob("*.md"))
    return paths


@pytest.mark.parametrize("path", our_texts(), ids=lambda p: p.name)
def test_no_erratum_repeated_in_our_text(path):
    text = path.read_text(encoding="utf-8").replace("\u00a0", " ")
    found = [
        frag
        for frag in BANNED_FROM_ERRATA.values()
        if (frag in text if frag in CASE_SENSITIVE else frag.lower() in text.lower())
    ]
    assert not found, f"{path.name} repeats phrases marked as errors in errata.json: {found}"
