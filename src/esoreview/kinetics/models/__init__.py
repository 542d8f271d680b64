"""The kinetic models shown on the site: one module each, found by looking in this folder.

Adding a model is adding one module here (plus its notebook cell and reference): the API, the
browser bridge, the widgets, the Pyodide tests and the benchmarks all read :data:`MODELS`.
A model module declares everything about itself:

* ``NAME``, ``TITLE``, ``CITATION_KEY``, ``SOURCE`` (or ``SOURCES``), ``TIME_UNIT``;
* ``PARAMS`` (a frozen dataclass of ``parameters.param`` fields: value, label, unit, bounds,
  scale, source), ``INITIAL`` (initial conditions), ``PRESETS``;
* limits: ``DEFAULT_T_END`` and ``MAX_T_END`` (longest run a reader may ask for);
* ``PLOT``: drawing hints for its widget (``log_units``: units drawn on a log axis,
  ``log_floor``: the smallest value such an axis shows);
* ``build(values)``, ``rhs(t, y, params)``, ``simulate(params, t_end, n_points, **initial)``
  and ``solver_case()`` (a right-hand side, span, start and tolerances the solver benchmark and
  its SciPy comparison use).
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

REQUIRED = (
    "NAME",
    "TITLE",
    "CITATION_KEY",
    "TIME_UNIT",
    "PARAMS",
    "INITIAL",
    "PRESETS",
    "DEFAULT_T_END",
    "MAX_T_END",
    "PLOT",
    "build",
    "rhs",
    "simulate",
    "solver_case",
)


def discover(package: str = __name__, path: list[str] | None = None) -> dict[str, ModuleType]:
    """Every model module of ``package``, by ``NAME``, in module-name order."""
    found: dict[str, ModuleType] = {}
    for info in sorted(pkgutil.iter_modules(path or __path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package}.{info.name}")
        missing = [name for name in REQUIRED if not hasattr(module, name)]
        if not hasattr(module, "SOURCE") and not hasattr(module, "SOURCES"):
            missing.append("SOURCE")
        if missing:
            names = ", ".join(missing)
            raise ImportError(f"{module.__file__}: a kinetic model must define {names}")
        if module.NAME in found:
            raise ImportError(
                f"{module.__file__}: model name {module.NAME!r} is already used by "
                f"{found[module.NAME].__file__}"
            )
        if not 0 < module.DEFAULT_T_END <= module.MAX_T_END:
            raise ImportError(f"{module.__file__}: need 0 < DEFAULT_T_END <= MAX_T_END")
        found[module.NAME] = module
    return found


MODELS: dict[str, ModuleType] = discover()

__all__ = ["MODELS", "REQUIRED", "discover"]
