"""JSON-in/JSON-out entry points for the browser widgets (called through Pyodide).

    run("tumour_immune", {"suppression": 1.0}, {"t_end": 150, "initial": {"tumour0": 10}})
    describe("tumour_immune")

``run`` options: ``t_end`` and ``n_points`` (output grid), ``preset`` (a preset name whose
parameters and initial conditions are applied before the explicit ones) and ``initial``
(initial conditions by name). Bad input raises :class:`KineticsError` (a ``ValueError``) whose
``field`` names what was wrong; nothing is silently converted (a string is never a number, a
bool never an integer). A run the solver cannot finish returns ``success: false`` with a
reader-facing message. The step budget keeps every call well under a second in CPython.
"""

from __future__ import annotations

import functools
import inspect
import json
import math
from typing import Any

from ..jsonsafe import to_json_value
from .errors import KineticsError, named_fields, short_repr
from .models import MODELS
from .parameters import build_params, check_initial, parameter_specs

__all__ = ["run", "describe", "model_names", "MAX_STEPS", "KineticsError"]

# A step costs ~40 µs in CPython for these small systems (more on a busy machine), so
# 10,000 steps bound a call to well under a second.
MAX_STEPS = 10_000
MAX_POINTS = 2001
_OPTION_NAMES = ("t_end", "n_points", "preset", "initial")


def model_names() -> list[str]:
    return list(MODELS)


def _module(model: str):
    if not isinstance(model, str) or model not in MODELS:
        raise KineticsError(
            "model",
            f"unknown model {short_repr(model)}; available models: {', '.join(MODELS)}",
            ", ".join(MODELS),
        )
    return MODELS[model]


def _mapping(field: str, value: Any) -> dict[str, Any]:
    """``value`` as a dict with string keys; None is empty. Nothing else is reinterpreted."""
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(isinstance(key, str) for key in value):
        raise KineticsError(
            field, f"{field} must be an object (name -> value), got {short_repr(value)}"
        )
    return dict(value)


@named_fields
def describe(model: str) -> dict[str, Any]:
    """Metadata a widget needs to draw its controls: parameters, initial conditions, presets."""
    mod = _module(model)
    default_points = inspect.signature(mod.simulate).parameters["n_points"].default
    return to_json_value(
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


@named_fields
def run(
    model: str, params: dict[str, Any] | None = None, options: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Simulate ``model``; the result layout is described in :mod:`esoreview.kinetics.results`."""
    mod = _module(model)
    params = _mapping("params", params)
    options = _mapping("options", options)
    unknown = sorted(set(options) - set(_OPTION_NAMES))
    if unknown:
        raise KineticsError(
            f"options.{unknown[0]}",
            f"unknown option(s) {', '.join(map(short_repr, unknown))}; "
            f"known options are {', '.join(_OPTION_NAMES)}",
            ", ".join(_OPTION_NAMES),
        )
    initial: dict[str, Any] = {}
    preset_name = options.get("preset")
    if preset_name is not None:
        if not isinstance(preset_name, str) or preset_name not in mod.PRESETS:
            raise KineticsError(
                "options.preset",
                f"unknown preset {short_repr(preset_name)} for model {model!r}; "
                f"presets are {', '.join(mod.PRESETS)}",
                ", ".join(mod.PRESETS),
            )
        preset = mod.PRESETS[preset_name]
        params = {**preset["params"], **params}
        initial.update(preset["initial"])
    extra_initial = options.get("initial")
    if extra_initial is not None and not isinstance(extra_initial, dict):
        raise KineticsError(
            "options.initial",
            "option 'initial' must be an object of initial conditions, "
            f"got {short_repr(extra_initial)}",
        )
    initial.update(_mapping("options.initial", extra_initial))
    bad = sorted(set(initial) - set(mod.INITIAL))
    if bad:
        known = ", ".join(mod.INITIAL) or "none"
        raise KineticsError(
            f"options.initial.{bad[0]}",
            f"unknown initial condition(s) {', '.join(map(short_repr, bad))} for model "
            f"{model!r}; known: {known}",
            known,
        )
    for name, value in initial.items():
        spec = mod.INITIAL[name]
        if value is None and spec.get("default", 0) is None:
            continue  # "use the model's default" (e.g. the steady state)
        check_initial(mod.INITIAL, name, value)
    p = build_params(mod.PARAMS, params)
    t_end = options.get("t_end", mod.DEFAULT_T_END)
    t_max = mod.MAX_T_END
    if (
        isinstance(t_end, bool)
        or not isinstance(t_end, int | float)
        or not (0 < t_end <= t_max)
        or not math.isfinite(t_end)
    ):
        raise KineticsError(
            "options.t_end",
            f"option 't_end' = {short_repr(t_end)} is outside the allowed range "
            f"(0, {t_max}] {mod.TIME_UNIT}",
            f"(0, {t_max}]",
        )
    kwargs: dict[str, Any] = {"t_end": float(t_end), "max_steps": MAX_STEPS, **initial}
    if "n_points" in options:
        n = options["n_points"]
        if isinstance(n, bool) or not isinstance(n, int) or not 2 <= n <= MAX_POINTS:
            raise KineticsError(
                "options.n_points",
                f"option 'n_points' = {short_repr(n)} must be an integer in [2, {MAX_POINTS}]",
                f"an integer in [2, {MAX_POINTS}]",
            )
        kwargs["n_points"] = n
    # Initial conditions left out take the model's defaults (its INITIAL, which a test holds
    # equal to simulate()'s own): a request spelling the defaults out is the same request.
    kwargs = {**{name: spec.get("default", 0.0) for name, spec in mod.INITIAL.items()}, **kwargs}
    # A fresh copy for every caller: nobody can change what the next caller gets.
    return json.loads(_solve(model, p, tuple(sorted(kwargs.items()))))


# The models are deterministic, so an answer is kept for requests seen before: a widget's first
# run (its defaults) was made by esoreview.browser.warm_up before the build's memory snapshot,
# so a reader gets it without computing (measured in Pyodide: 35-75 ms for tumour_immune);
# preset and reset clicks repeat earlier requests. JSON text, so entries cannot be mutated.
@functools.lru_cache(maxsize=64)
def _solve(model: str, params: Any, kwargs: tuple[tuple[str, Any], ...]) -> str:
    try:
        result = MODELS[model].simulate(params, **dict(kwargs))
    except KineticsError:
        raise
    except ValueError as exc:  # a model's own check of a combination of values
        raise KineticsError("options.initial", str(exc)) from exc
    except ArithmeticError as exc:  # overflow or division by zero deep in a model
        raise KineticsError(
            "params",
            f"the model cannot be computed for these values ({type(exc).__name__}: {exc}); "
            "move the parameters away from the ends of their ranges",
        ) from exc
    return json.dumps(to_json_value(result), allow_nan=False)


def _first_line(doc: str | None) -> str:
    return (doc or "").strip().splitlines()[0] if (doc or "").strip() else ""
