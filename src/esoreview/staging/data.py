"""Loading and checking the stage-group rule tables shipped as JSON package data.

The tables are data, not code: one JSON file per edition, each holding every table of that edition
with its sources and evidence marks. This module reads a file once, checks that every rule only
names known categories, groups and sources (so a typo fails loudly at import time of the first
call, naming the table and row), and expands T1/T4 into their subcategories for fast matching.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from .categories import (
    CLASSIFICATIONS,
    EDITIONS,
    GRADES,
    HISTOLOGIES,
    LOCATIONS,
    M_CATEGORIES,
    N_CATEGORIES,
    T_CATEGORIES,
)
from .errors import StagingError

# Rule fields in the order they are printed; values are the canonical categories of each.
FIELD_VALUES: dict[str, tuple[str, ...]] = {
    "T": T_CATEGORIES,
    "N": N_CATEGORIES,
    "M": M_CATEGORIES,
    "G": GRADES,
    "L": LOCATIONS,
}
FIELD_LABELS = {"T": "T", "N": "N", "M": "M", "G": "grade", "L": "location"}
_RULE_KEYS = set(FIELD_VALUES) | {"stage", "undefined", "evidence", "sources"}
_TABLE_KEYS = {
    "id",
    "title",
    "classifications",
    "histologies",
    "uses",
    "status",
    "sources",
    "verification",
    "note",
    "rules",
}
_EVIDENCE = ("V1", "V2")


class TableDataError(ValueError):
    """A rule-table file is malformed; the message names the file, table and row."""


@dataclass(frozen=True)
class Rule:
    """One row of a table: conditions (already expanded) and either a stage or a reason."""

    index: int
    conditions: dict[str, frozenset[str]]
    stage: str | None
    reason: str | None
    evidence: str | None

    def matches(self, case: dict[str, str]) -> bool:
        return all(case[field] in allowed for field, allowed in self.conditions.items())


@dataclass(frozen=True)
class Table:
    id: str
    title: str
    classifications: tuple[str, ...]
    histologies: tuple[str, ...]
    uses: tuple[str, ...]
    rules: tuple[Rule, ...]
    raw: dict[str, Any]


@dataclass(frozen=True)
class Edition:
    number: int
    groups: tuple[str, ...]
    subcategories: dict[str, tuple[str, ...]]
    tables: tuple[Table, ...]

    def table_for(self, classification: str, histology: str) -> Table:
        for table in self.tables:
            if classification in table.classifications and histology in table.histologies:
                return table
        # Unreachable for validated data: _check_coverage demands every pair.
        raise LookupError(f"edition {self.number} has no {classification} {histology} table")


def _file_name(edition: int) -> str:
    return f"tables_ajcc{edition}.json"


def check_edition(edition: object) -> int:
    """Return ``edition`` if it is a supported edition number, else raise StagingError."""
    # bool is an int subclass and unhashable values would break the caches below.
    if isinstance(edition, int) and not isinstance(edition, bool) and edition in EDITIONS:
        return edition
    raise StagingError("edition", edition, ", ".join(str(e) for e in EDITIONS))


@cache
def _raw_text(edition: int) -> str:
    return resources.files(__package__).joinpath(_file_name(edition)).read_text(encoding="utf-8")


def tables(edition: int = 8) -> dict[str, Any]:
    """All stage-group tables of one edition as plain JSON data (a fresh copy on every call)."""
    return json.loads(_raw_text(check_edition(edition)))


def load_edition(edition: int) -> Edition:
    """The checked, compiled tables of one edition (compiled once, then cached)."""
    return _compiled(check_edition(edition))


@cache
def _compiled(edition: int) -> Edition:
    data = tables(edition)
    where = _file_name(edition)
    if data.get("edition") != edition:
        raise TableDataError(f"{where}: 'edition' is {data.get('edition')!r}, expected {edition}")
    groups = tuple(data["groups"])
    subcategories = {key: tuple(values) for key, values in data["subcategories"].items()}
    compiled = tuple(
        _compile_table(table, groups, subcategories, data["sources"], where)
        for table in data["tables"]
    )
    _check_coverage(compiled, where)
    return Edition(number=edition, groups=groups, subcategories=subcategories, tables=compiled)


def _compile_table(
    table: dict[str, Any],
    groups: tuple[str, ...],
    subcategories: dict[str, tuple[str, ...]],
    sources: dict[str, Any],
    where: str,
) -> Table:
    where = f"{where}, table {table.get('id')!r}"
    unknown = set(table) - _TABLE_KEYS
    if unknown:
        raise TableDataError(f"{where}: unknown keys {sorted(unknown)}")
    _check_members(where, "classifications", table["classifications"], CLASSIFICATIONS)
    _check_members(where, "histologies", table["histologies"], HISTOLOGIES)
    _check_members(where, "uses", table["uses"], tuple(FIELD_VALUES))
    _check_members(where, "sources", table["sources"], tuple(sources))
    rules = tuple(
        _compile_rule(index, rule, groups, subcategories, sources, f"{where}, row {index}")
        for index, rule in enumerate(table["rules"])
    )
    if not rules:
        raise TableDataError(f"{where}: no rules")
    return Table(
        id=table["id"],
        title=table["title"],
        classifications=tuple(table["classifications"]),
        histologies=tuple(table["histologies"]),
        uses=tuple(table["uses"]),
        rules=rules,
        raw=table,
    )


def _compile_rule(
    index: int,
    rule: dict[str, Any],
    groups: tuple[str, ...],
    subcategories: dict[str, tuple[str, ...]],
    sources: dict[str, Any],
    where: str,
) -> Rule:
    unknown = set(rule) - _RULE_KEYS
    if unknown:
        raise TableDataError(f"{where}: unknown keys {sorted(unknown)}")
    if ("stage" in rule) == ("undefined" in rule):
        raise TableDataError(f"{where}: needs exactly one of 'stage' or 'undefined'")
    conditions: dict[str, frozenset[str]] = {}
    for field, allowed in FIELD_VALUES.items():
        if field not in rule:
            continue
        values = rule[field]
        _check_members(where, field, values, allowed)
        if not values or len(set(values)) != len(values):
            raise TableDataError(f"{where}: {field} must be a non-empty list without repeats")
        expanded = set(values)
        for value in values:
            expanded.update(subcategories.get(value, ()))
        conditions[field] = frozenset(expanded)
    stage = rule.get("stage")
    evidence = rule.get("evidence")
    if stage is not None:
        if stage not in groups:
            raise TableDataError(f"{where}: stage {stage!r} is not one of {', '.join(groups)}")
        if evidence not in _EVIDENCE:
            raise TableDataError(f"{where}: evidence {evidence!r} is not one of {_EVIDENCE}")
        _check_members(where, "sources", rule.get("sources", []), tuple(sources))
        if not rule.get("sources"):
            raise TableDataError(f"{where}: a stage row must name its sources")
    elif not isinstance(rule["undefined"], str) or not rule["undefined"].strip():
        raise TableDataError(f"{where}: 'undefined' must be a sentence giving the reason")
    return Rule(
        index=index,
        conditions=conditions,
        stage=stage,
        reason=rule.get("undefined"),
        evidence=evidence,
    )


def _check_members(where: str, key: str, values: Any, allowed: tuple[str, ...]) -> None:
    if not isinstance(values, list) or any(value not in allowed for value in values):
        raise TableDataError(f"{where}: {key} {values!r} must be a list drawn from {allowed}")


def _check_coverage(compiled: tuple[Table, ...], where: str) -> None:
    for classification in CLASSIFICATIONS:
        for histology in HISTOLOGIES:
            count = sum(
                classification in table.classifications and histology in table.histologies
                for table in compiled
            )
            if count != 1:
                raise TableDataError(
                    f"{where}: {count} tables for {classification} {histology}, expected 1"
                )
