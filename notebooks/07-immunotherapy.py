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

# %% tags=["remove-input"]
from esoreview.display import show_markdown
from esoreview.evidence.changes import load_changes, reviewed_markdown

show_markdown(reviewed_markdown(load_changes("data/evidence-changes.csv"), "immunotherapy"))

# %% [markdown]
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
# @wang2022jupiter06; @xu2023rationale306; @anon2023untitled]. Two later trials blocked the
# ligand instead of the receptor: GEMSTONE-304 added the anti-PD-L1 antibody sugemalimab to
# cisplatin and 5-fluorouracil [@anon2024sugemalimab], and SKYSCRAPER-08 added atezolizumab
# (anti-PD-L1) together with tiragolumab, an antibody against the inhibitory receptor TIGIT, to
# paclitaxel and cisplatin, without an arm that would show what tiragolumab adds
# [@anon2026tiragolumab]. CheckMate 648 also tested a
# chemotherapy-free doublet, nivolumab with the anti-CTLA-4 antibody ipilimumab, against
# chemotherapy alone [@doki2022checkmate648]. ASTRUM-007 gave serplulimab with cisplatin and
# 5-fluorouracil every two weeks instead of every three, and enrolled only patients whose
# tumours had PD-L1 CPS ≥1 [@anon2023untitled].

# %% tags=["remove-input"]
from esoreview.metaanalysis import explore, study_records

studies = study_records(trials)
latest = explore(studies, outcome="os", histology="any", subgroup="all")["rows"]
hrs = sorted(r["hr"] for r in latest)
keys = "; ".join(sorted({f"@{r['key']}" for r in latest}))
doublet = by_id["checkmate648-nivo-ipi-all"]
where = "within" if hrs[0] <= doublet.os_hr <= hrs[-1] else "outside"
show_markdown(
    f"Taking the latest analysis of each of the {len(latest)} first-line trials of a PD-1 or "
    f"PD-L1 antibody plus chemotherapy that report an overall-survival hazard ratio for all "
    f"randomised patients, the point estimates range from {hrs[0]:.2f} to {hrs[-1]:.2f} "
    f"[{keys}]. The chemotherapy-free doublet of CheckMate 648 lies {where} that range "
    f"({os_sentence(doublet)}) [@doki2022checkmate648]."
)

# %% [markdown]
# ### Longer follow-up {#first-line-long-term}
#
# Several first-line trials have since reported their survival again, one to three years
# after the analysis that established them. Each update is a separate publication with its
# own data cut-off, so the data file keeps it as its own row and every number below cites the
# report it comes from [@shah2024keynote590five; @anon2023escort1stfinal;
# @anon2024rationale306update].
# ORIENT-15 presented updated overall survival in 2023 [@lu2023orient15update]; its figures
# were visible to us only in a company announcement, without confidence intervals, so they are
# not recorded and the ORIENT-15 rows remain those of the interim analysis
# [@anon2021orient15lba52].

# %% tags=["remove-input"]
k590, k590_5y = by_id["keynote590-itt"], by_id["keynote590-5y-itt"]
esc, esc_final = by_id["escort1st-itt"], by_id["escort1st-final-itt"]
r306, r306_3y = by_id["rationale306-itt"], by_id["rationale306-3y-itt"]
show_markdown(
    f"In KEYNOTE-590 the first interim analysis gave {os_sentence(k590)} "
    f"[@{k590.citation_key}]; with a data cut-off of {k590_5y.data_cutoff} the all-patient "
    f"comparison stood at {os_sentence(k590_5y)} [@{k590_5y.citation_key}]. ESCORT-1st "
    f"reported {os_sentence(esc)} at its interim analysis [@{esc.citation_key}] and "
    f"{os_sentence(esc_final)} at its final analysis (cut-off {esc_final.data_cutoff}) "
    f"[@{esc_final.citation_key}]. For RATIONALE-306, the 2023 paper's interim analysis gave "
    f"{os_sentence(r306)} [@{r306.citation_key}]; the hazard ratio of "
    f"{r306_3y.ci_text('os')} that some later reports quote with the same medians belongs to "
    f"the follow-up of at least three years [@{r306_3y.citation_key}], not to the 2023 paper "
    f"(an earlier version of this page attributed it to the 2023 paper)."
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
# ### Scores and assays {#pd-l1-assays}
#
# The trials did not only choose different cut-offs: they measured PD-L1 with different
# antibodies and counted different cells, so the same tumour can be "positive" in one trial's
# terms and not in another's. The table lists what each trial used, as far as a public record
# showed it [@anon2025wjgofirstline; @lu2022sintilimab; @onclive2025tislelizumabescc;
# @anon2023untitled].

# %% tags=["remove-input"]
import csv

with open("data/pdl1-assays.csv", newline="", encoding="utf-8") as handle:
    assays = [{**row, "source": f"[@{row['key']}]"} for row in csv.DictReader(handle)]
show_table(
    assays,
    [
        ("trial", "Trial"),
        ("drug", "Antibody tested"),
        ("score", "PD-L1 score"),
        ("assay", "Staining assay"),
        ("cutoffs", "Cut-offs used"),
        ("source", "Reference"),
    ],
    caption="PD-L1 scores, assays and cut-offs of the first-line trials ('not seen': no public "
    "record we read named it)",
    raw_columns=["source"],
)

# %% [markdown]
# ### The FDA advisory committee of 26 September 2024 {#pd-l1-fda-2024}
#
# The first US approvals of pembrolizumab and nivolumab with chemotherapy in oesophageal cancer
# did not depend on PD-L1. On 26 September 2024 the FDA asked its Oncologic Drugs Advisory
# Committee whether that should change, once for gastric and gastro-oesophageal junction
# adenocarcinoma and once for ESCC, reviewing pembrolizumab, nivolumab (with chemotherapy or with
# ipilimumab) and tislelizumab [@fda2024odacnotice]. For first-line ESCC with PD-L1 expression
# below 1, the committee voted 11 to 1, with one abstention, that the benefit of an anti-PD-1
# antibody did not outweigh its risks; members pointed to the absence of a survival gain in
# that group and to a treatment-by-PD-L1 interaction, while noting that the subgroups were
# small [@medthority2024odacescc]. In the adenocarcinoma session the vote was 10 to 2
# [@mmit2025fdarevises].
#
# **What changed on the labels.** In letters dated 22 May 2025 the FDA narrowed the
# gastrointestinal indications of pembrolizumab and nivolumab to PD-L1-positive disease
# [@mmit2025fdarevises]: first-line nivolumab with chemotherapy for ESCC, and nivolumab with
# ipilimumab for ESCC, now require PD-L1 expression of at least 1, as does pembrolizumab with
# chemotherapy in oesophageal and junctional adenocarcinoma and in HER2-negative gastric or
# junctional adenocarcinoma [@medpage2025fdarestricts]. Tislelizumab was approved in March
# 2025 for first-line ESCC with PD-L1 expression of at least 1 from the start
# [@onclive2025tislelizumabescc]. The label text for pembrolizumab in ESCC after these letters
# was not visible in the records we read, so this page does not state it.
#
# **What the subgroup data show, and what is missing here.** The committee's conclusion rests
# on hazard ratios in the PD-L1 < 1 subgroups of KEYNOTE-590, CheckMate 648 and RATIONALE-306
# [@fda2024odacnotice; @medthority2024odacescc]. Those subgroup numbers were not visible in any
# public record we could read, so the data file does not hold them and the explorer below can
# pool only the populations *above* a cut-off. A 2022 meta-analysis of ESCC trials reported an
# overall-survival hazard ratio of 0.60 (0.51–0.70) for CPS ≥ 10 against 0.83 (0.69–1.00) for
# CPS < 10 [@anon2022pdl1meta].
#
# ### Guidance {#pd-l1-guidance}
#
# The 2022 ESMO guideline recommends pembrolizumab with chemotherapy for untreated advanced ESCC,
# notes that the benefit is greatest with CPS ≥ 10, and records that the European approval was
# restricted to CPS ≥ 10 while the US approval at the time was not [@esmo2022oesophagealguideline].
# For Asian guidance, we could read neither the Chinese Society of Clinical Oncology nor the
# Japan Esophageal Society recommendations in a public record; a Chinese expert consensus on
# checkpoint inhibitors in oesophageal cancer was registered in February 2024, but its text was
# not available to us [@caca2024icconsensus]. This page therefore does not summarise them.
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
# Perioperative and adjuvant trials have their own page and forest plots.
advanced = [r for r in trials if r.line != "perioperative"]
shown = forest_rows(advanced)
non95 = [r for r in shown if r.os_ci_level is not None and abs(r.os_ci_level - 0.95) > 1e-9]
levels = ", ".join(sorted({format_level(r.os_ci_level) for r in non95}, reverse=True))
show_markdown(
    f"The forest plot shows {len(shown)} comparisons from "
    f"{len({r.trial for r in shown})} trial reports that give an overall-survival hazard "
    f"ratio; {len(non95)} of them carry an interval at a level other than 95% ({levels}). "
    f"Rows without a hazard ratio (for example the non-comparative CALGB 80403 arms) appear "
    f"only in the table; perioperative and adjuvant trials are plotted on the "
    f"[perioperative page](perioperative-adjuvant.md#periop-trial-evidence)."
)

# %%
fig = forest_figure(advanced)
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

# %% [markdown]
# Each row's reference is the one publication its numbers come from; the table also says where
# in that publication (or in which record of it) the numbers were read, and the data cut-off
# when the publication stated one.
# <!-- no citation: describes the table's columns -->

# %% tags=["remove-input"]
secondary = [r for r in trials if not r.from_primary_record and r.os_hr is not None]
listing = "; ".join(
    f"{r.trial} ({r.population}, {r.analysis}) [@{r.citation_key}]" for r in secondary
)
show_markdown(
    f"**Not yet checked against the primary text.** For {len(secondary)} rows the abstract or "
    f"full text of the publication itself was not visible to us, and the numbers were read in "
    f"a record that quotes it (a review table, a journal-club or meeting report): {listing}. "
    f"They are shown because at least one such record gave them, and are marked "
    f"'secondary' in the table's last column but one."
)

# %% [markdown]
# ## Evidence explorer {#evidence-explorer}
#
# The explorer pools the first-line trials of a PD-1 or PD-L1 antibody added to chemotherapy.
# Pick the outcome, the PD-L1 population, the histology and the trials; Python running in your
# browser computes the pooled hazard ratio on the log scale, by inverse-variance fixed effect
# and by DerSimonian–Laird random effects, with Cochran's Q, I² and tau², from each trial's
# hazard ratio and its confidence interval at the level the trial reported it
# [@dersimonian1986meta]. One row per trial enters: the latest analysis (or, if you choose,
# the first report), and for trials that report both, the broader population unless you ask
# for squamous cell carcinoma only. The chemotherapy-free CheckMate 648 arm is left out so that
# its shared control arm is not counted twice.
#
# A pooled number is a summary of these trials, not a prediction for a patient. The trials
# differ in regions, chemotherapy partners, follow-up and PD-L1 scoring (see above), and a
# pooled estimate across different scores is a rough reading at best.
# <!-- no citation: explains how to use the widget -->

# %% tags=["remove-input"]
from IPython.display import HTML, display

from esoreview.evidence.explorer_figure import pooled_forest_figure
from esoreview.widgets.explorer import widget_html

SUBGROUP_LABELS = {
    "all": "All randomised (no PD-L1 selection)",
    "CPS>=1": "PD-L1 CPS ≥ 1",
    "CPS>=10": "PD-L1 CPS ≥ 10",
    "TAP>=1%": "PD-L1 TAP ≥ 1%",
    "TPS>=1%": "Tumour-cell PD-L1 (TPS) ≥ 1%",
}
display(HTML(widget_html(studies, SUBGROUP_LABELS)))
default = explore(studies)
pooled = default["pooled"]
show_markdown(
    f"Without JavaScript, or before Python has loaded, the analysis for the default choices "
    f"(overall survival, all randomised patients, latest analysis, all {pooled['k']} trials) "
    f"is: random effects HR {pooled['random']['hr']:.2f} "
    f"(95% CI {pooled['random']['low']:.2f}–{pooled['random']['high']:.2f}), fixed effect "
    f"{pooled['fixed']['hr']:.2f} ({pooled['fixed']['low']:.2f}–{pooled['fixed']['high']:.2f}); "
    f"Q = {pooled['q']:.2f} on {pooled['df']} df, I² = {pooled['i2']:.0f}%, "
    f"tau² = {pooled['tau2']:.4f} "
    f"[{'; '.join(sorted({'@' + r['key'] for r in default['rows']}))}]."
)

# %%
fig = pooled_forest_figure(default)
show_figure(
    fig,
    height=fig.layout.height,
    caption=(
        "Overall-survival hazard ratios of the first-line PD-1/PD-L1 + chemotherapy trials "
        "(latest analysis, all randomised patients) with the fixed-effect and random-effects "
        "pooled estimates (diamonds). Each interval is drawn at the level its trial reported; "
        "square size follows the random-effects weight. Source: data/trials.csv."
    ),
)
