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
# # Ferroptosis and immune cells in metastasis {#ferroptosis-immune-cells}
#
# Two further themes complete the picture of how esophageal cancer spreads. The first is
# ferroptosis, a form of regulated cell death to which cancer cells in transit appear to be
# particularly exposed, and which lymph seems to protect them from. The second is the wider
# cast of innate immune cells, neutrophils and macrophages, that can either help or hinder
# metastasis [@wang2023mechanisms]. Much of the evidence in both areas comes from other cancers;
# the chart at the end of this page shows how many of the claims rest on esophageal data.

# %% [markdown]
# !!! abstract "Key points"
#
#     - Ferroptosis is an iron-dependent cell death caused by peroxidised membrane lipids, held in
#       check mainly by glutathione and GPX4 [@dixon2012ferroptosis; @stockwell2022ferroptosis].
#     - In mouse melanoma models, lymph shielded cancer cells from ferroptosis through oleic acid
#       and the enzyme ACSL3, and cells that had passed through lymph nodes formed more metastases
#       after injection into the blood [@ubellacker2020lymph].
#     - In ESCC, the receptor SCARA5 binds ferritin light chain and triggers ferroptosis, which
#       restrains growth and spread [@anon2022scara].
#     - Neutrophils can work either way: cathepsin G makes breast cancer cells clump
#       together [@anonndinsulin], while tumour cells that have gone through EMT are easier
#       for neutrophils to kill [@gershkovitz2018microenvironmental].
#     - Macrophage-derived exosomes can hand integrins to cancer cells and promote metastasis,
#       shown in lung and liver cancer rather than in esophageal cancer [@huangndlike;
#       @wu2021macrophage].

# %%
import pandas as pd
import plotly.graph_objects as go

from esoreview.display import show_figure, show_markdown
from esoreview.evidence.mechanisms import show_claims

evidence = pd.read_csv("data/evidence.csv").fillna("")
page = evidence[evidence.section_id.isin(["ferroptosis", "immune-cells-metastasis"])]

# %% [markdown]
# ## Ferroptosis {#ferroptosis}
#
# Ferroptosis is a regulated, non-apoptotic cell death driven by iron-dependent peroxidation of
# membrane lipids; it was named in 2012 after cells treated with the compound erastin were found
# to die in an iron-dependent way that differed from apoptosis [@dixon2012ferroptosis]. Cells
# defend themselves against it chiefly through glutathione and the enzyme GPX4, which reduce
# lipid peroxides, and their sensitivity depends on how many polyunsaturated fatty acids their
# membranes contain [@stockwell2022ferroptosis].
#
# **Lymph as a refuge.** A study in mouse models of melanoma offered an explanation for why
# cancers so often spread to regional nodes before they spread through the blood. Cancer cells in
# lymph experienced less oxidative stress than cells in blood; cells spreading through blood, but
# not through lymph, depended on GPX4. Lymph contained more glutathione and oleic acid and less
# free iron than plasma, and oleic acid protected the cells from ferroptosis in a manner that
# required the enzyme **ACSL3**, which activates fatty acids for incorporation into membrane
# lipids [@ubellacker2020lymph]. Cells that had passed through lymph nodes were more resistant to
# ferroptosis and formed more metastases after intravenous injection [@ubellacker2020lymph]. The
# source review attributes the oleic-acid effect to ACSL1 in a study we have not identified; the
# landmark study names ACSL3 [@ubellacker2020lymph].
#
# **SCD1 and monounsaturated fatty acids.** SCD1 is **stearoyl-CoA desaturase-1**, an enzyme of
# the endoplasmic reticulum that converts saturated fatty acids into monounsaturated ones such as
# oleate and palmitoleate; high SCD1 activity protects cancer cells from ferroptosis
# [@sen2023stearoyl]. In ovarian cancer cells, inhibiting SCD1 induced lipid oxidation and cell
# death, whereas supplying its products, palmitoleic acid or oleate, protected the cells
# [@tesfay2019stearoyl]. The source review describes a 2023 ESCC study in which the transcription
# regulator BACH1 acts on SCD1 and on lipid peroxidation to favour lymphatic metastasis
# [@wang2023mechanisms]. Because we have not been able to find that study in any public record we
# could read, we do not restate the direction of the BACH1–SCD1 effect or the proposed
# oleic-acid gradient between cells and lymph; the topic is listed as left out in the
# [coverage table](corrections.md#source-coverage).
#
# **Ferroptosis regulators in ESCC.** The scavenger receptor SCARA5 induces ferroptosis in ESCC by
# binding ferritin light chain, and in doing so restrains proliferation and metastasis
# [@anon2022scara]. A 2022 study in *Molecular Cancer* examined how hypoxia shapes a circular RNA,
# circBCAR3, in esophageal cancer and linked it to ferroptosis and metastasis
# [@anon2022circbcar3]. The source review's account of this work (hypoxia, the transcription
# factor E2F7, the splicing factor QKI, circBCAR3, and the transport protein transportin-1) is
# given without a citation, and the stored copy of the article we could consult lacked its
# abstract; we therefore name the study but leave the direction of its ferroptosis finding to
# readers of the original.

# %% [markdown]
# **Survival in transit and the number of colonies.** Only a tiny share of the cancer cells that
# reach the blood go on to found a metastasis [@metastatic_inefficiency_chapter]. Anything that
# raises that share multiplies the expected number of colonies, and resistance to ferroptosis
# during transit is one candidate [@ubellacker2020lymph]. The chart below runs the
# circulating-tumour-cell model of the
# [haematogenous metastasis](haematogenous-metastasis.md#circulating-tumour-cells) page with the
# primary tumour left in place, for per-cell efficiencies spread between the two published values
# the model carries (a parental and a selected, more metastatic melanoma line injected into mice)
# [@metastatic_inefficiency_chapter]. It shows the scale of the effect, not a measured effect of
# ferroptosis, and its shedding rate is illustrative.

# %%
from esoreview.kinetics.api import describe, run

ctc_spec = describe("circulating_cells")
efficiency = next(p for p in ctc_spec["parameters"] if p["name"] == "efficiency")
low = efficiency["default"]  # parental line
high = ctc_spec["presets"]["selected_line"]["params"]["efficiency"]  # selected line
levels = [low + (high - low) * step / 3 for step in range(4)]
transit = {
    eff: run("circulating_cells", {"efficiency": eff}, {"preset": "no_surgery"}) for eff in levels
}

fig = go.Figure()
for eff, res in transit.items():
    colonies = res["series"]["colonies"]
    published = eff in (low, high)
    fig.add_trace(
        go.Scatter(
            x=res["time"]["values"],
            y=colonies["values"],
            mode="lines",
            name=f"{eff:.2%} of cells leaving the blood found a colony",
            line={"width": 3 if published else 1.5, "dash": "solid" if published else "dot"},
        )
    )
first = transit[low]
fig.update_layout(
    xaxis_title=f"Time ({first['time']['unit']})",
    yaxis_title=f"{first['series']['colonies']['label']} ({first['series']['colonies']['unit']})",
    legend={"orientation": "h", "y": -0.25},
)
show_figure(
    fig,
    height=420,
    caption=(
        "Expected metastatic colonies in the CTC model (esoreview.kinetics, circulating_cells) "
        "with the primary tumour left in place, for four per-cell efficiencies; solid lines are "
        "the two published values, dotted lines lie between them."
    ),
)
ratio = transit[high]["summary"]["colonies"]["value"] / first["summary"]["colonies"]["value"]
show_markdown(
    f"Over {first['time']['values'][-1]:g} {first['time']['unit']}, raising the per-cell "
    f"efficiency from {low:.2%} to {high:.2%} raises the expected colonies from "
    f"{first['summary']['colonies']['value']:.1f} to "
    f"{transit[high]['summary']['colonies']['value']:.1f}, a {ratio:.1f}-fold increase, the same "
    "factor as the efficiencies themselves: in this model colonies scale in proportion to "
    "survival in transit [@metastatic_inefficiency_chapter]."
)

# %% [markdown]
# ## Immune cells in metastasis {#immune-cells-metastasis}
#
# **Neutrophils** can act in both directions, and TGF-β decides much of the balance. In mouse
# tumour models, blocking TGF-β drew in neutrophils that were more cytotoxic to tumour cells and
# made more pro-inflammatory cytokines, and removing these neutrophils then weakened the
# treatment's effect and CD8+ T-cell activation; in untreated tumours, by contrast, removing
# neutrophils slowed tumour growth. The authors concluded that TGF-β in the tumour induces a
# tumour-promoting ("N2") neutrophil state, and its blockade an antitumour ("N1") one
# [@fridlender2009polarization]. The source review's list of N2 products (MMP-9, VEGF, IL-10,
# CCL2) is not part of that study and its own citation could not be identified. The neutrophil
# protease cathepsin G makes breast
# cancer cells aggregate through insulin-like growth factor-1 signalling, a behaviour that could
# favour the survival of cell clusters [@anonndinsulin]. Conversely, neutrophils can kill tumour
# cells, and cues from the microenvironment determine how susceptible tumour cells are to this
# cytotoxicity; cells that have undergone EMT, which express more of the channel TRPM2, are more
# readily killed [@gershkovitz2018microenvironmental].
#
# **Macrophages** and tumour cells can drive each other's movement. Tumour cells make CSF-1,
# which attracts macrophages, and the macrophages make EGF, which attracts the tumour cells; this
# paracrine loop can be started by other signals such as heregulin-β1 or CXCL12, but CSF-1 and EGF
# signalling remain needed to carry it on [@pmc2820720]. In esophageal carcinoma, the
# immunosuppressive factor FGL2 was higher in M2 than in other macrophage phenotypes, and high
# FGL2 expression went with shorter survival [@yuan2021tumor]; the source review's statements that
# FGL2 induces IL-10, M-CSF and CD39 could not be checked against that study.
#
# Macrophages also support metastasis through secreted factors, vesicles and metabolites. M2-like
# macrophages release exosomes that deliver integrin αVβ3 to non-small-cell lung cancer cells and
# promote their metastasis [@huangndlike]; in hepatocellular carcinoma, M2 macrophage-derived
# exosomes transfer the integrin αMβ2 to tumour cells and promote metastasis [@wu2021macrophage].
# Macrophages of particular sites have particular effects. Omental macrophages secrete ligands of
# the chemokine receptor CCR1 that help **ovarian** cancer cells colonise the omentum
# [@krishnan2020omental], and in peritoneal tumours, macrophage metabolism produces itaconic acid,
# which links the metabolic state of peritoneal macrophages to tumour growth
# [@weiss2018itaconic]. In esophageal carcinoma itself, polarisation of tumour-associated
# macrophages promotes progression [@yuan2021tumor]; the macrophage–PD-1 axis is discussed on the
# [immune escape](immune-escape.md#macrophages-pd-l1) page. The source review's statements that
# peritoneal macrophages make VEGF that leads to ascites, and that M2 macrophages secrete TGF-β,
# IL-10 and IL-6, cite works we could not identify [@wang2023mechanisms].
#
# How far these mechanisms, mostly shown in other cancers, apply to esophageal cancer remains an
# open question. The chart counts the claims of this page by setting.
# <!-- no citation: our assessment; describes the chart -->

# %%
by_setting = page.groupby(["section_id", "setting"]).size().reset_index(name="claims")
fig = go.Figure()
for setting, sub in by_setting.groupby("setting"):
    fig.add_trace(go.Bar(x=sub.section_id, y=sub.claims, name=setting))
fig.update_layout(
    barmode="stack", xaxis_title="Section", yaxis_title="Claims (rows)", legend_title="Setting"
)
show_figure(
    fig,
    height=360,
    caption=(
        "Claims on this page by section and setting (data/evidence.csv): 'general' means evidence "
        "from other cancers or from general biology."
    ),
)
share = (page.setting == "ESCC").mean()
show_markdown(
    f"{share:.0%} of the {len(page)} claims on this page come from studies of ESCC; the rest "
    "rely on other cancers or on general biology."
)
show_claims(page, "Claims of this page")


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
        for r in left_out(load_coverage(Path("data/coverage.csv")), "ferroptosis-immune-cells")
    ],
    [("section", "Source section"), ("topic", "Topic"), ("reason", "Why it is left out")],
    caption="Topics of the source review left out of this page",
)
