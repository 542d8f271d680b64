"""Tumour–effector-cell dynamics: immune dormancy versus escape (Kuznetsov et al. 1994).

Dimensionless model (x = effector cells, y = tumour cells, both in units of 10^6 cells)::

    dx/dt = sigma + rho*x*y/(eta + y) - mu*x*y - delta*x
    dy/dt = alpha*y*(1 - beta*y) - kappa*x*y

With the published BCL1-lymphoma parameters there are two stable states, a small "dormant"
tumour held by effector cells and a large "escaped" tumour, separated by a saddle. ``kappa`` is
1 in the published model. Here it is an illustrative extension, not from a cited model:
``kappa = 1 / (1 + suppression * (1 - blockade))`` lets readers weaken effector killing (as
regulatory T cells or M2 macrophages would) and restore it (as checkpoint blockade would).
"""

from __future__ import annotations

import cmath
import math
from dataclasses import dataclass
from typing import Any

from ..parameters import build_params, check_initial, check_ranges, param
from ..piecewise import even_times
from ..results import model_result, series, stopped_message, summary_item
from ..solver import solve

NAME = "tumour_immune"
TITLE = "Tumour–immune dynamics: dormancy and escape"
CITATION_KEY = "kuznetsov1994nonlinear"
SOURCE = {
    "authors": "Kuznetsov VA, Makalkin IA, Taylor MA, Perelson AS",
    "title": "Nonlinear dynamics of immunogenic tumors: parameter estimation and global "
    "bifurcation analysis",
    "journal": "Bulletin of Mathematical Biology",
    "year": 1994,
    "volume": "56",
    "issue": "2",
    "pages": "295-321",
    "doi": "10.1007/BF02460644",
}
TIME_UNIT = "dimensionless time"
CELL_UNIT = "10^6 cells"

_K = CITATION_KEY


@dataclass(frozen=True)
class TumourImmuneParams:
    sigma: float = param(
        0.1181,
        label="Normal effector-cell influx",
        unit="dimensionless",
        min=0.0,
        max=1.0,
        step=0.001,
        citation_key=_K,
    )
    rho: float = param(
        1.131,
        label="Maximal tumour-driven effector recruitment",
        unit="dimensionless",
        min=0.0,
        max=3.0,
        step=0.001,
        citation_key=_K,
    )
    eta: float = param(
        20.19,
        label="Half-saturation of recruitment",
        unit=CELL_UNIT,
        min=0.1,
        max=100.0,
        step=0.01,
        citation_key=_K,
    )
    mu: float = param(
        0.00311,
        label="Effector inactivation by tumour cells",
        unit="dimensionless",
        min=0.0,
        max=0.05,
        step=0.00001,
        citation_key=_K,
    )
    delta: float = param(
        0.3743,
        label="Effector-cell death rate",
        unit="dimensionless",
        min=0.01,
        max=2.0,
        step=0.0001,
        citation_key=_K,
    )
    alpha: float = param(
        1.636,
        label="Tumour growth rate",
        unit="dimensionless",
        min=0.01,
        max=5.0,
        step=0.001,
        citation_key=_K,
    )
    beta: float = param(
        0.002,
        label="Inverse carrying capacity",
        unit="1/(10^6 cells)",
        min=0.0005,
        max=0.02,
        step=0.0001,
        citation_key=_K,
    )
    suppression: float = param(
        0.0,
        label="Immunosuppression (Tregs / M2 macrophages)",
        unit="relative to half-effect",
        min=0.0,
        max=5.0,
        step=0.01,
        illustrative=True,
        note="Illustrative, not from a cited model: divides effector killing by "
        "1 + suppression x (1 - blockade). 0 reproduces the published model.",
    )
    blockade: float = param(
        0.0,
        label="Checkpoint-blockade reversal of suppression",
        unit="fraction",
        min=0.0,
        max=1.0,
        step=0.01,
        illustrative=True,
        note="Illustrative, not from a cited model: the fraction of suppression removed. "
        "Has no effect when suppression is 0.",
    )

    def __post_init__(self) -> None:
        check_ranges(self)

    @property
    def kill_factor(self) -> float:
        """Relative effector killing efficacy (1 in the published model)."""
        return 1.0 / (1.0 + self.suppression * (1.0 - self.blockade))


PARAMS = TumourImmuneParams
INITIAL = {
    "effector0": {
        "label": "Initial effector cells",
        "unit": CELL_UNIT,
        "min": 0.0,
        "max": 10.0,
        "default": None,
        "note": "Defaults to the tumour-free level sigma/delta.",
    },
    "tumour0": {
        "label": "Initial tumour cells",
        "unit": CELL_UNIT,
        "min": 0.0,
        "max": 1000.0,
        "default": 10.0,
        "note": "",
    },
}
PRESETS: dict[str, dict[str, Any]] = {
    "dormancy": {
        "label": "Small inoculum held dormant",
        "params": {},
        "initial": {"tumour0": 10.0},
    },
    "escape": {"label": "Large inoculum escapes", "params": {}, "initial": {"tumour0": 300.0}},
    "suppressed": {
        "label": "Suppression lets a small tumour escape (illustrative)",
        "params": {"suppression": 1.0},
        "initial": {"tumour0": 10.0},
    },
    "blockade": {
        "label": "Checkpoint blockade restores control (illustrative)",
        "params": {"suppression": 1.0, "blockade": 0.8},
        "initial": {"tumour0": 10.0},
    },
}
DEFAULT_T_END = 100.0
MAX_T_END = 1000.0  # longest run a reader may ask for, in TIME_UNIT
PLOT: dict[str, Any] = {}  # drawing hints for the widget


def rhs(t: float, state: list[float], p: TumourImmuneParams) -> list[float]:
    x, y = state
    kappa = p.kill_factor
    return [
        p.sigma + p.rho * x * y / (p.eta + y) - p.mu * x * y - p.delta * x,
        p.alpha * y * (1.0 - p.beta * y) - kappa * x * y,
    ]


def _fast_rhs(p: TumourImmuneParams):
    # Bind parameters to locals once: the solver calls this ~6 times per step.
    sigma, rho, eta, mu, delta = p.sigma, p.rho, p.eta, p.mu, p.delta
    alpha, beta, kappa = p.alpha, p.beta, p.kill_factor

    def f(t: float, s: list[float]) -> list[float]:
        x, y = s
        return [
            sigma + rho * x * y / (eta + y) - mu * x * y - delta * x,
            alpha * y * (1.0 - beta * y) - kappa * x * y,
        ]

    return f


def jacobian(x: float, y: float, p: TumourImmuneParams) -> tuple[tuple[float, float], ...]:
    kappa = p.kill_factor
    return (
        (
            p.rho * y / (p.eta + y) - p.mu * y - p.delta,
            p.rho * x * p.eta / (p.eta + y) ** 2 - p.mu * x,
        ),
        (-kappa * y, p.alpha - 2.0 * p.alpha * p.beta * y - kappa * x),
    )


def eigenvalues_2x2(j: tuple[tuple[float, float], ...]) -> tuple[complex, complex]:
    (a, b), (c, d) = j
    tr, det = a + d, a * d - b * c
    root = cmath.sqrt(tr * tr / 4.0 - det)
    return tr / 2.0 + root, tr / 2.0 - root


def classify(eigs: tuple[complex, complex]) -> str:
    """Name the type of a planar equilibrium from its Jacobian eigenvalues."""
    re = sorted(e.real for e in eigs)
    complex_pair = abs(eigs[0].imag) > 1e-12
    if complex_pair:
        if abs(re[0]) < 1e-12:
            return "centre"
        return "stable focus" if re[0] < 0 else "unstable focus"
    if re[0] < 0 < re[1]:
        return "saddle"
    if re[1] < 0:
        return "stable node"
    if re[0] > 0:
        return "unstable node"
    return "degenerate"


def _bisect(g, lo: float, hi: float, glo: float) -> float:
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        gm = g(mid)
        if gm == 0.0 or hi - lo <= 1e-14 * max(1.0, abs(mid)):
            return mid
        if (gm < 0) == (glo < 0):
            lo, glo = mid, gm
        else:
            hi = mid
    return 0.5 * (lo + hi)


def _real_roots_quadratic(a: float, b: float, c: float) -> list[float]:
    if a == 0.0:
        return [-c / b] if b != 0.0 else []
    disc = b * b - 4.0 * a * c
    if disc < 0.0:
        return []
    # Stable form: avoid subtracting nearly equal numbers.
    q = -0.5 * (b + math.copysign(math.sqrt(disc), b))
    roots = [q / a]
    if q != 0.0:
        roots.append(c / q)
    return roots


def equilibria(p: TumourImmuneParams) -> list[dict[str, Any]]:
    """All equilibria with x >= 0, y >= 0, with eigenvalues and type, by increasing tumour size.

    Tumour-bearing equilibria satisfy x = alpha (1 - beta y) / kappa; substituting into dx/dt = 0
    and multiplying by (eta + y) > 0 gives a cubic c3 y^3 + c2 y^2 + c1 y + c0 = 0. Its
    turning points split (0, 1/beta) into monotone pieces, each holding at most one root, which
    bisection then finds.
    """
    kappa = p.kill_factor
    big_a = p.alpha / kappa
    # rho y - (mu y + delta)(eta + y) = q2 y^2 + q1 y + q0
    q2, q1, q0 = -p.mu, p.rho - p.mu * p.eta - p.delta, -p.delta * p.eta
    c3 = -big_a * p.beta * q2
    c2 = big_a * (q2 - p.beta * q1)
    c1 = big_a * (q1 - p.beta * q0) + p.sigma
    c0 = big_a * q0 + p.sigma * p.eta

    def g(y: float) -> float:
        return ((c3 * y + c2) * y + c1) * y + c0

    y_max = 1.0 / p.beta
    cuts = [0.0, y_max]
    cuts += [r for r in _real_roots_quadratic(3.0 * c3, 2.0 * c2, c1) if 0.0 < r < y_max]
    cuts.sort()
    points = [(p.sigma / p.delta, 0.0)]
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        g_lo, g_hi = g(lo), g(hi)
        if g_hi == 0.0 and hi < y_max:
            root = hi
        elif (g_lo < 0.0) != (g_hi < 0.0) and g_lo != 0.0 and g_hi != 0.0:
            root = _bisect(g, lo, hi, g_lo)
        else:
            continue
        points.append((big_a * (1.0 - p.beta * root), root))
    out = []
    for x, y in points:
        eigs = eigenvalues_2x2(jacobian(x, y, p))
        out.append(
            {
                "effector": x,
                "tumour": y,
                "eigenvalues": [[e.real, e.imag] for e in eigs],
                "type": classify(eigs),
            }
        )
    return out


def simulate(
    params: TumourImmuneParams | None = None,
    t_end: float = DEFAULT_T_END,
    n_points: int = 401,
    *,
    effector0: float | None = None,
    tumour0: float = 10.0,
    rtol: float = 1e-7,
    atol: float = 1e-9,
    max_steps: int = 100_000,
) -> dict[str, Any]:
    """Integrate from (effector0, tumour0); effector0 defaults to the tumour-free level."""
    p = params if params is not None else TumourImmuneParams()
    x0 = p.sigma / p.delta if effector0 is None else float(effector0)
    for name, value in (("effector0", x0), ("tumour0", tumour0)):
        check_initial(INITIAL, name, value)
    times = even_times(t_end, n_points)
    sol = solve(
        _fast_rhs(p),
        (0.0, times[-1]),
        [x0, float(tumour0)],
        t_eval=times,
        rtol=rtol,
        atol=atol,
        max_steps=max_steps,
    )
    eq = equilibria(p)
    summary: dict[str, Any] = {}
    message = "ok"
    if sol.success:
        x_end, y_end = sol.y[0][-1], sol.y[1][-1]
        stable = [e for e in eq if e["type"] in ("stable node", "stable focus")]
        nearest = min(stable, key=lambda e: abs(e["tumour"] - y_end), default=None)
        outcome = _outcome_label(nearest, stable, 1.0 / p.beta)
        summary = {
            "tumour_end": summary_item("Tumour cells at end", CELL_UNIT, y_end),
            "effector_end": summary_item("Effector cells at end", CELL_UNIT, x_end),
            "tumour_max": summary_item("Largest tumour size", CELL_UNIT, max(sol.y[1])),
            "outcome": summary_item("Heading towards", "", outcome),
            "kill_factor": summary_item("Relative effector killing", "", p.kill_factor),
        }
    else:
        message = stopped_message(sol.t_final, TIME_UNIT, sol.message)
    return model_result(
        model=NAME,
        params=p,
        citation_key=CITATION_KEY,
        success=sol.success,
        message=message,
        time_unit=TIME_UNIT,
        times=sol.t,
        series_by_name={
            "effector": series("Effector cells", CELL_UNIT, sol.y[0]),
            "tumour": series("Tumour cells", CELL_UNIT, sol.y[1]),
        },
        summary=summary,
        extra={"equilibria": eq},
    )


def _outcome_label(
    nearest: dict[str, Any] | None, stable: list[dict[str, Any]], capacity: float
) -> str:
    """Name the stable state a trajectory approaches.

    With two tumour-bearing attractors the smaller is the dormant one; a lone attractor counts
    as dormant when it holds the tumour below a tenth of the carrying capacity 1/beta.
    """
    if nearest is None:
        return "no stable state"
    if nearest["tumour"] == 0.0:
        return "tumour-free state"
    bearing = [e for e in stable if e["tumour"] > 0.0]
    if len(bearing) == 1:
        return _size_label(nearest["tumour"] < 0.1 * capacity)
    return _size_label(nearest is bearing[0])


def _size_label(dormant: bool) -> str:
    return "dormant (immune-controlled) state" if dormant else "escaped state"


def build(values: dict[str, Any] | None = None) -> TumourImmuneParams:
    return build_params(TumourImmuneParams, values)


def oscillation_period(eq: dict[str, Any]) -> float:
    """Period of the damped oscillation around a focus (2 pi / |Im lambda|)."""
    im = abs(eq["eigenvalues"][0][1])
    return 2.0 * math.pi / im if im > 0 else math.inf


def solver_case() -> dict[str, Any]:
    """Published parameters from a small tumour: the solver benchmark's case."""
    p = PARAMS()
    return {
        "fun": lambda t, y: rhs(t, y, p),
        "t_end": 100.0,
        "y0": [p.sigma / p.delta, 10.0],
        "rtol": 1e-8,
        "atol": 1e-10,
    }
