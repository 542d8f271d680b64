"""Load and validate ``data/regimens.csv`` (standard library only).

One row is one *component* (a drug or the radiotherapy) of one treatment regimen as a named trial
report gave it: e.g. the CROSS regimen has three rows (carboplatin, paclitaxel, 41.4 Gy). Rows of
a regimen share its ``regimen_id``. Doses are copied as the source wrote them, never derived; the
columns are documented in ``data/README.md``. The checks:

* required text fields are present; ``regimen_id`` is slug-like;
* a regimen's shared fields (name, setting, cycle length, source) agree across its rows;
* a ``(regimen_id, component)`` pair appears once;
* ``route`` uses the fixed vocabulary :data:`ROUTES`;
* ``dose`` holds a number and a unit from :data:`DOSE_UNITS` (``mg/m²``, ``mg/kg``, ``Gy``...);
* ``cycle_days`` is a positive whole number of days or blank (not cyclical);
* ``citation_key`` holds BibTeX keys; ``number_source`` holds ``https://`` URLs that obey the
  link rules of :mod:`.sources`.

Every failure raises :class:`RegimenDataError` naming file, line and column.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from .rowerror import DataRowError
from .sources import split_sources, url_problem

__all__ = [
    "COLUMNS",
    "DOSE_UNITS",
    "REQUIRED",
    "ROUTES",
    "Regimen",
    "RegimenComponent",
    "RegimenDataError",
    "group_regimens",
    "load_regimens",
]

#: Column order of ``data/regimens.csv``.
COLUMNS: tuple[str, ...] = (
    "regimen_id",
    "regimen",
    "setting",
    "component",
    "dose",
    "route",
    "schedule",
    "cycle_days",
    "cycles",
    "citation_key",
    "number_source",
    "seen_in",
    "notes",
)

#: Columns that must not be blank.
REQUIRED: tuple[str, ...] = (
    "regimen_id",
    "regimen",
    "setting",
    "component",
    "dose",
    "route",
    "schedule",
    "citation_key",
    "number_source",
    "seen_in",
)

#: Columns whose value is a property of the whole regimen, so every row of it must agree.
SHARED: tuple[str, ...] = ("regimen", "setting", "cycle_days", "citation_key")

#: Allowed values of ``route``.
ROUTES: tuple[str, ...] = ("intravenous", "oral", "external-beam radiotherapy")

#: Units a dose may be written in (the number comes first; ``AUC`` precedes its number).
DOSE_UNITS: tuple[str, ...] = ("mg/m²", "mg/m2", "mg/kg", "mg", "Gy", "AUC")

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_KEY = re.compile(r"^[A-Za-z0-9_:.+-]+$")
_DOSE = re.compile(r"(AUC\s*\d+(\.\d+)?)|(\d+(\.\d+)?\s*(mg/m²|mg/m2|mg/kg|mg|Gy)\b)")


class RegimenDataError(DataRowError):
    """A row of the regimen file breaks a rule."""


@dataclass(frozen=True)
class RegimenComponent:
    """One validated row: a drug (or radiotherapy) of a regimen with its dose and schedule."""

    line_no: int
    regimen_id: str
    regimen: str
    setting: str
    component: str
    dose: str
    route: str
    schedule: str
    cycle_days: int | None
    cycles: str
    citation_keys: tuple[str, ...]
    number_sources: tuple[str, ...]
    seen_in: str
    notes: str = ""


@dataclass(frozen=True)
class Regimen:
    """The rows of one ``regimen_id`` in file order."""

    regimen_id: str
    regimen: str
    setting: str
    cycle_days: int | None
    citation_keys: tuple[str, ...]
    components: tuple[RegimenComponent, ...]


def _split(text: str, pattern: str) -> tuple[str, ...]:
    return tuple(part for part in re.split(pattern, text.strip()) if part)


def _row(path: Path, line_no: int, raw: dict[str, str]) -> RegimenComponent:
    def text(column: str) -> str:
        return (raw.get(column) or "").strip()

    def fail(column: str, message: str) -> RegimenDataError:
        return RegimenDataError(path, line_no, column, message)

    for column in REQUIRED:
        if not text(column):
            raise fail(column, "required value is missing")
    if not _SLUG.match(text("regimen_id")):
        raise fail("regimen_id", f"use lowercase words and hyphens, got {text('regimen_id')!r}")
    if text("route") not in ROUTES:
        raise fail("route", f"must be one of {', '.join(ROUTES)}; got {text('route')!r}")
    if not _DOSE.search(text("dose")):
        units = ", ".join(DOSE_UNITS)
        raise fail("dose", f"expected a number with a unit ({units}), got {text('dose')!r}")
    cycle_days = None
    if text("cycle_days"):
        if not re.fullmatch(r"\d+", text("cycle_days")) or int(text("cycle_days")) <= 0:
            raise fail(
                "cycle_days", f"must be a positive whole number of days, got {text('cycle_days')!r}"
            )
        cycle_days = int(text("cycle_days"))
    keys = _split(text("citation_key"), r"[;,\s]+")
    for key in keys:
        if not _KEY.match(key.lstrip("@")):
            raise fail("citation_key", f"not a BibTeX key: {key!r}")
    sources = split_sources(text("number_source"))
    for url in sources:
        problem = url_problem(url)
        if problem:
            raise fail("number_source", f"{problem}; got URL {url!r}")
    return RegimenComponent(
        line_no=line_no,
        regimen_id=text("regimen_id"),
        regimen=text("regimen"),
        setting=text("setting"),
        component=text("component"),
        dose=text("dose"),
        route=text("route"),
        schedule=text("schedule"),
        cycle_days=cycle_days,
        cycles=text("cycles"),
        citation_keys=tuple(key.lstrip("@") for key in keys),
        number_sources=sources,
        seen_in=text("seen_in"),
        notes=text("notes"),
    )


def load_regimens(path: str | Path) -> list[RegimenComponent]:
    """Read and validate a regimens CSV; raise :class:`RegimenDataError` on the first bad row."""
    path = Path(path)
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        missing = [column for column in REQUIRED if column not in header]
        if missing:
            raise RegimenDataError(
                path, 1, missing[0], "required column is missing from the header"
            )
        rows: list[RegimenComponent] = []
        first: dict[str, tuple[int, dict[str, str]]] = {}
        pairs: dict[tuple[str, str], int] = {}
        start = reader.line_num + 1
        for raw in reader:
            if None in raw:
                raise RegimenDataError(
                    path, start, "(extra)", "row has more fields than the header"
                )
            if any((value or "").strip() for value in raw.values()):
                row = _row(path, start, raw)
                pair = (row.regimen_id, row.component.lower())
                if pair in pairs:
                    raise RegimenDataError(
                        path, start, "component", f"duplicate of line {pairs[pair]}"
                    )
                pairs[pair] = start
                shared = {column: (raw.get(column) or "").strip() for column in SHARED}
                if row.regimen_id in first:
                    line, expected = first[row.regimen_id]
                    for column in SHARED:
                        if shared[column] != expected[column]:
                            raise RegimenDataError(
                                path,
                                start,
                                column,
                                f"differs from line {line} of the same regimen "
                                f"({shared[column]!r} vs {expected[column]!r})",
                            )
                else:
                    first[row.regimen_id] = (start, shared)
                rows.append(row)
            start = reader.line_num + 1
    return rows


def group_regimens(rows: list[RegimenComponent]) -> list[Regimen]:
    """Regimens in order of first appearance, each with its components in file order."""
    grouped: dict[str, list[RegimenComponent]] = {}
    for row in rows:
        grouped.setdefault(row.regimen_id, []).append(row)
    return [
        Regimen(
            regimen_id=regimen_id,
            regimen=parts[0].regimen,
            setting=parts[0].setting,
            cycle_days=parts[0].cycle_days,
            citation_keys=parts[0].citation_keys,
            components=tuple(parts),
        )
        for regimen_id, parts in grouped.items()
    ]
