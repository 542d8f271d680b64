# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # What's new {#whats-new}
#
# This is a living review: when a trial reports again, a number is corrected or a page gains a
# section, the change is recorded in `data/evidence-changes.csv` with its date, the page and
# trial it concerns, and the publication behind it. This page lists every recorded change,
# newest first, and each treatment page shows the date of its latest change as "Evidence last
# reviewed". Both are generated from that one file.
# <!-- no citation: describes how the page is made -->

# %% tags=["remove-input"]
from esoreview.display import show_markdown, show_table
from esoreview.evidence.changes import load_changes

changes = load_changes("data/evidence-changes.csv")
pages = sorted({c.page for c in changes})
show_markdown(
    f"{len(changes)} recorded changes across {len(pages)} pages; the latest on "
    f"{changes[0].date.isoformat()}."
)
show_table(
    [
        {
            "date": c.date.isoformat(),
            "page": f"[{c.page}]({c.page}.md)",
            "trial": c.trial or "–",
            "change": c.change,
            "source": "[" + "; ".join(f"@{k}" for k in c.keys) + "]" if c.keys else "–",
        }
        for c in changes
    ],
    [
        ("date", "Date"),
        ("page", "Page"),
        ("trial", "Trial"),
        ("change", "Change"),
        ("source", "Reference"),
    ],
    caption="Evidence changes, newest first (source: data/evidence-changes.csv)",
    filterable=True,
    raw_columns=["page", "source"],
)
