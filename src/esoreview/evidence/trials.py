"""Load and validate ``data/trials.csv`` (standard library only).

One row of the file is one *comparison* of one trial in one *population*: e.g. KEYNOTE-590,
pembrolizumab + chemotherapy vs placebo + chemotherapy, in all randomised patients (ITT) or in
ESCC with PD-L1 CPS >= 10. The columns are documented in ``data/README.md``; the checks made here
are the ones a reader of a forest plot silently relies on:

* required text fields are present; ``comparison_id`` is unique and slug-like;
* ``line`` uses the fixed vocabulary :data:`LINES`;
* ``n_experimental`` / ``n_control`` are positive integers;
* medians (months) are positive numbers;
* a hazard ratio is positive, a confidence interval has both bounds, ``low < high`` and
  ``low <= HR <= high``; an interval needs a hazard ratio and a confidence level;
* the confidence level is a fraction in (0, 1) or a percentage (``95``, ``99.5%``);
* ``primary_endpoint_met`` is ``true`` / ``false`` (or yes/no, 1/0) or blank;
* the optional ``ep_*`` columns carry a primary endpoint other than OS or PFS (disease-free or
  event-free survival in the perioperative trials): ``ep_name`` names it from :data:`ENDPOINTS`
  and is required as soon as any ``ep_*`` number is given; its interval obeys the HR rules above;
* provenance: a row that carries any number (arm sizes, medians, hazard ratios, intervals)
  must name the ONE publication the numbers come from (``citation_key``, a single BibTeX key),
  at least one public record of it (``number_source``, ``https://`` URLs separated by
  whitespace or ``;``, obeying the link rules of :mod:`.sources`: no IP-address or malformed
  host, PubMed as ``https://pubmed.ncbi.nlm.nih.gov/<PMID>/``) and where in it the numbers
  were read (``seen_in``);
* ``data_cutoff`` is an ISO date ``YYYY-MM-DD`` or month ``YYYY-MM`` that exists and does not
  fall after the ``publication_year``;
* ``pdl1_subgroup`` is blank (no PD-L1 selection) or a score, a comparison and a cut-off,
  e.g. ``CPS>=10``, ``CPS<1``, ``TPS>=1%``, ``TAP>=5%``.

Every failure raises :class:`TrialDataError`, whose message names the file, the line of the
file where the row starts (the header is line 1) and the column.
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .rowerror import DataRowError
from .sources import split_sources, url_problem

__all__ = [
    "COLUMNS",
    "ENDPOINTS",
    "LINES",
    "NUMBER_COLUMNS",
    "PROVENANCE",
    "REQUIRED",
    "SECONDARY_PREFIX",
    "TrialDataError",
    "TrialRow",
    "load_trials",
    "parse_bool",
    "parse_ci_level",
]

#: Column order of ``data/trials.csv``.
COLUMNS: tuple[str, ...] = (
    "trial",
    "comparison_id",
    "publication_year",
    "phase",
    "line",
    "setting",
    "histology",
    "population",
    "drug_class",
    "experimental_arm",
    "control_arm",
    "n_experimental",
    "n_control",
    "analysis",
    "os_median_exp",
    "os_median_ctrl",
    "os_hr",
    "os_ci_low",
    "os_ci_high",
    "os_ci_level",
    "pfs_median_exp",
    "pfs_median_ctrl",
    "pfs_hr",
    "pfs_ci_low",
    "pfs_ci_high",
    "pfs_ci_level",
    "primary_endpoint",
    "primary_endpoint_met",
    "citation_key",
    "number_source",
    "seen_in",
    "data_cutoff",
    "notes",
    # Optional, appended last so older files stay valid: a primary endpoint other than OS/PFS.
    "ep_name",
    "ep_median_exp",
    "ep_median_ctrl",
    "ep_hr",
    "ep_ci_low",
    "ep_ci_high",
    "ep_ci_level",
    "pdl1_subgroup",
)

#: Columns that must not be blank.
REQUIRED: tuple[str, ...] = (
    "trial",
    "comparison_id",
    "line",
    "setting",
    "histology",
    "population",
    "drug_class",
    "experimental_arm",
    "primary_endpoint",
)

#: Allowed values of ``ep_name``: time-to-event endpoints other than OS and PFS.
ENDPOINTS: dict[str, str] = {
    "DFS": "disease-free survival",
    "EFS": "event-free survival",
    "RFS": "recurrence-free survival",
}
#: Columns holding numbers; a row with any of them filled needs :data:`PROVENANCE`.
NUMBER_COLUMNS: tuple[str, ...] = tuple(
    column
    for column in COLUMNS
    if column.startswith(("n_", "os_", "pfs_", "ep_"))
    and not column.endswith("_ci_level")
    and column != "ep_name"
)

#: Columns that say where a row's numbers come from.
PROVENANCE: tuple[str, ...] = ("citation_key", "number_source", "seen_in")

#: ``seen_in`` starts with this when the numbers were read in a record *about* the publication
#: (a review table, a meeting report) because its own text was not visible; pages list such rows.
SECONDARY_PREFIX = "secondary:"

#: Allowed values of ``line`` (line of therapy), in display order.
LINES: tuple[str, ...] = ("first-line", "second-line", "later-line", "perioperative")

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_KEY = re.compile(r"^[A-Za-z0-9_:.+-]+$")
_CUTOFF = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
_PDL1 = re.compile(r"^(CPS|TPS|TAP|TC)(>=|<)\d+(?:\.\d+)?%?$")
_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0"}


class TrialDataError(DataRowError):
    """A row of the trial file breaks a rule."""


@dataclass(frozen=True)
class TrialRow:
    """One validated trial comparison. Missing numbers are ``None`` (never guessed)."""

    line_no: int
    trial: str
    comparison_id: str
    publication_year: int | None
    phase: str
    line: str
    setting: str
    histology: str
    population: str
    drug_class: str
    experimental_arm: str
    control_arm: str
    n_experimental: int | None
    n_control: int | None
    analysis: str
    os_median_exp: float | None
    os_median_ctrl: float | None
    os_hr: float | None
    os_ci_low: float | None
    os_ci_high: float | None
    os_ci_level: float | None
    pfs_median_exp: float | None
    pfs_median_ctrl: float | None
    pfs_hr: float | None
    pfs_ci_low: float | None
    pfs_ci_high: float | None
    pfs_ci_level: float | None
    primary_endpoint: str
    primary_endpoint_met: bool | None
    citation_keys: tuple[str, ...]
    number_sources: tuple[str, ...]
    seen_in: str = ""  # where in the publication the numbers were read (abstract, Table 2, ...)
    data_cutoff: str = ""  # data cut-off of the analysis, as the publication states it
    notes: str = ""
    ep_name: str = ""  # DFS / EFS / RFS when the row carries such an endpoint (ep_* columns)
    ep_median_exp: float | None = None
    ep_median_ctrl: float | None = None
    ep_hr: float | None = None
    ep_ci_low: float | None = None
    ep_ci_high: float | None = None
    ep_ci_level: float | None = None
    pdl1_subgroup: str = ""  # blank (no PD-L1 selection) or e.g. "CPS>=10", "TPS<1%"
    extra: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    @property
    def citation_key(self) -> str:
        """The first (primary) citation key."""
        return self.citation_keys[0]

    @property
    def from_primary_record(self) -> bool:
        """False when the numbers were read in a secondary record (``seen_in`` says so)."""
        return not self.seen_in.lower().startswith(SECONDARY_PREFIX)

    @property
    def has_os_hr(self) -> bool:
        return self.os_hr is not None

    def ci_text(self, endpoint: str = "os") -> str:
        """``"0.73 (0.62–0.86; 95% CI)"``-style text, or ``""`` when there is no HR."""
        hr = getattr(self, f"{endpoint}_hr")
        if hr is None:
            return ""
        low, high = getattr(self, f"{endpoint}_ci_low"), getattr(self, f"{endpoint}_ci_high")
        level = getattr(self, f"{endpoint}_ci_level")
        if low is None:
            return f"{hr:.2f} (CI not reported)"
        return f"{hr:.2f} ({low:.2f}–{high:.2f}; {format_level(level)} CI)"


def format_level(level: float | None) -> str:
    """0.995 -> ``"99.5%"``; 0.95 -> ``"95%"``."""
    if level is None:
        return "?"
    text = f"{level * 100:.2f}".rstrip("0").rstrip(".")
    return f"{text}%"


def parse_bool(text: str) -> bool | None:
    """``true/yes/1`` -> True, ``false/no/0`` -> False, blank -> None; else ValueError."""
    value = text.strip().lower()
    if not value:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError(f"expected true/false (or yes/no, 1/0) or blank, got {text!r}")


def parse_ci_level(text: str) -> float | None:
    """``0.95``, ``95`` or ``95%`` -> 0.95; ``99.5`` -> 0.995; blank -> None; else ValueError."""
    value = text.strip()
    if not value:
        return None
    percent = value.endswith("%")
    number = _number(value.rstrip("%").strip())
    if percent or number >= 1:
        number = number / 100
    if not 0 < number < 1:
        raise ValueError(f"confidence level must be in (0, 1) or (0%, 100%), got {text!r}")
    return number


def _number(text: str) -> float:
    try:
        number = float(text)
    except ValueError:
        raise ValueError(f"expected a number, got {text!r}") from None
    if not math.isfinite(number):
        raise ValueError(f"expected a finite number, got {text!r}")
    return number


class _RowReader:
    """Typed access to one raw CSV row; every error carries file, line and column."""

    def __init__(self, path: Path, line_no: int, raw: dict[str, str]) -> None:
        self.path, self.line_no, self.raw = path, line_no, raw

    def fail(self, column: str, message: str) -> TrialDataError:
        return TrialDataError(self.path, self.line_no, column, message)

    def text(self, column: str) -> str:
        return (self.raw.get(column) or "").strip()

    def positive(self, column: str) -> float | None:
        value = self.text(column)
        if not value:
            return None
        try:
            number = _number(value)
        except ValueError as exc:
            raise self.fail(column, str(exc)) from None
        if number <= 0:
            raise self.fail(column, f"must be positive, got {value}")
        return number

    def count(self, column: str) -> int | None:
        value = self.text(column)
        if not value:
            return None
        message = f"must be a positive integer (number of patients), got {value!r}"
        if not re.fullmatch(r"[+-]?\d+", value) or int(value) <= 0:
            raise self.fail(column, message)
        number = int(value)
        return number

    def interval(self, prefix: str) -> tuple[float | None, ...]:
        """Validate ``{prefix}_hr``, ``_ci_low``, ``_ci_high``, ``_ci_level`` together."""
        hr = self.positive(f"{prefix}_hr")
        low = self.positive(f"{prefix}_ci_low")
        high = self.positive(f"{prefix}_ci_high")
        try:
            level = parse_ci_level(self.text(f"{prefix}_ci_level"))
        except ValueError as exc:
            raise self.fail(f"{prefix}_ci_level", str(exc)) from None
        if (low is None) != (high is None):
            missing = f"{prefix}_ci_high" if high is None else f"{prefix}_ci_low"
            raise self.fail(missing, "a confidence interval needs both bounds")
        if low is not None and high is not None:
            if hr is None:
                raise self.fail(f"{prefix}_hr", "a confidence interval needs a hazard ratio")
            if not low < high:
                raise self.fail(
                    f"{prefix}_ci_low", f"lower bound {low:g} must be below upper bound {high:g}"
                )
            if not low <= hr <= high:
                raise self.fail(
                    f"{prefix}_hr", f"hazard ratio {hr:g} lies outside its CI {low:g}–{high:g}"
                )
            if level is None:
                raise self.fail(f"{prefix}_ci_level", "a confidence interval needs its level")
        return hr, low, high, level


def _check_cutoff(r: _RowReader, cutoff: str, year: int | None) -> None:
    match = _CUTOFF.match(cutoff)
    if not match:
        raise r.fail("data_cutoff", f"expected YYYY-MM-DD or YYYY-MM, got {cutoff!r}")
    y, m, d = int(match[1]), int(match[2]), match[3]
    try:
        date(y, m, int(d) if d else 1)
    except ValueError:
        raise r.fail("data_cutoff", f"{cutoff!r} is not a calendar date") from None
    if year is not None and y > year:
        raise r.fail("data_cutoff", f"cut-off {cutoff} falls after the publication year {year}")


def _split(text: str, pattern: str) -> tuple[str, ...]:
    return tuple(part for part in re.split(pattern, text.strip()) if part)


def _row(path: Path, line_no: int, raw: dict[str, str], seen: dict[str, int]) -> TrialRow:
    r = _RowReader(path, line_no, raw)
    for column in REQUIRED:
        if not r.text(column):
            raise r.fail(column, "required value is missing")

    comparison_id = r.text("comparison_id")
    if not _SLUG.match(comparison_id):
        raise r.fail("comparison_id", f"use lowercase words and hyphens, got {comparison_id!r}")
    if comparison_id in seen:
        raise r.fail("comparison_id", f"duplicate of line {seen[comparison_id]}")
    seen[comparison_id] = line_no

    if r.text("line") not in LINES:
        raise r.fail("line", f"must be one of {', '.join(LINES)}; got {r.text('line')!r}")

    year_text = r.text("publication_year")
    year = None
    if year_text:
        if not re.fullmatch(r"(19|20)\d\d", year_text):
            raise r.fail("publication_year", f"expected a four-digit year, got {year_text!r}")
        year = int(year_text)

    try:
        met = parse_bool(r.text("primary_endpoint_met"))
    except ValueError as exc:
        raise r.fail("primary_endpoint_met", str(exc)) from None

    numbers = [column for column in NUMBER_COLUMNS if r.text(column)]
    if numbers:
        for column in PROVENANCE:
            if not r.text(column):
                raise r.fail(
                    column,
                    f"the row has numbers ({numbers[0]} = {r.text(numbers[0])}) but no "
                    f"{column}: say which publication, which public record and where in it",
                )

    keys = _split(r.text("citation_key"), r"[;,\s]+")
    if numbers and len(keys) > 1:
        raise r.fail(
            "citation_key",
            f"numbers come from ONE publication; got {len(keys)} keys ({', '.join(keys)}): "
            "split the row, one per analysis",
        )
    for key in keys:
        if not _KEY.match(key.lstrip("@")):
            raise r.fail("citation_key", f"not a BibTeX key: {key!r}")
    keys = tuple(key.lstrip("@") for key in keys)

    sources = split_sources(r.text("number_source"))
    for url in sources:
        problem = url_problem(url)
        if problem:
            raise r.fail("number_source", f"{problem}; got URL {url!r}")

    cutoff = r.text("data_cutoff")
    if cutoff:
        _check_cutoff(r, cutoff, year)
    subgroup = r.text("pdl1_subgroup")
    if subgroup and not _PDL1.match(subgroup):
        raise r.fail(
            "pdl1_subgroup",
            f"expected score, comparison and cut-off such as CPS>=10 or TPS<1%; got {subgroup!r}",
        )

    os_hr, os_low, os_high, os_level = r.interval("os")
    pfs_hr, pfs_low, pfs_high, pfs_level = r.interval("pfs")
    ep_hr, ep_low, ep_high, ep_level = r.interval("ep")
    ep_medians = r.positive("ep_median_exp"), r.positive("ep_median_ctrl")
    ep_name = r.text("ep_name")
    if ep_name and ep_name not in ENDPOINTS:
        raise r.fail("ep_name", f"must be one of {', '.join(ENDPOINTS)}; got {ep_name!r}")
    if not ep_name and (ep_hr is not None or any(m is not None for m in ep_medians)):
        raise r.fail("ep_name", "an ep_* number needs the endpoint it measures (DFS, EFS, RFS)")

    return TrialRow(
        line_no=line_no,
        trial=r.text("trial"),
        comparison_id=comparison_id,
        publication_year=year,
        phase=r.text("phase"),
        line=r.text("line"),
        setting=r.text("setting"),
        histology=r.text("histology"),
        population=r.text("population"),
        drug_class=r.text("drug_class"),
        experimental_arm=r.text("experimental_arm"),
        control_arm=r.text("control_arm"),
        n_experimental=r.count("n_experimental"),
        n_control=r.count("n_control"),
        analysis=r.text("analysis"),
        os_median_exp=r.positive("os_median_exp"),
        os_median_ctrl=r.positive("os_median_ctrl"),
        os_hr=os_hr,
        os_ci_low=os_low,
        os_ci_high=os_high,
        os_ci_level=os_level,
        pfs_median_exp=r.positive("pfs_median_exp"),
        pfs_median_ctrl=r.positive("pfs_median_ctrl"),
        pfs_hr=pfs_hr,
        pfs_ci_low=pfs_low,
        pfs_ci_high=pfs_high,
        pfs_ci_level=pfs_level,
        primary_endpoint=r.text("primary_endpoint"),
        primary_endpoint_met=met,
        citation_keys=keys,
        number_sources=sources,
        seen_in=r.text("seen_in"),
        data_cutoff=r.text("data_cutoff"),
        notes=r.text("notes"),
        ep_name=ep_name,
        ep_median_exp=ep_medians[0],
        ep_median_ctrl=ep_medians[1],
        ep_hr=ep_hr,
        ep_ci_low=ep_low,
        ep_ci_high=ep_high,
        ep_ci_level=ep_level,
        pdl1_subgroup=subgroup,
        extra={k: v for k, v in raw.items() if k not in COLUMNS and k is not None},
    )


def load_trials(path: str | Path) -> list[TrialRow]:
    """Read and validate a trials CSV; raise :class:`TrialDataError` on the first broken row."""
    path = Path(path)
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        missing = [column for column in (*REQUIRED, *PROVENANCE) if column not in header]
        if missing:
            raise TrialDataError(path, 1, missing[0], "required column is missing from the header")
        rows: list[TrialRow] = []
        seen: dict[str, int] = {}
        start = reader.line_num + 1
        for raw in reader:
            if None in raw:
                raise TrialDataError(path, start, "(extra)", "row has more fields than the header")
            if any((value or "").strip() for value in raw.values()):
                rows.append(_row(path, start, raw, seen))
            start = reader.line_num + 1
    return rows
