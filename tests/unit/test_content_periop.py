"""Content checks for the perioperative page (notebook 11) and the HER2/CLDN18.2 additions.

The built-page checks (marker ``site``) read ``site/``; ``make test`` builds it first: every trial
named in issue 13 part A must appear with its hazard ratio and the provenance of its numbers.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml
from agreed_sections import AGREED
from datafiles import bib_keys

from esoreview.evidence import load_trials
from esoreview.evidence.regimens import group_regimens, load_regimens

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "notebooks" / "11-perioperative-adjuvant.py"
TRIALS = {row.comparison_id: row for row in load_trials(ROOT / "data" / "trials.csv")}
KEY = r"[A-Za-z][A-Za-z0-9_:.+-]*[A-Za-z0-9]"

#: comparison id -> (page slug, endpoint whose hazard ratio the page must show, or None)
SHOWN = {
    "cross-10y-itt": ("perioperative-adjuvant", "os"),
    "neoaegis-evaluable": ("perioperative-adjuvant", "os"),
    "esopec-itt": ("perioperative-adjuvant", "os"),
    "next-dcf-vs-cf": ("perioperative-adjuvant", None),
    "next-cfrt-vs-cf": ("perioperative-adjuvant", None),
    "checkmate577-itt": ("perioperative-adjuvant", "ep"),
    "keynote585-main": ("perioperative-adjuvant", "ep"),
    "matterhorn-itt": ("perioperative-adjuvant", "ep"),
    "keynote811-itt": ("targeted-therapy", "pfs"),
    "destinygastric01": ("targeted-therapy", "os"),
    "destinygastric02": ("targeted-therapy", None),
    "destinygastric04": ("targeted-therapy", "os"),
    "spotlight-itt": ("targeted-therapy", "os"),
    "glow-itt": ("targeted-therapy", "pfs"),
}


def page_text(site: Path, slug: str) -> tuple[str, str]:
    """The page's HTML and its visible text (tags stripped, entities decoded, spaces collapsed)."""
    raw = (site / slug / "index.html").read_text("utf-8")
    # Inline elements (glossary <abbr>, links, emphasis) join their text; block tags separate it.
    text = re.sub(r"</?(?:abbr|a|em|strong|span|code|sub)\b[^>]*>", "", raw)
    return raw, " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def test_notebook_cites_known_keys_and_owns_its_sections() -> None:
    text = NOTEBOOK.read_text("utf-8")
    cited = set()
    for group in re.findall(r"\[([^\[\]]*@[^\[\]]*)\]", text):
        cited |= set(re.findall(rf"(?<![\w{{])@({KEY})", group))
    assert cited and not cited - bib_keys(), sorted(cited - bib_keys())
    ids = set(re.findall(r"^# #+ .*\{#([a-z0-9-]+)\}\s*$", text, re.M))
    assert AGREED["perioperative-adjuvant"] <= ids
    for slug, anchor in re.findall(r"\]\(([a-z0-9-]+)\.md#([a-z0-9-]+)\)", text):
        assert slug in AGREED and anchor in AGREED[slug], f"{slug}.md#{anchor}"


def test_page_is_in_the_treatment_navigation() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))
    treatment = next(item["Treatment"] for item in config["nav"] if "Treatment" in item)
    assert "perioperative-adjuvant.md" in treatment


def test_every_named_trial_has_a_row_with_provenance() -> None:
    for comparison_id in SHOWN:
        row = TRIALS[comparison_id]
        assert row.citation_keys and row.number_sources and row.seen_in and row.analysis
        assert row.citation_key in bib_keys()


@pytest.mark.site
@pytest.mark.parametrize("comparison_id", sorted(SHOWN))
def test_built_page_shows_trial_hazard_ratio_and_source(
    built_site: Path, comparison_id: str
) -> None:
    row = TRIALS[comparison_id]
    slug, endpoint = SHOWN[comparison_id]
    raw, text = page_text(built_site, slug)
    assert row.trial in text
    assert f'data-cites="{row.citation_key}' in raw or f" {row.citation_key}" in raw
    if endpoint is not None:
        assert row.ci_text(endpoint) in text, f"{row.trial}: {row.ci_text(endpoint)} not shown"
    if slug == "perioperative-adjuvant":
        # The table carries the analysis and where in the publication the numbers were read.
        assert row.seen_in in text and row.analysis in text


@pytest.mark.site
def test_built_page_states_what_could_not_be_verified(built_site: Path) -> None:
    _, text = page_text(built_site, "perioperative-adjuvant")
    assert "not quote any" in text  # JCOG1109 result figures
    assert "not entered here" in text  # CheckMate 577 overall survival
    assert "not stated in the record we read" in text  # missing data cut-offs


@pytest.mark.site
def test_built_page_renders_every_regimen(built_site: Path) -> None:
    _, text = page_text(built_site, "perioperative-adjuvant")
    regimens = group_regimens(load_regimens(ROOT / "data" / "regimens.csv"))
    for regimen in regimens:
        assert html.unescape(regimen.regimen) in text, regimen.regimen
        for part in regimen.components:
            assert part.dose in text, f"{regimen.regimen}: {part.dose}"
