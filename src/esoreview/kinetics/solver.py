"""Adaptive Dormand–Prince 5(4) ODE solver in plain Python.

The step-size controller, initial-step heuristic and error norm follow the same recipe as
``scipy.integrate.solve_ivp(method="RK45")`` (Hairer, Nørsett & Wanner, *Solving Ordinary
Differential Equations I*, II.4), so results and step counts are directly comparable with SciPy.
Dense output uses Shampine's 4th-order interpolant ("Some Practical Runge–Kutta Formulas",
Math. Comp. 1986). Everything is written with lists and local variables because this module
also runs in Pyodide, where NumPy would be a heavy download for 2–4 equations.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

__all__ = ["Solution", "solve"]

RHS = Callable[[float, list[float]], Sequence[float]]

# Dormand–Prince coefficients: the 5th-order solution propagates, the 4th-order one gauges error.
_C2, _C3, _C4, _C5 = 1 / 5, 3 / 10, 4 / 5, 8 / 9
_A21 = 1 / 5
_A31, _A32 = 3 / 40, 9 / 40
_A41, _A42, _A43 = 44 / 45, -56 / 15, 32 / 9
_A51, _A52, _A53, _A54 = 19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729
_A61, _A62, _A63, _A64, _A65 = 9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656
_B1, _B3, _B4, _B5, _B6 = 35 / 384, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84
_E1, _E3, _E4, _E5, _E6, _E7 = (
    -71 / 57600,
    71 / 16695,
    -71 / 1920,
    17253 / 339200,
    -22 / 525,
    1 / 40,
)
# Dense-output matrix: y(t + x h) = y + h * sum_j (sum_i K_i P[i][j]) x^(j+1); row 2 is zero.
_P = (
    (1.0, -8048581381 / 2820520608, 8663915743 / 2820520608, -12715105075 / 11282082432),
    (0.0, 131558114200 / 32700410799, -68118460800 / 10900136933, 87487479700 / 32700410799),
    (0.0, -1754552775 / 470086768, 14199869525 / 1410260304, -10690763975 / 1880347072),
    (
        0.0,
        127303824393 / 49829197408,
        -318862633887 / 49829197408,
        701980252875 / 199316789632,
    ),
    (0.0, -282668133 / 205662961, 2019193451 / 616988883, -1453857185 / 822651844),
    (0.0, 40617522 / 29380423, -110615467 / 29380423, 69997945 / 29380423),
)

_SAFETY = 0.9
_MIN_FACTOR = 0.2
_MAX_FACTOR = 10.0
_ERROR_EXPONENT = -1 / 5


@dataclass
class Solution:
    """Result of :func:`solve`, laid out like ``scipy.integrate.solve_ivp``.

    ``y[i][k]`` is component ``i`` at time ``t[k]``. On failure ``t``/``y`` hold the points
    reached before the failure and ``message`` names the time where the run stopped.
    """

    t: list[float]
    y: list[list[float]]
    success: bool
    message: str
    nfev: int
    n_accepted: int = 0
    n_rejected: int = 0
    t_final: float = field(default=0.0)


def _rms(values: Sequence[float]) -> float:
    return math.sqrt(math.fsum(v * v for v in values) / len(values))


def _eval(fun: RHS, t: float, y: list[float], n: int) -> list[float]:
    f = fun(t, y)
    try:
        out = [float(v) for v in f]
    except TypeError as exc:
        raise TypeError(f"fun(t, y) must return a sequence of numbers, got {f!r}") from exc
    if len(out) != n:
        raise ValueError(f"fun(t, y) returned {len(out)} values for a state of length {n}")
    return out


def _check_arguments(
    t_span: Sequence[float],
    y0: Sequence[float],
    t_eval: Sequence[float] | None,
    rtol: float,
    atol: float | Sequence[float],
    max_step: float,
    max_steps: int,
) -> tuple[float, float, list[float], list[float] | None, list[float]]:
    if len(t_span) != 2:
        raise ValueError(f"t_span must be (t0, t_end), got {t_span!r}")
    t0, t_end = float(t_span[0]), float(t_span[1])
    if not (math.isfinite(t0) and math.isfinite(t_end)):
        raise ValueError(f"t_span must be finite, got {t_span!r}")
    if not t_end > t0:
        raise ValueError(f"t_span must be increasing (t0 < t_end), got ({t0}, {t_end})")
    y = [float(v) for v in y0]
    if not y:
        raise ValueError("y0 is empty: the state needs at least one component")
    for i, v in enumerate(y):
        if not math.isfinite(v):
            raise ValueError(f"y0[{i}] is not finite: {v}")
    if not (rtol >= 0 and math.isfinite(rtol)):
        raise ValueError(f"rtol must be a finite number >= 0, got {rtol}")
    atols = [float(a) for a in atol] if isinstance(atol, Sequence) else [float(atol)] * len(y)
    if len(atols) != len(y):
        raise ValueError(f"atol has {len(atols)} entries for a state of length {len(y)}")
    for i, a in enumerate(atols):
        if not (a >= 0 and math.isfinite(a)):
            raise ValueError(f"atol[{i}] must be a finite number >= 0, got {a}")
    if rtol == 0 and min(atols) == 0:
        raise ValueError("rtol and atol cannot both be zero")
    # Pure relative control (atol = 0) would divide by zero where a component is exactly 0.
    atols = [a if a > 0 else sys.float_info.min for a in atols]
    if not max_step > 0:
        raise ValueError(f"max_step must be > 0, got {max_step}")
    if int(max_steps) != max_steps or max_steps < 1:
        raise ValueError(f"max_steps must be a positive integer, got {max_steps}")
    times = None
    if t_eval is not None:
        times = [float(v) for v in t_eval]
        for k, v in enumerate(times):
            if not t0 <= v <= t_end:
                raise ValueError(f"t_eval[{k}] = {v} lies outside t_span [{t0}, {t_end}]")
            if k and v < times[k - 1]:
                raise ValueError(
                    f"t_eval must be sorted ascending: t_eval[{k}] = {v} < t_eval[{k - 1}]"
                )
    return t0, t_end, y, times, atols


def solve(
    fun: RHS,
    t_span: Sequence[float],
    y0: Sequence[float],
    *,
    t_eval: Sequence[float] | None = None,
    rtol: float = 1e-6,
    atol: float | Sequence[float] = 1e-9,
    max_step: float = math.inf,
    max_steps: int = 100_000,
) -> Solution:
    """Integrate ``dy/dt = fun(t, y)`` from ``t_span[0]`` to ``t_span[1]``.

    ``t_eval`` (sorted, inside ``t_span``) selects output times, filled in by dense output;
    without it every accepted step is returned. ``max_steps`` bounds the number of attempted
    steps (accepted plus rejected), so a run always terminates. Arguments that cannot describe
    a problem raise ``ValueError``; numerical trouble (non-finite values, step-size underflow,
    too many steps) returns ``success=False`` with a message naming the time reached.
    """
    t0, t_end, y, times, atols = _check_arguments(
        t_span, y0, t_eval, rtol, atol, max_step, max_steps
    )
    n = len(y)
    rng = range(n)
    nfev = 1
    f = _eval(fun, t0, y, n)

    out_t: list[float] = []
    out_y: list[list[float]] = []
    next_eval = 0
    if times is None:
        out_t.append(t0)
        out_y.append(y)
    else:
        while next_eval < len(times) and times[next_eval] == t0:
            out_t.append(t0)
            out_y.append(y)
            next_eval += 1

    def finish(success: bool, message: str, t_reached: float) -> Solution:
        ys = [list(col) for col in zip(*out_y, strict=True)] if out_y else [[] for _ in rng]
        return Solution(out_t, ys, success, message, nfev, accepted, rejected, t_reached)

    accepted = rejected = 0
    if not all(map(math.isfinite, f)):
        return finish(False, f"fun returned a non-finite value at t = {t0:.6g}", t0)

    # Initial step (Hairer–Nørsett–Wanner II.4, as in SciPy).
    scale = [a + abs(v) * rtol for a, v in zip(atols, y, strict=True)]
    d0 = _rms([v / s for v, s in zip(y, scale, strict=True)])
    d1 = _rms([v / s for v, s in zip(f, scale, strict=True)])
    h0 = 1e-6 if d0 < 1e-5 or d1 < 1e-5 else 0.01 * d0 / d1
    h0 = min(h0, t_end - t0)
    f1 = _eval(fun, t0 + h0, [v + h0 * d for v, d in zip(y, f, strict=True)], n)
    nfev += 1
    d2 = _rms([(a - b) / s for a, b, s in zip(f1, f, scale, strict=True)]) / h0
    if not math.isfinite(d2):
        h_abs = h0 * 1e-3
    elif d1 <= 1e-15 and d2 <= 1e-15:
        h_abs = max(1e-6, h0 * 1e-3)
    else:
        h_abs = (0.01 / max(d1, d2)) ** 0.2
    h_abs = min(100 * h0, h_abs, t_end - t0, max_step)

    t = t0
    isfinite = math.isfinite
    n_times = len(times) if times is not None else 0
    attempts = 0
    while t < t_end:
        min_step = 10 * math.ulp(t)
        if h_abs > max_step:
            h_abs = max_step
        elif h_abs < min_step:
            h_abs = min_step
        step_rejected = False
        while True:
            if h_abs < min_step:
                return finish(False, f"step size became too small at t = {t:.6g}", t)
            if attempts >= max_steps:
                return finish(
                    False, f"stopped after max_steps = {max_steps} steps at t = {t:.6g}", t
                )
            attempts += 1
            t_new = t + h_abs
            if t_new > t_end:
                t_new = t_end
            h = t_new - t
            h_abs = h
            k1 = f
            try:
                y_new, k2, k3, k4, k5, k6, k7 = _trial_step(fun, t, y, k1, h, t_new)
                err = [
                    h
                    * (_E1 * a + _E3 * c + _E4 * d + _E5 * e + _E6 * g + _E7 * q)
                    / (at + (abs(yo) if abs(yo) > abs(yn) else abs(yn)) * rtol)
                    for a, c, d, e, g, q, yo, yn, at in zip(
                        k1, k3, k4, k5, k6, k7, y, y_new, atols, strict=True
                    )
                ]
                error_norm = math.sqrt(sum([v * v for v in err]) / n)
            except (OverflowError, ZeroDivisionError, TypeError):
                # Arithmetic that cannot produce a real float (a huge power, or a fractional
                # power of a negative trial value, which is complex) counts as a non-finite
                # trial step.
                y_new, error_norm = [math.nan], math.nan
            nfev += 6
            if not isfinite(error_norm):
                # An overflowing trial step is treated as a rejected step; a solution that
                # truly blows up drives the step to underflow, reported below.
                if h_abs * 0.25 < min_step:
                    return finish(
                        False, f"solution became non-finite or non-real near t = {t:.6g}", t
                    )
                h_abs *= 0.25
                step_rejected = True
                rejected += 1
                continue
            if error_norm < 1:
                if error_norm == 0:
                    factor = _MAX_FACTOR
                else:
                    factor = _SAFETY * error_norm**_ERROR_EXPONENT
                    if factor > _MAX_FACTOR:
                        factor = _MAX_FACTOR
                if step_rejected and factor > 1:
                    factor = 1.0
                h_abs *= factor
                break
            factor = _SAFETY * error_norm**_ERROR_EXPONENT
            h_abs *= factor if factor > _MIN_FACTOR else _MIN_FACTOR
            step_rejected = True
            rejected += 1

        accepted += 1
        k7 = [float(v) for v in k7]
        if not all(map(isfinite, k7)):
            return finish(False, f"fun returned a non-finite value at t = {t_new:.6g}", t_new)
        if times is None:
            out_t.append(t_new)
            out_y.append(y_new)
        elif next_eval < n_times and times[next_eval] <= t_new:
            q = None
            while next_eval < n_times and times[next_eval] <= t_new:
                te = times[next_eval]
                if te == t_new:
                    out_y.append(y_new)
                else:
                    if q is None:
                        q = _dense_coefficients(h, (k1, k2, k3, k4, k5, k6, k7))
                    x = (te - t) / h
                    q0, q1, q2, q3 = q
                    out_y.append(
                        [
                            yi + x * (a + x * (b + x * (c + x * d)))
                            for yi, a, b, c, d in zip(y, q0, q1, q2, q3, strict=True)
                        ]
                    )
                out_t.append(te)
                next_eval += 1
        t = t_new
        y = y_new
        f = k7
    return finish(True, "The solver successfully reached the end of the integration interval.", t)


def _trial_step(
    fun: RHS, t: float, y: list[float], k1: Sequence[float], h: float, t_new: float
) -> tuple[list[float], Sequence[float], ...]:
    """One Dormand–Prince step: the 5th-order solution and the stages k2..k7 (k7 = f(y_new))."""
    y2 = [yi + h * _A21 * a for yi, a in zip(y, k1, strict=True)]
    k2 = fun(t + _C2 * h, y2)
    y3 = [yi + h * (_A31 * a + _A32 * b) for yi, a, b in zip(y, k1, k2, strict=True)]
    k3 = fun(t + _C3 * h, y3)
    y4 = [
        yi + h * (_A41 * a + _A42 * b + _A43 * c) for yi, a, b, c in zip(y, k1, k2, k3, strict=True)
    ]
    k4 = fun(t + _C4 * h, y4)
    y5 = [
        yi + h * (_A51 * a + _A52 * b + _A53 * c + _A54 * d)
        for yi, a, b, c, d in zip(y, k1, k2, k3, k4, strict=True)
    ]
    k5 = fun(t + _C5 * h, y5)
    y6 = [
        yi + h * (_A61 * a + _A62 * b + _A63 * c + _A64 * d + _A65 * e)
        for yi, a, b, c, d, e in zip(y, k1, k2, k3, k4, k5, strict=True)
    ]
    k6 = fun(t + h, y6)
    y_new = [
        yi + h * (_B1 * a + _B3 * c + _B4 * d + _B5 * e + _B6 * g)
        for yi, a, c, d, e, g in zip(y, k1, k3, k4, k5, k6, strict=True)
    ]
    k7 = fun(t_new, y_new)
    return y_new, k2, k3, k4, k5, k6, k7


def _dense_coefficients(
    h: float, ks: tuple[Sequence[float], ...]
) -> tuple[list[float], list[float], list[float], list[float]]:
    """Coefficients (already multiplied by h) of the quartic interpolant in x = (t - t_old)/h."""
    k1, _k2, k3, k4, k5, k6, k7 = ks
    rows = (_P[0], _P[1], _P[2], _P[3], _P[4], _P[5])
    stages = (k1, k3, k4, k5, k6, k7)
    coeffs = []
    for j in range(4):
        cj = [row[j] for row in rows]
        coeffs.append(
            [
                h * (cj[0] * a + cj[1] * c + cj[2] * d + cj[3] * e + cj[4] * g + cj[5] * q)
                for a, c, d, e, g, q in zip(*stages, strict=True)
            ]
        )
    return coeffs[0], coeffs[1], coeffs[2], coeffs[3]
