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
# # Overview and staging context {#overview}
#
# Esophageal cancer is among the commonest cancers in the world: in the GLOBOCAN 2020 estimates
# it ranked seventh for new cases and sixth for cancer deaths
# [@sung2021global; @liu2023epidemiology]. Because early tumours cause few symptoms, most
# patients are diagnosed at an intermediate or advanced stage, many of them with distant spread
# already present [@huang2018esophageal]. Two
# histological types account for almost all cases, and they behave like two different diseases.
# Squamous cell carcinoma (ESCC) dominates worldwide, with the highest incidence in Eastern Asia,
# whereas adenocarcinoma (EAC) has its highest rates in Northern Europe and now outnumbers ESCC in
# a growing number of high-income countries [@arnold2020global]. Most of the mechanistic work
# summarised on the following pages was done in ESCC, often in cell lines and mouse models; each
# statement is tagged with its setting and type of evidence in the
# [evidence table](#evidence-overview) at the end of this page.
#
# This page sets out the anatomical and staging background that the mechanism pages rely on: how
# the cancer spreads, how the wall and the vessels of the esophagus are arranged, how nodal
# disease is counted in the AJCC/UICC system, what a skip metastasis is, and what changed between
# the 7th and the 8th editions of the staging manual. An interactive calculator at the end stages a
# case with the same code that produced the tables on this page.
# <!-- no citation: outline of the page -->

# %%
import pandas as pd
import plotly.graph_objects as go

from esoreview.display import show_figure, show_markdown, show_table
from esoreview.evidence.mechanisms import cites
from esoreview.evidence.refs import author_year
from esoreview.staging import differences, n_from_count, stage

evidence = pd.read_csv("data/evidence.csv").fillna("")
skips = pd.read_csv("data/skip-metastasis.csv")

# %% [markdown]
# ## Routes of spread {#routes-of-spread}
#
# Esophageal cancer reaches other tissues by three routes. **Direct invasion** carries the tumour
# through the wall into neighbouring structures; the 8th-edition T categories record exactly this,
# with T4a for invasion of the pleura, pericardium, azygos vein, diaphragm or peritoneum and T4b
# for other adjacent structures such as the aorta, a vertebral body or the airway
# [@rice2017cancer]. **Lymphatic spread** to regional nodes is the commonest route and the one
# that dominates staging and surgery, which is why the N category and the extent of lymph-node
# dissection receive so much attention [@rice2017cancer; @ma2023comparison]. A nationwide Japanese
# study reported the results of three-field dissection, which clears the neck as well as the
# mediastinum and the upper abdomen because thoracic tumours drain to all three regions
# [@isono1991results], and the burden of nodal disease predicts survival even in early-stage
# cancer, for example when it is expressed as the log odds of positive nodes
# [@xi2021prognostic]. **Haematogenous
# spread** seeds distant organs through the blood; the molecular steps of that route, from the
# preparation of distant sites to the survival of circulating tumour cells, are the subject of the
# [haematogenous metastasis](haematogenous-metastasis.md) page, and the lymphatic route is
# treated on the [lymphatic metastasis](lymphatic-metastasis.md) page.
#
# Lymph-node patterns differ by tumour site and histology. In a propensity-matched comparison of
# adenocarcinoma of the esophagogastric junction with very low thoracic ESCC, the squamous tumours
# involved lower mediastinal and paracardial nodes more often, a difference that bears on how much
# of the lower mediastinum a surgeon clears [@ma2023comparison].
#
# ## Distant metastasis {#distant-metastasis}
#
# Spread through the blood usually becomes apparent after the regional nodes are involved, and in
# experimental tumours distant organs were seeded only once the sentinel nodes carried
# metastases [@wang2023mechanisms; @anonndvegfc]. Besides the familiar distant sites, case
# reports document how widely esophageal cancer can seed. A solitary pancreatic metastasis of
# ESCC that appeared after esophagectomy was resected, and the report reviewed the earlier
# published cases [@koizumi2019successful]; a primary esophageal *adenocarcinoma* metastasised
# to skeletal muscle [@sohda2014primary]; and a carcinoma of the distal esophagus spread to the
# thyroid gland, where it mimicked a primary thyroid cancer [@chen2014metastasis]. The source
# review's sentence on these reports mixes up the pancreatic case with a list of organs; the
# [corrections page](corrections.md) gives the details.
#
# ## The esophageal wall and its vessels {#esophageal-anatomy}
#
# From the lumen outwards the esophageal wall consists of mucosa, submucosa, muscularis propria
# (inner circular and outer longitudinal layers) and adventitia; the T categories of the staging
# system follow these layers, from invasion of the lamina propria or muscularis mucosae (T1a) and
# of the submucosa (T1b) to invasion of the muscularis propria (T2) and of the adventitia (T3)
# [@rice2017cancer].
#
# The arterial supply comes in segments whose vessels anastomose with one another. In a cadaver
# dissection study, the cervical esophagus was supplied mainly by the **inferior thyroid
# artery**, the segment at the tracheal bifurcation by the bronchial arteries (which arise from
# the aorta or from a right intercostal artery), the rest of the thoracic part by esophageal
# arteries from the descending aorta, and the abdominal part mainly by the **left gastric
# artery** [@anon1950esophageal]. A later cadaver study found the abdominal segment better
# supplied than the lowest thoracic one, through semicircular branches of the left gastric artery
# that also anastomose with the thoracic vessels [@yan1999arterial]. Below, the aortic esophageal
# branches also join ascending branches of the **left inferior phrenic artery**
# [@gray1918anatomy]. Veins largely accompany these arteries. For haematogenous spread the
# veins, not the arteries, are the relevant channels: tumour cells leave a tumour through its
# venous and lymphatic drainage, and the
# [corrections page](corrections.md) explains why we do not repeat the source review's
# arterial wording.
#
# Lymphatic vessels in the submucosa run mainly along the length of the organ, so tumour cells
# that enter them can travel some distance before they reach a node. This longitudinal network is
# one of the reasons offered for skip metastasis, described below [@gao2023relationship]. Some
# submucosal lymphatics also cross the muscle coat and run straight to regional nodes, notably
# those along the right recurrent laryngeal nerve and below the carina, and some open directly
# into the thoracic duct, so tumour cells can bypass the nearest paraesophageal nodes
# [@wang2018anatomy].

# %% [markdown]
# ## N categories by number of positive nodes {#n-categories}
#
# Both the 7th and the 8th editions of the AJCC/UICC staging system (the American Joint Committee
# on Cancer and the Union for International Cancer Control) assign the N category by counting
# positive regional lymph nodes: none is N0, one or two N1, three to six N2, and seven or more N3
# [@rice2017cancer]. What the 8th edition changed was the node *map* (a new, simpler
# esophagus-specific map of regional stations), not the counting rule [@rice2017cancer]. T1a and
# T1b are depth categories of the T descriptor, not stages; the 8th edition uses them to split
# pathological stage I [@rice2017cancer].
#
# ### Depth of invasion and nodal risk {#depth-nodal-risk}
#
# The chance that a tumour has already reached the nodes rises with how deep it has grown.
# Cancers confined to the epithelium or the lamina propria (part of T1a) almost never have nodal
# metastases, whereas once the submucosa is invaded (T1b) nodal disease becomes a real
# possibility, which is why the depth of an early tumour decides between endoscopic and surgical
# treatment [@jain2017pathology]. Even a small squamous cell carcinoma limited to the submucosa
# can already have spread to a node [@jia2022submucosal]. The source review states that
# stage 1a and 1b tumours with "sm1" invasion are free of nodal metastasis; that is not correct,
# as explained on the [corrections page](corrections.md).
#
# The figure below is computed, not drawn: for every count from 0 to 12 positive nodes it asks
# the staging engine of this site for the N category, once with the 7th-edition tables and once
# with the 8th-edition tables, and plots the result. The two lines coincide because the counting
# rule did not change.
# <!-- no citation: describes the computed figure -->

# %%
counts = list(range(0, 13))
n_order = ["N0", "N1", "N2", "N3"]
case = {
    "histology": "squamous",
    "classification": "pathological",
    "t": "T3",
    "m": "M0",
    "grade": "G2",
    "location": "middle",
}
rows = []
for edition in (7, 8):
    for k in counts:
        result = stage(**case, positive_nodes=k, edition=edition)
        rows.append({"edition": edition, "nodes": k, "n": result.n, "group": result.group})
by_count = pd.DataFrame(rows)
assert all(by_count.n == [n_from_count(k) for k in by_count.nodes])

fig = go.Figure()
for edition, dash in ((7, "dot"), (8, "solid")):
    sub = by_count[by_count.edition == edition]
    fig.add_trace(
        go.Scatter(
            x=sub.nodes,
            y=[n_order.index(n) for n in sub.n],
            mode="lines+markers",
            name=f"AJCC/UICC {edition}th edition",
            line={"shape": "hv", "dash": dash},
            customdata=sub.n,
            hovertemplate="%{x} positive nodes → %{customdata}<extra></extra>",
        )
    )
fig.update_layout(
    xaxis_title="Number of positive regional lymph nodes",
    yaxis={"title": "N category", "tickvals": list(range(4)), "ticktext": n_order},
    legend={"orientation": "h", "y": 1.12},
)
show_figure(
    fig,
    height=380,
    caption=(
        "N category against the number of positive regional nodes, computed with the site's "
        "staging engine for the 7th- and 8th-edition tables (the lines overlap)."
    ),
)

# %% [markdown]
# Counting nodes changes the stage group as well as N. For one illustrative case, a pathological
# T3 M0 squamous cell carcinoma of the middle thoracic esophagus with grade G2, the table shows
# the stage group each edition assigns as the number of positive nodes rises. The 8th-edition
# groups for pathological ESCC are derived from a machine-readable implementation of the manual
# and cross-checked as described on the staging engine's own documentation; they are shown here
# for orientation, not for clinical decisions [@rice2017cancer].

# %%
wide = by_count.pivot(index="nodes", columns="edition", values="group").reset_index()
show_table(
    [
        {"nodes": r.nodes, "n": n_from_count(r.nodes), "g7": r[7], "g8": r[8]}
        for _, r in wide.iterrows()
    ],
    [
        ("nodes", "Positive nodes"),
        ("n", "N category"),
        ("g7", "Stage group, 7th ed."),
        ("g8", "Stage group, 8th ed."),
    ],
    caption="pT3 M0 G2 squamous cell carcinoma, middle thoracic esophagus",
)

# %% [markdown]
# ## Skip metastasis {#skip-metastasis}
#
# A *skip* (non-sequential) nodal metastasis is present when the nodes nearest the tumour are free
# while more distant regional nodes contain cancer. How "nearest" is defined depends on the
# classification. In the AJCC usage followed by the source review, the first level is simply the
# paraesophageal nodes, so a skip metastasis means no positive paraesophageal node but at least one
# positive node elsewhere [@wang2023mechanisms]. The Japan Esophageal Society (JES) instead numbers
# the nodal stations of the neck, mediastinum and abdomen and groups them into levels according to
# where the primary tumour lies, so its first level is defined separately for upper, middle and
# lower thoracic tumours [@wang2023mechanisms; @jes2017classification1; @jes2017classification2].
# The staging engine of this site implements only the AJCC rule; it does not encode the JES
# station numbers, which we have not transcribed table by table from the classification.
#
# Skip metastasis is not rare. The chart below plots its frequency among node-positive patients in
# two surgical cohorts of thoracic ESCC whose numbers we read in the published abstracts; the
# studies used different definitions and selection rules, so the two bars are not directly
# comparable [@song2017prognostic; @cavallin2017nodal]. In the larger cohort, patients with skip
# metastasis had shorter survival than those without [@song2017prognostic], whereas the smaller
# cohort found similar survival once the number of positive nodes was taken into account
# [@cavallin2017nodal]. A 2023 study of mid-thoracic ESCC also reported skip metastasis as a
# prognostic factor and examined its bearing on postoperative adjuvant treatment
# [@gao2023relationship].

# %%
skips["percent"] = 100 * skips.skip_patients / skips.node_positive_patients
fig = go.Figure(
    go.Bar(
        x=[author_year(k) for k in skips.study_key],
        y=skips.percent,
        text=[
            f"{p:.1f}% ({s}/{n})"
            for p, s, n in zip(
                skips.percent, skips.skip_patients, skips.node_positive_patients, strict=True
            )
        ],
        textposition="outside",
        hovertext=skips.cohort,
        marker_color="#5b7fa6",
    )
)
fig.update_layout(
    yaxis_title="Skip metastasis among node-positive patients (%)",
    xaxis_title="Study",
    yaxis_range=[0, 50],
)
show_figure(
    fig,
    height=380,
    caption=(
        "Frequency of nodal skip metastasis in two resected thoracic ESCC cohorts "
        "(data/skip-metastasis.csv)."
    ),
)
show_table(
    [
        {
            "study": f"[@{r.study_key}]",
            "cohort": r.cohort,
            "n": r.node_positive_patients,
            "skip": r.skip_patients,
            "pct": f"{r.percent:.1f}",
        }
        for r in skips.itertuples()
    ],
    [
        ("study", "Study"),
        ("cohort", "Cohort"),
        ("n", "Node-positive patients"),
        ("skip", "With skip metastasis"),
        ("pct", "%"),
    ],
    raw_columns=["study"],
)

# %% [markdown]
# ## From the 7th to the 8th edition {#staging-changes}
#
# The 8th edition of the AJCC/UICC classification for cancers of the esophagus and
# esophagogastric junction was built on a much larger international data set than the 7th
# [@rice2017cancer]. Its main changes are separate stage groups for clinical, pathological and
# postneoadjuvant staging (the 7th edition had a single set); the use of pT1a and pT1b to subdivide
# pathological stage I; removal of the undifferentiated grade G4; removal of tumour location as a
# category for pT2N0M0 squamous cell carcinoma; a revised definition of the esophagogastric
# junction; a new, simplified regional node map; and identical postneoadjuvant (ypTNM) groups for
# both cell types [@rice2017cancer]. The table lists the differences exactly as the staging engine
# of this site records them, with the sources it was built from.

# %%
show_table(
    [
        {
            "change": d["text"],
            "sources": "; ".join(f"[{s['id']}]({s['url']})" for s in d["sources"]),
        }
        for d in differences()
    ],
    [("change", "What changed from the 7th to the 8th edition"), ("sources", "Sources")],
    raw_columns=["sources"],
)

# %% [markdown]
# ## Staging calculator {#staging-calculator}
#
# The calculator below stages a case with the AJCC/UICC 8th-edition tables (and, for comparison,
# the 7th). It runs the same Python code in your browser that produced the figures above. It is
# an educational tool for understanding the classification, not a clinical instrument.
# <!-- no citation: describes the widget -->

# %% tags=["remove-input"]
from IPython.display import HTML, display

from esoreview.widgets.staging import static_tables_html, widget_html

display(HTML(widget_html()))

# %% [markdown]
# The complete stage-group tables it uses are reproduced below.
# <!-- no citation: describes the tables -->

# %% tags=["remove-input"]
display(HTML(static_tables_html()))

# %% [markdown]
# ### Evidence behind the mechanism pages {#evidence-overview}
#
# Each mechanistic statement on the following pages is one row of `data/evidence.csv`, with the
# actor, its target, the direction of the effect, the setting (ESCC, EAC or general), the kind of
# evidence and the works that support it. The chart counts the rows by setting and kind of
# evidence; the table can be filtered by typing into the box above it.
# <!-- no citation: describes the evidence table -->

# %%
counts_by_kind = evidence.groupby(["evidence_kind", "setting"]).size().reset_index(name="rows")
fig = go.Figure()
for setting, sub in counts_by_kind.groupby("setting"):
    fig.add_trace(go.Bar(x=sub.evidence_kind, y=sub.rows, name=setting))
fig.update_layout(
    barmode="stack",
    yaxis_title="Claims (rows)",
    xaxis_title="Kind of evidence",
    legend_title="Setting",
)
show_figure(
    fig,
    height=380,
    caption=(
        f"{len(evidence)} mechanistic claims in data/evidence.csv by kind of evidence and setting."
    ),
)


show_table(
    [
        {**r, "cites": cites(r["citation_keys"]), "page": r["section_id"]}
        for r in evidence.to_dict("records")
    ],
    [
        ("id", "ID"),
        ("actor", "Actor"),
        ("effect", "Effect"),
        ("target", "Target"),
        ("setting", "Setting"),
        ("evidence_kind", "Evidence"),
        ("claim", "Claim"),
        ("cites", "Works"),
        ("page", "Section"),
    ],
    filterable=True,
    raw_columns=["cites"],
)
show_markdown(
    f"Of the {len(evidence)} claims, {int((evidence.setting == 'ESCC').sum())} come from work "
    f"in ESCC, {int((evidence.setting == 'EAC').sum())} from EAC and "
    f"{int((evidence.setting == 'general').sum())} from other cancers or general biology."
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
        for r in left_out(load_coverage(Path("data/coverage.csv")), "overview")
    ],
    [("section", "Source section"), ("topic", "Topic"), ("reason", "Why it is left out")],
    caption="Topics of the source review left out of this page",
)
