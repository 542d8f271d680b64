"""JSON-ready result dictionaries shared by all kinetic models.

Every ``simulate`` returns the same shape so one widget can draw any model:

``{"model", "success", "message", "time": {"label", "unit", "values"},
"series": {name: {"label", "unit", "values"}}, "summary": {name: {"label", "unit", "value"}},
"parameters": {...}, "citation_key", "illustrative": [parameter names]}``

Non-finite numbers become ``None``: the one JSON rule of :mod:`esoreview.jsonsafe`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from ..jsonsafe import finite_or_none

__all__ = ["finite_or_none", "series", "summary_item", "model_result", "stopped_message"]


def series(label: str, unit: str, values: Sequence[float]) -> dict[str, Any]:
    return {"label": label, "unit": unit, "values": [finite_or_none(float(v)) for v in values]}


def summary_item(label: str, unit: str, value: float | str | None) -> dict[str, Any]:
    if isinstance(value, float):
        value = finite_or_none(value)
    return {"label": label, "unit": unit, "value": value}


def model_result(
    *,
    model: str,
    params: object,
    citation_key: str,
    success: bool,
    message: str,
    time_unit: str,
    times: Sequence[float],
    series_by_name: dict[str, dict[str, Any]],
    summary: dict[str, dict[str, Any]],
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Assemble the common result dictionary; ``illustrative`` names the parameters whose
    values have no published source, so a page can flag them."""
    fields = dataclasses.fields(params)  # type: ignore[arg-type]
    illustrative = [f.name for f in fields if f.metadata.get("illustrative")]
    result = {
        "model": model,
        "success": success,
        "message": message,
        "time": {"label": "Time", "unit": time_unit, "values": [float(t) for t in times]},
        "series": series_by_name,
        "summary": summary,
        "parameters": {f.name: getattr(params, f.name) for f in fields},
        "citation_key": citation_key,
        "illustrative": illustrative,
    }
    if extra:
        result.update(extra)
    return result


def stopped_message(t_reached: float, time_unit: str, detail: str) -> str:
    """A reader-facing explanation of a run the solver could not finish."""
    return (
        f"The simulation stopped early at t = {t_reached:.3g} {time_unit}: the equations became "
        f"too hard to follow with these settings ({detail}). Try less extreme parameter values "
        "or a shorter time span."
    )
