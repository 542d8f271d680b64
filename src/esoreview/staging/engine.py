"""The first-match staging engine: normalise the inputs, pick the table, return the first rule hit.

No stage logic lives here; it is all in the JSON tables. The engine only knows how to match a
case against a rule and how to explain a case that no rule covers.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from .categories import (
    CLASSIFICATIONS,
    GRADES,
    HISTOLOGIES,
    LOCATIONS,
    M_CATEGORIES,
    N_CATEGORIES,
    PREFIXES,
    T_CATEGORIES,
    canonical,
    n_from_count,
)
from .data import FIELD_LABELS, FIELD_VALUES, Edition, Table, load_edition
from .errors import StagingError, named_fields

_HISTOLOGY_NAMES = {"squamous": "squamous cell carcinoma", "adenocarcinoma": "adenocarcinoma"}
_ORDINALS = {7: "7th", 8: "8th"}


@dataclass(frozen=True)
class StageResult:
    """The outcome of :func:`stage`.

    ``group`` is the stage group, or ``None`` when the tables define none for this case, and then
    ``reason`` says why. ``row`` is the matched rule (``index`` from 0, ``number`` from 1) or
    ``None`` when no rule matched at all.
    """

    group: str | None
    reason: str | None
    n: str
    edition: int
    table: dict[str, str]
    row: dict[str, Any] | None
    inputs: dict[str, Any]

    @property
    def defined(self) -> bool:
        return self.group is not None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (str, int, None, list, dict only), including the description."""
        return {
            "group": self.group,
            "reason": self.reason,
            "n": self.n,
            "edition": self.edition,
            "table": dict(self.table),
            "row": None if self.row is None else {**self.row, "rule": _copy_row(self.row["rule"])},
            "inputs": dict(self.inputs),
            "description": describe(self),
        }


@named_fields
def stage(
    *,
    histology: str,
    classification: str,
    t: str,
    m: str,
    n: str | None = None,
    positive_nodes: int | None = None,
    grade: str | None = None,
    location: str | None = None,
    edition: int = 8,
) -> StageResult:
    """Stage one case with the AJCC tables of ``edition`` (8, or 7 for comparison).

    Categories are case-insensitive. N comes from ``n`` or from ``positive_nodes``; if both are
    given they must agree, and if neither is given N is unknown (NX). An omitted grade or location
    is unknown (GX, X). Raises :class:`StagingError` for any invalid value.
    """
    inputs = _normalise(
        histology=histology,
        classification=classification,
        t=t,
        n=n,
        positive_nodes=positive_nodes,
        m=m,
        grade=grade,
        location=location,
    )
    book = load_edition(edition)
    table = book.table_for(inputs["classification"], inputs["histology"])
    case = {
        "T": inputs["t"],
        "N": inputs["n"],
        "M": inputs["m"],
        "G": inputs["grade"],
        "L": inputs["location"],
    }
    table_ref = {"id": table.id, "title": table.title}
    index = _first_match(book.number, table.id, *(case[field] for field in FIELD_VALUES))
    if index is None:
        return StageResult(
            group=None,
            reason=_no_row_reason(book, table, case),
            n=inputs["n"],
            edition=book.number,
            table=table_ref,
            row=None,
            inputs=inputs,
        )
    rule = table.rules[index]
    row = {
        "index": index,
        "number": index + 1,
        "rule": _copy_row(table.raw["rules"][index]),
        "evidence": rule.evidence,
    }
    return StageResult(
        group=rule.stage,
        reason=rule.reason,
        n=inputs["n"],
        edition=book.number,
        table=table_ref,
        row=row,
        inputs=inputs,
    )


@named_fields
def describe(result: StageResult | dict[str, Any]) -> str:
    """One or two plain sentences saying why the case got its group (or none).

    ``result`` is what :func:`stage` returned, as the object or as its JSON form (``to_dict``,
    what the browser holds); the JSON form is staged again from its ``inputs``, so a forged
    dictionary can only describe a case the tables really give.
    """
    if isinstance(result, dict):
        result = _restage(result)
    if not isinstance(result, StageResult):
        raise StagingError("result", result, "the object stage() returned, or its to_dict()")
    inputs = result.inputs
    case_text = _case_text(inputs, _uses(result))
    where = _table_name(result)
    if result.group is not None:
        assert result.row is not None  # a group always comes from a matched row
        first = f"{case_text} matches row {result.row['number']} of {where} → {result.group}."
        notes = []
        if result.row["evidence"] == "V1":
            notes.append("this row rests on one source only")
        unused = [
            label
            for field, key, unknown, label in (
                ("G", "grade", "GX", "grade"),
                ("L", "location", "X", "location"),
            )
            if field not in _uses(result) and inputs[key] != unknown
        ]
        if unused:
            verb = "does" if len(unused) == 1 else "do"
            notes.append(f"{' and '.join(unused)} {verb} not enter this table")
        if notes:
            second = "; ".join(notes)
            return f"{first} {second[0].upper()}{second[1:]}."
        return first
    row_text = "" if result.row is None else f" (row {result.row['number']})"
    return f"{case_text} cannot be staged with {where}{row_text}: {result.reason}"


_STAGE_FIELDS = (
    "histology",
    "classification",
    "t",
    "m",
    "n",
    "positive_nodes",
    "grade",
    "location",
)


def _restage(data: dict[str, Any]) -> StageResult:
    inputs = data.get("inputs")
    if not isinstance(inputs, dict):
        raise StagingError("result.inputs", inputs, "the inputs object of a stage() result")
    case = {name: inputs.get(name) for name in _STAGE_FIELDS}
    if case["positive_nodes"] is not None:
        case["n"] = None  # inputs["n"] was derived from the count
    return stage(**case, edition=data.get("edition", 8))


def _normalise(
    *,
    histology: object,
    classification: object,
    t: object,
    n: object,
    positive_nodes: object,
    m: object,
    grade: object,
    location: object,
) -> dict[str, Any]:
    inputs: dict[str, Any] = {
        "histology": canonical("histology", histology, HISTOLOGIES),
        "classification": canonical("classification", classification, CLASSIFICATIONS),
        "t": canonical("t", t, T_CATEGORIES),
    }
    n_given = None if n is None else canonical("n", n, N_CATEGORIES)
    if positive_nodes is None:
        inputs["n"] = "NX" if n_given is None else n_given
    else:
        from_count = n_from_count(positive_nodes)  # type: ignore[arg-type]  # validated inside
        if n_given is not None and n_given != from_count:
            raise StagingError(
                "n",
                n,
                f"{from_count}, or leave n out",
                problem=f"disagrees with positive_nodes={positive_nodes}, which gives {from_count}",
            )
        inputs["n"] = from_count
    inputs["positive_nodes"] = positive_nodes
    inputs["m"] = canonical("m", m, M_CATEGORIES)
    inputs["grade"] = "GX" if grade is None else canonical("grade", grade, GRADES)
    inputs["location"] = "X" if location is None else canonical("location", location, LOCATIONS)
    return inputs


@cache
def _first_match(edition: int, table_id: str, *values: str) -> int | None:
    """Index of the first rule matching the case, or None. Cached: the input space is small."""
    table = next(table for table in load_edition(edition).tables if table.id == table_id)
    case = dict(zip(FIELD_VALUES, values, strict=True))
    for rule in table.rules:
        if rule.matches(case):
            return rule.index
    return None


def _first_stage(book: Edition, table: Table, case: dict[str, str]) -> str | None:
    index = _first_match(book.number, table.id, *(case[field] for field in FIELD_VALUES))
    return None if index is None else table.rules[index].stage


def _no_row_reason(book: Edition, table: Table, case: dict[str, str]) -> str:
    """Explain a case no rule covers by naming the values of one field that would be staged."""
    # An unsubdivided T1/T4 is best answered with its own subcategories; otherwise the
    # modifiers (grade, location) are the likelier gap than the anatomy.
    order = ("T", "G", "L", "N") if case["T"] in book.subcategories else ("G", "L", "N", "T")
    for field in order:
        if field not in table.uses:
            continue
        candidates = book.subcategories.get(case[field], FIELD_VALUES[field])
        staged = [
            value
            for value in candidates
            if value != case[field]
            and _first_stage(book, table, {**case, field: value}) is not None
        ]
        if staged:
            return (
                f"No row of the table covers {case[field]} together with the other values given; "
                f"it gives a stage group only when {FIELD_LABELS[field]} is {_or_join(staged)}."
            )
    return "No row of the table covers this combination of values."


def _table_of(result: StageResult) -> Table:
    for table in load_edition(result.edition).tables:
        if table.id == result.table["id"]:
            return table
    raise LookupError(f"edition {result.edition} has no table {result.table['id']!r}")


def _uses(result: StageResult) -> tuple[str, ...]:
    return _table_of(result).uses


def _case_text(inputs: dict[str, Any], uses: tuple[str, ...]) -> str:
    prefix = PREFIXES[inputs["classification"]]
    text = f"{prefix}{inputs['t']} {inputs['n']}"
    if inputs["positive_nodes"] is not None:
        count = inputs["positive_nodes"]
        text += f" ({count} positive node{'' if count == 1 else 's'})"
    text += f" {inputs['m']}"
    text += f" {_HISTOLOGY_NAMES[inputs['histology']]}"
    if "G" in uses:
        text += f", grade {inputs['grade']}"
    if "L" in uses:
        location = inputs["location"]
        text += ", location unknown" if location == "X" else f", {location} location"
    return text


def _table_name(result: StageResult) -> str:
    table = _table_of(result)
    kind = table.histologies[0] if len(table.histologies) == 1 else ""
    setting = table.classifications[0] if len(table.classifications) == 1 else ""
    words = " ".join(word for word in (setting, kind) if word)
    return f"the AJCC {_ORDINALS[result.edition]}-edition {words} table"


def _or_join(values: list[str]) -> str:
    if len(values) == 1:
        return values[0]
    return f"{', '.join(values[:-1])} or {values[-1]}"


def _copy_row(row: dict[str, Any]) -> dict[str, Any]:
    return {key: list(value) if isinstance(value, list) else value for key, value in row.items()}


__all__ = ["StageResult", "describe", "stage"]
