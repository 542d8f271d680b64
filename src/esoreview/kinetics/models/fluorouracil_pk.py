"""5-fluorouracil plasma pharmacokinetics with an illustrative log-kill tumour response.

Linear one- or two-compartment model, dosed as daily i.v. boluses or infusions (a 24-hour
infusion on days 1–5 is continuous infusion, as in the KEYNOTE-590 schedule of 800 mg/m² per
day on days 1–5). Amounts in mg, volumes in L, so concentrations are mg/L = µg/mL; time in hours.

    one compartment:  dA/dt  = R(t) - k A,                   C = A / V,  V = CL / k
    two compartments: dAc/dt = R(t) - (k10 + k12) Ac + k21 Ap
                      dAp/dt = k12 Ac - k21 Ap,              C = Ac / Vc, Vc = CL / k10

The two-compartment rate constants are chosen so that a bolus decays as A e^(-alpha t) +
B e^(-beta t) with the published alpha and beta half-lives; how the initial concentration splits
between the two phases (A / (A + B)) was not available and is illustrative. 5-FU elimination is
in reality saturable (dose-dependent); the linear model ignores that.

Tumour response (illustrative, not from a cited model): dN/dt = (ln 2 / Td) N - k_kill C N,
the log-kill hypothesis in its simplest form, with N relative to the starting cell number.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from ..parameters import build_params, check_ranges, param
from ..piecewise import Segment, even_times, integrate_segments
from ..results import model_result, series, stopped_message, summary_item

NAME = "fluorouracil_pk"
TITLE = "5-fluorouracil pharmacokinetics and an illustrative tumour response"
CITATION_KEY = "kirkwood1980pharmacokinetics"
HALF_LIFE_KEY = "fluorouracil_clinical_pharmacokinetics"
CLEARANCE_KEY = "phillips1980fluorouracil"
SCHEDULE_KEY = "sun2021pembrolizumab"
SOURCES = {
    HALF_LIFE_KEY: {
        "title": "Clinical pharmacokinetics of 5-fluorouracil and its metabolites in plasma, "
        "urine, and bile",
        "fact": "apparent elimination half-life 12.9 +/- 7.3 min after 500 mg/m2 i.v. bolus",
        "url": "https://litmetric.com/detail/3829006/Clinical-pharmacokinetics-of-5-fluorouracil"
        "-and-its-metabolites-in-plasma-urine-and-bile",
    },
    CITATION_KEY: {
        "authors": "Kirkwood JM et al.",
        "journal": "Cancer Research",
        "year": 1980,
        "volume": "40",
        "pages": "107",
        "pmid": "7349890",
        "fact": "biexponential decline, t1/2 alpha 7.8 +/- 2.6 min, t1/2 beta 36.8 +/- 13.5 min",
    },
    CLEARANCE_KEY: {
        "authors": "Phillips et al.",
        "journal": "Journal of Pharmaceutical Sciences",
        "year": 1980,
        "pmid": "7463330",
        "fact": "after 250 mg i.v.: t1/2 6.3 min, clearance 1410 mL/min",
    },
    SCHEDULE_KEY: {
        "authors": "Sun JM et al.",
        "journal": "Lancet",
        "year": 2021,
        "fact": "KEYNOTE-590: 5-FU 800 mg/m2 on days 1-5 every 3 weeks (with cisplatin)",
    },
}
SOURCE = SOURCES[CITATION_KEY]
TIME_UNIT = "h"
CONC_UNIT = "µg/mL"
CYCLE_HOURS = 21 * 24.0  # KEYNOTE-590 cycles repeat every 3 weeks


@dataclass(frozen=True)
class FluorouracilParams:
    dose_mg_m2: float = param(
        800.0,
        label="Daily dose",
        unit="mg/m²",
        min=0.0,
        max=1500.0,
        step=10.0,
        citation_key=SCHEDULE_KEY,
    )
    days: float = param(
        5.0,
        label="Dosing days per cycle",
        unit="days",
        min=1.0,
        max=7.0,
        step=1.0,
        citation_key=SCHEDULE_KEY,
    )
    infusion_hours: float = param(
        24.0,
        label="Infusion time per daily dose (0 = bolus, 24 = continuous)",
        unit="h",
        min=0.0,
        max=24.0,
        step=0.5,
        citation_key=SCHEDULE_KEY,
    )
    cycles: float = param(
        1.0,
        label="Number of 3-weekly cycles",
        unit="cycles",
        min=1.0,
        max=6.0,
        step=1.0,
        citation_key=SCHEDULE_KEY,
    )
    bsa_m2: float = param(
        1.8,
        label="Body surface area",
        unit="m²",
        min=1.2,
        max=2.6,
        step=0.05,
        illustrative=True,
        note="A typical adult value, chosen for the demo.",
    )
    compartments: float = param(
        1.0,
        label="Compartments (1 or 2)",
        unit="",
        min=1.0,
        max=2.0,
        step=1.0,
        note="Model choice: 1 uses the single elimination half-life, 2 the alpha and beta "
        "half-lives.",
    )
    t_half_min: float = param(
        12.9,
        label="Elimination half-life (one compartment)",
        unit="min",
        min=4.0,
        max=60.0,
        step=0.1,
        citation_key=HALF_LIFE_KEY,
        note="Mean after a 500 mg/m² bolus (SD 7.3 min).",
    )
    t_half_alpha_min: float = param(
        7.8,
        label="Distribution (alpha) half-life",
        unit="min",
        min=1.0,
        max=30.0,
        step=0.1,
        citation_key=CITATION_KEY,
    )
    t_half_beta_min: float = param(
        36.8,
        label="Elimination (beta) half-life",
        unit="min",
        min=5.0,
        max=240.0,
        step=0.1,
        citation_key=CITATION_KEY,
    )
    alpha_fraction: float = param(
        0.5,
        label="Share of a bolus concentration in the fast phase, A/(A+B)",
        unit="fraction",
        min=0.05,
        max=0.95,
        step=0.01,
        illustrative=True,
        note="Not available from the cited study; chosen for the demo.",
    )
    clearance_l_min: float = param(
        1.41,
        label="Total clearance",
        unit="L/min",
        min=0.2,
        max=5.0,
        step=0.01,
        citation_key=CLEARANCE_KEY,
        note="Measured after a 250 mg dose; volume follows from "
        "clearance and half-life, combining two studies.",
    )
    doubling_days: float = param(
        30.0,
        label="Tumour doubling time",
        unit="days",
        min=2.0,
        max=365.0,
        step=1.0,
        illustrative=True,
    )
    kill_per_auc: float = param(
        0.02,
        label="Log-kill coefficient",
        unit="1/(µg·h/mL)",
        min=0.0,
        max=0.2,
        step=0.001,
        illustrative=True,
        note="Fraction-killed rate per unit concentration; 0 turns the drug effect off.",
    )

    def __post_init__(self) -> None:
        check_ranges(self)
        for name in ("days", "cycles", "compartments"):
            if getattr(self, name) != int(getattr(self, name)):
                raise ValueError(
                    f"parameter {name!r} must be a whole number, got {getattr(self, name)!r}"
                )
        if self.compartments == 2 and not self.t_half_alpha_min < self.t_half_beta_min:
            raise ValueError(
                f"t_half_alpha_min ({self.t_half_alpha_min}) must be shorter than "
                f"t_half_beta_min ({self.t_half_beta_min})"
            )

    @property
    def clearance_l_h(self) -> float:
        return self.clearance_l_min * 60.0

    def rate_constants(self) -> dict[str, float]:
        """Per-hour micro-constants and central volume (L) of the chosen model."""
        ln2 = math.log(2.0)
        if self.compartments == 1:
            k = ln2 / (self.t_half_min / 60.0)
            return {"k10": k, "k12": 0.0, "k21": 0.0, "volume": self.clearance_l_h / k}
        a = ln2 / (self.t_half_alpha_min / 60.0)
        b = ln2 / (self.t_half_beta_min / 60.0)
        # For a bolus, A/(A+B) = (alpha - k21)/(alpha - beta); alpha*beta = k10*k21 and
        # alpha + beta = k10 + k12 + k21.
        k21 = a - self.alpha_fraction * (a - b)
        k10 = a * b / k21
        k12 = a + b - k21 - k10
        return {"k10": k10, "k12": k12, "k21": k21, "volume": self.clearance_l_h / k10}


PARAMS = FluorouracilParams
INITIAL: dict[str, dict[str, Any]] = {}
PRESETS: dict[str, dict[str, Any]] = {
    "keynote590_infusion": {
        "label": "KEYNOTE-590 schedule: 800 mg/m²/day continuous infusion, days 1–5",
        "params": {"dose_mg_m2": 800.0, "days": 5.0, "infusion_hours": 24.0},
        "initial": {},
    },
    "daily_bolus": {
        "label": "Same daily dose as five i.v. boluses",
        "params": {"dose_mg_m2": 800.0, "days": 5.0, "infusion_hours": 0.0},
        "initial": {},
    },
    "two_compartment_bolus": {
        "label": "Single bolus, two-compartment kinetics",
        "params": {"dose_mg_m2": 500.0, "days": 1.0, "infusion_hours": 0.0, "compartments": 2.0},
        "initial": {},
    },
}
DEFAULT_T_END = 168.0
MAX_T_END = 3000.0  # longest run a reader may ask for, in TIME_UNIT
PLOT: dict[str, Any] = {}  # drawing hints for the widget


def dose_events(p: FluorouracilParams) -> list[tuple[float, float, float]]:
    """(start h, duration h, amount mg) for every daily dose."""
    amount = p.dose_mg_m2 * p.bsa_m2
    return [
        (c * CYCLE_HOURS + d * 24.0, p.infusion_hours, amount)
        for c in range(int(p.cycles))
        for d in range(int(p.days))
    ]


def _make_rhs(
    k10: float, k12: float, k21: float, vc: float, growth: float, kill: float, rate: float
):
    def fun(t: float, y: list[float]) -> list[float]:
        ac, ap, n, _auc = y
        c = ac / vc
        return [rate - (k10 + k12) * ac + k21 * ap, k12 * ac - k21 * ap, (growth - kill * c) * n, c]

    return fun


def rhs(t: float, y: list[float], p: FluorouracilParams, rate: float = 0.0) -> list[float]:
    """State [central mg, peripheral mg, relative tumour cells, AUC µg·h/mL]; ``rate`` is the
    current infusion rate in mg/h."""
    k = p.rate_constants()
    growth = math.log(2.0) / (p.doubling_days * 24.0)
    return _make_rhs(k["k10"], k["k12"], k["k21"], k["volume"], growth, p.kill_per_auc, rate)(t, y)


def _segments(p: FluorouracilParams, t_end: float) -> list[Segment]:
    k = p.rate_constants()
    growth = math.log(2.0) / (p.doubling_days * 24.0)
    events = [e for e in dose_events(p) if e[0] < t_end]
    cuts = {0.0, t_end}
    for start, dur, _ in events:
        cuts.add(start)
        if dur > 0 and start + dur < t_end:
            cuts.add(start + dur)
    bounds = sorted(cuts)
    segments = []
    for lo, hi in zip(bounds, bounds[1:], strict=False):
        mid = 0.5 * (lo + hi)
        rate = sum(a / d for s, d, a in events if d > 0 and s <= mid < s + d)
        bolus = sum(a for s, d, a in events if d == 0 and s == lo)

        def jump(y: list[float], bolus: float = bolus) -> list[float]:
            return [y[0] + bolus, y[1], y[2], y[3]]

        fun = _make_rhs(k["k10"], k["k12"], k["k21"], k["volume"], growth, p.kill_per_auc, rate)
        segments.append(Segment(lo, hi, fun, jump if bolus else None))
    return segments


def simulate(
    params: FluorouracilParams | None = None,
    t_end: float = DEFAULT_T_END,
    n_points: int = 673,
    *,
    rtol: float = 1e-6,
    atol: float = 1e-9,
    max_steps: int = 100_000,
) -> dict[str, Any]:
    """Plasma concentration, cumulative AUC and relative tumour cell number over time (h)."""
    p = params if params is not None else FluorouracilParams()
    times = even_times(t_end, n_points)
    k = p.rate_constants()
    res = integrate_segments(
        _segments(p, times[-1]),
        [0.0, 0.0, 1.0, 0.0],
        times,
        rtol=rtol,
        atol=atol,
        max_steps=max_steps,
    )
    conc = [a / k["volume"] for a in res.y[0]]
    summary: dict[str, Any] = {}
    message = "ok"
    if res.success:
        total_mg = sum(a for _, _, a in dose_events(p))
        given_mg = sum(
            a * min(1.0, (t_end - s) / d) if d > 0 else a for s, d, a in dose_events(p) if s < t_end
        )
        infusion = [(s, d, a) for s, d, a in dose_events(p) if d > 0]
        c_ss = infusion[0][2] / infusion[0][1] / p.clearance_l_h if infusion else None
        tumour_end = res.y[2][-1]
        summary = {
            "c_max": summary_item("Peak plasma concentration (sampled)", CONC_UNIT, max(conc)),
            "auc": summary_item("Area under the curve", "µg·h/mL", res.y[3][-1]),
            "auc_expected": summary_item(
                "Dose given / clearance", "µg·h/mL", given_mg / p.clearance_l_h
            ),
            "c_steady": summary_item(
                "Steady-state level during infusion (rate / clearance)", CONC_UNIT, c_ss
            ),
            "dose_total": summary_item("Total dose scheduled", "mg", total_mg),
            "volume": summary_item(
                "Central volume (clearance / elimination rate)", "L", k["volume"]
            ),
            "tumour_end": summary_item(
                "Tumour cells at end, relative to start (illustrative)", "", tumour_end
            ),
            "log10_change": summary_item(
                "Net log10 change in tumour cells (illustrative)",
                "",
                math.log10(tumour_end) if tumour_end > 0 else None,
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
            "concentration": series("5-FU plasma concentration", CONC_UNIT, conc),
            "auc": series("Cumulative AUC", "µg·h/mL", res.y[3]),
            "tumour": series("Tumour cells relative to start (illustrative)", "", res.y[2]),
        },
        summary=summary,
    )


def build(values: dict[str, Any] | None = None) -> FluorouracilParams:
    return build_params(FluorouracilParams, values)


def solver_case() -> dict[str, Any]:
    """Two compartments during a constant infusion: the solver benchmark's case."""
    p = build({"compartments": 2.0})
    return {
        "fun": lambda t, y: rhs(t, y, p, rate=60.0),
        "t_end": 120.0,
        "y0": [0.0, 0.0, 1.0, 0.0],
        "rtol": 1e-6,
        "atol": 1e-9,
    }
