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
# # Lymphatic metastasis {#lymphatic-metastasis}
#
# Lymph-node involvement is the commonest form of spread in esophageal cancer and the strongest
# determinant of stage after depth of invasion [@rice2017cancer]. The molecular steps resemble
# those of spread through the blood: the tumour prepares the lymphatic bed and the draining nodes,
# cancer cells invade lymphatic vessels near the primary and travel to the nodes, and they must
# then escape the immune cells that the nodes concentrate [@wang2023mechanisms]. This page follows
# those steps; the immune part is continued on the [immune escape](immune-escape.md) page. (The
# source review headed these sections as "tumour metabolism"; they concern molecular and cellular
# mechanisms of spread, which is how we title them.)

# %% [markdown]
# !!! abstract "Key points"
#
#     - Involvement of the lymph nodes is the commonest form of spread in esophageal cancer and,
#       after depth of invasion, the main factor in its stage [@rice2017cancer].
#     - VEGF-C acting on VEGFR-3 of lymphatic endothelium makes lymphatic vessels grow and raises
#       lymphatic metastasis in experimental tumours [@hsu2019two].
#     - In ESCC, nicotine reduces OTUD3, which lets ZFP36 be degraded, so VEGF-C messenger RNA
#       lasts longer and nodal spread increases [@wang2021nicotine].
#     - Fibroblasts of the tumour stroma help: their PAI-1 acts through LRP1 on cancer cells and
#       macrophages [@sakamoto2020derived], and FAP-positive fibroblasts release CCL2 and IL-6
#       [@anon2019fibroblast].
#     - Chemokine pairs steer the cells, for instance CCL21 from lymphatic endothelium acting on
#       CCR7 of ESCC cells [@anonndpromotes].

# %%
import pandas as pd
import plotly.graph_objects as go

from esoreview.display import show_figure, show_markdown
from esoreview.evidence.mechanisms import EFFECT_COLOURS, NODE_FILL, NODE_RIM, show_claims
from esoreview.kinetics.api import describe, run

evidence = pd.read_csv("data/evidence.csv").fillna("")

# %% [markdown]
# ## VEGF-C, VEGF-D and VEGFR-3 {#vegfc-vegfr3}
#
# Lymphatic vessels grow in response to VEGF-C and VEGF-D. VEGF-C is the main ligand of VEGFR-3,
# a receptor expressed on lymphatic endothelial cells, and VEGF-C/VEGFR-3 signalling makes these
# cells proliferate and form new lymphatic vessels, which increases lymphatic metastasis in
# experimental tumours [@hsu2019two]. The same axis has also been implicated in immune
# tolerance and suppression, which links lymphangiogenesis to the immune escape discussed later
# [@hsu2019two]. Inside lymphatic endothelial cells, VEGFR-3 passes the signal on through the
# ERK1/2 and PI3K–Akt pathways, the same two branches that other growth-factor receptors use
# [@hsu2019two].
#
# VEGF-C acts beyond the primary tumour. In transgenic mice whose skin overexpressed VEGF-C,
# chemically induced skin tumours did not grow faster, but the lymphatic network inside the
# sentinel nodes expanded even before any cancer cell arrived; once the sentinel nodes held
# metastases, VEGF-C-expressing tumours spread more often to further nodes and to the lungs, and
# no distant organ was seeded without nodal metastasis [@anonndvegfc]. The source review adds that
# VEGF-C loosens junctions between lymphatic endothelial cells, naming the wrong protein
# where the junctional protein is a cadherin (see the [corrections page](corrections.md)); we
# found no esophageal study of that step.
#
# In ESCC, VEGF-C follows the stage of the disease. VEGF-C mRNA was found in 18 of 43 resected
# tumours and in none of ten samples of normal mucosa, and its presence went with nodal
# metastasis, TNM stage and depth of invasion [@ding2006vegfc]. In 119 patients, VEGF-C protein
# went with depth of invasion, lymphatic invasion and nodal metastasis, and patients whose
# tumours expressed both VEGF-C and VEGFR-3 had denser lymphatic microvessels and a poorer
# prognosis [@omoto2014vegfc]. We have not found a comparable esophageal study of VEGF-D.
#
# Several regulators of VEGF-C have been identified. The stem-cell transcription factor OCT4
# raises VEGF-C by activating its promoter and switches on VEGFR-3 in esophageal cancer cells,
# which drives EMT; OCT4 promoted xenograft growth and intraperitoneal metastasis, and patients
# whose tumours were positive for both OCT4 and VEGF-C had a poorer prognosis [@li2017oct4]. The
# source review also states that endostatin lowers VEGF-C production; the esophageal study behind
# that statement could not be identified [@wang2023mechanisms].
#
# One of the clearest mechanistic studies in ESCC concerns nicotine. Nicotine lowers the
# expression of OTUD3, a deubiquitinase that normally stabilises the RNA-binding protein ZFP36
# (tristetraprolin). With less OTUD3, ZFP36 is degraded; less ZFP36 is then available to bind the
# VEGF-C messenger RNA and promote its decay, so VEGF-C mRNA persists, VEGF-C protein rises and
# lymphatic metastasis increases [@wang2021nicotine]. The chain is a useful reminder that a
# growth-factor level can be set by mRNA stability rather than by transcription. The small
# diagram below draws the chain from the rows of the evidence table that cite this study.

# %%
chain = evidence[evidence.citation_keys == "wang2021nicotine"]
fig = go.Figure()
steps = list(chain.actor) + [chain.target.iloc[-1]]
for i, r in enumerate(chain.itertuples()):
    fig.add_annotation(
        x=i + 1,
        y=0,
        ax=i,
        ay=0,
        xref="x",
        yref="y",
        axref="x",
        ayref="y",
        showarrow=True,
        arrowhead=2,
        arrowwidth=2,
        standoff=14,
        arrowcolor=EFFECT_COLOURS[r.effect],
    )
    fig.add_annotation(x=i + 0.5, y=0.12, text=r.effect, showarrow=False)
fig.add_trace(
    go.Scatter(
        x=list(range(len(steps))),
        y=[0] * len(steps),
        mode="markers+text",
        text=steps,
        textposition="bottom center",
        marker={"size": 16, "color": NODE_FILL, "line": {"color": NODE_RIM, "width": 1}},
        hovertext=["", *chain.claim],
        hoverinfo="text",
        showlegend=False,
    )
)
fig.update_layout(
    xaxis={"visible": False, "range": [-0.6, len(steps) - 0.4]},
    yaxis={"visible": False, "range": [-0.4, 0.3]},
)
show_figure(
    fig,
    height=240,
    caption=(
        "The nicotine–OTUD3–ZFP36–VEGF-C chain as recorded in data/evidence.csv "
        "(each arrow is one row citing the same study)."
    ),
)

# %% [markdown]
# ## Other lymphangiogenic factors {#lymphangiogenic-factors}
#
# VEGF-C is not the only signal. TGF-β contributes mainly through EMT, lowering E-cadherin in
# esophageal cancer cells [@dong2014protein], by the receptor cascade described on the
# [haematogenous metastasis](haematogenous-metastasis.md#tgf-beta-smad) page. Fibroblast growth
# factor 2 (FGF2) increased the proliferation, migration and invasion of Eca109 esophageal cancer
# cells through the PI3K–Akt pathway in vitro [@shi2016fgf2]. The source review also names FGFR1
# and ERK1/2 in this pathway; the study we could identify does not cover those two steps, so they
# are not in the evidence table.
#
# ## Exosomal microRNAs and long non-coding RNAs {#exosomal-rnas}
#
# Extracellular vesicles released by tumours carry microRNAs and long non-coding RNAs that can
# change the behaviour of the cells that take them up [@wang2023mechanisms]. The best documented
# example in esophageal cancer is miR-21. Exosomes loaded with miR-21 are taken up by recipient
# esophageal cancer cells, where miR-21 targets the tumour suppressor PDCD4, activates JNK
# signalling and **increases** migration and invasion; miR-21 is raised in the plasma of patients
# and its exosomal form has been linked with recurrence and distant metastasis [@liao2016exosome].
# A second exosomal marker is the ratio of miR-25 to miR-203. It was higher in ESCC tissue than in
# the adjacent mucosa and in patients' serum exosomes than in healthy volunteers, it fell after
# the tumour was removed, and it went with TNM stage and lymph node metastasis [@anonndexosome].
# The source review credits the nodal link to exosomal miR-203 on its own; the study measured the
# ratio. Inside the tumour cells, miR-203 behaves as a brake: it is lower in ESCC than in normal
# tissue, it inhibits migration and invasion by targeting the cytoskeletal adaptor LASP1, tumour
# levels of miR-203 and LASP1 mRNA run in opposite directions, and low miR-203 went with shorter
# relapse-free survival [@takeshita2012mir203]. Whether methylation of the miR-203 promoter is
# what silences it in these tumours, as the source review suggests, was not part of that study.
# Vesicle-borne miR-21-5p from ESCC cells also alters the polarisation of macrophages and
# thereby feeds EMT of the cancer cells [@song2021esophageal]. Long non-coding RNAs act in similar
# ways; TPT1-AS1, for example, promotes ESCC migration and invasion through the miR-26a/HMGA1 axis
# [@cheng2023lncrna]. Two further examples in the source review, exosomal miR-10527-5p acting
# through Rab10 and Wnt signalling and the long non-coding RNA LINC02820 acting with the splicing
# factor SF3B3 on TNF-α/NF-κB signalling, cite 2023 studies that we could not find in any public
# record we could read; they are listed as left out in the
# [coverage table](corrections.md#source-coverage) [@wang2023mechanisms].
#
# ## Lymphatic vessels and lymph nodes {#lymph-nodes}
#
# Tumour-associated lymphatic vessels are more than passive conduits. Lymph differs from blood
# plasma in ways that protect travelling cancer cells: in mouse models of melanoma, cancer cells
# in lymph suffered less oxidative stress than those in blood, and oleic acid and glutathione in
# lymph shielded them from ferroptosis, so that cells that had passed through lymph nodes later
# formed more metastases even after intravenous injection [@ubellacker2020lymph]. This may help to
# explain why regional nodal spread so often precedes systemic spread; the
# [ferroptosis](ferroptosis-immune-cells.md#ferroptosis) page returns to the mechanism. Lymphatic
# endothelial cells and the chemokines they release also guide cancer cells and immune cells to
# the nodes, as described under chemokine axes below [@garnier2019tumor].
#
# New tumour lymphatics arise mostly from pre-existing vessels, but other cells can contribute.
# Human mesenchymal stem cells took on a lymphatic endothelial phenotype (Prox-1, podoplanin,
# LYVE-1) and supported lymphatic regeneration in mice [@conrad2009multipotent]; the source review
# names macrophages as a further source, citing work we could not identify [@wang2023mechanisms].
#
# Tumour-associated lymphatic endothelium also regulates immunity. Lymphatic endothelial cells
# expand in response to VEGF-C from the tumour, carry antigen and immune cells to the draining
# nodes, and can themselves present tumour antigen in a way that tolerises rather than activates
# CD8+ T cells; they also release chemokines that position immune cells [@garnier2019tumor]. These
# functions cut both ways: working lymphatics are needed to start an antitumour response, while
# tumour-conditioned lymphatics help to dampen it [@garnier2019tumor].
#
# ## Cancer-associated fibroblasts {#cancer-associated-fibroblasts}
#
# Cancer-associated fibroblasts (CAFs) are activated fibroblasts of the tumour stroma. In ESCC,
# CAFs secrete plasminogen activator inhibitor-1 (**PAI-1**, encoded by *SERPINE1*), which acts
# in a paracrine manner on cancer cells and on macrophages through its receptor LRP1; PAI-1–LRP1
# signalling activates Akt and ERK1/2, promotes invasion and migration of ESCC cells and promotes
# the migration of macrophages [@sakamoto2020derived]. Blocking PAI-1 with a monoclonal antibody
# reduced ESCC metastasis and growth in experimental models [@zheng2023anti].
#
# CAFs also draw myeloid cells into the tumour and shape them. They secrete chemokines such as CCL2
# (MCP-1), which recruits monocytes, and push the macrophages that develop from them towards a
# tumour-supporting state, while the macrophages in turn activate fibroblasts
# [@gunaydin2021cafs; @anon2019fibroblast]. Among the suppressive signals of the stroma, TGF-β1
# lowers the NK-cell activating receptors NKp30 and, in part, NKG2D, which blunts NK-cell killing
# [@castriconi2003transforming]. The source review's statement that CAFs recruit neutrophils with
# CXC chemokines cites a work we could not identify [@wang2023mechanisms].
#
# Fibroblast activation protein (FAP) marks a tumour-promoting subset. FAP-positive fibroblasts
# promote ESCC progression by secreting CCL2 and IL-6 [@anon2019fibroblast], and the level of
# circulating FAP-α in plasma has been evaluated as a diagnostic marker for ESCC
# [@liao2017evaluation].
#
# CAFs also restrain antitumour immunity. Huang and colleagues found that, in primary ESCC, the
# abundance of WNT2-positive CAFs was inversely related to that of active CD8+ T cells. WNT2
# secreted by the CAFs suppressed the differentiation of **dendritic cells** and their ability to
# drive antitumour T-cell responses through the SOCS3/p-JAK2/p-STAT3 signalling cascade; an
# anti-WNT2 antibody restored dendritic-cell activity and T-cell responses and improved the
# effect of PD-1 blockade in mouse models of ESCC and colorectal cancer [@huang2022targeting].
# SOCS3 here is an intracellular regulator in the dendritic cells, not a secreted factor.
#
# ## Chemokine axes {#chemokine-axes}
#
# Chemokines and their receptors steer cells towards lymphatics and nodes. Three axes have been
# studied in ESCC:
#
# - **CCL21–CCR7.** Lymphatic endothelial cells produce CCL21; in ESCC, CCL21–CCR7 signalling
#   up-regulates MUC1 and promotes lymph-node metastasis [@anonndpromotes]. The source review adds
#   an ERK1/2–Sp1 step and the release of MMP-13, which we could not check against the study.
# - **CXCL12–CXCR4.** Autocrine CXCL12/CXCR4 signalling in stem-like esophageal cancer cells
#   stimulates invasion and metastasis [@wang2017stem], and IL-6 signalling can feed it (see
#   [cytokines](immune-escape.md#cytokines)) [@wangndinhibits]. The source review's statements
#   that the axis also guides T cells and dendritic cells, raises MMP-9 through ERK1/2 and drives
#   STAT3-dependent EMT cite works we could not identify.
# - **CCL2–CCR2.** The CCL2–CCR2 axis recruits tumour-associated macrophages, which induce immune
#   evasion through PD-1 signalling during esophageal carcinogenesis [@anon2020axis].
#
# The last axis connects lymphatic spread to the macrophage-driven immune suppression described
# on the [immune escape](immune-escape.md#macrophages-pd-l1) page.
# <!-- no citation: link to another page -->

# %%
sections = [
    "vegfc-vegfr3",
    "lymphangiogenic-factors",
    "exosomal-rnas",
    "lymph-nodes",
    "cancer-associated-fibroblasts",
    "chemokine-axes",
]
show_claims(
    evidence[evidence.section_id.isin(sections)],
    "Claims of the lymphatic-metastasis sections (data/evidence.csv)",
)

# %% [markdown]
# ## Receptor binding: a small model {#receptor-binding-model}
#
# How much of a receptor is occupied depends on the ligand concentration relative to the
# dissociation constant Kd (the ratio of the off-rate to the on-rate), and how fast occupancy
# changes depends on the rate constants themselves. The widget simulates simple one-to-one binding
# with rate constants measured for VEGF-A and soluble VEGFR-2 by surface plasmon resonance
# [@huang1998expression]. For
# VEGF-C and VEGFR-3 we found no measured rate constants, so the widget's VEGF-C preset reuses the
# VEGF-A values as an explicitly illustrative analogue. Ligand and receptor concentrations are the
# reader's choice.

# %% tags=["remove-input"]
from IPython.display import HTML, display

from esoreview.widgets.models import widget_html

display(HTML(widget_html("receptor_binding")))

# %% [markdown]
# The static figure runs the same model with its default constants at ligand concentrations from
# one tenth of Kd to ten times Kd, without washout.
# <!-- no citation: describes the figure -->

# %%
spec = describe("receptor_binding")
no_washout = spec["presets"]["half_occupancy"]["params"]["washout_min"]
base = run("receptor_binding")
kd = base["summary"]["kd"]["value"]
fig = go.Figure()
for multiple in (0.1, 0.3, 1, 3, 10):
    res = run("receptor_binding", {"ligand_nM": multiple * kd, "washout_min": no_washout})
    fig.add_trace(
        go.Scatter(
            x=res["time"]["values"],
            y=res["series"]["occupancy"]["values"],
            mode="lines",
            name=f"ligand = {multiple:g} × Kd ({multiple * kd:.2g} nM)",
        )
    )
fig.update_layout(
    xaxis_title=f"Time ({base['time']['unit']})",
    yaxis={"title": "Receptor occupancy (fraction bound)", "range": [0, 1]},
    legend={"orientation": "h", "y": -0.25},
)
show_figure(
    fig,
    height=440,
    caption=(
        f"Occupancy of VEGFR-2 by VEGF-A in the binding model (Kd = {kd:.2g} nM from the default "
        "rate constants) at five ligand concentrations."
    ),
)
show_markdown(
    f"With the default constants Kd is {kd:.2g} nM, occupancy at a ligand concentration equal to "
    f"Kd approaches {base['summary']['occupancy_excess']['value']:.0%}, and after washout the "
    f"complex decays with a half-life of {base['summary']['complex_half_life']['value']:.0f} min. "
    f"Rate constants: [@{spec['citation_key']}]; ligand and receptor concentrations are "
    "illustrative."
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
        for r in left_out(load_coverage(Path("data/coverage.csv")), "lymphatic-metastasis")
    ],
    [("section", "Source section"), ("topic", "Topic"), ("reason", "Why it is left out")],
    caption="Topics of the source review left out of this page",
)
