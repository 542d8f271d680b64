"""Parameter metadata shared by the kinetic models.

Each model declares a frozen dataclass whose fields are created with :func:`param`. The field
metadata carries what the page and the widgets need (label, unit, slider range, whether the
value is illustrative, which work it comes from), so a single declaration drives validation,
the ``describe`` API and the parameter tables on the site.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from typing import Any, TypeVar

from .errors import KineticsError, short_repr

__all__ = ["param", "parameter_specs", "build_params", "check_ranges", "check_number"]

T = TypeVar("T")


def param(
    default: float,
    *,
    label: str,
    unit: str,
    min: float,
    max: float,
    step: float | None = None,
    scale: str = "linear",
    illustrative: bool = False,
    citation_key: str | None = None,
    note: str = "",
) -> Any:
    """A dataclass field with the metadata of one model parameter.

    ``illustrative=True`` marks a value with no published source (the page must say so);
    ``citation_key`` names the work a published value comes from. ``scale="log"`` tells the
    widget to use a logarithmic slider for parameters spanning decades.
    """
    if not min <= default <= max:
        raise ValueError(f"default {default} of {label!r} lies outside [{min}, {max}]")
    if scale not in ("linear", "log"):
        raise ValueError(f"scale must be 'linear' or 'log', got {scale!r}")
    if scale == "log" and min <= 0:
        raise ValueError(f"a log-scale parameter ({label!r}) needs min > 0, got {min}")
    if step is None:
        step = (max - min) / 100 if scale == "linear" else 0.0
    meta = {
        "label": label,
        "unit": unit,
        "min": min,
        "max": max,
        "step": step,
        "scale": scale,
        "illustrative": illustrative,
        "citation_key": citation_key,
        "note": note,
    }
    return dataclasses.field(default=default, metadata=meta)


def parameter_specs(cls: type) -> list[dict[str, Any]]:
    """JSON-ready metadata of every parameter of a parameter dataclass, in declaration order."""
    specs = []
    for f in dataclasses.fields(cls):
        spec = {"name": f.name, "default": f.default}
        spec.update(f.metadata)
        specs.append(spec)
    return specs


def check_number(
    field: str, value: object, lo: float, hi: float, what: str, unit: str = ""
) -> float:
    """``value`` as a float if it is a real number (not a bool, not a string) in [lo, hi]."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise KineticsError(
            field, f"{what} must be a number, got {short_repr(value)}", f"[{lo}, {hi}]"
        )
    # Compared before converting: a huge integer cannot become a float, but it can be compared.
    if not (lo <= value <= hi) or not math.isfinite(value):
        raise KineticsError(
            field,
            f"{what} = {short_repr(value)} is outside the allowed range "
            f"[{lo}, {hi}] {unit}".rstrip(),
            f"[{lo}, {hi}]",
        )
    return float(value)


def check_initial(initial: Mapping[str, Mapping[str, Any]], name: str, value: object) -> float:
    """``value`` as a float if it lies in the range of initial condition ``name`` of a model's
    ``INITIAL`` table; else a :class:`KineticsError` naming ``options.initial.<name>``."""
    spec = initial[name]
    return check_number(
        f"options.initial.{name}",
        value,
        spec["min"],
        spec["max"],
        f"initial condition {name!r}",
        spec.get("unit", ""),
    )


def check_ranges(instance: object) -> None:
    """Raise :class:`KineticsError` naming the first parameter that is not a number in range."""
    cls_name = type(instance).__name__
    for f in dataclasses.fields(instance):  # type: ignore[arg-type]
        check_number(
            f"params.{f.name}",
            getattr(instance, f.name),
            f.metadata["min"],
            f.metadata["max"],
            f"{cls_name}: parameter {f.name!r}",
            f.metadata["unit"],
        )


def build_params(cls: type[T], values: Mapping[str, Any] | None = None) -> T:
    """Instantiate ``cls`` from a mapping, rejecting unknown names with the list of known ones."""
    values = dict(values or {})
    known = [f.name for f in dataclasses.fields(cls)]  # type: ignore[arg-type]
    unknown = sorted(set(values) - set(known), key=str)
    if unknown:
        raise KineticsError(
            f"params.{unknown[0]}",
            f"{cls.__name__}: unknown parameter(s) {', '.join(map(short_repr, unknown))}; "
            f"known parameters are {', '.join(known)}",
        )
    return cls(**values)
