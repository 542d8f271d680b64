"""The evidence explorer: which trial rows may be pooled, the reader's filters, JSON results.

The same functions serve the notebook (static forest plot, the no-JS fallback) and the browser
widget (through the Pyodide bridge), so both always show the same numbers.

Study records are plain dicts derived from the validated rows of ``data/trials.csv`` by
:func:`study_records`; the notebook embeds them in the widget's markup, so there is one source of
data and no hand-written copy. Only first-line comparisons of a PD-1/PD-L1 antibody added to
chemotherapy against a control are offered: pooling the chemotherapy-free nivolumab + ipilimumab
arm of CheckMate 648 with its chemotherapy arm would count the shared control arm twice.
"""

from __future__ import annotations

from typing import Any

from esoreview.metaanalysis.pooling import Study, pool

# The browser bridge may call exactly the names in __all__: the two JSON-in, JSON-out functions.
__all__ = ["explore", "options"]

OUTCOMES = ("os", "pfs")
ALL = "all"
# Histology filter: "ESCC" keeps squamous-only rows; "mixed" keeps rows that include
# adenocarcinoma (KEYNOTE-590's whole population); "any" keeps both.
HISTOLOGIES = ("ESCC", "mixed", "any")


def _histology_group(histology: str) -> str:
    return "ESCC" if histology.strip() == "ESCC" else "mixed"


def _endpoint(row: Any, prefix: str) -> dict[str, float] | None:
    hr = getattr(row, f"{prefix}_hr")
    low, high = getattr(row, f"{prefix}_ci_low"), getattr(row, f"{prefix}_ci_high")
    level = getattr(row, f"{prefix}_ci_level")
    if hr is None or low is None or high is None or level is None:
        return None
    return {"hr": hr, "low": low, "high": high, "level": level}


def _poolable(row: Any) -> bool:
    drug = row.drug_class
    return (
        row.line == "first-line"
        and bool(row.control_arm)
        and drug.startswith("anti-PD")
        and "CTLA-4" not in drug
    )


def study_records(rows: list[Any]) -> list[dict[str, Any]]:
    """JSON-ready records of the poolable trial rows (objects shaped like ``TrialRow``)."""
    records = []
    for row in rows:
        if not _poolable(row):
            continue
        subgroup = row.pdl1_subgroup or ALL
        records.append(
            {
                "id": row.comparison_id,
                "trial": row.trial,
                "population": row.population,
                "histology": _histology_group(row.histology),
                "subgroup": subgroup,
                "analysis": row.analysis,
                "data_cutoff": row.data_cutoff,
                "year": row.publication_year,
                "arm": row.experimental_arm,
                "key": row.citation_key,
                "os": _endpoint(row, "os"),
                "pfs": _endpoint(row, "pfs"),
            }
        )
    return records


def options(studies: list[dict[str, Any]]) -> dict[str, list[str]]:
    """The choices the explorer offers: trials, subgroups (``all`` first), outcomes, histologies."""
    subgroups = sorted({s["subgroup"] for s in studies} - {ALL})
    return {
        "trials": sorted({s["trial"] for s in studies}),
        "subgroups": [ALL, *subgroups],
        "outcomes": list(OUTCOMES),
        "histologies": list(HISTOLOGIES),
    }


def _recency(study: dict[str, Any]) -> tuple[str, int]:
    return (study.get("data_cutoff") or "", study.get("year") or 0)


def select(
    studies: list[dict[str, Any]],
    *,
    trials: list[str] | None = None,
    outcome: str = "os",
    histology: str = "any",
    subgroup: str = ALL,
    analysis: str = "latest",
) -> list[dict[str, Any]]:
    """The rows a pooled estimate uses: one per trial and population, at the chosen analysis.

    When a trial reports the same population at several analyses (a primary paper and a
    long-term update), only the latest (``analysis="latest"``) or the earliest (``"first"``)
    enters, so no patient is counted twice.
    """
    if outcome not in OUTCOMES:
        raise ValueError(f"outcome must be one of {', '.join(OUTCOMES)}; got {outcome!r}")
    if histology not in HISTOLOGIES:
        raise ValueError(f"histology must be one of {', '.join(HISTOLOGIES)}; got {histology!r}")
    if analysis not in ("latest", "first"):
        raise ValueError(f"analysis must be 'latest' or 'first'; got {analysis!r}")
    known = {s["trial"] for s in studies}
    if trials is not None:
        unknown = sorted(set(trials) - known)
        if unknown:
            raise ValueError(f"unknown trial(s): {', '.join(unknown)}")
    chosen: dict[tuple[str, str, str], dict[str, Any]] = {}
    for study in studies:
        if trials is not None and study["trial"] not in trials:
            continue
        if study["subgroup"] != subgroup or study[outcome] is None:
            continue
        if histology != "any" and study["histology"] != histology:
            continue
        slot = (study["trial"], study["arm"], study["histology"])
        held = chosen.get(slot)
        later = held is None or _recency(study) > _recency(held)
        if held is None or (later if analysis == "latest" else not later):
            chosen[slot] = study
    # With "any" histology, a trial's ESCC row and its mixed row overlap: keep the broader one.
    if histology == "any":
        mixed = {(t, a) for (t, a, h) in chosen if h == "mixed"}
        chosen = {k: v for k, v in chosen.items() if k[2] == "mixed" or k[:2] not in mixed}
    return sorted(chosen.values(), key=lambda s: (s["trial"], s["id"]))


def explore(
    studies: list[dict[str, Any]],
    trials: list[str] | None = None,
    outcome: str = "os",
    histology: str = "any",
    subgroup: str = ALL,
    analysis: str = "latest",
    level: float = 0.95,
) -> dict[str, Any]:
    """Select rows by the reader's filters and pool them; everything the forest plot needs."""
    rows = select(
        studies,
        trials=trials,
        outcome=outcome,
        histology=histology,
        subgroup=subgroup,
        analysis=analysis,
    )
    result: dict[str, Any] = {
        "outcome": outcome,
        "subgroup": subgroup,
        "histology": histology,
        "level": level,
        "rows": [],
        "pooled": None,
    }
    if not rows:
        return result
    entries = [
        Study(r["id"], r[outcome]["hr"], r[outcome]["low"], r[outcome]["high"], r[outcome]["level"])
        for r in rows
    ]
    pooled = pool(entries, level=level)
    for row, entry, wf, wr in zip(
        rows, entries, pooled.fixed_weights, pooled.random_weights, strict=True
    ):
        result["rows"].append(
            {
                "id": row["id"],
                "trial": row["trial"],
                "population": row["population"],
                "analysis": row["analysis"],
                "data_cutoff": row["data_cutoff"],
                "key": row["key"],
                "hr": entry.hr,
                "low": entry.low,
                "high": entry.high,
                "ci_level": entry.level,
                "se": entry.se,
                "weight_fixed": wf,
                "weight_random": wr,
            }
        )
    result["pooled"] = {
        "k": pooled.k,
        "fixed": {"hr": pooled.fixed_hr, "low": pooled.fixed_low, "high": pooled.fixed_high},
        "random": {"hr": pooled.random_hr, "low": pooled.random_low, "high": pooled.random_high},
        "q": pooled.q,
        "df": pooled.df,
        "i2": pooled.i2,
        "tau2": pooled.tau2,
    }
    return result
