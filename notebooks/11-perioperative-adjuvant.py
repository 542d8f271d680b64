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
# # Perioperative and adjuvant therapy {#perioperative-adjuvant}
#
# When oesophageal or junctional cancer can still be removed, surgery alone leaves many patients
# with micrometastases that later surface as recurrence. Treatment given before the operation
# (neoadjuvant), around it (perioperative) or after it (adjuvant) aims at that hidden spread. The
# randomised trials summarised here compared chemoradiotherapy, chemotherapy regimens and
# checkpoint inhibitors in this curative setting
# [@eyck2021tenyear; @reynolds2023neoaegis; @hoeppner2025esopec; @kato2024next;
# @kelly2021checkmate577; @shitara2024keynote585; @janjigian2025matterhorn]. They differ in one
# respect that matters more than any other: whether they enrolled squamous cell carcinoma
# (ESCC), adenocarcinoma, or both. Every trial number on this page is read from
# `data/trials.csv` with the publication it comes from, where in that publication it was read and
# which analysis it belongs to; the regimens are read from `data/regimens.csv`. The page is
# educational and is not treatment advice.
#
# ## Neoadjuvant chemoradiotherapy: CROSS {#neoadjuvant-chemoradiotherapy}
#
# The CROSS trial randomised patients with resectable oesophageal or junctional cancer, of either
# histology, to five weekly doses of carboplatin and paclitaxel given with 41.4 Gy of
# radiotherapy before surgery, or to surgery alone [@eyck2021tenyear]. The regimen became the
# reference arm of later European trials, which is why its ten-year update is the starting point
# here [@reynolds2023neoaegis; @hoeppner2025esopec].

# %% tags=["remove-input"]
from esoreview.display import show_figure, show_markdown, show_table
from esoreview.evidence import load_trials
from esoreview.evidence.figures import forest_figure, forest_rows, format_level, table_rows
from esoreview.evidence.regimens import group_regimens, load_regimens

trials = load_trials("data/trials.csv")
regimens = load_regimens("data/regimens.csv")
by_id = {row.comparison_id: row for row in trials}
periop = [row for row in trials if row.line == "perioperative"]


def hr_text(row, endpoint="os"):
    """'hazard ratio 0.70 (0.55–0.89; 95% CI)' with the endpoint named."""
    label = row.ep_name if endpoint == "ep" else endpoint.upper()
    return f"{label} hazard ratio {row.ci_text(endpoint)}"


def medians(row, endpoint="os"):
    exp, ctrl = getattr(row, f"{endpoint}_median_exp"), getattr(row, f"{endpoint}_median_ctrl")
    if exp is None or ctrl is None:
        return ""
    label = row.ep_name if endpoint == "ep" else endpoint.upper()
    return f"median {label} {exp:.1f} vs {ctrl:.1f} months; "


def provenance(row):
    """Which analysis, where the numbers were read and the data cut-off, as the row records them."""
    cutoff = row.data_cutoff or "not stated in the record we read"
    return f"{row.analysis}; read in the {row.seen_in}; data cut-off {cutoff}"


cross = by_id["cross-10y-itt"]
show_markdown(
    f"In the ten-year update of CROSS, neoadjuvant chemoradiotherapy kept its overall-survival "
    f"advantage over surgery alone ({hr_text(cross)}; {provenance(cross)}) "
    f"[@{cross.citation_key}]. The abstract reports the whole trial population only; the "
    f"hazard ratios by histology are not entered in the data file because we did not see them "
    f"in a public record."
)

# %% [markdown]
# ## Chemoradiotherapy or perioperative chemotherapy in adenocarcinoma {#periop-adenocarcinoma}
#
# For adenocarcinoma, a second strategy competed with CROSS: chemotherapy given both before and
# after surgery, first as the epirubicin-based "MAGIC" combinations and later as FLOT
# (fluorouracil, leucovorin, oxaliplatin and docetaxel). Two European phase 3 trials compared the
# strategies head to head in adenocarcinoma of the oesophagus and junction only
# [@reynolds2023neoaegis; @hoeppner2025esopec]. Neo-AEGIS allowed FLOT only from 2018, so most
# of its chemotherapy patients received a MAGIC-type regimen, and it was changed during
# recruitment from a superiority to a non-inferiority design [@reynolds2023neoaegisfinal].
# ESOPEC compared FLOT with CROSS throughout [@hoeppner2025esopec].

# %% tags=["remove-input"]
neo, esopec = by_id["neoaegis-evaluable"], by_id["esopec-itt"]
show_markdown(
    f"In Neo-AEGIS, {neo.n_experimental} evaluable patients received perioperative chemotherapy "
    f"and {neo.n_control} received CROSS; survival was practically the same ({hr_text(neo)}; "
    f"{provenance(neo)}) [@{neo.citation_key}]. In ESOPEC, {esopec.n_experimental} patients were "
    f"assigned to FLOT and {esopec.n_control} to CROSS, and FLOT prolonged survival "
    f"({medians(esopec)}{hr_text(esopec)}; {provenance(esopec)}) [@{esopec.citation_key}]. "
    f"Progression-free survival pointed the same way ({medians(esopec, 'pfs')}"
    f"{hr_text(esopec, 'pfs')}) [@{esopec.citation_key}]."
)

# %% [markdown]
# The two results are not contradictory so much as different questions: Neo-AEGIS tested mostly
# older, anthracycline-based chemotherapy against CROSS, whereas ESOPEC tested FLOT
# [@reynolds2023neoaegisfinal; @hoeppner2025esopec]. Neither trial enrolled squamous cell
# carcinoma, so neither says anything about CROSS in ESCC [@reynolds2023neoaegis;
# @hoeppner2025esopec].
#
# ## Neoadjuvant chemotherapy for squamous cell carcinoma: JCOG1109 NExT {#neoadjuvant-escc}
#
# In Japan, neoadjuvant cisplatin and fluorouracil (CF) had been the standard before surgery for
# locally advanced ESCC. The three-arm JCOG1109 NExT trial asked whether adding docetaxel (DCF)
# or adding radiotherapy (CF with 41.4 Gy) to CF improves overall survival, in ESCC only and in
# patients aged 20 to 75 years from 44 Japanese centres [@kato2024next]. The public records we
# could read gave the design but not the result figures, so `data/trials.csv` holds the two
# comparisons without numbers and this page does not quote any; the doses of the three arms are
# in the regimen table below [@kato2024next].
#
# ## Adjuvant immunotherapy after chemoradiotherapy: CheckMate 577 {#adjuvant-immunotherapy}
#
# CheckMate 577 enrolled patients of either histology who had received neoadjuvant
# chemoradiotherapy, had an R0 resection, and still had tumour in the resected specimen, a group
# at high risk of recurrence. Patients were randomised 2:1 to nivolumab or placebo for up to one
# year, with disease-free survival as the primary endpoint [@kelly2021checkmate577].

# %% tags=["remove-input"]
cm577 = by_id["checkmate577-itt"]
show_markdown(
    f"Among {cm577.n_experimental} patients given nivolumab and {cm577.n_control} given placebo, "
    f"disease-free survival was longer with nivolumab ({medians(cm577, 'ep')}"
    f"{hr_text(cm577, 'ep')}; "
    f"{provenance(cm577)}) [@{cm577.citation_key}]. The interval is reported at "
    f"{format_level(cm577.ep_ci_level)}, the level matching the significance threshold of this "
    f"analysis, not at 95%. Overall survival, a secondary endpoint, "
    f"was presented at a 2025 meeting; we did not see a peer-reviewed report of it with its "
    f"confidence interval, so it is not entered here [@{cm577.citation_key}]."
)

# %% [markdown]
# ## Perioperative checkpoint inhibitors {#perioperative-immunotherapy}
#
# Two placebo-controlled trials added a checkpoint inhibitor to perioperative chemotherapy in
# resectable gastric or gastro-oesophageal junction adenocarcinoma. KEYNOTE-585 gave
# pembrolizumab with a cisplatin-based doublet (a smaller cohort received FLOT) and had three
# primary endpoints: pathological complete response, event-free survival and overall survival
# [@shitara2024keynote585]. MATTERHORN gave the PD-L1 antibody durvalumab with FLOT, with
# event-free survival as the primary endpoint [@janjigian2025matterhorn]. Neither enrolled
# squamous cell carcinoma or adenocarcinoma of the oesophagus above the junction
# [@shitara2024keynote585; @janjigian2025matterhorn].

# %% tags=["remove-input"]
k585, matt = by_id["keynote585-main"], by_id["matterhorn-itt"]
show_markdown(
    f"In the KEYNOTE-585 main cohort ({k585.n_experimental} vs {k585.n_control} patients), the "
    f"event-free-survival gain ({medians(k585, 'ep')}{hr_text(k585, 'ep')}) did not cross its "
    f"prespecified significance threshold, and overall survival was similar ({medians(k585)}"
    f"{hr_text(k585)}; {provenance(k585)}) [@{k585.citation_key}]. In MATTERHORN "
    f"({matt.n_experimental} vs {matt.n_control} patients), durvalumab improved event-free "
    f"survival ({hr_text(matt, 'ep')}; {provenance(matt)}) [@{matt.citation_key}]. Its interim "
    f"overall-survival analysis was reported as two piecewise hazard ratios rather than one, so "
    f"no single overall-survival estimate is entered for it [@{matt.citation_key}]."
)

# %% [markdown]
# Final overall-survival analyses of both trials were reported after the publications above
# (KEYNOTE-585 in a 2025 journal report, MATTERHORN at a 2025 meeting). We did not read their
# abstracts, so their numbers are not in the data file yet; the rows above state which analysis
# they come from [@shitara2024keynote585; @janjigian2025matterhorn].
#
# ## What the trials mean for squamous cell carcinoma and adenocarcinoma {#histology-implications}
#
# The histology of the enrolled patients decides which questions each trial can answer:
#
# - **Squamous cell carcinoma.** The randomised evidence for preoperative chemoradiotherapy in
#   ESCC comes from trials that included it, such as CROSS; the trials that put perioperative
#   chemotherapy ahead of CROSS enrolled adenocarcinoma only [@eyck2021tenyear;
#   @hoeppner2025esopec]. In Japan, JCOG1109 compared three neoadjuvant strategies within ESCC
#   [@kato2024next]. Adjuvant nivolumab after chemoradiotherapy was tested in both histologies
#   together [@kelly2021checkmate577].
# - **Adenocarcinoma.** Here two head-to-head trials exist. Perioperative chemotherapy was not
#   worse than CROSS in Neo-AEGIS and FLOT was better than CROSS in ESOPEC
#   [@reynolds2023neoaegisfinal; @hoeppner2025esopec]. Perioperative checkpoint inhibitors were
#   tested in gastric and junctional adenocarcinoma with FLOT or cisplatin-based chemotherapy
#   [@shitara2024keynote585; @janjigian2025matterhorn].
# - **Reading across histologies.** ESCC and adenocarcinoma differ in biology and in where they
#   arise, so a result in one should not be assumed in the other; the tables below keep the
#   histology of each comparison next to its numbers [@eyck2021tenyear; @hoeppner2025esopec].
#
# ## Trial evidence {#periop-trial-evidence}
#
# The first plot shows the overall-survival hazard ratios of the perioperative comparisons; the
# second the disease-free and event-free survival hazard ratios, the primary endpoint of the
# adjuvant and perioperative checkpoint-inhibitor trials. Both are drawn from
# `data/trials.csv` by the same plotting code as the immunotherapy page, with each interval at
# the level its trial reported.
# <!-- no citation: describes the figures -->

# %% tags=["remove-input"]
os_rows = forest_rows(periop, "os")
ep_rows = forest_rows(periop, "ep")
non95 = [r for r in ep_rows if r.ep_ci_level is not None and abs(r.ep_ci_level - 0.95) > 1e-9]
levels = ", ".join(f"{r.trial} {format_level(r.ep_ci_level)}" for r in non95) or "none"
keys = "; ".join(sorted({f"@{r.citation_key}" for r in os_rows + ep_rows}))
show_markdown(
    f"{len(os_rows)} perioperative comparisons report an overall-survival hazard ratio and "
    f"{len(ep_rows)} a disease-free or event-free survival hazard ratio; intervals at a level "
    f"other than 95%: {levels} [{keys}]."
)

# %%
fig = forest_figure(periop, endpoint="os")
show_figure(
    fig,
    height=fig.layout.height,
    caption=(
        "Overall-survival hazard ratios of the perioperative and adjuvant comparisons "
        "(experimental vs control), with confidence intervals at the level each trial reported. "
        "Filled circle: primary endpoint met; cross: not met; open diamond: not a "
        "primary-endpoint analysis or not recorded. Source: data/trials.csv."
    ),
)

# %%
fig = forest_figure(periop, endpoint="ep")
show_figure(
    fig,
    height=fig.layout.height,
    caption=(
        "Disease-free (CheckMate 577) and event-free (KEYNOTE-585, MATTERHORN) survival hazard "
        "ratios, the primary endpoints of these trials; CheckMate 577 reported a 96.4% interval. "
        "Source: data/trials.csv."
    ),
)

# %% [markdown]
# The table lists every perioperative comparison in the data file with its histology, the
# analysis the numbers come from, where in the publication they were read, the data cut-off
# as the publication states it, and the reference. A blank cell means the number was not seen.
# <!-- no citation: describes the table -->

# %% tags=["remove-input"]
show_table(
    table_rows(periop),
    [
        ("trial", "Trial"),
        ("histology", "Histology"),
        ("arms", "Experimental vs control"),
        ("n", "N (exp / ctrl)"),
        ("os_median", "Median OS, months"),
        ("os_hr", "OS HR (CI; level)"),
        ("ep_hr", "DFS/EFS HR (CI; level)"),
        ("primary", "Primary endpoint"),
        ("analysis", "Analysis"),
        ("seen_in", "Read in"),
        ("data_cutoff", "Data cut-off"),
        ("source", "Reference"),
    ],
    caption="Perioperative and adjuvant comparisons in data/trials.csv",
    filterable=True,
    raw_columns=["source"],
)

# %% [markdown]
# ## Regimens {#treatment-regimens}
#
# The regimens discussed on this page and on the [immunotherapy](immunotherapy.md#trial-evidence)
# and [targeted therapy](targeted-therapy.md#anti-her2) pages are listed with their doses and
# schedules exactly as the cited trial report, or a summary of it, gave them. They document what
# the trials tested; they are not dosing instructions, and doses in practice depend on the
# patient, the label and local protocols. Doses we could not see in a public record (for
# example those of CheckMate 648 and RATIONALE-306, or of the mFOLFOX6 backbone in SPOTLIGHT)
# are left out rather than filled in from memory.
# <!-- no citation: describes the table; each row carries its own reference -->

# %% tags=["remove-input"]
grouped = group_regimens(regimens)
rows = []
for regimen in grouped:
    for part in regimen.components:
        cycle = f"{regimen.cycle_days} days" if regimen.cycle_days else "not cyclical"
        rows.append(
            {
                "regimen": regimen.regimen,
                "setting": regimen.setting,
                "component": part.component,
                "dose": part.dose,
                "route": part.route,
                "schedule": part.schedule + (f" ({part.notes})" if part.notes else ""),
                "cycle": cycle + (f"; {part.cycles}" if part.cycles else ""),
                "seen_in": part.seen_in,
                "source": "[" + "; ".join(f"@{k}" for k in part.citation_keys) + "]",
            }
        )
show_markdown(
    f"The table holds {len(grouped)} regimens with {len(regimens)} components, each with the "
    f"report it was read in."
    " [" + "; ".join(sorted({f"@{r.citation_keys[0]}" for r in grouped})) + "]"
)
show_table(
    rows,
    [
        ("regimen", "Regimen"),
        ("setting", "Setting"),
        ("component", "Drug / component"),
        ("dose", "Dose"),
        ("route", "Route"),
        ("schedule", "Days / schedule"),
        ("cycle", "Cycle length; cycles"),
        ("seen_in", "Read in"),
        ("source", "Reference"),
    ],
    caption="Regimens as given in the cited trial reports (data/regimens.csv)",
    filterable=True,
    raw_columns=["source"],
)
