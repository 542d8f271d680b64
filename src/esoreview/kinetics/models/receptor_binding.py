"""Ligand–receptor binding with ligand and receptor depletion, and optional washout.

    dC/dt = kon (L_tot - C)(R_tot - C) - koff C          before washout
    dC/dt = -koff C                                      after washout (free ligand removed)

C is the complex concentration; occupancy = C / R_tot. Kd = koff / kon. When ligand is in excess
(R_tot << L_tot) equilibrium occupancy is L/(L + Kd), which is 50% at L = Kd. Default rate
constants are surface-plasmon-resonance values for VEGF-A binding soluble VEGFR-2; VEGF-C binding
VEGFR-3 is shown only as an illustrative analogue that reuses them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from ..parameters import build_params, check_ranges, param
from ..piecewise import Segment, even_times, integrate_segments
from ..results import model_result, series, stopped_message, summary_item

NAME = "receptor_binding"
TITLE = "Ligand–receptor binding: VEGF-A and VEGFR-2"
CITATION_KEY = "huang1998expression"
SOURCE = {
    "authors": "Huang X et al.",
    "title": "Expression of soluble VEGF receptor 2 and characterization of its binding by "
    "surface plasmon resonance",
    "journal": "Biochemical and Biophysical Research Communications",
    "year": 1998,
    "fact": "VEGF-A : sVEGFR-2 kon 0.5-2.2e6 /M/s, koff 2-4e-4 /s, Kd 2-6e-10 M",
    "url": "https://utsouthwestern.elsevierpure.com/en/publications/"
    "expression-of-soluble-vegf-receptor-2-and-characterization-of-its",
}
TIME_UNIT = "min"
CONC_UNIT = "nM"


@dataclass(frozen=True)
class ReceptorBindingParams:
    kon: float = param(
        1.0e6,
        label="Association rate constant",
        unit="1/(M·s)",
        min=1e4,
        max=1e8,
        scale="log",
        citation_key=CITATION_KEY,
        note="Measured range 0.5–2.2 × 10^6 /(M·s).",
    )
    koff: float = param(
        3.0e-4,
        label="Dissociation rate constant",
        unit="1/s",
        min=1e-6,
        max=1e-1,
        scale="log",
        citation_key=CITATION_KEY,
        note="Measured range 2–4 × 10^-4 /s.",
    )
    ligand_nM: float = param(
        0.3,
        label="Total ligand concentration",
        unit=CONC_UNIT,
        min=1e-4,
        max=100.0,
        scale="log",
        illustrative=True,
        note="Reader's choice; the default equals Kd.",
    )
    receptor_nM: float = param(
        0.001,
        label="Total receptor concentration",
        unit=CONC_UNIT,
        min=1e-5,
        max=100.0,
        scale="log",
        illustrative=True,
        note="Reader's choice; the default keeps ligand in excess.",
    )
    washout_min: float = param(
        120.0,
        label="Free ligand washed out at",
        unit="min",
        min=0.0,
        max=10000.0,
        step=1.0,
        note="Set beyond the end of the run for no washout.",
    )

    def __post_init__(self) -> None:
        check_ranges(self)

    @property
    def kd_nM(self) -> float:
        return self.koff / self.kon * 1e9

    @property
    def kon_per_nM_min(self) -> float:
        return self.kon * 1e-9 * 60.0

    @property
    def koff_per_min(self) -> float:
        return self.koff * 60.0

    def equilibrium_complex(self) -> float:
        """Exact equilibrium complex (nM) with depletion of both partners.

        Smaller root of C^2 - (L + R + Kd) C + L R = 0, written in the form that avoids
        cancellation when C is tiny.
        """
        lt, rt, kd = self.ligand_nM, self.receptor_nM, self.kd_nM
        s = lt + rt + kd
        return 2.0 * lt * rt / (s + math.sqrt(s * s - 4.0 * lt * rt))


PARAMS = ReceptorBindingParams
INITIAL = {
    "complex0": {
        "label": "Initial complex",
        "unit": CONC_UNIT,
        "min": 0.0,
        "max": 100.0,
        "default": 0.0,
        "note": "Must not exceed ligand or receptor.",
    },
}
PRESETS: dict[str, dict[str, Any]] = {
    "vegfa_vegfr2": {"label": "VEGF-A : VEGFR-2 (measured constants)", "params": {}, "initial": {}},
    "half_occupancy": {
        "label": "Ligand at Kd, no washout: 50% occupancy",
        "params": {"ligand_nM": 0.3, "washout_min": 10000.0},
        "initial": {},
    },
    "vegfc_vegfr3_illustrative": {
        "label": "VEGF-C : VEGFR-3 (illustrative analogue reusing the VEGF-A : VEGFR-2 "
        "constants; no measured values used)",
        "params": {},
        "initial": {},
    },
}
DEFAULT_T_END = 240.0
MAX_T_END = 10000.0  # longest run a reader may ask for, in TIME_UNIT
PLOT: dict[str, Any] = {}  # drawing hints for the widget


def rhs(t: float, y: list[float], p: ReceptorBindingParams, washed: bool = False) -> list[float]:
    return _make_rhs(p, washed)(t, y)


def _make_rhs(p: ReceptorBindingParams, washed: bool):
    kon, koff = p.kon_per_nM_min, p.koff_per_min
    lt, rt = p.ligand_nM, p.receptor_nM
    if washed:

        def fun(t: float, y: list[float]) -> list[float]:
            return [-koff * y[0]]
    else:

        def fun(t: float, y: list[float]) -> list[float]:
            c = y[0]
            return [kon * (lt - c) * (rt - c) - koff * c]

    return fun


def simulate(
    params: ReceptorBindingParams | None = None,
    t_end: float = DEFAULT_T_END,
    n_points: int = 481,
    *,
    complex0: float = 0.0,
    rtol: float = 1e-8,
    atol: float | None = None,
    max_steps: int = 100_000,
) -> dict[str, Any]:
    """Complex concentration and receptor occupancy over time (minutes)."""
    p = params if params is not None else ReceptorBindingParams()
    limit = min(p.ligand_nM, p.receptor_nM)
    if not (isinstance(complex0, int | float) and 0.0 <= complex0 <= limit):
        raise ValueError(
            f"initial condition 'complex0' = {complex0!r} must lie in [0, {limit}] "
            f"{CONC_UNIT} (it cannot exceed total ligand or receptor)"
        )
    times = even_times(t_end, n_points)
    cut = p.washout_min
    if cut <= 0.0:
        segments = [Segment(0.0, times[-1], _make_rhs(p, True))]
    elif cut < times[-1]:
        segments = [
            Segment(0.0, cut, _make_rhs(p, False)),
            Segment(cut, times[-1], _make_rhs(p, True)),
        ]
    else:
        segments = [Segment(0.0, times[-1], _make_rhs(p, False))]
    # Concentrations span decades below 1 nM, so the default absolute tolerance scales with
    # the largest complex concentration possible.
    tol = 1e-10 * limit if atol is None else atol
    res = integrate_segments(
        segments, [float(complex0)], times, rtol=rtol, atol=tol, max_steps=max_steps
    )
    occupancy = [c / p.receptor_nM for c in res.y[0]]
    summary: dict[str, Any] = {}
    message = "ok"
    if res.success:
        c_eq = p.equilibrium_complex()
        relax = p.kon_per_nM_min * p.ligand_nM + p.koff_per_min
        summary = {
            "kd": summary_item("Dissociation constant Kd = koff / kon", CONC_UNIT, p.kd_nM),
            "occupancy_eq": summary_item(
                "Equilibrium occupancy (exact)", "fraction", c_eq / p.receptor_nM
            ),
            "occupancy_excess": summary_item(
                "Equilibrium occupancy if ligand in excess, L / (L + Kd)",
                "fraction",
                p.ligand_nM / (p.ligand_nM + p.kd_nM),
            ),
            "occupancy_max": summary_item("Highest occupancy reached", "fraction", max(occupancy)),
            "occupancy_end": summary_item("Occupancy at end", "fraction", occupancy[-1]),
            "complex_half_life": summary_item(
                "Complex half-life after washout, ln 2 / koff",
                TIME_UNIT,
                math.log(2.0) / p.koff_per_min,
            ),
            "approach_half_time": summary_item(
                "Half-time to approach equilibrium (ligand in excess), ln 2 / (kon L + koff)",
                TIME_UNIT,
                math.log(2.0) / relax,
            ),
        }
    else:
        message = stopped_message(res.t_reached, TIME_UNIT, res.message)
    return model_result(
        model=NAME,
        params=p,
        citation_key=CITATION_KEY,
        success=res.success,
        message=message,
        time_unit=TIME_UNIT,
        times=res.t,
        series_by_name={
            "complex": series("Ligand–receptor complex", CONC_UNIT, res.y[0]),
            "occupancy": series("Receptor occupancy", "fraction", occupancy),
        },
        summary=summary,
    )


def build(values: dict[str, Any] | None = None) -> ReceptorBindingParams:
    return build_params(ReceptorBindingParams, values)


def solver_case() -> dict[str, Any]:
    """Association with no washout in the window: the solver benchmark's case."""
    p = build({"washout_min": 10000.0})
    return {
        "fun": lambda t, y: rhs(t, y, p),
        "t_end": 240.0,
        "y0": [0.0],
        "rtol": 1e-8,
        "atol": 1e-13,
    }
