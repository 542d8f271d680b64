"""The one rule for turning client-model results into JSON: NaN and ±Infinity become ``None``.

Browsers' ``JSON.parse`` rejects NaN and Infinity, and a non-finite number in a model result
means "no value here" (a population that died out on a log scale, a ratio with a zero
denominator). Every path from a model to a reader applies this rule: the kinetic models' result
builders, ``kinetics.api`` and the browser bridge all call :func:`to_json_value`, so a notebook
and a widget see the same ``None`` where CPython had a NaN. Anything else JSON cannot carry is a
bug in the model and raises :class:`NotJsonError`.

Standard library only: shipped in the browser wheel.
"""

from __future__ import annotations

import dataclasses
import enum
import math
from collections.abc import Mapping
from typing import Any

__all__ = ["NotJsonError", "finite_or_none", "to_json_value"]


class NotJsonError(TypeError):
    """A model result holds an object that has no JSON form."""


# Exact types (not subclasses, so enums and the like take the full path below) that are JSON as
# they are. Results are mostly long lists of floats: checking these first keeps the conversion
# from dominating a widget's recompute in Pyodide.
_PLAIN = frozenset({str, int, bool, type(None)})


def finite_or_none(value: float) -> float | None:
    """``value`` as a float, or ``None`` when it is NaN or infinite."""
    return float(value) if math.isfinite(value) else None


def to_json_value(value: Any) -> Any:
    """Plain JSON types for a result, preferring an object's own ``to_dict``; non-finite -> None."""
    kind = type(value)
    if kind is float:
        return finite_or_none(value)
    if kind in _PLAIN:
        return value
    if (kind is list or kind is tuple) and all(type(item) is float for item in value):
        return [item if math.isfinite(item) else None for item in value]
    if hasattr(value, "to_dict") and callable(value.to_dict):
        return to_json_value(value.to_dict())
    if isinstance(value, enum.Enum):
        return to_json_value(value.value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return to_json_value(dataclasses.asdict(value))
    if isinstance(value, Mapping):
        return {str(key): to_json_value(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=repr) if isinstance(value, set | frozenset) else value
        return [to_json_value(item) for item in items]
    if isinstance(value, float):
        return finite_or_none(value)
    if value is None or isinstance(value, str | int | bool):
        return value
    raise NotJsonError(f"result of type {type(value).__name__} cannot be converted to JSON")
