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
# # Immunotherapy {#immunotherapy}
#
# Immunotherapy covers checkpoint-blocking antibodies, cancer vaccines, engineered cell
# therapies and non-specific immune stimulants, but the randomised evidence in oesophageal
# cancer concerns the first group: a series of phase 3 trials has tested PD-1 pathway
# blockade in advanced oesophageal squamous cell carcinoma (ESCC) or in mixed oesophageal
# populations [@sun2021pembrolizumab; @doki2022checkmate648; @kato2019nivolumab;
# @kojima2020keynote181].
# This page summarises what those antibodies do, what the trials found, how PD-L1 testing
# selects patients, and how chemotherapy itself may change the PD-L1 signal. All trial
# numbers on this page are read from `data/trials.csv`, a curated file whose every value
# carries the address where it was seen. The content is educational and is not treatment
# advice.
#
# ## Immune checkpoint inhibitors {#checkpoint-inhibitors}
#
# PD-1 is an inhibitory receptor on activated T cells. When it is engaged by its ligands, PD-L1 or
# PD-L2, T-cell proliferation and killing are damped [@latchman2001pd]. ESCC cells and the
# immune cells that infiltrate the tumour often carry PD-L1, and in resected or biopsied ESCC its
# presence tracks with the density of tumour-infiltrating lymphocytes and with a worse prognosis
# after curative treatment [@jiang2017prognostic]. How tumour-associated macrophages and other
# stromal cells build this brake is described on the [immune escape
# page](immune-escape.md#macrophages-pd-l1). Antibodies against PD-1 (nivolumab, pembrolizumab,
# camrelizumab, sintilimab, tislelizumab, toripalimab, serplulimab) or against PD-L1 (adebrelimab,
# also called SHR-1316, and socazolimab) release the brake; they *activate* rather than suppress
# immunity [@kato2019nivolumab; @mu2021anti; @anon2023comparing]. The source review describes
# nivolumab as an "immunosuppressant"; that is a mistake, listed on the [corrections
# page](corrections.md#corrections).
#
# **After first-line chemotherapy.** The first randomised evidence came from patients whose
# disease had progressed on fluoropyrimidine and platinum chemotherapy, where PD-1 antibodies
# given alone were compared with a single cytotoxic drug
# [@kato2019nivolumab; @kojima2020keynote181; @shen2022tislelizumab].

# %% tags=["remove-input"]
from esoreview.display import show_figure, show_markdown, show_table
from esoreview.evidence import load_trials
from esoreview.evidence.figures import (
    TABLE_COLUMNS,
    dumbbell_figure,
    forest_figure,
    forest_rows,
    format_level,
    table_rows,
)

trials = load_trials("data/trials.csv")
by_id = {row.comparison_id: row for row in trials}


def os_sentence(row):
    """'median OS 10.9 vs 8.4 months; HR 0.77 (0.62–0.96; 95% CI)' from one data row."""
    medians = ""
    if row.os_median_exp is not None and row.os_median_ctrl is not None:
        medians = f"median OS {row.os_median_exp:.1f} vs {row.os_median_ctrl:.1f} months; "
    return f"{medians}hazard ratio {row.ci_text('os')}"


a3, k181 = by_id["attraction3-itt"], by_id["keynote181-cps10"]
k181_itt, k181_asia = by_id["keynote181-itt"], by_id["keynote181-asia-escc"]
r302 = by_id["rationale302-itt"]
show_markdown(
    f"In ATTRACTION-3, {a3.n_experimental} patients received nivolumab and "
    f"{a3.n_control} received {a3.control_arm}; nivolumab *prolonged* survival "
    f"({os_sentence(a3)}) [@kato2019nivolumab]. The source review states the opposite "
    f"(shorter survival with nivolumab) and dates the trial to 2018; the trial report "
    f"appeared in {a3.publication_year}. KEYNOTE-181 compared pembrolizumab with "
    f"{k181.control_arm} (not doxorubicin, as the source review has it): survival was longer "
    f"with pembrolizumab in tumours with PD-L1 CPS ≥10 ({os_sentence(k181)}), but the "
    f"difference in all randomised patients ({os_sentence(k181_itt)}) did not cross its "
    f"prespecified boundary [@kojima2020keynote181]. A post hoc analysis of Asian patients "
    f"with ESCC in the same trial reported {os_sentence(k181_asia)}, without formal "
    f"hypothesis testing [@cao2022pembrolizumab]. Tislelizumab gave a similar result against "
    f"the same choice of drugs in RATIONALE-302 ({os_sentence(r302)}) "
    f"[@shen2022tislelizumab]."
)

# %% [markdown]
# **First-line combinations.** The larger change came when a PD-1 antibody was added to
# first-line platinum-based chemotherapy. Placebo- or chemotherapy-controlled phase 3 trials
# have reported a survival gain from the addition, with different partner regimens
# (cisplatin with 5-fluorouracil, or cisplatin with paclitaxel), different PD-L1 selection
# rules and different regions of recruitment
# [@sun2021pembrolizumab; @doki2022checkmate648; @luo2021escort1st; @lu2022sintilimab;
# @wang2022jupiter06; @xu2023rationale306; @anon2023untitled]. CheckMate 648 also tested a
# chemotherapy-free doublet, nivolumab with the anti-CTLA-4 antibody ipilimumab, against
# chemotherapy alone [@doki2022checkmate648]. ASTRUM-007 gave serplulimab with cisplatin and
# 5-fluorouracil every two weeks instead of every three, and enrolled only patients whose
# tumours had PD-L1 CPS ≥1 [@anon2023untitled].

# %% tags=["remove-input"]
itt_like = [
    r
    for r in trials
    if r.line == "first-line"
    and r.drug_class == "anti-PD-1"
    and r.population.startswith("All randomised")
    and r.os_hr is not None
]
hrs = sorted(r.os_hr for r in itt_like)
keys = "; ".join(sorted({f"@{r.citation_key}" for r in itt_like}))
doublet = by_id["checkmate648-nivo-ipi-all"]
where = "within" if hrs[0] <= doublet.os_hr <= hrs[-1] else "outside"
show_markdown(
    f"Across the {len(itt_like)} first-line comparisons of a PD-1 antibody plus chemotherapy "
    f"in the data file that report an overall-survival hazard ratio for all randomised "
    f"patients, the point estimates range from {hrs[0]:.2f} to {hrs[-1]:.2f} [{keys}]. The "
    f"chemotherapy-free doublet of CheckMate 648 lies {where} that range "
    f"({os_sentence(doublet)}) [@doki2022checkmate648]."
)

# %% [markdown]
# Smaller studies have explored other combinations. A single-arm phase 2 trial added
# camrelizumab and the VEGFR-2 kinase inhibitor apatinib to first-line chemotherapy
# [@anon2020phase]; the source review presents it as a comparison with chemotherapy alone,
# but it had no control arm. The same applies to the phase 2 study of the anti-PD-L1
# antibody adebrelimab (SHR-1316) with chemotherapy [@mu2021anti]. Socazolimab, another
# anti-PD-L1 antibody, was added to neoadjuvant paclitaxel and cisplatin for locally advanced
# ESCC in a randomised phase 2 trial whose endpoints were pathological response rates after
# surgery, not survival [@anon2023comparing]. None of these single-arm or pathological-
# response results can show that a drug prolongs life; they justify larger trials.
#
# Tislelizumab has also been placed in a sequential scheme: a published study protocol gives
# tislelizumab with chemotherapy, before surgery, to patients with locally advanced ESCC who did
# not reach a clinical complete response after neoadjuvant chemoradiotherapy, with the
# pathological complete response rate as its primary endpoint; as a protocol it reports no
# results [@anon2022untitledb]. The source review describes this study as treatment of relapse
# after radiotherapy, which does not match the protocol.
#
# ## PD-L1 combined positive score as a predictor {#pd-l1-cps}
#
# Two scoring rules appear in these trials. The tumour proportion score (TPS) counts only
# tumour cells with membranous PD-L1 staining, as a percentage of viable tumour cells;
# CheckMate 648 selected its primary population this way, at TPS ≥1%
# [@doki2022checkmate648]. The combined positive score (CPS) also counts PD-L1-positive
# lymphocytes and macrophages, divided by the number of viable tumour cells and multiplied
# by 100, so that immune-cell staining inside the tumour is included
# [@sun2021pembrolizumab; @kojima2020keynote181]. ORIENT-15 changed one of its primary
# populations from TPS ≥10% to CPS ≥10 during the trial, after KEYNOTE-181 and KEYNOTE-590
# suggested that the combined score separated benefit better [@lu2022sintilimab].
#
# Where a trial reported both its overall population and a PD-L1-high subgroup, the two
# overall-survival hazard ratios can be set side by side.
# <!-- no citation: describes the figure -->

# %% tags=["remove-input"]
pairs = [
    ("KEYNOTE-590", "keynote590-itt", "keynote590-cps10"),
    ("KEYNOTE-181", "keynote181-itt", "keynote181-cps10"),
    ("ORIENT-15", "orient15-itt", "orient15-cps10"),
    (
        "CheckMate 648 (nivolumab + chemotherapy)",
        "checkmate648-nivo-chemo-all",
        "checkmate648-nivo-chemo-pdl1",
    ),
]
rows = []
for name, all_id, high_id in pairs:
    everyone, high = by_id[all_id], by_id[high_id]
    rows.append(
        {
            "trial": name,
            "all": f"{everyone.population}: {everyone.ci_text('os')}",
            "high": f"{high.population}: {high.ci_text('os')}",
            "ratio": f"{high.os_hr / everyone.os_hr:.2f}",
            "source": f"[@{everyone.citation_key}]",
        }
    )
lower = [r for r in rows if float(r["ratio"]) < 1]
show_markdown(
    f"In {len(lower)} of the {len(rows)} trials below the hazard ratio was lower (a larger "
    f"relative benefit) in the PD-L1-high population than in the broad one; in the others the "
    f"two estimates were practically the same "
    f"[{'; '.join(r['source'].strip('[]') for r in rows)}]."
)
show_table(
    rows,
    [
        ("trial", "Trial"),
        ("all", "OS HR, broad population"),
        ("high", "OS HR, PD-L1-high population"),
        ("ratio", "Ratio of HRs (high / broad)"),
        ("source", "Reference"),
    ],
    caption="Overall-survival hazard ratios in the broad and the PD-L1-high populations",
    raw_columns=["source"],
)

# %% [markdown]
# Three cautions apply. First, the PD-L1-high patients are part of the broad population, so
# the two hazard ratios are not independent, and a lower ratio in the subgroup implies a
# weaker effect in the PD-L1-low remainder. Second, the trials used different antibodies,
# cells scored and cut-offs, so a "PD-L1-positive" tumour in one trial is not necessarily
# positive in another [@doki2022checkmate648; @sun2021pembrolizumab]. Third, in KEYNOTE-181
# the CPS ≥10 comparison met its boundary while the all-comer comparison did not
# [@kojima2020keynote181], so the score changed the conclusion, not only its size. ASTRUM-007
# took selection further and enrolled only CPS ≥1 tumours [@anon2023untitled]. The source
# review also proposes PD-L2, the second PD-1 ligand, as a marker; its reference could not be
# identified, and none of the trials above selected patients by PD-L2
# [@sun2021pembrolizumab; @doki2022checkmate648; @lu2022sintilimab].
#
# ## How chemotherapy and other treatments change PD-L1 {#chemotherapy-pd-l1}
#
# PD-L1 expression is not a fixed property of a tumour. In a small series of ESCC patients with
# tissue sampled before and after treatment, PD-L1 rose in tumours that went on to progress and
# fell in those that responded to chemotherapy or were controlled [@jiang2017prognostic]. In ESCC
# cell lines, irradiation raised PD-L1, and interleukin-6 signalling sustained its expression
# [@chen2016role]; activation of EGFR by its ligand likewise increased PD-L1, and an EGFR
# inhibitor reversed the increase [@zhang2017induction]. These observations give a plausible
# biological reason for giving PD-1 antibodies together with cytotoxic or radiation therapy rather
# than after them, but they come from small series and laboratory models. The claim that cisplatin
# and 5-fluorouracil *raise* PD-L1 through JAK/STAT signalling, repeated in the source review,
# rests on a reference we could not identify, so it is not stated here as established. Whether
# ferroptosis, discussed on the [ferroptosis page](ferroptosis-immune-cells.md#ferroptosis),
# modifies the response to checkpoint blockade in oesophageal cancer is still an open question
# (see [open questions](conclusions.md#open-questions)).
#
# ## Trial evidence {#trial-evidence}
#
# The figures below are computed from `data/trials.csv` (columns and sources are described in
# `data/README.md`). The file holds one row per trial, comparison and population. Only
# numbers that were seen in a trial report or a summary of it are entered; a blank means
# "not seen", never zero. Confidence intervals are plotted at the level each trial reported;
# CheckMate 648 reported its alpha-controlled comparisons with intervals wider than 95%
# [@doki2022checkmate648]. The HER2 and EGFR antibody trials in the file are discussed on the
# [targeted therapy page](targeted-therapy.md#targeted-therapy) and appear here for scale.

# %% tags=["remove-input"]
shown = forest_rows(trials)
non95 = [r for r in shown if r.os_ci_level is not None and abs(r.os_ci_level - 0.95) > 1e-9]
levels = ", ".join(sorted({format_level(r.os_ci_level) for r in non95}, reverse=True))
show_markdown(
    f"The forest plot shows {len(shown)} comparisons from "
    f"{len({r.trial for r in shown})} trial reports that give an overall-survival hazard "
    f"ratio; {len(non95)} of them carry an interval at a level other than 95% ({levels}). "
    f"Rows without a hazard ratio (for example the non-comparative CALGB 80403 arms) appear "
    f"only in the table."
)

# %%
fig = forest_figure(trials)
show_figure(
    fig,
    height=fig.layout.height,
    caption=(
        "Overall-survival hazard ratios (experimental vs control) with confidence intervals at "
        "the level each trial reported (hover for the level), grouped by line of therapy and "
        "drug class. Filled circle: primary endpoint met in that population; cross: primary "
        "endpoint not met; open diamond: not a primary-endpoint analysis or outcome not "
        "recorded. Source: data/trials.csv."
    ),
)

# %% [markdown]
# Hazard ratios describe relative risk over the whole follow-up; the median survival in each
# arm shows the absolute scale. The next chart joins the control-arm and experimental-arm
# medians of every comparison that reports both.
# <!-- no citation: describes the figure -->

# %%
fig = dumbbell_figure(trials)
show_figure(
    fig,
    height=fig.layout.height,
    caption=(
        "Median overall survival (months) in the control arm (open circle) and the "
        "experimental arm (filled circle) of each comparison. Source: data/trials.csv."
    ),
)

# %% [markdown]
# Medians from different trials should not be compared with one another directly: the
# trials enrolled different populations (squamous only or mixed histology, PD-L1-selected or
# not, Asian or global), used different chemotherapy backbones and reported at different
# follow-up times. The table lists every row of the data file with its reference.
# <!-- no citation: how to read the figure -->

# %% tags=["remove-input"]
show_table(
    table_rows(trials),
    TABLE_COLUMNS,
    caption="Trial comparisons in data/trials.csv",
    filterable=True,
    raw_columns=["source"],
)
