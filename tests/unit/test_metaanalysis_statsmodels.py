"""The explorer's pooled estimates agree with statsmodels' independent implementation.

Every selection the explorer offers on the shipped data (each outcome, histology, PD-L1
subgroup and analysis with at least two trials) is pooled by both and compared.
"""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import numpy as np
import pytest
from statsmodels.stats.meta_analysis import combine_effects

from esoreview.evidence import load_trials
from esoreview.metaanalysis import explore, options, study_records

TRIALS = Path(__file__).resolve().parents[2] / "data" / "trials.csv"
STUDIES = study_records(load_trials(TRIALS))
CHOICES = options(STUDIES)
ALL_SELECTIONS = [
    {"outcome": o, "histology": h, "subgroup": s, "analysis": a}
    for o, h, s, a in itertools.product(
        CHOICES["outcomes"], CHOICES["histologies"], CHOICES["subgroups"], ("latest", "first")
    )
]
# Pooling needs two or more trials; the others are single-study selections (tested elsewhere).
SELECTIONS = [s for s in ALL_SELECTIONS if (explore(STUDIES, **s)["pooled"] or {}).get("k", 0) > 1]


def _statsmodels(logs: list[float], variances: list[float]) -> dict[str, float]:
    """statsmodels' DerSimonian-Laird pooling, with tau² truncated at zero.

    ``combine_effects`` returns the raw moment estimate, which is negative when Q < df (and
    then takes the square root of a negative variance). DerSimonian and Laird truncate at zero,
    where the random-effects model reduces to the fixed-effect one; so the reference is
    statsmodels' fixed-effect result in that case.
    """
    with np.errstate(invalid="ignore"):
        ref = combine_effects(
            np.array(logs), np.array(variances), method_re="dl", use_t=False, alpha=0.05
        )
        frame = ref.summary_frame()
    random_row = "random effect" if ref.tau2 > 0 else "fixed effect"
    return {
        "fixed": math.exp(frame.loc["fixed effect", "eff"]),
        "fixed_low": math.exp(frame.loc["fixed effect", "ci_low"]),
        "fixed_high": math.exp(frame.loc["fixed effect", "ci_upp"]),
        "random": math.exp(frame.loc[random_row, "eff"]),
        "random_low": math.exp(frame.loc[random_row, "ci_low"]),
        "random_high": math.exp(frame.loc[random_row, "ci_upp"]),
        "tau2": max(float(ref.tau2), 0.0),
        "q": float(ref.q),
        "i2": max(float(ref.i2), 0.0) * 100,
    }


def _reference(result: dict) -> dict[str, float]:
    logs = [math.log(r["hr"]) for r in result["rows"]]
    return _statsmodels(logs, [r["se"] ** 2 for r in result["rows"]])


def _assert_same(ours: dict, ref: dict[str, float]) -> None:
    for ours_value, name in [
        (ours["fixed"]["hr"], "fixed"),
        (ours["fixed"]["low"], "fixed_low"),
        (ours["fixed"]["high"], "fixed_high"),
        (ours["random"]["hr"], "random"),
        (ours["random"]["low"], "random_low"),
        (ours["random"]["high"], "random_high"),
        (ours["q"], "q"),
    ]:
        assert ours_value == pytest.approx(ref[name], rel=1e-9), name
    assert ours["tau2"] == pytest.approx(ref["tau2"], rel=1e-9, abs=1e-12)
    assert ours["i2"] == pytest.approx(ref["i2"], rel=1e-9, abs=1e-9)


def test_the_shipped_data_offer_poolable_selections() -> None:
    assert len(SELECTIONS) >= 4, "expected several selections with two or more trials"
    default = explore(STUDIES)
    assert default["pooled"]["k"] >= 5


@pytest.mark.parametrize("selection", SELECTIONS, ids=lambda s: "-".join(s.values()))
def test_pooled_estimates_match_statsmodels(selection: dict) -> None:
    result = explore(STUDIES, **selection)
    _assert_same(result["pooled"], _reference(result))


def test_heterogeneous_studies_match_statsmodels_random_effects() -> None:
    # The shipped trials are nearly homogeneous (tau² = 0), so also compare a set whose
    # between-study variance is clearly positive, mixing interval levels.
    from esoreview.metaanalysis import Study, pool

    studies = [
        Study("a", 0.45, 0.33, 0.61, 0.95),
        Study("b", 0.95, 0.80, 1.13, 0.95),
        Study("c", 0.70, 0.50, 0.98, 0.995),
        Study("d", 1.20, 0.85, 1.70, 0.99),
    ]
    ours = pool(studies)
    ref = _statsmodels([math.log(s.hr) for s in studies], [s.se**2 for s in studies])
    assert ref["tau2"] > 0.01
    pooled = {
        "fixed": {"hr": ours.fixed_hr, "low": ours.fixed_low, "high": ours.fixed_high},
        "random": {"hr": ours.random_hr, "low": ours.random_low, "high": ours.random_high},
        "q": ours.q,
        "tau2": ours.tau2,
        "i2": ours.i2,
    }
    _assert_same(pooled, ref)


def test_checkmate648_intervals_enter_at_their_own_level() -> None:
    rows = explore(STUDIES, subgroup="TPS>=1%")["rows"]
    assert rows, "CheckMate 648's tumour-cell PD-L1 >= 1% row is in the data"
    (cm648,) = [r for r in rows if r["trial"] == "CheckMate 648"]
    assert cm648["ci_level"] == pytest.approx(0.995)
    # At 99.5% the half-width spans 2.807 standard errors, not 1.96.
    assert cm648["se"] == pytest.approx(
        (math.log(cm648["high"]) - math.log(cm648["low"])) / (2 * 2.807034), rel=1e-6
    )
