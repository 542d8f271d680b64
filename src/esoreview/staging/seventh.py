"""The 7th edition beside the 8th: one case staged by both, and the list of what changed.

The 7th-edition groups come from ``tables_ajcc7.json`` through the same engine
(``stage(..., edition=7)``); this module only pairs the two results for a "what changed" view.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .data import load_edition, tables
from .engine import StageResult, stage
from .errors import named_fields

_LOCATION_NOTE = (
    "The same location was used for both editions, but the 7th edition places a tumour by its "
    "upper (proximal) edge and the 8th by its epicentre, so the two may differ for one tumour."
)


@dataclass(frozen=True)
class Comparison:
    """One case staged with the 7th and the 8th edition.

    ``changed`` is True or False when both editions give a group, and None when either gives none.
    """

    seventh: StageResult
    eighth: StageResult
    changed: bool | None
    summary: str
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "seventh": self.seventh.to_dict(),
            "eighth": self.eighth.to_dict(),
            "changed": self.changed,
            "summary": self.summary,
            "notes": list(self.notes),
        }


@named_fields
def compare(
    *,
    histology: str,
    classification: str,
    t: str,
    m: str,
    n: str | None = None,
    positive_nodes: int | None = None,
    grade: str | None = None,
    location: str | None = None,
) -> Comparison:
    """Stage one case with both editions; same keywords and errors as :func:`stage`."""
    case = {
        "histology": histology,
        "classification": classification,
        "t": t,
        "m": m,
        "n": n,
        "positive_nodes": positive_nodes,
        "grade": grade,
        "location": location,
    }
    eighth = stage(**case, edition=8)
    seventh = stage(**case, edition=7)
    if seventh.group is None or eighth.group is None:
        changed = None
    else:
        changed = seventh.group != eighth.group
    notes = []
    uses = (
        load_edition(7)
        .table_for(seventh.inputs["classification"], histology=seventh.inputs["histology"])
        .uses
    )
    if seventh.inputs["location"] != "X" and "L" in uses:
        notes.append(_LOCATION_NOTE)
    return Comparison(
        seventh=seventh,
        eighth=eighth,
        changed=changed,
        summary=_summary(seventh, eighth),
        notes=tuple(notes),
    )


def differences() -> list[dict[str, Any]]:
    """What changed from the 7th to the 8th edition, each item with ``text`` and ``sources``."""
    data = tables(7)
    return [
        {
            "text": item["text"],
            "sources": [{"id": key, **data["sources"][key]} for key in item["sources"]],
        }
        for item in data["differences"]
    ]


def _summary(seventh: StageResult, eighth: StageResult) -> str:
    if seventh.group is not None and seventh.group == eighth.group:
        return f"Stage {eighth.group} in both the 7th and the 8th edition."
    if seventh.group is not None and eighth.group is not None:
        return f"Stage {seventh.group} in the 7th edition and {eighth.group} in the 8th."
    if seventh.group is None and eighth.group is None:
        return "Neither edition gives this case a stage group."
    if seventh.group is None:
        return f"Stage {eighth.group} in the 8th edition; the 7th-edition table gives no group."
    return f"Stage {seventh.group} in the 7th edition; the 8th-edition table gives no group."
