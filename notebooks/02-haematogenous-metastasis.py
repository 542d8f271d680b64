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
# # Haematogenous metastasis {#haematogenous-metastasis}
#
# Spread through the blood is the route by which esophageal cancer reaches the lungs, liver,
# bone and other distant organs. It is usually described as a cascade: the tumour and its stroma
# condition distant sites before any cancer cell arrives (the *premetastatic niche*), cancer cells
# loosen their contacts with one another, adhere to and cross the basement membrane and the vessel
# wall, survive in the circulation as single cells or clusters, and finally leave the blood and
# grow in a new organ [@wang2023mechanisms]. Much of the molecular evidence for each step comes
# from cancers other than esophageal cancer; where a statement rests on ESCC or EAC data, the
# evidence table at the end of this page says so.
#
# The network diagram below rebuilds the source review's first figure from our evidence table
# rather than from a drawing: every arrow is one row of `data/evidence.csv`, coloured by the kind
# of effect. Hovering over the diamond on an arrow shows the claim; clicking it opens the claim's
# row in the table under the figure, where its sources are numbered and linked.
# <!-- no citation: describes the figure -->

# %% [markdown]
# !!! abstract "Key points"
#
#     - Spread through the blood is pictured as a chain of steps: distant tissue is prepared in
#       advance, cancer cells loosen their contacts, cross the basement membrane and vessel wall,
#       survive in the circulation and finally settle in another organ [@wang2023mechanisms].
#     - VEGF was first found as a factor that makes vessels leaky, and that effect runs largely
#       through VEGFR-2 [@bates2010vascular].
#     - ESCC loses its normal pattern of integrins, the receptors that anchor cells to the matrix,
#       as the disease advances [@vay2014integrin].
#     - In ESCC, miR-25 promotes EMT and metastasis by acting on E-cadherin [@anon2019mediates].
#     - Clusters of circulating tumour cells are rare, yet in mouse models they seed metastases
#       far more efficiently than single cells [@aceto2014circulating].

# %%

import pandas as pd
import plotly.graph_objects as go

from esoreview.display import show_figure, show_markdown
from esoreview.evidence.mechanisms import network_figure, show_claims
from esoreview.kinetics.api import describe, run

evidence = pd.read_csv("data/evidence.csv").fillna("")

# %%
fig1 = evidence[evidence.figure == "fig1"]
show_figure(
    network_figure(fig1, anchors="fig1"),
    height=620,
    caption=(
        "Haematogenous spread rebuilt from data/evidence.csv (rows marked fig1): nodes are actors "
        "and targets, arrows are claims coloured by effect; hover over a diamond for the claim, "
        "click it for the claim's row and sources in the table below."
    ),
)
show_claims(fig1, "Edges of the haematogenous-spread network", anchors="fig1")

# %% [markdown]
# ## The premetastatic niche {#premetastatic-niche}
#
# Tumours prepare distant sites by releasing growth factors, chemokines, inflammatory mediators,
# proteases and extracellular vesicles into the circulation [@wang2023mechanisms]. Several of
# these signals have been measured in esophageal cancer. Annexin A2 (ANXA2) promotes the
# progression of esophageal cancer by switching on a MYC–HIF1A–VEGF axis, which links an
# intracellular protein to the main angiogenic growth factor [@ma2018anxa]. Chemokines of the CXC
# family contribute as well: serum concentrations of CXCL12 and of its receptor CXCR4 have been
# studied as markers in patients with esophageal cancer [@lukaszewiczzajac2016serum], and in ESCC
# tissue the expression of CXCL8 and its receptor CXCR2 goes with deeper invasion, higher
# pathological stage and venous invasion [@ogura2013clinical]. The serum study measured levels;
# that CXCL12 drives blood-borne or lymphatic spread is an inference from such associations, and
# the experimental evidence for the CXCL12–CXCR4 axis in esophageal cancer is discussed on the
# [lymphatic metastasis](lymphatic-metastasis.md#chemokine-axes) page [@lukaszewiczzajac2016serum;
# @wang2017stem].
#
# Inflammatory cytokines shape the niche too. IL-32 is a cytokine that induces TNF-α and IL-8 by
# activating NF-κB and p38 MAPK signalling [@kim2005interleukin]; TNF-α is therefore the
# downstream mediator relevant here. Proteases matter because they free matrix-bound growth
# factors and open tissue barriers: low-density lipoprotein receptor-related protein 1 (LRP1),
# a receptor for several proteases and protease inhibitors, supports cancer-cell invasion by
# sustaining ERK and restraining JNK signalling [@langlois2010promotes].
#
# ### Inflammatory mediators {#inflammatory-mediators}
#
# Cyclooxygenase-2 (COX-2) is the inducible enzyme that makes prostaglandins such as PGE2 at
# sites of inflammation. It is an intracellular enzyme: what tumours release is its product, not
# the enzyme itself. In a meta-analysis of 25 studies with 2,465 patients with esophageal cancer,
# tumours with high COX-2 expression went with shorter overall survival and with deeper
# invasion, nodal and distant metastasis and higher TNM stage [@cox2prognostic2017meta]. The
# source review's statement that COX-2 raises vascular permeability in ESCC rests on a citation we
# could not identify, and the meta-analysis does not address permeability.
#
# Interleukin-1β (IL-1β) is overexpressed in ESCC compared with non-malignant tissue. In ESCC
# cells, blocking IL-1β signalling slowed tumour growth and invasion and lowered resistance to
# treatment; the authors traced the aggressive behaviour of IL-1β-positive tumours to NF-κB
# activation and epithelial–mesenchymal transition, and in 147 patients IL-1β staining went with
# higher stage, poorer response to chemoradiotherapy and more recurrences [@chen2012interleukin].
# IL-1 acts through its receptor, IL-1R1, and the transcription factor NF-κB then binds target
# promoters; a cytokine does not bind a promoter itself, as one sentence of the source review
# implies. TNF-α, the product of the IL-32 pathway mentioned above, is itself a strong
# inflammatory signal [@kim2005interleukin]; the source review's further statements that it
# induces MMP-9 and aerobic glycolysis in tumours cite a work we could not identify
# [@wang2023mechanisms].
#
# ### Matrix metalloproteinases {#matrix-metalloproteinases}
#
# Matrix metalloproteinases (MMPs) are zinc-dependent endopeptidases, the largest family of
# proteases linked to cancer. Beyond turning over the extracellular matrix and clearing a path
# for migrating cells, they cleave growth factors, receptors and adhesion molecules and so shape
# growth, inflammation and angiogenesis; some act at the cell surface, such as the
# membrane-anchored MT1-MMP (MMP-14) [@kessenbrock2010matrix]. One of their pro-angiogenic
# actions is to free VEGF that is bound to the matrix [@kessenbrock2010matrix].
#
# In ESCC, the E3 ubiquitin ligase RNF128 made cancer cells more invasive and mobile and increased
# their lung metastases in mice. It acted through EGFR, the MEK–ERK (MAPK) cascade and MMP-2:
# inhibitors of EGFR, MEK/ERK or MMP-2 reversed the effect, and RNF128 switched the pathway on
# through its interaction with p53 [@anon2019rnf128].
#
# Two other MMPs carry prognostic weight in patients. A meta-analysis of 35 studies of ESCC found
# MMP-9 overexpression more common in poorly differentiated, deeper, node-positive and
# vessel-invading tumours and linked it with shorter overall survival [@mmp9ndclinicopathological].
# For MMP-14 (MT1-MMP), a meta-analysis across digestive-system cancers found high expression
# linked with shorter overall survival, including in the subgroup of esophageal carcinoma
# [@duan2020expression]. The source review further lists MMP-1, MMP-10 and MMP-21 in esophageal
# cancer, MMP-1 in Barrett's mucosa and adenocarcinoma, MMP-2 and MMP-9 as ligands of LRP1, and
# MT2-MMP as a prognostic factor; the works behind these statements could not be identified, so
# the [coverage table](corrections.md#source-coverage) lists them as left out
# [@wang2023mechanisms].
#
# ### VEGF and its receptors {#vegf-signalling}
#
# Vascular endothelial growth factors act through three receptor tyrosine kinases, and the
# ligands differ in which receptors they use. VEGF-A binds both VEGFR-1 and VEGFR-2 with high
# affinity [@hsu2019two]. VEGF-B binds **only VEGFR-1** (together with the co-receptor
# neuropilin-1), as does placental growth factor, and its angiogenic activity in most tissues is
# weak [@bry2014vascular]. VEGF-C and VEGF-D, the lymphangiogenic members of the family, are
# discussed on the [lymphatic metastasis](lymphatic-metastasis.md#vegfc-vegfr3) page.
#
# Once VEGF-A has bound VEGFR-2, the receptor pairs up and phosphorylates tyrosines in its
# intracellular domain, and these sites start separate signalling branches: PLCγ–PKC towards
# proliferation, Src and PI3K–Akt towards endothelial survival, and FAK–paxillin and p38 MAPK
# towards migration [@wang2020molecular]. The PI3K–Akt branch is therefore one of the main
# routes by which VEGF-A acts; the source review's report of reduced invasion after VEGF-A
# knockdown in Eca109 cells cites a study we could not identify.
#
# VEGF was first isolated as a factor that makes vessels leaky, and much of its effect on
# permeability runs through VEGFR-2 [@bates2010vascular]. The structural target is the
# endothelial adherens junction, which is built from **VE-cadherin**: VEGF signalling leads to
# tyrosine phosphorylation of VE-cadherin, in which Src kinase takes part, and to loosening of
# the junctions, so that plasma proteins and cells can cross the endothelium more easily
# [@lambeng2005vascular; @bates2010vascular]. Leaky tumour vessels are one of the ways in which
# angiogenesis helps cancer cells to enter the circulation. The kinetics of VEGF-A binding to
# VEGFR-2 are explored with an interactive model on the
# [lymphatic metastasis](lymphatic-metastasis.md#receptor-binding-model) page.
#
# ### Exosomes and other extracellular vesicles {#exosomes}
#
# Exosomes and larger extracellular vesicles carry proteins, lipids and RNAs from cancer cells to
# other cells and can modify distant tissues before metastasis [@wang2023mechanisms]. In ESCC the
# amount of exosomes in plasma has been measured directly and carries prognostic information
# [@matsumoto2016quantification]. MicroRNAs are carried as cargo inside the vesicles; the best
# studied example in esophageal cancer, exosomal miR-21, *promotes* migration and invasion of the
# cells that take it up [@liao2016exosome] and is discussed with the other
# [exosomal RNAs](lymphatic-metastasis.md#exosomal-rnas).

# %% [markdown]
# ## Adhesion to the basement membrane and invasion {#adhesion-invasion}
#
# To leave the primary tumour, cancer cells weaken their attachments to neighbouring cells while
# strengthening their grip on the basement membrane and the matrix they invade. Four families of
# adhesion molecules are involved: **cadherins**, **integrins**, **selectins** and the
# immunoglobulin superfamily [@wang2023mechanisms].
#
# ### Integrins {#integrins}
#
# Integrins are heterodimers of an α and a β subunit; at least 18 α and 8 β subunits are known in
# humans, and they combine into 24 heterodimers that bind matrix proteins, cell-surface ligands
# and some soluble ligands [@takada2007integrins]. In ESCC the normal pattern of integrin
# expression is lost as the disease progresses [@vay2014integrin]. Individual integrins have been
# linked to metastasis. Integrin α7 marks a stem-like population of ESCC cells and promotes
# stemness and metastasis through FAK signalling, and a high proportion of such cells goes with
# lymph-node metastasis, so α7 favours rather than reduces nodal spread [@ming2016integrin]. In
# adenocarcinoma, high integrin β1 expression is a marker of poor prognosis
# [@damanakis2022integrin]. In ESCC, integrin β6 is co-expressed with HAX-1 and both mark
# aggressive tumours with a poor outlook [@li2020expression], and the kinase ALPK2 promotes
# esophageal cancer through integrin α11 [@ainiwaer2022alpha].
#
# Integrin αV is a target of the tumour-suppressive microRNA miR-92b in ESCC: miR-92b holds back
# the invasion–metastasis cascade by repressing ITGAV, which lowers FAK phosphorylation and Rac1
# activation [@ma2016microrna]. The laminin-binding integrins (α3β1, α6β1 and α6β4 among them),
# which anchor epithelial cells to the basement membrane, are among those whose normal
# distribution is lost in ESCC [@vay2014integrin]. The source review's further claims that
# integrins steer endothelial differentiation and that αV acts through TGF-β and MMP-9 in
# adenocarcinoma cite works we could not identify [@wang2023mechanisms].
#
# ### Selectins {#selectins}
#
# Selectins bind carbohydrate ligands on leukocytes and tumour cells. E-selectin, which activated
# endothelium displays, lets circulating cancer cells that carry its ligands roll on and adhere
# to the vessel wall before they cross it, and this interaction helps explain why some cancers,
# such as colon cancer, favour the liver [@goutndselectins]. P-selectin mediates the
# adhesion of platelets to cancer cells, and in experimental models this promotes tumour growth
# [@qi2015selectin]. Plasma fibronectin, which is incorporated into fibrin clots around tumour
# cells, supports lung metastasis and tumour-cell invasion [@malik2010plasma]. Studies of
# selectins in esophageal cancer itself are few, as the source review also notes
# [@wang2023mechanisms].
#
# ### Epithelial–mesenchymal transition {#emt}
#
# During epithelial–mesenchymal transition (EMT), epithelial cells lose E-cadherin-based junctions
# and polarity and gain N-cadherin, vimentin and motility [@wang2023mechanisms]. Several microRNAs
# act on E-cadherin in ESCC: miR-9 represses E-cadherin and promotes metastasis
# [@song2014microrna], and miR-25 drives EMT through E-cadherin signalling [@anon2019mediates].
# Others work in the opposite direction; miR-92b, for example, represses the invasion–metastasis
# cascade of ESCC [@ma2016microrna]. TGF-β1, a classic inducer of EMT, lowers E-cadherin, and the
# F-box protein FBXL19 modulates this effect by promoting the ubiquitination and degradation of
# Rac3 [@dong2014protein].
#
# ### TGF-β and SMAD signalling {#tgf-beta-smad}
#
# The order of events in canonical TGF-β signalling matters, because it determines where drugs
# can act. The ligand binds the type II receptor and brings it together with the type I receptor
# (ALK5); the type II receptor, a serine/threonine kinase, then phosphorylates the type I
# receptor, and the activated type I receptor phosphorylates the C-terminal serines of SMAD2 and
# SMAD3 [@shi2003mechanisms]. Phosphorylated SMAD2/3 form complexes with SMAD4, move into the
# nucleus and regulate target genes together with other transcription factors, while inhibitory
# SMADs such as SMAD7 dampen the signal [@shi2003mechanisms]. The ligand itself has no kinase
# activity. In the TGF-β–SMAD rows of the network above, each arrow is one of these steps.
#
# The activated receptors also signal without SMADs. These non-canonical branches include the
# ERK, JNK and p38 MAP kinase cascades, Rho-family GTPases and the PI3K–Akt pathway, and they
# reinforce or temper the SMAD response [@zhang2009nonsmad]. They help to explain the two faces of
# TGF-β in cancer: it stops the growth of normal and early epithelial cells, yet in advanced
# tumours it drives EMT, invasion and metastasis [@zhang2009nonsmad]. In ESCC, TGF-β1 and SMAD
# signalling regulated EMT both in cell lines and in tumours from Kazakh patients in north-west
# China [@pang2014tgf]. In 88 resected ESCCs, TGF-β1 was raised and SMAD4 lowered compared with
# adjacent tissue, SMAD4 levels bore on prognosis, and in ESCC cells miR-181a promoted EMT by
# lowering SMAD4 [@xu2021microrna]. Losing SMAD4 removes the partner that canonical signalling
# needs (above), which is one way in which the growth-restraining arm of TGF-β can fail while
# SMAD-independent effects remain. The source review's statement that TGF-β1 is the isoform with
# the strongest effect in ESCC cites a study that could not be identified [@wang2023mechanisms].

# %% [markdown]
# ## Circulating tumour cells {#circulating-tumour-cells}
#
# Cancer cells that reach the blood are called circulating tumour cells (CTCs). Most die quickly:
# in patients with breast cancer whose primary tumour had just been removed, CTCs disappeared from
# the blood with a half-life of roughly one to a few hours, which means that CTCs found years
# later must be continuously replenished by tumour cells persisting somewhere in the body
# [@meng2004circulating]. CTCs travel singly or in clusters. Clusters are rare, but in mouse models
# they arise from groups of cells that leave the primary tumour together, are held together by
# plakoglobin-dependent junctions and have a far higher metastatic potential than single cells
# [@aceto2014circulating]. Platelets and fibrin-rich clots that coat CTCs help them survive shear
# forces and attack by natural killer cells [@qi2015selectin; @malik2010plasma].
#
# CTCs are not fixed in one state. In patients with metastatic breast cancer, CTCs showed a
# spectrum of epithelial, mixed and fully mesenchymal phenotypes, were more often mesenchymal than
# the cells of the primary tumours, and mesenchymal CTCs were more frequent in patients whose
# disease no longer responded to treatment [@emtaffair2013tumor]. The reverse step,
# mesenchymal–epithelial transition, is thought to help cells that have left the blood to grow
# into a colony [@wang2023mechanisms].
#
# The widget below simulates the simplest possible picture of this balance: cells are shed from
# the primary tumour into the blood at a constant rate, are cleared with a half-life inside the
# published range, and each cell that leaves the blood founds a colony with a small probability.
# The shedding rate has no published value and is illustrative; the metastatic efficiency comes
# from experiments with intravenously injected mouse melanoma cells and is probably much higher
# than in patients [@meng2004circulating; @metastatic_inefficiency_chapter].

# %% tags=["remove-input"]
from IPython.display import HTML, display

from esoreview.widgets.models import widget_html

display(HTML(widget_html("circulating_cells")))

# %% [markdown]
# The static figure shows the model's default run, computed with the same code, together with
# runs at the lower and upper ends of the published half-life range.
# <!-- no citation: describes the figure -->

# %%
spec = describe("circulating_cells")
half_life = next(p for p in spec["parameters"] if p["name"] == "t_half_h")
runs = {"default": run("circulating_cells")}
for bound in ("min", "max"):
    runs[bound] = run("circulating_cells", {"t_half_h": half_life[bound]})

fig = go.Figure()
for name, res in runs.items():
    t_half = res["parameters"]["t_half_h"]
    fig.add_trace(
        go.Scatter(
            x=res["time"]["values"],
            y=res["series"]["ctc"]["values"],
            mode="lines",
            name=f"{name}: half-life {t_half:g} {half_life['unit']}",
            line={
                "width": 3 if name == "default" else 1.5,
                "dash": "solid" if name == "default" else "dot",
            },
        )
    )
default = runs["default"]
fig.update_layout(
    xaxis_title=f"Time ({default['time']['unit']})",
    yaxis={
        "title": f"{default['series']['ctc']['label']} ({default['series']['ctc']['unit']})",
        "type": "log",
    },
    legend={"orientation": "h", "y": 1.12},
)
show_figure(
    fig,
    height=420,
    caption=(
        "Circulating tumour cells in the CTC model: default run (primary removed at "
        f"{default['parameters']['resection_h']:g} h) and runs at the ends of the published "
        "half-life range."
    ),
)
summary = default["summary"]
show_markdown(
    f"In the default run the number of circulating cells settles at about "
    f"{summary['steady_state']['value']:.0f} while the primary is in place and falls below one "
    f"cell {summary['hours_to_below_one']['value']:.1f} h after its removal; the model expects "
    f"{summary['colonies']['value']:.1f} colonies in total. The half-life range is taken from "
    f"[@{half_life['citation_key']}]; the shedding rate is illustrative."
)

# %% [markdown]
# CTCs are being studied as diagnostic and prognostic markers in esophageal cancer, but they are
# not yet an established clinical tool [@wang2023mechanisms]. The full list of claims on this
# page, with the setting and type of evidence of each, follows.

# %%
show_claims(
    evidence[
        evidence.section_id.isin(
            [
                "premetastatic-niche",
                "inflammatory-mediators",
                "matrix-metalloproteinases",
                "vegf-signalling",
                "exosomes",
                "adhesion-invasion",
                "integrins",
                "selectins",
                "emt",
                "tgf-beta-smad",
                "circulating-tumour-cells",
            ]
        )
    ],
    "All claims cited on this page",
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
        for r in left_out(load_coverage(Path("data/coverage.csv")), "haematogenous-metastasis")
    ],
    [("section", "Source section"), ("topic", "Topic"), ("reason", "Why it is left out")],
    caption="Topics of the source review left out of this page",
)
