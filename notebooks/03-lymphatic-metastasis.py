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
# [@hsu2019two].
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
# [haematogenous metastasis](haematogenous-metastasis.md#tgf-beta-smad) page. The source review
# also cites work on fibroblast growth factor 2 (FGF2) acting through FGFR1 and the PI3K–AKT and
# ERK1/2 pathways [@wang2023mechanisms]; we have not yet identified that study and therefore do
# not list the claim in the evidence table.
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
# ratio. Vesicle-borne miR-21-5p from ESCC cells also alters the polarisation of macrophages and
# thereby feeds EMT of the cancer cells [@song2021esophageal]. Long non-coding RNAs act in similar
# ways; TPT1-AS1, for example, promotes ESCC migration and invasion through the miR-26a/HMGA1 axis
# [@cheng2023lncrna].
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
# the nodes, as described under chemokine axes below.
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
#   up-regulates MUC1 and promotes lymph-node metastasis [@anonndpromotes].
# - **CXCL12–CXCR4.** Autocrine CXCL12/CXCR4 signalling in stem-like esophageal cancer cells
#   stimulates invasion and metastasis [@wang2017stem].
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
#
# <div class="eso-widget" data-widget="binding"></div>
#
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
