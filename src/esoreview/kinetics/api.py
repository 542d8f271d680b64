"""JSON-in/JSON-out entry points for the browser widgets (called through Pyodide).

    run("tumour_immune", {"suppression": 1.0}, {"t_end": 150, "initial": {"tumour0": 10}})
    describe("tumour_immune")

``run`` options: ``t_end`` and ``n_points`` (output grid), ``preset`` (a preset name whose
parameters and initial conditions are applied before the explicit ones) and ``initial``
(initial conditions by name). Bad input raises ``ValueError`` naming what was wrong; a run the
solver cannot finish returns ``success: false`` with a reader-facing message. The step budget
keeps every call well under a second in CPython.
"""

from __future__ import annotations

import inspect
import math
from typing import Any

from .models import MODELS
from .parameters import build_params, parameter_specs

__all__ = ["run", "describe", "model_names", "MAX_STEPS"]

# A step costs ~40 µs in CPython for these small systems (more on a busy machine), so
# 10,000 steps bound a call to well under a second.
MAX_STEPS = 10_000
MAX_POINTS = 2001
_OPTION_NAMES = ("t_end", "n_points", "preset", "initial")


def model_names() -> list[str]:
    return list(MODELS)


def _module(model: str):
    if model not in MODELS:
        raise ValueError(f"unknown model {model!r}; available models: {', '.join(MODELS)}")
    return MODELS[model]


def describe(model: str) -> dict[str, Any]:
    """Metadata a widget needs to draw its controls: parameters, initial conditions, presets."""
    mod = _module(model)
    default_points = inspect.signature(mod.simulate).parameters["n_points"].default
    return _json_safe(
        {
            "name": mod.NAME,
            "title": mod.TITLE,
            "citation_key": mod.CITATION_KEY,
            "source": getattr(mod, "SOURCES", {mod.CITATION_KEY: mod.SOURCE}),
            "description": _first_line(mod.__doc__),
            "time_unit": mod.TIME_UNIT,
            "plot": mod.PLOT,
            "parameters": parameter_specs(mod.PARAMS),
            "initial": [{"name": k, **v} for k, v in mod.INITIAL.items()],
            "presets": mod.PRESETS,
            "options": {
                "t_end": {
                    "default": mod.DEFAULT_T_END,
                    "min": 0.0,
                    "max": mod.MAX_T_END,
                    "unit": mod.TIME_UNIT,
                },
                "n_points": {"default": default_points, "min": 2, "max": MAX_POINTS},
            },
        }
    )


def run(
    model: str, params: dict[str, Any] | None = None, options: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Simulate ``model``; the result layout is described in :mod:`esoreview.kinetics.results`."""
    mod = _module(model)
    params = dict(params or {})
    options = dict(options or {})
    unknown = sorted(set(options) - set(_OPTION_NAMES))
    if unknown:
        raise ValueError(
            f"unknown option(s) {', '.join(map(repr, unknown))}; "
            f"known options are {', '.join(_OPTION_NAMES)}"
        )
    initial: dict[str, Any] = {}
    preset_name = options.get("preset")
    if preset_name is not None:
        if preset_name not in mod.PRESETS:
            raise ValueError(
                f"unknown preset {preset_name!r} for model {model!r}; "
                f"presets are {', '.join(mod.PRESETS)}"
            )
        preset = mod.PRESETS[preset_name]
        params = {**preset["params"], **params}
        initial.update(preset["initial"])
    extra_initial = options.get("initial") or {}
    if not isinstance(extra_initial, dict):
        raise ValueError(
            f"option 'initial' must be an object of initial conditions, got {extra_initial!r}"
        )
    initial.update(extra_initial)
    bad = sorted(set(initial) - set(mod.INITIAL))
    if bad:
        known = ", ".join(mod.INITIAL) or "none"
        raise ValueError(
            f"unknown initial condition(s) {', '.join(map(repr, bad))} for model "
            f"{model!r}; known: {known}"
        )
    p = build_params(mod.PARAMS, params)
    t_end = options.get("t_end", mod.DEFAULT_T_END)
    t_max = mod.MAX_T_END
    if (
        isinstance(t_end, bool)
        or not isinstance(t_end, int | float)
        or not (math.isfinite(t_end) and 0 < t_end <= t_max)
    ):
        raise ValueError(
            f"option 't_end' = {t_end!r} is outside the allowed range (0, {t_max}] {mod.TIME_UNIT}"
        )
    kwargs: dict[str, Any] = {"t_end": float(t_end), "max_steps": MAX_STEPS, **initial}
    if "n_points" in options:
        n = options["n_points"]
        if isinstance(n, bool) or not isinstance(n, int) or not 2 <= n <= MAX_POINTS:
            raise ValueError(f"option 'n_points' = {n!r} must be an integer in [2, {MAX_POINTS}]")
        kwargs["n_points"] = n
    return _json_safe(mod.simulate(p, **kwargs))


def _first_line(doc: str | None) -> str:
    return (doc or "").strip().splitlines()[0] if (doc or "").strip() else ""


def _json_safe(value: Any) -> Any:
    """Replace NaN/Infinity by None (browsers' JSON.parse rejects them) and refuse anything that
    is not JSON, so a widget never receives something it cannot parse."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if value is None or isinstance(value, str | int):
        return value
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        if all(type(v) is float for v in value):  # a time course: the bulk of every result
            return [v if math.isfinite(v) else None for v in value]
        return [_json_safe(v) for v in value]
    raise TypeError(f"model result of type {type(value).__name__} is not JSON")
