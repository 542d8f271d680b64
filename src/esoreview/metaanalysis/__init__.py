"""Meta-analysis of trial hazard ratios (standard library only: runs in CPython and Pyodide).

:mod:`~esoreview.metaanalysis.pooling` does the arithmetic (fixed effect, DerSimonian–Laird
random effects, Q, I², tau²); :mod:`~esoreview.metaanalysis.explorer` chooses the rows a reader's
filters select and returns JSON-ready results. The browser calls ``explore`` and ``options``
through the Pyodide bridge (module name ``metaanalysis``, which exposes only those two).
"""

from esoreview.metaanalysis.explorer import explore, options, select, study_records
from esoreview.metaanalysis.pooling import Pooled, Study, pool, se_from_ci, z_for_level

__all__ = [
    "Pooled",
    "Study",
    "explore",
    "options",
    "pool",
    "se_from_ci",
    "select",
    "study_records",
    "z_for_level",
]
