"""Trial evidence: the loader/validator for ``data/trials.csv`` and the figures built from it.

:mod:`esoreview.evidence.trials` is standard library only (like the client models);
:mod:`esoreview.evidence.figures` builds Plotly figures for the notebooks and may import plotly.
"""

from esoreview.evidence.trials import TrialDataError, TrialRow, load_trials

__all__ = ["TrialDataError", "TrialRow", "load_trials"]
