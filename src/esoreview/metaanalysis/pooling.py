"""Inverse-variance pooling of hazard ratios on the log scale (standard library only).

Each study enters as a hazard ratio with its confidence interval *at the level the trial
reported* (CheckMate 648 used 99.5%, 99.1%, 98.6% and 98.2% intervals). The standard error of
log(HR) is recovered from the interval's width with the normal quantile of that level, so a
99.5% interval is not mistaken for a wider 95% one.

Fixed effect: weights 1/SE². Random effects: DerSimonian–Laird moment estimate of the
between-study variance tau², weights 1/(SE² + tau²). Heterogeneity: Cochran's Q with k-1
degrees of freedom and I² = max(0, (Q - df) / Q) in percent.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

__all__ = ["Pooled", "Study", "pool", "se_from_ci", "z_for_level"]

_NORMAL = NormalDist()


def z_for_level(level: float) -> float:
    """Two-sided normal quantile of a confidence level: 0.95 -> 1.95996..., 0.995 -> 2.807..."""
    if not 0 < level < 1:
        raise ValueError(f"confidence level must lie in (0, 1), got {level!r}")
    return _NORMAL.inv_cdf((1 + level) / 2)


def se_from_ci(low: float, high: float, level: float) -> float:
    """Standard error of log(HR) from a hazard-ratio interval reported at ``level``."""
    if not (0 < low < high):
        raise ValueError(f"need 0 < low < high for a hazard-ratio interval, got {low!r}, {high!r}")
    return (math.log(high) - math.log(low)) / (2 * z_for_level(level))


@dataclass(frozen=True)
class Study:
    """One hazard ratio with its interval; ``label`` names it in results and errors."""

    label: str
    hr: float
    low: float
    high: float
    level: float = 0.95

    @property
    def log_hr(self) -> float:
        return math.log(self.hr)

    @property
    def se(self) -> float:
        return se_from_ci(self.low, self.high, self.level)


@dataclass(frozen=True)
class Pooled:
    """Pooled estimates on the HR scale, heterogeneity statistics and per-study weights (%)."""

    k: int
    fixed_hr: float
    fixed_low: float
    fixed_high: float
    random_hr: float
    random_low: float
    random_high: float
    q: float
    df: int
    i2: float  # percent, in [0, 100)
    tau2: float  # between-study variance of log(HR)
    level: float
    fixed_weights: tuple[float, ...]
    random_weights: tuple[float, ...]
    fixed_log: float
    fixed_se: float
    random_log: float
    random_se: float


def _interval(estimate: float, se: float, z: float) -> tuple[float, float, float]:
    return math.exp(estimate), math.exp(estimate - z * se), math.exp(estimate + z * se)


def pool(studies: list[Study] | tuple[Study, ...], level: float = 0.95) -> Pooled:
    """Fixed-effect and DerSimonian–Laird random-effects pooling of ``studies``."""
    if not studies:
        raise ValueError("pooling needs at least one study")
    z = z_for_level(level)
    ys, variances = [], []
    for study in studies:
        if not (study.low <= study.hr <= study.high):
            raise ValueError(f"{study.label}: HR {study.hr} lies outside its CI")
        ys.append(study.log_hr)
        variances.append(study.se**2)
    weights = [1 / v for v in variances]
    total = math.fsum(weights)
    fixed = math.fsum(w * y for w, y in zip(weights, ys, strict=True)) / total
    df = len(studies) - 1
    # One study has no heterogeneity by definition (rounding would otherwise leave Q ~ 1e-32).
    q = math.fsum(w * (y - fixed) ** 2 for w, y in zip(weights, ys, strict=True)) if df else 0.0
    scale = total - math.fsum(w * w for w in weights) / total
    tau2 = max(0.0, (q - df) / scale) if df > 0 and scale > 0 else 0.0
    i2 = (q - df) / q * 100 if q > df else 0.0
    random_weights = [1 / (v + tau2) for v in variances]
    random_total = math.fsum(random_weights)
    random = math.fsum(w * y for w, y in zip(random_weights, ys, strict=True)) / random_total
    fixed_se, random_se = math.sqrt(1 / total), math.sqrt(1 / random_total)
    f_hr, f_low, f_high = _interval(fixed, fixed_se, z)
    r_hr, r_low, r_high = _interval(random, random_se, z)
    return Pooled(
        k=len(studies),
        fixed_hr=f_hr,
        fixed_low=f_low,
        fixed_high=f_high,
        random_hr=r_hr,
        random_low=r_low,
        random_high=r_high,
        q=q,
        df=df,
        i2=i2,
        tau2=tau2,
        level=level,
        fixed_weights=tuple(100 * w / total for w in weights),
        random_weights=tuple(100 * w / random_total for w in random_weights),
        fixed_log=fixed,
        fixed_se=fixed_se,
        random_log=random,
        random_se=random_se,
    )
