"""Wall time of our Dormand–Prince solver versus SciPy's solve_ivp(method="RK45").

Both integrate the same Python right-hand side, over the same span, at the same tolerances and
with the same output times; the table reports the median of several runs and the ratio
ours / SciPy (below 1 means ours is faster). The last column is the time of a default
``esoreview.kinetics.api.run`` call for that model (whole pipeline: validation, schedule
segments, summary numbers, JSON clean-up).

    .venv/bin/python benchmarks/models.py [--repeats 7]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from scipy.integrate import solve_ivp

from esoreview.kinetics import api
from esoreview.kinetics.models import MODELS
from esoreview.kinetics.solver import solve


def _grid(t_end: float, n: int) -> list[float]:
    return [t_end * k / (n - 1) for k in range(n)]


def cases() -> list[dict]:
    """A textbook system, then every model's own benchmark case (its ``solver_case()``)."""
    lotka_volterra = {
        "name": "lotka_volterra",
        "fun": lambda t, y: [1.5 * y[0] - y[0] * y[1], -3.0 * y[1] + y[0] * y[1]],
        "t_end": 15.0,
        "y0": [10.0, 5.0],
        "rtol": 1e-6,
        "atol": 1e-9,
        "api": None,
    }
    return [lotka_volterra] + [
        {"name": name, "api": name, **module.solver_case()} for name, module in MODELS.items()
    ]


def _median_time(fn: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    header = (
        f"{'model':<18} {'ours ms':>8} {'scipy ms':>9} {'ratio':>6} {'nfev':>6} "
        f"{'scipy nfev':>10} {'max |diff|':>10} {'api ms':>7}"
    )
    print(header)
    print("-" * len(header))
    for case in cases():
        t_eval = _grid(case["t_end"], 201)
        kw = {"rtol": case["rtol"], "atol": case["atol"]}

        def ours(case=case, t_eval=t_eval, kw=kw):
            return solve(case["fun"], (0.0, case["t_end"]), case["y0"], t_eval=t_eval, **kw)

        def ref(case=case, t_eval=t_eval, kw=kw):
            return solve_ivp(
                case["fun"], (0.0, case["t_end"]), case["y0"], method="RK45", t_eval=t_eval, **kw
            )

        a, b = ours(), ref()
        diff = max(
            abs(x - y) / max(abs(y), 1.0)
            for row_a, row_b in zip(a.y, b.y, strict=True)
            for x, y in zip(row_a, row_b, strict=True)
        )
        t_ours = _median_time(ours, args.repeats)
        t_ref = _median_time(ref, args.repeats)
        api_ms = ""
        if case["api"]:
            api_ms = f"{1e3 * _median_time(lambda m=case['api']: api.run(m), args.repeats):7.1f}"
        print(
            f"{case['name']:<18} {1e3 * t_ours:8.2f} {1e3 * t_ref:9.2f} "
            f"{t_ours / t_ref:6.2f} {a.nfev:6d} {b.nfev:10d} {diff:10.1e} {api_ms:>7}"
        )
    print(
        f"\nmedian of {args.repeats} runs; ratio = ours / SciPy RK45; max |diff| is relative "
        "(absolute below 1)"
    )


if __name__ == "__main__":
    main()
