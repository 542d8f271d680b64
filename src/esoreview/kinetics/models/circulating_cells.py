"""Circulating tumour cells: shedding, clearance and expected metastatic colonies.

    dC/dt = S(t) - k C,      k = ln 2 / t_half,     S(t) = S before resection, 0 after
    dM/dt = epsilon k C      (each cell leaving the blood founds a colony with probability epsilon)

C is the number of tumour cells in the whole circulation, M the expected number of colonies.
The CTC half-life range (1–2.4 h) was measured in breast-cancer patients just after removal of
the primary; the metastatic efficiency default is the fraction of intravenously injected B16
melanoma cells that formed lung metastases in mice. The shedding rate is illustrative.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from ..parameters import build_params, check_initial, check_ranges, param
from ..piecewise import Segment, even_times, integrate_segments
from ..results import model_result, series, stopped_message, summary_item

NAME = "circulating_cells"
TITLE = "Circulating tumour cells and metastatic inefficiency"
CITATION_KEY = "meng2004circulating"
EFFICIENCY_KEY = "metastatic_inefficiency_chapter"
SOURCES = {
    CITATION_KEY: {
        "authors": "Meng S, Tripathy D, Frenkel EP, Shete S, Naftalis EZ, Huth JF, Beitsch PD, "
        "Leitch M, Hoover S, Euhus D, Haley B, Morrison L, Fleming TP, Herlyn D, Terstappen LWMM, "
        "Fehm T, Tucker TF, Lane N, Wang J, Uhr JW",
        "title": "Circulating tumor cells in patients with breast cancer dormancy",
        "journal": "Clinical Cancer Research",
        "year": 2004,
        "volume": "10",
        "issue": "24",
        "pages": "8152-8162",
        "fact": "CTC half-life 1 to 2.4 h after removal of the primary",
        "url": "https://jhu.pure.elsevier.com/en/publications/"
        "circulating-tumor-cells-in-patients-with-breast-cancer-dormancy-3",
    },
    EFFICIENCY_KEY: {
        "title": "Metastatic inefficiency and tumor dormancy (chapter in Cancer Metastasis, "
        "Cambridge University Press), citing Fidler",
        "fact": "50,000 B16F1 cells i.v. -> 0.12% produced lung metastases; selected line 0.74%",
        "url": "https://core-prod.cambridgecore.org/core/books/cancer-metastasis/"
        "metastatic-inefficiency-and-tumor-dormancy/7DD5DA56FFEE05EA2305A64B88EB8DDA",
    },
}
SOURCE = SOURCES[CITATION_KEY]
TIME_UNIT = "h"


@dataclass(frozen=True)
class CirculatingCellsParams:
    shedding_per_h: float = param(
        100.0,
        label="Shedding rate from the primary tumour",
        unit="cells/h",
        min=0.0,
        max=1e5,
        step=1.0,
        illustrative=True,
        note="Chosen for the demo; not a measured value.",
    )
    t_half_h: float = param(
        1.7,
        label="CTC half-life in blood",
        unit="h",
        min=1.0,
        max=2.4,
        step=0.1,
        citation_key=CITATION_KEY,
        note="The slider spans the published 1–2.4 h range; the default is a value inside it.",
    )
    efficiency: float = param(
        0.0012,
        label="Metastatic efficiency (colonies per cell leaving the blood)",
        unit="fraction",
        min=0.0,
        max=0.01,
        step=0.0001,
        citation_key=EFFICIENCY_KEY,
        note="0.12% for B16F1 melanoma cells injected i.v. in mice (0.74% for a selected "
        "line); efficiency in patients is likely far lower.",
    )
    resection_h: float = param(
        24.0,
        label="Time of primary tumour removal",
        unit="h",
        min=0.0,
        max=1000.0,
        step=1.0,
        note="Shedding stops at this time; set beyond the end of the run for no surgery.",
    )

    def __post_init__(self) -> None:
        check_ranges(self)

    @property
    def clearance_per_h(self) -> float:
        return math.log(2.0) / self.t_half_h

    @property
    def steady_state(self) -> float:
        """Circulating cells when shedding and clearance balance (S / k)."""
        return self.shedding_per_h / self.clearance_per_h


PARAMS = CirculatingCellsParams
INITIAL = {
    "ctc0": {
        "label": "Circulating tumour cells at the start",
        "unit": "cells",
        "min": 0.0,
        "max": 1e7,
        "default": None,
        "note": "Defaults to the steady state (shedding / clearance rate).",
    },
}
PRESETS: dict[str, dict[str, Any]] = {
    "resection": {
        "label": "Primary removed at 24 h",
        "params": {"resection_h": 24.0},
        "initial": {},
    },
    "no_surgery": {
        "label": "Primary left in place",
        "params": {"resection_h": 1000.0},
        "initial": {},
    },
    "selected_line": {
        "label": "Highly metastatic selected line (0.74%)",
        "params": {"efficiency": 0.0074},
        "initial": {},
    },
}
DEFAULT_T_END = 48.0
MAX_T_END = 1000.0  # longest run a reader may ask for, in TIME_UNIT
PLOT: dict[str, Any] = {}  # drawing hints for the widget


def rhs(t: float, y: list[float], p: CirculatingCellsParams) -> list[float]:
    shed = p.shedding_per_h if t < p.resection_h else 0.0
    k = p.clearance_per_h
    return [shed - k * y[0], p.efficiency * k * y[0]]


def _make_rhs(shed: float, k: float, eff: float):
    def fun(t: float, y: list[float]) -> list[float]:
        c = y[0]
        return [shed - k * c, eff * k * c]

    return fun


def simulate(
    params: CirculatingCellsParams | None = None,
    t_end: float = DEFAULT_T_END,
    n_points: int = 481,
    *,
    ctc0: float | None = None,
    rtol: float = 1e-8,
    atol: float = 1e-9,
    max_steps: int = 100_000,
) -> dict[str, Any]:
    """CTC count and expected colonies over time; ctc0 defaults to the steady state."""
    p = params if params is not None else CirculatingCellsParams()
    c0 = check_initial(INITIAL, "ctc0", p.steady_state if ctc0 is None else ctc0)
    times = even_times(t_end, n_points)
    k = p.clearance_per_h
    cut = p.resection_h
    if 0.0 < cut < times[-1]:
        segments = [
            Segment(0.0, cut, _make_rhs(p.shedding_per_h, k, p.efficiency)),
            Segment(cut, times[-1], _make_rhs(0.0, k, p.efficiency)),
        ]
    else:
        shed = 0.0 if cut <= 0.0 else p.shedding_per_h
        segments = [Segment(0.0, times[-1], _make_rhs(shed, k, p.efficiency))]
    res = integrate_segments(
        segments, [float(c0), 0.0], times, rtol=rtol, atol=atol, max_steps=max_steps
    )
    summary: dict[str, Any] = {}
    message = "ok"
    if res.success:
        below_one = None
        if cut < times[-1]:
            # Before removal C relaxes exponentially to S/k, afterwards it decays
            # exponentially, so both the level at removal and the time to one cell are exact.
            css = p.steady_state if cut > 0.0 else 0.0
            c_at_cut = css + (c0 - css) * math.exp(-k * max(cut, 0.0))
            below_one = math.log(c_at_cut) / k if c_at_cut > 1.0 else 0.0
        summary = {
            "steady_state": summary_item(
                "Steady-state circulating cells (shedding / clearance)", "cells", p.steady_state
            ),
            "ctc_end": summary_item("Circulating cells at end", "cells", res.y[0][-1]),
            "colonies": summary_item(
                "Expected metastatic colonies founded", "colonies", res.y[1][-1]
            ),
            "colonies_per_day": summary_item(
                "Colonies per day while shedding",
                "colonies/day",
                p.efficiency * p.shedding_per_h * 24.0,
            ),
            "hours_to_below_one": summary_item(
                "Time after removal until < 1 circulating cell", "h", below_one
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
            "ctc": series("Circulating tumour cells", "cells", res.y[0]),
            "colonies": series("Expected metastatic colonies", "colonies", res.y[1]),
        },
        summary=summary,
    )


def build(values: dict[str, Any] | None = None) -> CirculatingCellsParams:
    return build_params(CirculatingCellsParams, values)


def solver_case() -> dict[str, Any]:
    """Shedding with no resection in the window: the solver benchmark's case."""
    p = build({"resection_h": 1000.0})
    return {
        "fun": lambda t, y: rhs(t, y, p),
        "t_end": 48.0,
        "y0": [0.0, 0.0],
        "rtol": 1e-8,
        "atol": 1e-9,
    }
