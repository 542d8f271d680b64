"""The one door between the browser and the client models: JSON in, JSON out.

The Pyodide worker (``docs/js/esoreview-worker.js``) calls :func:`call` with a module name, a
function name and keyword arguments as a JSON string, and passes the JSON string it returns
straight back to the page. Keeping this in Python rather than in the worker means the
allowlist, the conversion of results and the mapping of errors are tested in CPython like any
other module, and the worker stays a dumb pipe.

Reply shape, always a JSON object::

    {"ok": true, "value": ...}
    {"ok": false, "error": {"type": "StagingError", "message": "...", "field": "t", ...}}
"""

from __future__ import annotations

import importlib
import json
import traceback
from collections.abc import Callable
from typing import Any

# Results are converted by the one JSON rule of the client models (NaN/Infinity -> null).
from .jsonsafe import to_json_value

# Module names a page may ask for, mapped to what gets imported. Anything else is refused so the
# browser API stays the small, documented surface of the client models.
ALLOWED_MODULES: dict[str, str] = {
    "staging": "esoreview.staging",
    "kinetics.api": "esoreview.kinetics.api",
    "metaanalysis": "esoreview.metaanalysis.explorer",
}

# Exceptions that mean "the reader's input was wrong": reported without a traceback.
_INPUT_ERRORS = (ValueError, TypeError)


class BridgeError(ValueError):
    """The request itself is malformed: unknown module or function, or kwargs that are not JSON."""


def resolve(module: str, function: str) -> Callable[..., Any]:
    """Return the public function of an allowed module, or raise :class:`BridgeError`."""
    if module not in ALLOWED_MODULES:
        allowed = ", ".join(sorted(ALLOWED_MODULES))
        raise BridgeError(f"module {module!r} is not available in the browser; allowed: {allowed}")
    imported = importlib.import_module(ALLOWED_MODULES[module])
    public = getattr(imported, "__all__", None)
    if function.startswith("_") or (public is not None and function not in public):
        raise BridgeError(f"{module}.{function} is not a public function")
    target = getattr(imported, function, None)
    if not callable(target) or isinstance(target, type):
        raise BridgeError(f"{module} has no function {function!r}")
    return target


def parse_kwargs(kwargs_json: str) -> dict[str, Any]:
    """Parse the keyword arguments, which must be one JSON object."""
    try:
        kwargs = json.loads(kwargs_json)
    except (TypeError, json.JSONDecodeError) as exc:
        raise BridgeError(f"keyword arguments are not valid JSON: {exc}") from exc
    if not isinstance(kwargs, dict):
        raise BridgeError(f"keyword arguments must be a JSON object, not {type(kwargs).__name__}")
    return kwargs


def describe_error(exc: BaseException) -> dict[str, Any]:
    """Turn an exception into the JSON error the page shows, keeping named-field details."""
    error: dict[str, Any] = {"type": type(exc).__name__, "message": str(exc)}
    for attribute in ("field", "allowed"):
        detail = getattr(exc, attribute, None)
        if isinstance(detail, str):
            error[attribute] = detail
    if not isinstance(exc, _INPUT_ERRORS):
        # A bug rather than bad input: the traceback goes to the browser console for reports.
        error["traceback"] = "".join(traceback.format_exception(exc))
    return error


def call(module: str, function: str, kwargs_json: str) -> str:
    """Run ``esoreview.<module>.<function>(**kwargs)`` and return the JSON reply (never raises
    for anything the call itself does)."""
    try:
        target = resolve(module, function)
        result = target(**parse_kwargs(kwargs_json))
        return json.dumps({"ok": True, "value": to_json_value(result)}, allow_nan=False)
    except Exception as exc:  # every failure, bug or bad input, must reach the page as JSON
        return json.dumps({"ok": False, "error": describe_error(exc)}, default=repr)


# One call per function the widgets use, with inputs every version of the models accepts.
WARM_UP_CALLS: tuple[tuple[str, str, dict[str, Any]], ...] = (
    ("staging", "stage", {"histology": "squamous", "classification": "pathological",
                          "t": "T2", "n": "N0", "m": "M0", "grade": "G2"}),
    ("staging", "tables", {"edition": 8}),
    ("metaanalysis", "explore", {"studies": []}),
)  # fmt: skip


def warm_up() -> list[str]:
    """Make every widget's first call once, through :func:`call`, and return any that failed.

    The build runs this before it takes Pyodide's memory snapshot: the lazy imports and
    first-use caches of each call are then already in the snapshot, so a reader's first answer
    costs what later ones do (measured in Pyodide: a first staging call 65-85 ms, later ones
    1 ms; a first model run 30-70 ms, later ones 16-26 ms).
    """
    from .kinetics.api import model_names

    calls = [*WARM_UP_CALLS, *(("kinetics.api", "run", {"model": m}) for m in model_names())]
    failed = []
    for module, function, kwargs in calls:
        reply = json.loads(call(module, function, json.dumps(kwargs)))
        if not reply["ok"]:
            failed.append(f"{module}.{function}: {reply['error']['message']}")
    return failed
