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
# monoclonal antibodies [@enzinger2016calgb; @bang2010toga; @wilke2014rainbow]. The
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
