"""Skip (non-sequential) nodal metastasis by the AJCC definition as the source review states it.

A skip metastasis is no positive paraesophageal node with at least one positive regional node
elsewhere. Regions are named generically ("paraesophageal" or anything else) on purpose: the
Japan Esophageal Society station lists that define the JES variant were not available to verify,
so no station numbers are encoded here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .categories import MAX_NODES, n_from_count
from .errors import StagingError, named_fields

PARAESOPHAGEAL = "paraesophageal"
DEFINITION = (
    "AJCC: skip metastasis means no positive paraesophageal lymph node and at least one positive "
    "regional lymph node elsewhere."
)
# Spellings (after dropping case, spaces, hyphens and underscores) that name the same region.
_PARAESOPHAGEAL_SPELLINGS = {"paraesophageal", "paraoesophageal"}


@dataclass(frozen=True)
class SkipResult:
    """Whether the node pattern is a skip metastasis, with the counts and N it was judged on."""

    skip: bool
    paraesophageal: int
    elsewhere: int
    total: int
    n: str
    reason: str
    definition: str = DEFINITION

    def to_dict(self) -> dict[str, Any]:
        return {
            "skip": self.skip,
            "paraesophageal": self.paraesophageal,
            "elsewhere": self.elsewhere,
            "total": self.total,
            "n": self.n,
            "reason": self.reason,
            "definition": self.definition,
        }


@named_fields
def skip_metastasis(
    nodes: Mapping[str, int] | None = None,
    *,
    paraesophageal: int | None = None,
    elsewhere: int | None = None,
) -> SkipResult:
    """Classify a node pattern as skip metastasis or not.

    Give either ``nodes``, a mapping of region name to number of positive nodes in which the
    region "paraesophageal" (any case; "para-oesophageal" accepted) is told apart from all
    others, or both counts ``paraesophageal`` and ``elsewhere``.
    """
    if nodes is not None:
        if paraesophageal is not None or elsewhere is not None:
            raise StagingError(
                "nodes", nodes, "either a region mapping or the two counts, not both"
            )
        paraesophageal, elsewhere = _split(nodes)
    elif paraesophageal is None or elsewhere is None:
        raise StagingError(
            "paraesophageal/elsewhere",
            (paraesophageal, elsewhere),
            "both counts (integers >= 0), or a region mapping as nodes",
        )
    else:
        paraesophageal = _count("paraesophageal", paraesophageal)
        elsewhere = _count("elsewhere", elsewhere)
    total = paraesophageal + elsewhere
    skip = paraesophageal == 0 and elsewhere >= 1
    return SkipResult(
        skip=skip,
        paraesophageal=paraesophageal,
        elsewhere=elsewhere,
        total=total,
        n=n_from_count(total),
        reason=_reason(paraesophageal, elsewhere),
    )


def _split(nodes: Mapping[str, int]) -> tuple[int, int]:
    if not isinstance(nodes, Mapping):
        raise StagingError("nodes", nodes, "a mapping of region name to positive-node count")
    para_keys = []
    para = other = 0
    for region, count in nodes.items():
        if not isinstance(region, str) or not region.strip():
            raise StagingError("nodes", region, "non-empty region names")
        value = _count(f"nodes[{region!r}]", count)
        if _is_paraesophageal(region):
            para_keys.append(region)
            para += value
        else:
            other += value
    if len(para_keys) > 1:
        # Two spellings of one region would be counted twice, so refuse rather than guess.
        raise StagingError(
            "nodes", para_keys, "one paraesophageal entry (the region appears more than once)"
        )
    return para, other


def _is_paraesophageal(region: str) -> bool:
    key = region.casefold()
    for mark in (" ", "-", "_"):
        key = key.replace(mark, "")
    return key in _PARAESOPHAGEAL_SPELLINGS


def _count(field: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_NODES:
        raise StagingError(field, value, f"an integer >= 0 and <= {MAX_NODES} (not a bool)")
    return value


def _plural(count: int, word: str) -> str:
    return f"{count} positive {word}{'' if count == 1 else 's'}"


def _reason(paraesophageal: int, elsewhere: int) -> str:
    if paraesophageal == 0 and elsewhere == 0:
        return "No positive regional node, so there is no nodal metastasis to skip."
    if paraesophageal == 0:
        return (
            f"No positive paraesophageal node but {_plural(elsewhere, 'node')} elsewhere: "
            "a skip metastasis."
        )
    return (
        f"{_plural(paraesophageal, 'paraesophageal node')[0].upper()}"
        f"{_plural(paraesophageal, 'paraesophageal node')[1:]}: the nearest station is involved, "
        "so this is not a skip metastasis."
    )
