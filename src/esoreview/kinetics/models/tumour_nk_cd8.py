"""Tumour, NK-cell and CD8+ T-cell dynamics (de Pillis, Radunskaya & Wiseman 2005).

State: T tumour cells, N natural-killer cells, L tumour-specific CD8+ T cells (cells; time in
days)::

    D     = d (L/T)^lambda / (s + (L/T)^lambda)          fraction of tumour killed by CD8+ cells
    dT/dt = a T (1 - b T) - c N T - D T
    dN/dt = sigma - f N + g T^2/(h + T^2) N - p N T
    dL/dt = -m L + j (D T)^2/(k + (D T)^2) L - q L T + r N T

The mouse parameter sets differ by ligand expression on the tumour ("nn": no ligand, "ll": both
ligands). They are taken from the paper as transcribed in a third-party reimplementation; the
page should say so. The initial tumour size is a reader's choice (no published value is used).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from ..parameters import build_params, check_initial, check_ranges, param
from ..piecewise import even_times
from ..results import model_result, series, stopped_message, summary_item
from ..solver import solve

NAME = "tumour_nk_cd8"
TITLE = "Tumour, NK cells and CD8+ T cells"
CITATION_KEY = "depillis2005validated"
SOURCE = {
    "authors": "de Pillis LG, Radunskaya AE, Wiseman CL",
    "title": "A validated mathematical model of cell-mediated immune response to tumor growth",
    "journal": "Cancer Research",
    "year": 2005,
    "volume": "65",
    "issue": "17",
    "pages": "7950-7958",
    "doi": "10.1158/0008-5472.CAN-05-0564",
    "pmid": "16140967",
    "note": "Parameter values read from a third-party reimplementation "
    "(github.com/S-Ng/Immune-Response-to-Tumor-Growth), not from the paper's tables.",
}
TIME_UNIT = "day"
_K = CITATION_KEY
_SEC = "Value transcribed by a third-party reimplementation of the paper (secondary source)."


def _p(default: float, label: str, unit: str, lo: float, hi: float) -> Any:
    return param(
        default, label=label, unit=unit, min=lo, max=hi, scale="log", citation_key=_K, note=_SEC
    )


@dataclass(frozen=True)
class TumourNkCd8Params:
    a: float = _p(5.14e-1, "Tumour growth rate", "1/day", 1e-2, 2.0)
    b: float = _p(1.02e-9, "Inverse tumour carrying capacity", "1/cell", 1e-11, 1e-7)
    c: float = _p(3.5e-6, "NK-cell kill rate", "1/(cell day)", 1e-9, 1e-4)
    d: float = _p(7.17, "Maximal CD8+ kill fraction", "1/day", 0.1, 20.0)
    lam: float = _p(0.75, "CD8+ kill exponent (lambda)", "dimensionless", 0.1, 2.0)
    s: float = _p(
        0.40, "CD8+/tumour ratio for half-maximal kill (steepness)", "dimensionless", 0.01, 10.0
    )
    sigma: float = _p(1.3e4, "NK-cell source", "cells/day", 1e2, 1e6)
    f: float = _p(4.12e-2, "NK-cell death rate", "1/day", 1e-3, 1.0)
    g: float = _p(2e-1, "Maximal NK recruitment by tumour", "1/day", 1e-3, 1.0)
    h: float = _p(
        2.02e7, "Tumour level for half-maximal NK recruitment (squared)", "cells^2", 1e5, 1e10
    )
    p: float = _p(1e-7, "NK inactivation by tumour", "1/(cell day)", 1e-10, 1e-5)
    m: float = _p(2e-2, "CD8+ death rate", "1/day", 1e-3, 1.0)
    j: float = _p(3.0e-1, "Maximal CD8+ recruitment", "1/day", 1e-3, 2.0)
    k: float = _p(
        2.02e7,
        "Tumour-kill level for half-maximal CD8+ recruitment (squared)",
        "cells^2",
        1e5,
        1e10,
    )
    q: float = _p(3.42e-10, "CD8+ inactivation by tumour", "1/(cell day)", 1e-12, 1e-7)
    r: float = _p(1.1e-7, "CD8+ stimulation by NK-tumour encounters", "1/(cell day)", 1e-10, 1e-5)

    def __post_init__(self) -> None:
        check_ranges(self)


PARAMS = TumourNkCd8Params
# Mouse parameter sets by tumour ligand expression (the other parameters are shared).
VARIANTS: dict[str, dict[str, float]] = {
    "nn": {"c": 3.23e-7, "g": 2.5e-2, "d": 1.43, "lam": 0.58, "s": 2.73, "j": 3.75e-2},
    "nl": {"c": 3.23e-7, "g": 2.5e-2, "d": 3.6, "lam": 0.46, "s": 1.61, "j": 3.75e-2},
    "ln": {"c": 3.5e-6, "g": 2e-1, "d": 3.51, "lam": 0.90, "s": 5.07, "j": 1.13e-1},
    "ll": {"c": 3.5e-6, "g": 2e-1, "d": 7.17, "lam": 0.75, "s": 0.40, "j": 3.0e-1},
}
VARIANT_LABELS = {
    "nn": "Mouse, ligand-negative tumour (nn)",
    "nl": "Mouse, ligand variant nl",
    "ln": "Mouse, ligand variant ln",
    "ll": "Mouse, ligand-positive tumour (ll)",
}
INITIAL = {
    "tumour0": {
        "label": "Initial tumour cells",
        "unit": "cells",
        "min": 1.0,
        "max": 1e9,
        "default": 1e6,
        "note": "Reader's choice; not a published value.",
    },
    "nk0": {
        "label": "Initial NK cells",
        "unit": "cells",
        "min": 0.0,
        "max": 1e8,
        "default": 1e3,
        "note": "Value used by the reimplementation.",
    },
    "cd80": {
        "label": "Initial CD8+ T cells",
        "unit": "cells",
        "min": 0.0,
        "max": 1e8,
        "default": 1.0,
        "note": "Value used by the reimplementation.",
    },
}
PRESETS: dict[str, dict[str, Any]] = {
    name: {"label": VARIANT_LABELS[name], "params": dict(values), "initial": {}}
    for name, values in VARIANTS.items()
}
DEFAULT_T_END = 30.0
MAX_T_END = 365.0  # longest run a reader may ask for, in TIME_UNIT
PLOT: dict[str, Any] = {
    # Below 0.1 cell a population is extinct; the model's continuous values go on to 1e-9.
    "log_units": ["cells"],
    "log_floor": 0.1,
}  # drawing hints for the widget


def variant(name: str) -> TumourNkCd8Params:
    """Mouse parameter set ``nn``, ``nl``, ``ln`` or ``ll``."""
    if name not in VARIANTS:
        raise ValueError(f"unknown variant {name!r}; choose one of {', '.join(VARIANTS)}")
    return replace(TumourNkCd8Params(), **VARIANTS[name])


def cd8_kill_fraction(tumour: float, cd8: float, p: TumourNkCd8Params) -> float:
    """D: fraction of tumour cells killed by CD8+ cells per day (0 when there is no tumour)."""
    if tumour <= 0.0 or cd8 <= 0.0:
        return 0.0
    ratio = (cd8 / tumour) ** p.lam
    return p.d * ratio / (p.s + ratio)


def rhs(t: float, state: list[float], p: TumourNkCd8Params) -> list[float]:
    return _fast_rhs(p)(t, state)


def _fast_rhs(p: TumourNkCd8Params):
    a, b, c, d, lam, s = p.a, p.b, p.c, p.d, p.lam, p.s
    sigma, f, g, h, pp = p.sigma, p.f, p.g, p.h, p.p
    m, j, k, q, r = p.m, p.j, p.k, p.q, p.r

    def fun(t: float, y: list[float]) -> list[float]:
        T, N, L = y
        # Guard the fractional power: a trial step may dip below zero, and a negative base
        # would make a complex number.
        if T > 0.0 and L > 0.0:
            ratio = (L / T) ** lam
            kill = d * ratio / (s + ratio) * T
        else:
            kill = 0.0
        t2 = T * T
        return [
            a * T * (1.0 - b * T) - c * N * T - kill,
            sigma - f * N + g * t2 / (h + t2) * N - pp * N * T,
            -m * L + j * kill * kill / (k + kill * kill) * L - q * L * T + r * N * T,
        ]

    return fun


def simulate(
    params: TumourNkCd8Params | None = None,
    t_end: float = DEFAULT_T_END,
    n_points: int = 301,
    *,
    tumour0: float = 1e6,
    nk0: float = 1e3,
    cd80: float = 1.0,
    rtol: float = 1e-6,
    atol: float = 1e-6,
    max_steps: int = 100_000,
) -> dict[str, Any]:
    """Integrate the three populations from the given initial cell counts."""
    p = params if params is not None else TumourNkCd8Params()
    for name, value in (("tumour0", tumour0), ("nk0", nk0), ("cd80", cd80)):
        check_initial(INITIAL, name, value)
    times = even_times(t_end, n_points)
    sol = solve(
        _fast_rhs(p),
        (0.0, times[-1]),
        [float(tumour0), float(nk0), float(cd80)],
        t_eval=times,
        rtol=rtol,
        atol=atol,
        max_steps=max_steps,
    )
    summary: dict[str, Any] = {}
    message = "ok"
    # Cell numbers cannot be negative; values a hair below zero are solver tolerance.
    cells = [[v if v > 0.0 else 0.0 for v in comp] for comp in sol.y]
    if sol.success:
        tum = cells[0]
        summary = {
            "tumour_end": summary_item("Tumour cells at end", "cells", tum[-1]),
            "tumour_max": summary_item("Largest tumour size", "cells", max(tum)),
            "fold_change": summary_item("Tumour fold change", "", tum[-1] / tum[0]),
            "outcome": summary_item("Outcome", "", _outcome(tum[0], tum[-1])),
            "nk_end": summary_item("NK cells at end", "cells", cells[1][-1]),
            "cd8_end": summary_item("CD8+ T cells at end", "cells", cells[2][-1]),
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
            "tumour": series("Tumour cells", "cells", cells[0]),
            "nk": series("NK cells", "cells", cells[1]),
            "cd8": series("CD8+ T cells", "cells", cells[2]),
        },
        summary=summary,
    )


def _outcome(start: float, end: float) -> str:
    if end < 1.0:
        return "eliminated (below one cell)"
    return "shrinking" if end < start else "growing"


def build(values: dict[str, Any] | None = None) -> TumourNkCd8Params:
    return build_params(TumourNkCd8Params, values)


def solver_case() -> dict[str, Any]:
    """The "nn" variant from a large tumour: the solver benchmark's case."""
    p = variant("nn")
    return {
        "fun": lambda t, y: rhs(t, y, p),
        "t_end": 30.0,
        "y0": [1e6, 1e3, 1.0],
        "rtol": 1e-6,
        "atol": 1e-6,
    }
