"""The explorer's markup: data the browser reads, escaped so content cannot become markup."""

from __future__ import annotations

import json
import re
from pathlib import Path

from esoreview.evidence import load_trials
from esoreview.evidence.explorer_figure import pooled_forest_figure
from esoreview.metaanalysis import explore, study_records
from esoreview.widgets.explorer import DATA_CLASS, widget_html

ROOT = Path(__file__).resolve().parents[2]
STUDIES = study_records(load_trials(ROOT / "data" / "trials.csv"))


def payload(html: str) -> dict:
    match = re.search(rf'<script type="application/json" class="{DATA_CLASS}">(.*?)</script>', html)
    assert match, html[:200]
    return json.loads(match.group(1))


def test_markup_round_trips_the_study_records() -> None:
    html = widget_html(STUDIES, {"CPS>=10": "PD-L1 CPS ≥ 10"})
    assert html.startswith('<div class="eso-widget" data-widget="explorer">')
    data = payload(html)
    # Everything but the citation key: keys stay with the page's numbered references.
    assert data["studies"] == [{k: v for k, v in s.items() if k != "key"} for s in STUDIES]
    assert data["labels"] == {"CPS>=10": "PD-L1 CPS ≥ 10"}
    assert "<noscript>" in html


def test_hostile_text_cannot_close_the_data_block() -> None:
    study = dict(STUDIES[0], population="</script><script>alert(1)</script>&amp;")
    html = widget_html([study])
    assert html.count("</script>") == 1
    assert "<script>alert" not in html
    assert payload(html)["studies"][0]["population"] == study["population"]


def test_static_figure_draws_every_row_and_both_diamonds() -> None:
    result = explore(STUDIES)
    fig = pooled_forest_figure(result)
    trials, fixed, random = fig.data
    assert list(trials.x) == [r["hr"] for r in result["rows"]]
    assert fixed.x[1] == result["pooled"]["fixed"]["hr"]
    assert random.x[1] == result["pooled"]["random"]["hr"]
    assert fig.layout.xaxis.type == "log"
