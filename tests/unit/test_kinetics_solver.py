"""The Dormand–Prince solver against exact solutions, SciPy's RK45, and bad input."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from esoreview.kinetics.solver import solve

scipy_integrate = pytest.importorskip("scipy.integrate")


def decay(rate: float):
    return lambda t, y: [-rate * y[0]]


def test_exponential_decay_matches_exact_solution_at_every_step():
    sol = solve(decay(0.7), (0.0, 10.0), [2.0], rtol=1e-10, atol=1e-12)
    assert sol.success
    assert sol.t[0] == 0.0 and sol.t[-1] == 10.0
    for t, y in zip(sol.t, sol.y[0], strict=True):
        assert y == pytest.approx(2.0 * math.exp(-0.7 * t), rel=1e-8, abs=1e-12)


def test_harmonic_oscillator_over_ten_periods():
    t_eval = [k * 0.1 for k in range(629)]
    sol = solve(
        lambda t, y: [y[1], -y[0]], (0.0, 62.9), [0.0, 1.0], t_eval=t_eval, rtol=1e-10, atol=1e-12
    )
    assert sol.success
    assert sol.t == t_eval
    for t, x, v in zip(sol.t, sol.y[0], sol.y[1], strict=True):
        assert x == pytest.approx(math.sin(t), abs=1e-7)
        assert v == pytest.approx(math.cos(t), abs=1e-7)


def test_logistic_growth_matches_closed_form():
    r, k, y0 = 0.9, 50.0, 0.5

    def exact(t: float) -> float:
        return k / (1.0 + (k / y0 - 1.0) * math.exp(-r * t))

    t_eval = [0.25 * i for i in range(81)]
    sol = solve(
        lambda t, y: [r * y[0] * (1 - y[0] / k)],
        (0.0, 20.0),
        [y0],
        t_eval=t_eval,
        rtol=1e-9,
        atol=1e-12,
    )
    assert sol.success
    for t, y in zip(sol.t, sol.y[0], strict=True):
        assert y == pytest.approx(exact(t), rel=1e-7)


def lotka_volterra(t, y):
    x, z = y
    return [1.5 * x - 1.0 * x * z, -3.0 * z + 1.0 * x * z]


def test_step_sequence_mirrors_scipy_rk45_on_lotka_volterra():
    ours = solve(lotka_volterra, (0.0, 15.0), [10.0, 5.0], rtol=1e-6, atol=1e-9)
    ref = scipy_integrate.solve_ivp(
        lotka_volterra, (0.0, 15.0), [10.0, 5.0], method="RK45", rtol=1e-6, atol=1e-9
    )
    assert ours.success and ref.success
    # Same controller and initial step recipe, so the accepted steps coincide.
    assert len(ours.t) == len(ref.t)
    assert ours.t == pytest.approx(list(ref.t), rel=1e-9)
    assert ours.nfev == ref.nfev
    for i in range(2):
        assert ours.y[i] == pytest.approx(list(ref.y[i]), rel=1e-8)


def test_dense_output_agrees_with_scipy_at_tight_tolerance():
    t_eval = [0.05 * k for k in range(301)]
    ours = solve(lotka_volterra, (0.0, 15.0), [10.0, 5.0], t_eval=t_eval, rtol=1e-10, atol=1e-12)
    ref = scipy_integrate.solve_ivp(
        lotka_volterra,
        (0.0, 15.0),
        [10.0, 5.0],
        method="RK45",
        t_eval=t_eval,
        rtol=1e-10,
        atol=1e-12,
    )
    for i in range(2):
        assert ours.y[i] == pytest.approx(list(ref.y[i]), rel=1e-7, abs=1e-9)


def test_dense_output_is_accurate_between_widely_spaced_steps():
    # Loose tolerance: few, long steps, so most t_eval points are interpolated.
    t_eval = [0.01 * k for k in range(1001)]
    sol = solve(decay(0.5), (0.0, 10.0), [1.0], t_eval=t_eval, rtol=1e-4, atol=1e-8)
    for t, y in zip(sol.t, sol.y[0], strict=True):
        assert y == pytest.approx(math.exp(-0.5 * t), abs=2e-4)


@settings(max_examples=40, deadline=None)
@given(
    rate=st.floats(0.01, 20.0),
    y0=st.floats(1e-3, 1e3),
    t_end=st.floats(0.1, 10.0),
    fractions=st.lists(st.floats(0.0, 1.0), min_size=1, max_size=30),
)
def test_decay_with_random_rate_and_output_times_is_within_tolerance(rate, y0, t_end, fractions):
    t_eval = sorted(f * t_end for f in fractions)
    sol = solve(decay(rate), (0.0, t_end), [y0], t_eval=t_eval, rtol=1e-8, atol=1e-12)
    assert sol.success
    assert sol.t == t_eval
    for t, y in zip(sol.t, sol.y[0], strict=True):
        assert y == pytest.approx(y0 * math.exp(-rate * t), rel=1e-5, abs=1e-10)


def test_pure_relative_tolerance_handles_a_component_that_stays_zero():
    sol = solve(lambda t, y: [-y[0], 0.0], (0.0, 2.0), [1.0, 0.0], rtol=1e-9, atol=0.0)
    assert sol.success
    assert sol.y[0][-1] == pytest.approx(math.exp(-2.0), rel=1e-7)
    assert sol.y[1][-1] == 0.0


def test_max_step_is_respected():
    sol = solve(decay(0.1), (0.0, 10.0), [1.0], max_step=0.5)
    assert max(b - a for a, b in zip(sol.t, sol.t[1:], strict=False)) <= 0.5 + 1e-12


def test_blow_up_fails_with_time_reached_and_keeps_the_points_so_far():
    sol = solve(lambda t, y: [y[0] * y[0]], (0.0, 2.0), [1.0])  # exact: 1/(1 - t)
    assert not sol.success
    assert "t = " in sol.message
    assert 0.99 < sol.t_final < 1.01
    assert sol.t[-1] < 1.01 and len(sol.t) == len(sol.y[0]) > 1


def test_max_steps_exceeded_ends_the_run():
    sol = solve(lambda t, y: [math.cos(50 * t)], (0.0, 100.0), [0.0], max_steps=20)
    assert not sol.success
    assert "max_steps = 20" in sol.message and "t = " in sol.message
    assert sol.n_accepted + sol.n_rejected == 20


def test_non_finite_derivative_ends_the_run():
    sol = solve(lambda t, y: [math.nan if t > 1.0 else -y[0]], (0.0, 5.0), [1.0])
    assert not sol.success
    assert "non-finite" in sol.message


def test_non_finite_derivative_at_start_is_reported():
    sol = solve(lambda t, y: [math.inf], (0.0, 1.0), [1.0])
    assert not sol.success and "t = 0" in sol.message


def test_overflowing_power_is_treated_as_a_failed_run_not_an_exception():
    sol = solve(lambda t, y: [abs(y[0]) ** 3.5], (0.0, 10.0), [10.0])
    assert not sol.success
    # Bounded work rather than wall time: the run gives up long before max_steps.
    assert sol.nfev < 6 * 100_000


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"t_span": (0.0, 1.0), "y0": []}, "y0 is empty"),
        ({"t_span": (1.0, 1.0), "y0": [1.0]}, "increasing"),
        ({"t_span": (2.0, 1.0), "y0": [1.0]}, "increasing"),
        ({"t_span": (0.0, 1.0, 2.0), "y0": [1.0]}, "t_span"),
        ({"t_span": (0.0, math.inf), "y0": [1.0]}, "finite"),
        ({"t_span": (0.0, 1.0), "y0": [math.nan]}, r"y0\[0\]"),
        ({"t_span": (0.0, 1.0), "y0": [1.0], "t_eval": [0.5, 1.5]}, r"t_eval\[1\] = 1.5"),
        ({"t_span": (0.0, 1.0), "y0": [1.0], "t_eval": [0.5, 0.2]}, "sorted"),
        ({"t_span": (0.0, 1.0), "y0": [1.0], "rtol": -1e-3}, "rtol"),
        ({"t_span": (0.0, 1.0), "y0": [1.0], "atol": -1.0}, "atol"),
        ({"t_span": (0.0, 1.0), "y0": [1.0], "atol": [1e-6, 1e-6]}, "atol has 2"),
        ({"t_span": (0.0, 1.0), "y0": [1.0], "rtol": 0.0, "atol": 0.0}, "both be zero"),
        ({"t_span": (0.0, 1.0), "y0": [1.0], "max_step": 0.0}, "max_step"),
        ({"t_span": (0.0, 1.0), "y0": [1.0], "max_steps": 0}, "max_steps"),
    ],
)
def test_bad_arguments_raise_value_error(kwargs, match):
    with pytest.raises(ValueError, match=match):
        solve(decay(1.0), **kwargs)


def test_rhs_returning_wrong_length_is_named():
    with pytest.raises(ValueError, match="returned 1 values for a state of length 2"):
        solve(lambda t, y: [0.0], (0.0, 1.0), [1.0, 2.0])


def test_complex_values_from_a_fractional_power_end_the_run_cleanly():
    # (-x) ** 0.5 is complex in Python; the solver must report, not crash.
    sol = solve(
        lambda t, y: [-1.0 - (y[0] ** 0.5).real if y[0] >= 0 else y[0] ** 0.5], (0.0, 5.0), [0.5]
    )
    assert not sol.success
    assert "non-real" in sol.message


def test_t_eval_including_both_ends_returns_exact_endpoints():
    sol = solve(decay(1.0), (0.0, 3.0), [4.0], t_eval=[0.0, 3.0])
    assert sol.t == [0.0, 3.0]
    assert sol.y[0][0] == 4.0
    assert sol.y[0][1] == pytest.approx(4.0 * math.exp(-3.0), rel=1e-5)
