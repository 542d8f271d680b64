# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Corrections to the source review {#corrections}
#
# This living review started from *Mechanisms of esophageal cancer metastasis and treatment
# progress* by Wang, Yang, Wang and Zhou [@wang2023mechanisms]. While rebuilding it we checked
# its statements against the works it cites and against standard references, and found a number
# of errors: wrong terms, reversed findings, garbled sentences and missing citations. This page
# lists them. It is generated from `data/errata.json`, so every entry below is one record of
# that file.
#
# Each **verified** correction gives the section of the source where the problem occurs, the
# phrase concerned (quoted from the source so that readers of the original can find it; it is
# *not* a statement of fact), what is correct, a link to the evidence we relied on, and, where our
# own text covers the point, a link to the section of this site that states it correctly. Entries
# we suspect but could not verify are listed separately; for those, our pages use neutral
# wording or leave the point out.
# <!-- no citation: describes the table -->

# %%
import json

import pandas as pd

from esoreview.display import show_markdown, show_table

with open("data/errata.json", encoding="utf-8") as fh:
    errata = json.load(fh)
targets = pd.read_csv("data/corrections-map.csv").set_index("errata_index")

verified = [(i, e) for i, e in enumerate(errata, start=1) if e["verified"]]
suspected = [(i, e) for i, e in enumerate(errata, start=1) if not e["verified"]]
show_markdown(
    f"`data/errata.json` holds {len(errata)} entries: {len(verified)} verified corrections and "
    f"{len(suspected)} suspected problems that could not be verified."
)


def link(url: str, text: str = "evidence") -> str:
    return f"[{text}]({url})" if url else "—"


def our_section(index: int) -> str:
    if index not in targets.index:
        return "—"
    row = targets.loc[index]
    return f"[{row.page_slug.replace('-', ' ')}]({row.page_slug}.md#{row.section_id})"


# %% [markdown]
# ## Verified corrections {#verified-corrections}
#
# Severity is one of: factual error, terminology error, garbled sentence, missing citation. The
# table can be filtered by typing into the box above it (for example a section number or a
# severity).
# <!-- no citation: describes the table -->

# %%
show_table(
    [
        {
            "n": i,
            "section": e["section"],
            "phrase": f"“{e['phrase']}”",
            "correction": e["correction"],
            "severity": e["severity"],
            "evidence": link(e["evidence_url"]),
            "ours": our_section(i),
        }
        for i, e in verified
    ],
    [
        ("n", "#"),
        ("section", "Source section"),
        ("phrase", "Phrase in the source"),
        ("correction", "What is correct"),
        ("severity", "Severity"),
        ("evidence", "Evidence"),
        ("ours", "Stated correctly in"),
    ],
    filterable=True,
    raw_columns=["evidence", "ours"],
)

# %% [markdown]
# ## Suspected, not verified {#unverified-corrections}
#
# The following passages look wrong or garbled, but the cited work or a confirming source could
# not be retrieved. They are **not** established corrections: they are leads to check. Our pages
# avoid restating these passages as fact.
# <!-- no citation: describes the list -->


# %%
def suspected_item(i: int, e: dict) -> str:
    lead = f"; lead: {link(e['evidence_url'], 'source')}" if e["evidence_url"] else ""
    return (
        f"- **#{i}, {e['section']}**: “{e['phrase']}”. *Suspected problem:* {e['correction']} "
        f"({e['severity']}{lead})"
    )


show_markdown("\n".join(suspected_item(i, e) for i, e in suspected))

# %% [markdown]
# ## Coverage of the source's mechanism sections {#source-coverage}
#
# Every topic that the source review discusses in its mechanism sections (§1 to §2.4, with the
# legends of its two figures) is one row of `data/coverage.csv`: the topic in our words, the
# section of this site that covers it, or the reason it is left out. A topic is left out when
# the work the source cites could not be identified and no public record we could read supports
# the statement, or when the source's passage is too garbled to restate. The numbers in the last
# column point to the verified or suspected corrections above that concern the topic. A test
# checks that every linked section exists.
# <!-- no citation: describes the coverage table -->

# %%
from pathlib import Path

from esoreview.evidence.coverage import load_coverage

coverage = load_coverage(Path("data/coverage.csv"), errata_count=len(errata))
covered = [row for row in coverage if row.status == "covered"]
sections = sorted({row.section for row in coverage}, key=lambda s: (s.startswith("fig"), s))
show_markdown(
    f"The source's mechanism sections contain {len(coverage)} topics in this table: "
    f"{len(covered)} are covered on this site and {len(coverage) - len(covered)} are left out "
    "with a stated reason."
)
show_table(
    [
        {
            "section": section,
            "covered": sum(r.status == "covered" for r in coverage if r.section == section),
            "left": sum(r.status == "left-out" for r in coverage if r.section == section),
        }
        for section in sections
    ],
    [("section", "Source section"), ("covered", "Covered"), ("left", "Left out")],
    caption="Topics per section of the source",
)


def where(row) -> str:
    if not row.page:
        return "—"
    return f"[{row.page.replace('-', ' ')} › {row.anchor.replace('-', ' ')}]({row.target})"


show_table(
    [
        {
            "id": row.id,
            "section": row.section,
            "topic": row.topic,
            "status": row.status,
            "where": where(row),
            "reason": row.reason or "—",
            "errata": ", ".join(f"#{n}" for n in row.errata) or "—",
        }
        for row in coverage
    ],
    [
        ("id", "ID"),
        ("section", "Source section"),
        ("topic", "Topic (our words)"),
        ("status", "Status"),
        ("where", "Covered in / belongs to"),
        ("reason", "Why left out"),
        ("errata", "Corrections"),
    ],
    filterable=True,
    raw_columns=["where"],
)
