"""Pooling arithmetic and explorer selection (standard library only: also runs in Pyodide)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from esoreview.metaanalysis import Study, explore, options, pool, se_from_ci, z_for_level


def test_z_respects_the_interval_level() -> None:
    assert z_for_level(0.95) == pytest.approx(1.959964, abs=1e-6)
    assert z_for_level(0.995) == pytest.approx(2.807034, abs=1e-6)
    assert z_for_level(0.99) == pytest.approx(2.575829, abs=1e-6)


def test_se_of_a_wider_level_is_smaller_for_the_same_interval() -> None:
    # The same bounds read as a 99.5% interval mean a more precise estimate than at 95%.
    assert se_from_ci(0.37, 0.80, 0.995) < se_from_ci(0.37, 0.80, 0.95)
    assert se_from_ci(0.5, 2.0, 0.95) == pytest.approx(math.log(4) / (2 * 1.959964), rel=1e-6)


@pytest.mark.parametrize(("low", "high", "level"), [(0.9, 0.8, 0.95), (0, 1, 0.95), (0.5, 1, 1.0)])
def test_bad_intervals_are_rejected(low: float, high: float, level: float) -> None:
    with pytest.raises(ValueError):
        se_from_ci(low, high, level)


def test_empty_pool_is_an_error() -> None:
    with pytest.raises(ValueError, match="at least one study"):
        pool([])


def test_hand_computed_two_study_example() -> None:
    # Two studies with the same SE: fixed = mean of logs; Q = sum of squared deviations / se^2.
    a, b = Study("a", 0.5, 0.25, 1.0), Study("b", 1.0, 0.5, 2.0)
    se = math.log(4) / (2 * z_for_level(0.95))
    result = pool([a, b])
    assert result.fixed_hr == pytest.approx(math.sqrt(0.5))
    q = 2 * (math.log(2) / 2) ** 2 / se**2
    assert result.q == pytest.approx(q)
    assert result.i2 == pytest.approx(max(0.0, (q - 1) / q) * 100)
    assert result.tau2 == pytest.approx(max(0.0, (q - 1) / (2 / se**2 - (2 / se**4) / (2 / se**2))))
    assert result.fixed_weights == pytest.approx((50.0, 50.0))


study = st.builds(
    lambda hr, lower, upper, level: Study("s", hr, hr / lower, hr * upper, level),
    hr=st.floats(0.2, 3.0),
    lower=st.floats(1.05, 3.0),
    upper=st.floats(1.05, 3.0),
    level=st.sampled_from([0.9, 0.95, 0.982, 0.986, 0.991, 0.995]),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(study, min_size=1, max_size=8), st.randoms(use_true_random=False))
def test_order_does_not_matter(studies: list[Study], random) -> None:
    shuffled = list(studies)
    random.shuffle(shuffled)
    one, two = pool(studies), pool(shuffled)
    for name in ("fixed_hr", "random_hr", "q", "tau2", "i2", "random_low", "random_high"):
        assert getattr(one, name) == pytest.approx(getattr(two, name), rel=1e-9, abs=1e-12)


@settings(max_examples=60, deadline=None)
@given(study)
def test_a_single_study_pools_to_itself(one: Study) -> None:
    result = pool([one], level=one.level)
    assert result.fixed_hr == pytest.approx(one.hr)
    assert result.random_hr == pytest.approx(one.hr)
    # Log-symmetric input intervals come back unchanged; asymmetric ones become symmetric.
    assert math.log(result.fixed_high / result.fixed_low) == pytest.approx(
        math.log(one.high / one.low)
    )
    assert result.tau2 == 0 and result.i2 == 0 and result.q == 0


@settings(max_examples=80, deadline=None)
@given(st.lists(study, min_size=1, max_size=10))
def test_heterogeneity_statistics_are_in_range(studies: list[Study]) -> None:
    result = pool(studies)
    assert result.tau2 >= 0
    assert 0 <= result.i2 < 100
    assert result.q >= 0
    assert result.random_low <= result.random_hr <= result.random_high
    # Random-effects intervals are never narrower than fixed-effect ones.
    assert result.random_se >= result.fixed_se - 1e-12
    assert sum(result.fixed_weights) == pytest.approx(100)
    assert sum(result.random_weights) == pytest.approx(100)


def _record(sid: str, trial: str, subgroup: str, cutoff: str, hr: float, histology: str = "ESCC"):
    endpoint = {"hr": hr, "low": hr * 0.8, "high": hr * 1.25, "level": 0.95}
    return {
        "id": sid,
        "trial": trial,
        "population": subgroup,
        "histology": histology,
        "subgroup": subgroup,
        "analysis": "a",
        "data_cutoff": cutoff,
        "year": 2022,
        "arm": "x + chemo",
        "key": "k",
        "os": endpoint,
        "pfs": None,
    }


RECORDS = [
    _record("t1-old", "T1", "all", "2021-01", 0.70),
    _record("t1-new", "T1", "all", "2024-01", 0.72),
    _record("t1-cps10", "T1", "CPS>=10", "2021-01", 0.60),
    _record("t2", "T2", "all", "2022-05", 0.65),
    _record("t3-mixed", "T3", "all", "2022-05", 0.75, histology="mixed"),
    _record("t3-escc", "T3", "all", "2022-05", 0.72),
]


def test_latest_analysis_only_and_no_double_counting() -> None:
    result = explore(RECORDS)
    assert [r["id"] for r in result["rows"]] == ["t1-new", "t2", "t3-mixed"]
    first = explore(RECORDS, analysis="first")
    assert [r["id"] for r in first["rows"]] == ["t1-old", "t2", "t3-mixed"]
    escc = explore(RECORDS, histology="ESCC")
    assert [r["id"] for r in escc["rows"]] == ["t1-new", "t2", "t3-escc"]


def test_filters_and_empty_selection() -> None:
    assert [r["id"] for r in explore(RECORDS, subgroup="CPS>=10")["rows"]] == ["t1-cps10"]
    assert explore(RECORDS, trials=["T2"])["pooled"]["k"] == 1
    empty = explore(RECORDS, outcome="pfs")
    assert empty["rows"] == [] and empty["pooled"] is None
    assert options(RECORDS)["subgroups"] == ["all", "CPS>=10"]


@pytest.mark.parametrize(
    "kwargs",
    [{"outcome": "dfs"}, {"histology": "adeno"}, {"trials": ["T9"]}, {"analysis": "middle"}],
)
def test_bad_filters_name_the_problem(kwargs: dict) -> None:
    with pytest.raises(ValueError):
        explore(RECORDS, **kwargs)
