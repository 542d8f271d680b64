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
# # Targeted therapy {#targeted-therapy}
#
# Targeted drugs act on a named molecule that the tumour or its blood supply depends on. In
# oesophageal and gastro-oesophageal junction cancer the clinically tested targets are the
# growth-factor receptors EGFR and HER2 and the angiogenic receptor VEGFR-2, reached with
# monoclonal antibodies [@enzinger2016calgb; @bang2010toga; @wilke2014rainbow], and, in gastric
# and junctional adenocarcinoma, the tight-junction protein claudin 18.2 [@shitara2023spotlight].
# Trial rows on this page are read from `data/trials.csv`, each with the analysis and the place
# in the publication its numbers come from. The
# checkpoint antibodies against PD-1 and PD-L1, which the source review also lists among the
# monoclonal antibodies, are covered on the [immunotherapy page](immunotherapy.md#immunotherapy).
# The table at the end of this page links every drug to its target and to the page where the
# target's role in metastasis is explained. The page is educational and is not treatment
# advice.
#
# ## Anti-EGFR antibodies {#anti-egfr}
#
# Cetuximab and panitumumab bind the extracellular domain of EGFR and stop its ligands, such as
# EGF and TGF-α, from activating it [@smyth2020egfr; @enzinger2016calgb]. EGFR signalling feeds
# both proliferation and the epithelial–mesenchymal transition described on the [haematogenous
# metastasis page](haematogenous-metastasis.md#emt), and it also raises PD-L1 on ESCC cells
# [@zhang2017induction]. Clinical results have nonetheless been disappointing. In the REAL3 trial,
# adding panitumumab to epirubicin, oxaliplatin and capecitabine did not improve survival, and a
# later biomarker analysis of that trial asked whether tumours with EGFR amplification behaved
# differently [@smyth2020egfr]. The source review presents that analysis as a 2020 trial and
# speculates about an antagonism between anthracyclines and panitumumab; the paper is a
# retrospective analysis of the earlier trial [@smyth2020egfr].
#
# In resectable disease, SAKK 75/08 added cetuximab to neoadjuvant chemotherapy and
# chemoradiation followed by surgery [@ruhstaller2018neoadjuvant]. Its primary endpoint was
# progression-free survival; we did not find the trial's survival figures in a source we could
# check, so `data/trials.csv` records only its design, and we do not repeat the source
# review's contradictory description of a "significant" effect that "was not significant".
# The randomised phase 2 CALGB 80403 trial gave cetuximab with one of three chemotherapy
# backbones in metastatic oesophageal and junctional adenocarcinoma; its arms were not
# compared formally with one another [@enzinger2016calgb].

# %% tags=["remove-input"]
from esoreview.display import show_markdown, show_table
from esoreview.evidence import load_trials

trials = load_trials("data/trials.csv")
by_id = {row.comparison_id: row for row in trials}

calgb = [r for r in trials if r.trial.startswith("CALGB 80403")]
arms = "; ".join(
    f"{r.experimental_arm}: median OS {r.os_median_exp:.1f} months, median PFS "
    f"{r.pfs_median_exp:.1f} months"
    for r in calgb
)
sakk = by_id["sakk7508-itt"]
show_markdown(
    f"CALGB 80403 reported, per arm, {arms} [@enzinger2016calgb]. In SAKK 75/08, "
    f"{sakk.n_experimental} patients were assigned to cetuximab and {sakk.n_control} to the "
    f"control arm [@ruhstaller2018neoadjuvant]."
)

# %% [markdown]
# Reading the CALGB figures, the source review concludes that the irinotecan–cisplatin arm was
# the least effective; because the trial was designed to measure response in each arm, not to
# compare arms, that ranking is descriptive only [@enzinger2016calgb]. The review also
# mentions a 2020 study of cetuximab with oxaliplatin and 5-FU in which deaths from acute
# respiratory distress syndrome occurred; it gives no reference, and its explanation (an
# anthracycline toxicity) does not fit a regimen without an anthracycline, so we do not repeat
# it [@wang2023mechanisms].
#
# ## Anti-HER2 antibodies {#anti-her2}
#
# HER2 is a member of the EGFR family that has no known ligand of its own; it signals by
# pairing with ligand-bound EGFR, HER3 or HER4 [@nami2018mechanisms]. The source review
# describes anti-HER2 antibodies as blocking "human epidermal growth factor" from binding HER2,
# which is not how they work. Trastuzumab binds the juxtamembrane domain IV of HER2, dampens
# ligand-independent HER2 signalling and recruits immune cells that kill antibody-coated tumour
# cells (antibody-dependent cellular cytotoxicity); pertuzumab binds the dimerisation domain II
# and prevents HER2 from pairing with other receptors [@nami2018mechanisms].
#
# The clinical evidence comes from trials in HER2-positive gastric and gastro-oesophageal
# junction adenocarcinoma, where the antibody combined with trastuzumab is pertuzumab (the
# source review misnames it; see the [corrections page](corrections.md)) [@tabernero2018jacob].

# %% tags=["remove-input"]
toga, jacob = by_id["toga-itt"], by_id["jacob-itt"]
show_markdown(
    f"In ToGA, adding trastuzumab to cisplatin and a fluoropyrimidine prolonged survival "
    f"(median OS {toga.os_median_exp:.1f} vs {toga.os_median_ctrl:.1f} months; hazard ratio "
    f"{toga.ci_text('os')}) [@bang2010toga]. JACOB then added pertuzumab to trastuzumab and "
    f"chemotherapy in {jacob.n_experimental + jacob.n_control} patients. Median OS was "
    f"{jacob.os_median_exp:.1f} vs {jacob.os_median_ctrl:.1f} months (hazard ratio "
    f"{jacob.ci_text('os')}), which did **not** meet the trial's primary endpoint; the "
    f"progression-free survival difference (hazard ratio {jacob.ci_text('pfs')}) is therefore "
    f"descriptive only [@tabernero2018jacob]. The source review reports JACOB as a 2023 "
    f"finding of improved survival; the primary report appeared in {jacob.publication_year} "
    f"and was negative for its primary endpoint. An end-of-study analysis again reported no "
    f"overall-survival benefit from adding pertuzumab [@taberneronduntitled]."
)

# %% [markdown]
# Three newer lines of evidence extend the HER2 story in gastric and gastro-oesophageal junction
# adenocarcinoma; none of these trials enrolled squamous cell carcinoma. KEYNOTE-811 added the
# PD-1 antibody pembrolizumab to first-line trastuzumab and fluoropyrimidine-platinum
# chemotherapy, with progression-free and overall survival as dual primary endpoints
# [@janjigian2023keynote811]. Trastuzumab deruxtecan is an antibody-drug conjugate: a
# trastuzumab-like antibody carrying a topoisomerase I inhibitor through a cleavable linker; it
# was tested after trastuzumab-based treatment in the randomised phase 2 DESTINY-Gastric01 trial
# (Japan and South Korea, third line or later), in the single-arm DESTINY-Gastric02 study (USA and
# Europe, second line, HER2 confirmed on a new biopsy) and against ramucirumab with paclitaxel in
# the phase 3 DESTINY-Gastric04 trial [@shitara2020destinygastric01;
# @vancutsem2023destinygastric02; @shitara2025destinygastric04].

# %% tags=["remove-input"]
k811, k811_cps1 = by_id["keynote811-itt"], by_id["keynote811-cps1"]
dg01, dg04 = by_id["destinygastric01"], by_id["destinygastric04"]


def cut(row):
    """Analysis and data cut-off as the data row records them."""
    return f"{row.analysis}; data cut-off {row.data_cutoff or 'not stated in the record we read'}"


show_markdown(
    f"At the second interim analysis of KEYNOTE-811 ({k811.n_experimental} vs "
    f"{k811.n_control} patients), adding pembrolizumab lengthened progression-free survival "
    f"(median {k811.pfs_median_exp:.1f} vs {k811.pfs_median_ctrl:.1f} months; hazard ratio "
    f"{k811.ci_text('pfs')}; {cut(k811)}) [@{k811.citation_key}]. Most patients "
    f"({k811_cps1.n_experimental + k811_cps1.n_control} of "
    f"{k811.n_experimental + k811.n_control}) had tumours with PD-L1 CPS ≥1; the subgroup hazard "
    f"ratios and the final overall-survival "
    f"analysis (presented in 2024) are not entered because we did not see them in a publication "
    f"record [@{k811.citation_key}]. In DESTINY-Gastric01, trastuzumab deruxtecan prolonged "
    f"survival compared with irinotecan or paclitaxel (median OS {dg01.os_median_exp:.1f} vs "
    f"{dg01.os_median_ctrl:.1f} months; hazard ratio {dg01.ci_text('os')}; {cut(dg01)}), although "
    f"overall survival was a secondary endpoint there [@{dg01.citation_key}]. DESTINY-Gastric04 "
    f"confirmed a survival gain in the second line against ramucirumab with paclitaxel "
    f"({dg04.n_experimental} vs {dg04.n_control} patients; median OS {dg04.os_median_exp:.1f} vs "
    f"{dg04.os_median_ctrl:.1f} months; hazard ratio {dg04.ci_text('os')}; {cut(dg04)}) "
    f"[@{dg04.citation_key}]. DESTINY-Gastric02 had no control arm, so it reports a response "
    f"rate rather than a hazard ratio [@vancutsem2023destinygastric02]."
)

# %% [markdown]
# ## Claudin 18.2 {#anti-cldn18}
#
# Claudin 18.2 (CLDN18.2) is a tight-junction protein of normal gastric mucosa that is kept in
# many gastric and junctional adenocarcinomas. Zolbetuximab is a monoclonal antibody against it.
# Two placebo-controlled phase 3 trials added zolbetuximab to first-line oxaliplatin-based
# chemotherapy in HER2-negative tumours in which at least 75% of tumour cells stained for CLDN18:
# SPOTLIGHT with mFOLFOX6 and GLOW with capecitabine and oxaliplatin (CAPOX)
# [@shitara2023spotlight; @shah2023glow]. Both used progression-free survival as the primary
# endpoint and overall survival as a key secondary endpoint.

# %% tags=["remove-input"]
spot, glow = by_id["spotlight-itt"], by_id["glow-itt"]
show_markdown(
    f"In SPOTLIGHT ({spot.n_experimental} vs {spot.n_control} patients), median PFS was "
    f"{spot.pfs_median_exp:.2f} vs {spot.pfs_median_ctrl:.2f} months (hazard ratio "
    f"{spot.ci_text('pfs')}) and median OS {spot.os_median_exp:.2f} vs "
    f"{spot.os_median_ctrl:.2f} months (hazard ratio {spot.ci_text('os')}; {cut(spot)}) "
    f"[@{spot.citation_key}]. GLOW found the same direction with CAPOX: median PFS "
    f"{glow.pfs_median_exp:.2f} vs {glow.pfs_median_ctrl:.2f} months (hazard ratio "
    f"{glow.ci_text('pfs')}) and median OS {glow.os_median_exp:.2f} vs "
    f"{glow.os_median_ctrl:.2f} months (hazard ratio {glow.ci_text('os')}; {cut(glow)}) "
    f"[@{glow.citation_key}]."
)

# %% [markdown]
# These are gastric and junctional adenocarcinoma trials. Whether claudin 18.2 matters in
# oesophageal adenocarcinoma above the junction, or in squamous cell carcinoma, is not answered
# by them [@shitara2023spotlight; @shah2023glow]. The doses used in all these trials are in the
# [regimen table](perioperative-adjuvant.md#treatment-regimens).

# %% [markdown]
# ## Anti-VEGFR-2 antibodies {#anti-vegfr2}
#
# Ramucirumab binds the receptor VEGFR-2, not its ligand VEGF, and so blocks
# VEGF-driven signalling into endothelial cells [@wilke2014rainbow]. The biology of VEGF
# signalling in metastasis is set out on the
# [haematogenous metastasis page](haematogenous-metastasis.md#vegf-signalling). In RAINBOW,
# ramucirumab was added to weekly paclitaxel after failure of first-line chemotherapy in
# gastric and gastro-oesophageal junction adenocarcinoma, with overall survival as the primary
# endpoint [@wilke2014rainbow]. The source review also states that ramucirumab potentiated
# nivolumab in ATTRACTION-2 and calls nivolumab an immunosuppressant. ATTRACTION-2 compared
# nivolumab with placebo in heavily pretreated gastric or junctional cancer and had no
# ramucirumab arm, so it cannot show such an interaction; at most, subgroup analyses looked at
# patients who had received ramucirumab earlier [@kang2017attraction2; @chen2020attraction2update;
# @kato2019subanalysis]. Nivolumab is a checkpoint inhibitor that activates T cells
# [@kang2017attraction2].
#
# ## Potential targets {#potential-targets}
#
# Beyond the approved targets, laboratory work on ESCC points to molecules that could be
# targeted in future; none of the following has been tested in patients:
#
# - **PAI-1.** Cancer-associated fibroblasts secrete plasminogen activator inhibitor-1, which
#   promotes ESCC invasion. Two monoclonal antibodies, mAb-1E2 and mAb-2E3, prevented PAI-1
#   from binding LRP1 and uPA and reduced ESCC growth and metastasis in experimental models
#   [@zheng2023anti]; the fibroblast side of this axis is described on the
#   [lymphatic metastasis page](lymphatic-metastasis.md#cancer-associated-fibroblasts).
# - **circRUNX1.** This circular RNA, stabilised by the RNA-binding protein IGF2BP2,
#   *promotes* ESCC growth and metastasis: it sponges miR-449b-5p and so relieves repression of
#   FOXP3 in the tumour cells [@wang2022induced]. The source review reverses the direction of
#   the effect, names the microRNA as "miR-499b-5p" and calls FOXP3 a Treg surface protein; it
#   is a transcription factor. The link to regulatory T cells is discussed on the
#   [immune escape page](immune-escape.md#regulatory-t-cells).
# - **MicroRNAs and long non-coding RNAs.** Extracellular-vesicle miR-21-5p from ESCC cells
#   promotes epithelial–mesenchymal transition by shifting macrophage polarisation
#   [@song2021esophageal]; miR-142-3p has been studied as a prognostic marker
#   [@lin2011mir142]; and the long non-coding RNAs SSTR5-AS1 and TPT1-AS1 have been linked to
#   ESCC progression and invasion [@hu2023untitled; @cheng2023lncrna]. RNA cargo carried
#   between cells is described on the
#   [lymphatic metastasis page](lymphatic-metastasis.md#exosomal-rnas).
# - **Ferroptosis regulators.** Ferroptosis, an iron-dependent form of cell death, can restrain
#   or help tumours, so targets need care. DNAJB6 and SCARA5 have been reported to promote
#   ferroptosis in ESCC cells and to slow tumour progression [@anon2019untitled;
#   @anon2022scara]; see the [ferroptosis page](ferroptosis-immune-cells.md#ferroptosis).
#
# The table links each drug discussed on the three treatment pages to its target, its mode of
# action and the section of this site where the target's role in metastasis is explained. It
# is read from `data/drugs.csv`.
# <!-- no citation: describes the table -->

# %% tags=["remove-input"]
import csv

with open("data/drugs.csv", newline="", encoding="utf-8") as handle:
    drugs = list(csv.DictReader(handle))

rows = []
for drug in drugs:
    keys = "; ".join(f"@{key}" for key in drug["citation_keys"].split(";") if key)
    rows.append(
        {
            "drug": drug["drug"],
            "class": drug["class"],
            "target": f"[{drug['target']}]({drug['mechanism_section']})",
            "mechanism": drug["mechanism"],
            "source": f"[{keys}]",
        }
    )
show_table(
    rows,
    [
        ("drug", "Drug"),
        ("class", "Class"),
        ("target", "Target (link: role in metastasis)"),
        ("mechanism", "Mechanism"),
        ("source", "References"),
    ],
    caption="Drug, target and mechanism (data/drugs.csv)",
    filterable=True,
    raw_columns=["target", "source"],
)
