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
# # Conclusions {#conclusions}

# %% tags=["remove-input"]
from esoreview.display import show_markdown
from esoreview.evidence.changes import load_changes, reviewed_markdown

show_markdown(reviewed_markdown(load_changes("data/evidence-changes.csv"), "conclusions"))

# %% [markdown]
# Metastasis of oesophageal cancer is not one process but several. Tumour cells reach
# regional nodes through lymphatic vessels whose growth is driven by VEGF-C and VEGFR-3
# ([lymphatic spread](lymphatic-metastasis.md#vegfc-vegfr3)); they enter the blood after
# remodelling their adhesion molecules and passing through an epithelial–mesenchymal
# transition ([haematogenous spread](haematogenous-metastasis.md#emt)); and distant organs can
# be prepared in advance by tumour-derived factors and vesicles
# ([pre-metastatic niche](haematogenous-metastasis.md#premetastatic-niche)). Throughout, the
# tumour shapes its immune surroundings: PD-L1 on tumour cells and macrophages, regulatory T
# cells and myeloid-derived suppressor cells all blunt the attack of cytotoxic lymphocytes
# ([immune escape](immune-escape.md#immune-escape)) [@jiang2017prognostic; @wang2023mechanisms].
# Lymph may also shield tumour cells from ferroptosis on their way to distant sites
# ([ferroptosis](ferroptosis-immune-cells.md#ferroptosis)) [@ubellacker2020lymph].
#
# Treatment has moved in step with this biology more in some areas than in others. The
# clearest change is the addition of PD-1 antibodies to first-line platinum chemotherapy for
# advanced squamous cell carcinoma, which lengthened median survival in a consistent set of
# randomised trials; the gain is larger, in relative terms, when tumours express more PD-L1
# ([trial evidence](immunotherapy.md#trial-evidence), [PD-L1 score](immunotherapy.md#pd-l1-cps))
# [@sun2021pembrolizumab; @doki2022checkmate648; @lu2022sintilimab]. Cytotoxic chemotherapy
# remains the partner of these antibodies ([regimens](chemotherapy.md#chemotherapy-regimens))
# [@sun2021pembrolizumab]. In contrast, antibodies against EGFR have not improved survival
# and HER2 blockade helps only the HER2-positive adenocarcinomas of the junction and stomach;
# adding pertuzumab to trastuzumab did not meet its survival endpoint
# ([targeted therapy](targeted-therapy.md#anti-her2))
# [@smyth2020egfr; @bang2010toga; @tabernero2018jacob].

# %% tags=["remove-input"]
from esoreview.display import show_markdown
from esoreview.evidence import load_trials

trials = load_trials("data/trials.csv")
with_hr = [r for r in trials if r.os_hr is not None]
below_one = [r for r in with_hr if r.os_ci_high is not None and r.os_ci_high < 1]
met = [r for r in trials if r.primary_endpoint_met is True]
not_met = [r for r in trials if r.primary_endpoint_met is False]
keys = "; ".join(sorted({f"@{r.citation_key}" for r in with_hr}))
show_markdown(
    f"Of the {len(with_hr)} comparisons in `data/trials.csv` that report an overall-survival "
    f"hazard ratio, {len(below_one)} have a confidence interval lying wholly below 1. "
    f"{len(met)} rows record a primary endpoint that was met and {len(not_met)} one that was "
    f"not [{keys}]."
)

# %% [markdown]
# Corrections matter in a field that moves this fast. Several statements in the source review
# run opposite to the trials they describe: nivolumab prolonged rather than shortened survival
# in ATTRACTION-3, the JACOB survival gain was not significant, and circRUNX1 promotes rather
# than inhibits ESCC [@kato2019nivolumab; @tabernero2018jacob; @wang2022induced]. The full list
# is on the [corrections page](corrections.md#corrections).
#
# ## Open questions {#open-questions}
#
# - **Who benefits from checkpoint blockade?** PD-L1 scores enrich for benefit but are
#   imperfect, use different assays and cut-offs, and change under treatment
#   [@kojima2020keynote181; @doki2022checkmate648; @jiang2017prognostic]. Whether markers of the
#   suppressive microenvironment, such as macrophage or regulatory T-cell content
#   ([macrophages and PD-L1](immune-escape.md#macrophages-pd-l1),
#   [regulatory T cells](immune-escape.md#regulatory-t-cells)), would predict better is untested
#   in randomised trials [@wang2023mechanisms].
# - **How should chemotherapy and immunotherapy be sequenced?** Radiation and EGFR signalling
#   raise PD-L1 in ESCC cells, and PD-L1 changes during chemotherapy in patients
#   ([chemotherapy and PD-L1](immunotherapy.md#chemotherapy-pd-l1))
#   [@chen2016role; @zhang2017induction; @jiang2017prognostic]; whether these shifts should guide
#   the order or timing of treatment is unknown.
# - **Can lymphatic spread be targeted?** VEGF-C/VEGFR-3 signalling and cancer-associated
#   fibroblasts drive nodal metastasis in experimental systems
#   ([VEGF-C and VEGFR-3](lymphatic-metastasis.md#vegfc-vegfr3),
#   [fibroblasts](lymphatic-metastasis.md#cancer-associated-fibroblasts)), and an anti-PAI-1
#   antibody slowed ESCC spread in models [@zheng2023anti]; no such agent has reached clinical
#   testing in oesophageal cancer.
# - **Are non-coding RNAs and ferroptosis regulators druggable?** circRUNX1, exosomal
#   microRNAs and ferroptosis regulators such as SCARA5 are attractive in the laboratory
#   ([potential targets](targeted-therapy.md#potential-targets))
#   [@wang2022induced; @song2021esophageal; @anon2022scara], but ferroptosis can help or hinder
#   tumours depending on context ([ferroptosis](ferroptosis-immune-cells.md#ferroptosis))
#   [@ubellacker2020lymph].
# - **Do chemoresistance pathways offer combination partners?** HN1L–PLK1 signalling, YAP1–EGFR
#   and *Porphyromonas gingivalis* infection each reduced chemotherapy efficacy in one study
#   ([response modifiers](chemotherapy.md#chemotherapy-response-modifiers))
#   [@zeng2022signaling; @song2015hippo; @gao2021porphyromonas]; confirmation in independent
#   cohorts is the next step.
# - **Where do the models on this site stop?** The interactive models (for example
#   [5-FU kinetics](chemotherapy.md#fluorouracil-pk) and the
#   [tumour–immune model](immune-escape.md#tumour-immune-model)) illustrate mechanisms with
#   published or clearly flagged illustrative parameters; none is calibrated to predict an
#   individual patient's course.
# <!-- no citation: about this site's models -->
#
# This site is a living review: the trial file, the bibliography and the pages are rebuilt
# together, so new trial reports can be added as rows of `data/trials.csv` and appear in every
# figure that reads it.
# <!-- no citation: about this site -->
