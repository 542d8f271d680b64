"""Canonical spellings of the staging categories and the node-count rule.

Inputs are case-insensitive; everything downstream sees only the canonical spellings below.
"""

from __future__ import annotations

from functools import cache

from .errors import StagingError, named_fields

HISTOLOGIES = ("squamous", "adenocarcinoma")
CLASSIFICATIONS = ("clinical", "pathological", "postneoadjuvant")
T_CATEGORIES = ("TX", "T0", "Tis", "T1", "T1a", "T1b", "T2", "T3", "T4", "T4a", "T4b")
N_CATEGORIES = ("NX", "N0", "N1", "N2", "N3")
M_CATEGORIES = ("M0", "M1")
GRADES = ("G1", "G2", "G3", "GX")
LOCATIONS = ("upper", "middle", "lower", "X")
EDITIONS = (7, 8)

# Printed before T and N in describe(): the prefix a pathologist would write (cT, pT, ypT).
PREFIXES = {"clinical": "c", "pathological": "p", "postneoadjuvant": "yp"}

# Upper bounds of the count bands for N1 and N2 (AJCC 7th and 8th: 1-2, 3-6, 7 or more).
_N_BANDS = ((0, "N0"), (2, "N1"), (6, "N2"))
# Far above any lymphadenectomy yield; a larger number is a typing slip, not a patient.
MAX_NODES = 10_000


@cache
def _lookup(allowed: tuple[str, ...]) -> dict[str, str]:
    return {choice.casefold(): choice for choice in allowed}


def canonical(field: str, value: object, allowed: tuple[str, ...]) -> str:
    """Return the canonical spelling of ``value`` among ``allowed``, ignoring case and spaces."""
    if isinstance(value, str):
        found = _lookup(allowed).get(value.strip().casefold())
        if found is not None:
            return found
    raise StagingError(field, value, ", ".join(allowed) + " (case-insensitive)")


@named_fields
def n_from_count(count: int) -> str:
    """N category for a number of positive regional nodes: 0 N0, 1-2 N1, 3-6 N2, 7 or more N3."""
    # bool is an int subclass; True as "one node" is almost certainly a caller bug.
    if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= MAX_NODES:
        raise StagingError(
            "positive_nodes", count, f"an integer >= 0 and <= {MAX_NODES} (not a bool)"
        )
    for upper, category in _N_BANDS:
        if count <= upper:
            return category
    return "N3"
