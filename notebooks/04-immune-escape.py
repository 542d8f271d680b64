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
# # Immune escape {#immune-escape}
#
# A metastasis can only grow if the cancer cells avoid destruction by the immune system. In the
# tumour microenvironment the main killers are CD8+ cytotoxic T cells and natural killer (NK)
# cells; against them stand suppressive cell types, chiefly M2-polarised macrophages,
# cancer-associated fibroblasts (CAFs), regulatory T cells (Tregs) and myeloid-derived suppressor
# cells (MDSCs), together with the cytokines and chemokines they exchange [@wang2023mechanisms].
# This page reviews each of them in turn, with the emphasis on what has been shown in esophageal
# cancer, and ends with two small mathematical models of tumour–immune dynamics that can be run
# in the browser.
#
# As on the haematogenous-metastasis page, the network below rebuilds the corresponding figure of
# the source review (its Figure 2) from rows of `data/evidence.csv` marked `fig2`: every arrow is a
# claim, coloured by effect. Hovering over its diamond shows the claim; clicking it opens the
# claim's row in the table under the figure, with its sources.
# <!-- no citation: describes the figure -->

# %% [markdown]
# !!! abstract "Key points"
#
#     - A metastasis grows only if its cells escape CD8+ T cells and NK cells; macrophages,
#       fibroblasts, Tregs and MDSCs, and the signals they exchange, work against those killers
#       [@wang2023mechanisms].
#     - Recruited through CCL2 and CCR2, tumour-associated macrophages promote immune evasion
#       through PD-1 signalling in experimental esophageal cancer [@anon2020axis].
#     - Treg CTLA-4 is a membrane receptor, not a secreted factor: it pulls CD80 and CD86 off
#       antigen-presenting cells, so T cells lose CD28 co-stimulation [@tekguc2021treg].
#     - In ESCC, cells carrying CCL17 or CCL22 rise together with Tregs, and Tregs from these
#       tumours migrate towards both chemokines [@anon2010ccl17].
#     - IL-6 raises PD-L1 in ESCC through JAK2 and STAT3 [@lu2021metformin] and helps expand
#       suppressive MDSCs [@chen2014stimulated].

# %%
import pandas as pd
import plotly.graph_objects as go

from esoreview.display import show_figure, show_markdown
from esoreview.evidence.mechanisms import network_figure, show_claims
from esoreview.kinetics.api import describe, run

evidence = pd.read_csv("data/evidence.csv").fillna("")


# %%
fig2 = evidence[evidence.figure == "fig2"]
show_figure(
    network_figure(fig2, anchors="fig2"),
    height=640,
    caption=(
        "Immunosuppression in esophageal cancer rebuilt from data/evidence.csv (rows marked fig2): "
        "nodes are actors and targets, arrows are claims coloured by effect; hover over a diamond "
        "for the claim, click it for the claim's row and sources in the table below."
    ),
)
show_claims(fig2, "Edges of the immunosuppression network", anchors="fig2")

# %% [markdown]
# ## Macrophages and the PD-1 pathway {#macrophages-pd-l1}
#
# Macrophages in tumours span a range of states, usually simplified to pro-inflammatory M1 and
# tissue-repairing, immunosuppressive M2 phenotypes. In esophageal carcinoma, polarisation of
# tumour-associated macrophages (TAMs) towards the M2-like state promotes tumour progression
# [@yuan2021tumor]. Macrophages are recruited through the CCL2–CCR2 chemokine axis, and in
# experimental esophageal carcinogenesis the recruited TAMs induce immune evasion through PD-1
# signalling [@anon2020axis]. Cancer cells themselves can push macrophages in this direction:
# vesicle-borne miR-21-5p from ESCC cells disturbs macrophage polarisation [@song2021esophageal].
#
# PD-1 is an inhibitory receptor on activated T cells with two ligands, PD-L1 and **PD-L2**; both
# are ligands, not receptors, and engagement of PD-1 by either inhibits T-cell receptor-driven
# proliferation and cytokine production [@latchman2001pd]. The clinical use of antibodies against
# this pathway is covered on the [immunotherapy](immunotherapy.md#checkpoint-inhibitors) page.
#
# ## CAFs as immune suppressors {#caf-immunosuppression}
#
# Cancer-associated fibroblasts, introduced on the
# [lymphatic metastasis](lymphatic-metastasis.md#cancer-associated-fibroblasts) page, act on
# immune cells in several ways. FAP-positive CAFs secrete CCL2 and IL-6 [@anon2019fibroblast],
# which recruit myeloid cells and, as described below, raise PD-L1 and expand MDSCs. CAF-derived
# PAI-1 promotes the migration of macrophages through LRP1 [@sakamoto2020derived]. WNT2 secreted by
# CAFs suppresses the differentiation of dendritic cells and so the priming of antitumour CD8+ T
# cells; neutralising WNT2 restored these responses and enhanced PD-1 blockade in mouse models
# [@huang2022targeting].
#
# ## Regulatory T cells {#regulatory-t-cells}
#
# Regulatory T cells are CD4+ T cells that express the transcription factor Foxp3 and restrain
# immune responses [@wang2023mechanisms; @tekguc2021treg]. Three of their mechanisms are well
# defined.
#
# - **IL-2 deprivation.** Tregs carry the high-affinity IL-2 receptor and consume IL-2 and related
#   common γ-chain cytokines, depriving effector T cells of survival signals; in mouse models this
#   cytokine deprivation induced apoptosis of effector CD4+ T cells [@pandiyan2007cd4].
# - **Suppressive cytokines.** Tregs act through IL-10 and TGF-β [@wang2023mechanisms]; IL-32 is
#   not one of their suppressive cytokines, although, as described under cytokines below, it can
#   promote Treg development.
# - **CTLA-4.** CTLA-4 is a **membrane** receptor that Tregs express constitutively; it is not
#   secreted. Treg CTLA-4 binds CD80 and CD86 on antigen-presenting cells and removes them from
#   the cell surface by trogocytosis, without any intermediary cell. Loss of CD80/CD86 deprives
#   naive T cells of CD28 co-stimulation, and because CD80 normally pairs with PD-L1 on the same
#   cell, its removal also leaves more free PD-L1 on the antigen-presenting cell, which can then
#   engage PD-1 on effector T cells [@tekguc2021treg].
#
# Tregs are attracted by chemokines. The chemokine receptor CCR4 binds **CCL17** (TARC) and
# **CCL22** (MDC) and guides CCR4-bearing T cells towards antigen-presenting cells
# [@imai1999selective]; CCL21, in contrast, is a ligand of CCR7 [@anonndpromotes]. Both CCR4
# ligands are at work in ESCC. Foxp3+ Tregs made up about a quarter of the CD4+ lymphocytes in
# the tumours, against roughly 7% in normal esophageal mucosa; CD14+ cells in the tumours more
# often carried CCL17 or CCL22, the share of such cells rose with the share of Tregs, and Tregs
# isolated from ESCC migrated towards either chemokine in vitro [@anon2010ccl17]. In ESCC,
# infection of the tumour with *Fusobacterium nucleatum* has been associated with enrichment of
# Tregs [@zhang2021clinical].
#
# A third chemokine route runs through the tumour cells themselves. In ESCC cells the
# transcription factor Eomesodermin (Eomes), better known for driving cytotoxic lymphocytes, has
# CCL20 as its main target; CCL20 attracts Tregs through their receptor CCR6, and the recruited
# Tregs in turn promoted the proliferation of the cancer cells. Knocking Eomes down slowed the
# growth of ESCC xenografts, and in 133 resected tumours high Eomes went with a poor prognosis
# [@lian2020eomes]. The source review also discusses the interconversion of natural and induced
# Tregs and the higher affinity of CTLA-4 than CD28 for CD80/CD86; the works it cites for these
# points could not be identified [@wang2023mechanisms].
#
# ## Myeloid-derived suppressor cells {#mdsc}
#
# MDSCs are immature myeloid cells, granulocytic or monocytic, that accumulate in cancer and
# suppress T cells and NK cells [@wang2023mechanisms]. They themselves **express PD-L1**: in
# tumour-bearing mice, hypoxia strongly up-regulated PD-L1 on MDSCs through HIF-1α, and blocking
# PD-L1 under hypoxia restored MDSC-exposed T-cell activation [@noman2014pd]. In patients with
# ESCC, IL-6-stimulated CD11b+CD14+HLA-DR− MDSCs were associated with disease progression and poor
# prognosis [@chen2014stimulated].
#
# MDSCs come in two main forms, granulocytic (polymorphonuclear) and monocytic, and they use
# several suppressive tools: arginase-1, which depletes the arginine that T cells need;
# nitric oxide from inducible NO synthase (NOS2); reactive oxygen species and peroxynitrite; and
# the induction of Tregs [@dilek2012myeloid]. The transcription factor STAT3 links the tumour's
# cytokines to one of these tools: in MDSCs from patients with head and neck cancer, activated
# STAT3 bound the promoter of the arginase-1 gene and drove its expression, and blocking STAT3
# lowered arginase-1 and relieved T-cell suppression [@vasquezdunddel2013stat3]. That study
# examined monocytic (CD14+) MDSCs, whereas the source review attributes the STAT3–arginase-1 link
# to the granulocytic subset. Nitric oxide, the product of NOS2, switches off T cells
# downstream of the IL-2 receptor: T cells activated beside NO-producing macrophages made IL-2
# and its receptor yet did not divide, because NO reduced the tyrosine phosphorylation of JAK3
# and STAT5, an effect that could be reversed [@bingisser1998macrophage]. The source review's
# further statements that IL-6 and CXCL16 induce CD38 on MDSCs in esophageal cancer models, that
# NO lowers MHC class II, and that the Th2 cytokine IL-4 raises MDSC arginase-1 cite studies we
# could not identify [@wang2023mechanisms].
#
# ## Cytokines {#cytokines}
#
# Several interleukins recur in the esophageal cancer literature:
#
# - **IL-6** signals through the JAK2/STAT3 pathway and raises PD-L1 expression in ESCC; metformin
#   lowers PD-L1 by inhibiting this IL-6 signalling [@lu2021metformin]. IL-6 also promotes the
#   expansion of suppressive MDSCs [@chen2014stimulated], and the tumour suppressor ING5 restrains
#   migration and invasion of esophageal cancer cells by down-regulating IL-6/CXCL12 signalling
#   [@wangndinhibits].
# - **IL-10** is a suppressive cytokine. In esophageal carcinoma tissues IL-10 and PD-L1 levels
#   were related, and in cell experiments IL-10 down-regulated PD-L1 through Met signalling
#   [@qianndrelationship]. IL-10 made by tumour-associated macrophages can also enlarge the Treg
#   pool: in epithelial ovarian cancer, CD4+ T cells cultured with macrophages and IL-10 gave
#   rise to more Tregs, an effect the authors also followed in a mouse model
#   [@zhu2016interaction]; we found no esophageal study of this step.
# - **IL-10** is also said by the source review to induce HLA-G and the release of MMPs in ESCC,
#   citing a 2014 study in *Immunology Letters* whose title and abstract we could not read; we
#   name the study but do not restate its finding [@zheng2014untitled].
# - **IL-32** has two faces in ESCC: it promotes the development of Foxp3+ Tregs and also supports
#   CD8+ T-cell function [@han2021interleukin]. In monocytic cells it induces TNF-α through NF-κB
#   and p38 MAPK [@kim2005interleukin].
# - **TGF-β** activates Tregs, converts fibroblasts to CAFs and favours M2 macrophages
#   [@wang2023mechanisms]; its receptor cascade is described on the
#   [haematogenous metastasis](haematogenous-metastasis.md#tgf-beta-smad) page.
#
# - **IL-33** goes with Tregs in ESCC. In resected tumours from 80 patients, the more tumour and
#   stromal cells expressed IL-33, the denser the Foxp3+ Treg infiltrate of the stroma, and the
#   IL-33 receptor ST2 sat mainly on those Tregs [@cui2019il33]. The design shows an association
#   in tissue; that IL-33 recruits the Tregs is the authors' interpretation.
#
# The source review also discusses IL-4, which favours M2 polarisation and restrains Th1 cells,
# and an IL-4 gene variant (rs2243263) linked to ESCC risk [@wang2023mechanisms]; the primary
# studies behind these statements have not been identified, so they are not in the evidence
# table.

# %%
section_ids = [
    "macrophages-pd-l1",
    "caf-immunosuppression",
    "regulatory-t-cells",
    "mdsc",
    "cytokines",
]
show_claims(evidence[evidence.section_id.isin(section_ids)], "All claims cited on this page")

# %% [markdown]
# ## Tumour–immune dynamics: two small models {#tumour-immune-model}
#
# Simple differential-equation models show how the same immune system can hold a tumour in check
# or let it escape, depending on where the system starts. The first widget implements the
# two-variable model of Kuznetsov and colleagues, with effector cells and tumour cells in
# dimensionless units and the published parameter values [@kuznetsov1994nonlinear]. Two extra
# terms, a *suppression* factor that divides effector killing and a *blockade* fraction that
# removes part of that suppression, are **illustrative additions of this site, not part of any
# cited model**: they show qualitatively how suppressive cells or checkpoint antibodies could
# shift the outcome, and their values carry no quantitative meaning.

# %% tags=["remove-input"]
from IPython.display import HTML, display

from esoreview.widgets.models import widget_html

display(HTML(widget_html("tumour_immune")))

# %% [markdown]
# The static figure shows the model's presets computed with the same code: a small tumour settles
# into a dormant, immune-controlled state, a large one escapes, and (illustratively) suppression
# lets the small tumour escape while partial blockade restores control.
# <!-- no citation: describes the figure -->

# %%
spec = describe("tumour_immune")
fig = go.Figure()
for name, preset in spec["presets"].items():
    res = run("tumour_immune", options={"preset": name, "t_end": spec["options"]["t_end"]["max"]})
    fig.add_trace(
        go.Scatter(
            x=res["time"]["values"],
            y=res["series"]["tumour"]["values"],
            mode="lines",
            name=preset["label"],
            line={"dash": "dot" if preset["params"] else "solid"},
        )
    )
tumour = res["series"]["tumour"]
fig.update_layout(
    xaxis_title=f"Time ({spec['time_unit']})",
    yaxis={"title": f"{tumour['label']} ({tumour['unit']})", "type": "log"},
    legend={"orientation": "h", "y": -0.2},
)
show_figure(
    fig,
    height=460,
    caption=(
        "Tumour trajectories of the Kuznetsov model presets; dotted lines use the illustrative "
        "suppression/blockade terms, which are not from a cited model."
    ),
)
dormant = run("tumour_immune", options={"preset": "dormancy"})["summary"]
escape = run("tumour_immune", options={"preset": "escape"})["summary"]
show_markdown(
    f"With the published parameters [@{spec['citation_key']}], the small inoculum ends near "
    f"{dormant['tumour_end']['value']:.1f} × 10^6 cells ({dormant['outcome']['value']}), whereas "
    f"the large one ends near {escape['tumour_end']['value']:.0f} × 10^6 cells "
    f"({escape['outcome']['value']})."
)

# %% [markdown]
# The second widget implements the tumour–NK–CD8+ T-cell model of de Pillis and colleagues,
# which separates the fast innate (NK) response from the slower, antigen-specific CD8+ response.
# Its parameter sets describe mouse tumours that do or do not express the ligands recognised by
# the effector cells. The parameter values were transcribed from a third-party reimplementation of
# the paper, so they should be treated as secondary [@depillis2005validated].

# %% tags=["remove-input"]
display(HTML(widget_html("tumour_nk_cd8")))

# %%
spec2 = describe("tumour_nk_cd8")
fig = go.Figure()
for name in ("nn", "ll"):
    res = run("tumour_nk_cd8", options={"preset": name})
    for series, dash in (("tumour", "solid"), ("cd8", "dot")):
        s = res["series"][series]
        fig.add_trace(
            go.Scatter(
                x=res["time"]["values"],
                y=[max(v or 0, 1e-1) for v in s["values"]],
                mode="lines",
                name=f"{spec2['presets'][name]['label']}: {s['label']}",
                line={"dash": dash},
            )
        )
fig.update_layout(
    xaxis_title=f"Time ({spec2['time_unit']})",
    yaxis={"title": "Cells", "type": "log"},
    legend={"orientation": "h", "y": -0.25},
)
show_figure(
    fig,
    height=480,
    caption=(
        "Tumour cells (solid) and CD8+ T cells (dotted) in the de Pillis model for a "
        "ligand-negative and a ligand-positive mouse tumour (values below 0.1 cell drawn at 0.1)."
    ),
)
show_markdown(
    "Model and parameter sets: "
    f"[@{spec2['citation_key']}]. Both models are teaching tools; they are not fitted to "
    "esophageal cancer and make no predictions about patients."
)


# %% [markdown]
# Some topics of the source review are deliberately left out of this page, each for the reason
# given below; the [coverage table](corrections.md#source-coverage) lists every topic of the
# source's mechanism sections and where this site covers it.
# <!-- no citation: describes the table of omitted topics -->

# %%
from pathlib import Path

from esoreview.display import show_table
from esoreview.evidence.coverage import left_out, load_coverage

show_table(
    [
        {"section": r.section, "topic": r.topic, "reason": r.reason}
        for r in left_out(load_coverage(Path("data/coverage.csv")), "immune-escape")
    ],
    [("section", "Source section"), ("topic", "Topic"), ("reason", "Why it is left out")],
    caption="Topics of the source review left out of this page",
)
