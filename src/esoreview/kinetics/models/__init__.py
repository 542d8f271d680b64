"""The kinetic models shown on the site, one module each, registered by name.

Every model module provides ``NAME``, ``TITLE``, ``CITATION_KEY``, ``SOURCE``, ``TIME_UNIT``,
``PARAMS`` (a frozen parameter dataclass), ``INITIAL`` (initial-condition metadata),
``PRESETS``, ``DEFAULT_T_END``, ``build(values)``, ``rhs(t, y, params)`` and
``simulate(params, t_end, n_points, **initial)``.
"""

from __future__ import annotations

from types import ModuleType

from . import (
    circulating_cells,
    fluorouracil_pk,
    receptor_binding,
    tumour_immune,
    tumour_nk_cd8,
)

MODELS: dict[str, ModuleType] = {
    m.NAME: m
    for m in (tumour_immune, tumour_nk_cd8, fluorouracil_pk, circulating_cells, receptor_binding)
}

__all__ = [
    "MODELS",
    "circulating_cells",
    "fluorouracil_pk",
    "receptor_binding",
    "tumour_immune",
    "tumour_nk_cd8",
]
