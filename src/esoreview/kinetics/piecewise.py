"""Integration across schedule changes (doses, infusions starting or stopping, surgery).

A right-hand side that switches abruptly inside a step forces the adaptive solver into many
rejected steps and blurs the switch; restarting the solver at each switch is both faster and
exact. Bolus doses are jumps applied to the state at the start of a segment.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .solver import RHS, solve

__all__ = ["Segment", "PiecewiseResult", "integrate_segments", "even_times"]

Jump = Callable[[list[float]], list[float]]


@dataclass(frozen=True)
class Segment:
    """Integrate ``fun`` over ``[start, end]`` after applying ``jump`` to the entering state."""

    start: float
    end: float
    fun: RHS
    jump: Jump | None = None


@dataclass
class PiecewiseResult:
    t: list[float]
    y: list[list[float]]
    success: bool
    message: str
    nfev: int
    t_reached: float


def even_times(t_end: float, n_points: int) -> list[float]:
    """``n_points`` evenly spaced output times from 0 to ``t_end`` inclusive."""
    if not (isinstance(n_points, int) and not isinstance(n_points, bool)) or n_points < 2:
        raise ValueError(f"n_points must be an integer >= 2, got {n_points!r}")
    if not (isinstance(t_end, int | float) and math.isfinite(t_end) and t_end > 0):
        raise ValueError(f"t_end must be a finite number > 0, got {t_end!r}")
    step = t_end / (n_points - 1)
    return [k * step for k in range(n_points - 1)] + [float(t_end)]


def integrate_segments(
    segments: Sequence[Segment],
    y0: Sequence[float],
    times: Sequence[float],
    *,
    rtol: float = 1e-6,
    atol: float | Sequence[float] = 1e-9,
    max_steps: int = 100_000,
) -> PiecewiseResult:
    """Integrate consecutive segments, reporting the state at ``times``.

    Segments must be contiguous. A time equal to a segment boundary is reported after the
    boundary's jump (the state is right-continuous), except the very last time. ``max_steps``
    is a budget shared by all segments.
    """
    for a, b in zip(segments, segments[1:], strict=False):
        if a.end != b.start:
            raise ValueError(
                f"segments are not contiguous: one ends at {a.end}, next starts {b.start}"
            )
    n = len(y0)
    out_t: list[float] = []
    out_y: list[list[float]] = [[] for _ in range(n)]
    y = [float(v) for v in y0]
    nfev = 0
    budget = max_steps
    idx = 0
    last = len(segments) - 1
    for s, seg in enumerate(segments):
        if seg.jump is not None:
            y = seg.jump(y)
        pts = []
        while idx < len(times) and (times[idx] < seg.end or (s == last and times[idx] <= seg.end)):
            pts.append(times[idx])
            idx += 1
        if seg.end <= seg.start:
            # A zero-length segment only applies its jump.
            for tp in pts:
                out_t.append(tp)
                for i in range(n):
                    out_y[i].append(y[i])
            continue
        if budget <= 0:
            msg = f"stopped after max_steps = {max_steps} steps at t = {seg.start:.6g}"
            return PiecewiseResult(out_t, out_y, False, msg, nfev, seg.start)
        wanted = pts + ([seg.end] if not pts or pts[-1] != seg.end else [])
        sol = solve(
            seg.fun, (seg.start, seg.end), y, t_eval=wanted, rtol=rtol, atol=atol, max_steps=budget
        )
        nfev += sol.nfev
        budget -= sol.n_accepted + sol.n_rejected
        keep = min(len(pts), len(sol.t))
        out_t.extend(sol.t[:keep])
        for i in range(n):
            out_y[i].extend(sol.y[i][:keep])
        if not sol.success:
            msg = sol.message
            if budget <= 0:
                msg = f"stopped after max_steps = {max_steps} steps at t = {sol.t_final:.6g}"
            return PiecewiseResult(out_t, out_y, False, msg, nfev, sol.t_final)
        y = [comp[-1] for comp in sol.y]
    return PiecewiseResult(out_t, out_y, True, "ok", nfev, segments[-1].end if segments else 0.0)
