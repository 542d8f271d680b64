"""Small kinetic models of tumour growth, immunity, drugs and dissemination.

Standard library only: the same code runs in notebooks, tests and, through Pyodide, in the
reader's browser. :func:`solve` is an adaptive Dormand–Prince integrator; the models live in
:mod:`esoreview.kinetics.models`; widgets call :func:`esoreview.kinetics.api.run`.
"""

from .api import describe, model_names, run
from .solver import Solution, solve

__all__ = ["Solution", "describe", "model_names", "run", "solve"]
