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
# # Chemotherapy {#chemotherapy}

# %% tags=["remove-input"]
from esoreview.display import show_markdown
from esoreview.evidence.changes import load_changes, reviewed_markdown

show_markdown(reviewed_markdown(load_changes("data/evidence-changes.csv"), "chemotherapy"))

# %% [markdown]
# Once oesophageal cancer has spread beyond the reach of a single operation, treatment becomes
# systemic, and cytotoxic chemotherapy remains the backbone on which newer drugs are added:
# every first-line immunotherapy trial summarised on the
# [immunotherapy page](immunotherapy.md#trial-evidence) combined its antibody with a
# platinum doublet [@sun2021pembrolizumab; @lu2022sintilimab; @luo2021escort1st]. Before
# surgery for locally advanced disease, chemotherapy (alone or with radiation) is given to
# shrink the primary tumour and treat micrometastases, and the response it produces carries
# prognostic information [@okuda2022clinical; @yokota2016phase]. This page reviews the
# regimens, the biological factors reported to blunt or enhance their effect, the markers
# that predict outcome after neoadjuvant treatment, and the pharmacokinetics of
# 5-fluorouracil (5-FU), the oldest drug in the combinations. It is educational material, not
# treatment advice.
#
# ## Chemotherapy regimens {#chemotherapy-regimens}
#
# **Fluoropyrimidine plus platinum.** A fluoropyrimidine combined with a platinum salt is the
# standard first-line chemotherapy for advanced disease. In KEYNOTE-590 both arms received
# cisplatin on day 1 with 5-FU as a continuous infusion on days 1–5 of each three-week cycle
# [@sun2021pembrolizumab]. An oral fluoropyrimidine can take the place of infused 5-FU:
# in ToGA, for example, patients received cisplatin with either capecitabine or 5-FU
# [@bang2010toga]. Oral agents such as capecitabine and S-1 replace 5-FU rather than being
# added to it, which the source review's wording obscures [@wang2023mechanisms].
#
# **Taxanes.** Paclitaxel and docetaxel are used both with platinum in the first line and
# alone after progression. Paclitaxel with cisplatin was the chemotherapy backbone of
# ESCORT-1st, JUPITER-06 and most patients in ORIENT-15
# [@luo2021escort1st; @wang2022jupiter06; @lu2022sintilimab]. After failure of a
# fluoropyrimidine and platinum, a Japanese retrospective series compared docetaxel with
# paclitaxel [@shirakawa2014docetaxel], and a single taxane was the control arm of
# ATTRACTION-3 [@kato2019nivolumab].
#
# **Irinotecan.** Irinotecan is a third single-agent option in the second line: together with
# paclitaxel and docetaxel it made up the investigator's-choice control arm of KEYNOTE-181
# and RATIONALE-302 [@kojima2020keynote181; @shen2022tislelizumab]. The source review adds
# that a Japanese study found paclitaxel and irinotecan about equally effective in the second
# line. The trial that matches this description, WJOG 4007, enrolled patients with advanced
# *gastric* cancer after a fluoropyrimidine and platinum: median overall survival was 9.5
# months with weekly paclitaxel and 8.4 months with irinotecan (HR 1.13, 95% CI 0.86–1.49),
# a difference that was not significant [@hironaka2013randomized]. It does not test the two
# drugs in esophageal cancer.
#
# **Docetaxel, cisplatin and 5-FU (DCF).** Adding docetaxel to cisplatin and 5-FU gives a
# more intensive triplet. In a Japanese phase 2 study of locally advanced ESCC judged
# unresectable (T4 tumours or supraclavicular nodal metastasis), DCF induction was used to
# select responders for conversion surgery [@yokota2016phase]. That design shows
# feasibility; it cannot show that DCF prolongs survival compared with chemoradiotherapy, and
# the study did not report five-year outcomes [@yokota2016phase].
#
# **Lobaplatin.** The source review describes the Zheng et al. study as a neoadjuvant comparison
# and misnames the drug (see the [corrections page](corrections.md)). The study is a multicentre
# comparison of *lobaplatin*-based versus cisplatin-based *adjuvant* chemotherapy (given after
# surgery), which reported similar long-term survival with less toxicity in the lobaplatin group
# [@zheng2021multicentre]. It therefore says nothing about lobaplatin before surgery. The same
# source paragraph recommends a docetaxel, nedaplatin and S-1 ("DGS") regimen; its cited reference
# is the lobaplatin study, so we could not trace the evidence for it [@wang2023mechanisms].
#
# The doses and schedules of the regimens named on the treatment pages, as each trial report
# gave them, are collected in the [regimen table](perioperative-adjuvant.md#treatment-regimens);
# the preoperative regimens (CROSS chemoradiotherapy, FLOT, CF and DCF) and the trials that
# compared them are on the [perioperative page](perioperative-adjuvant.md#perioperative-adjuvant).
# <!-- no citation: links to other pages of this site -->
#
# ## What modifies the response to chemotherapy {#chemotherapy-response-modifiers}
#
# Several laboratory and clinical studies point to tumour-intrinsic pathways, the tumour's
# microbial environment and the patient's nutrition as modifiers of chemotherapy efficacy:
#
# - **HN1L, AP-2γ and PLK1.** The protein HN1L (written "HNL1" in the source review) raises
#   expression of the mitotic kinase PLK1 through the transcription factor AP-2γ, promoting
#   ESCC progression and resistance to chemotherapy. In the same study the PLK1 kinase
#   inhibitor BI 2536 (misspelled in the source review) restored sensitivity in models
#   [@zeng2022signaling].
#   BI 2536 inhibits the enzyme's activity; it does not block PLK1 transcription as the source
#   review states [@zeng2022signaling]. The drug appears in the
#   [drug–target table](targeted-therapy.md#potential-targets).
# - **YAP1 and EGFR.** The Hippo-pathway co-activator YAP1 drives EGFR overexpression in
#   oesophageal cancer cells and confers resistance to chemotherapy [@song2015hippo], linking
#   chemoresistance to the EGFR antibodies discussed on the
#   [targeted therapy page](targeted-therapy.md#anti-egfr).
# - ***Porphyromonas gingivalis*.** Infection of oesophageal cancer with this oral bacterium
#   was associated with more aggressive disease and with resistance to neoadjuvant
#   chemotherapy [@gao2021porphyromonas].
# - **Nutrition.** A clinical study of oral nutritional supplements during chemotherapy for
#   oesophageal cancer reported fewer episodes of chemotherapy-induced myelosuppression,
#   particularly in underweight patients [@anon2022untitled].
#
# These are single studies; none has yet changed how chemotherapy is chosen or scheduled.
# <!-- no citation: our assessment of the studies cited above -->
#
# ## Prognosis after neoadjuvant therapy {#neoadjuvant-prognosis}
#
# After neoadjuvant chemotherapy and oesophagectomy, the pathology of the resected specimen
# records how much tumour survived treatment. Lymphatic invasion that persists after
# neoadjuvant chemotherapy ("remnant" lymphatic invasion) was associated with recurrence of
# ESCC in a Japanese surgical series [@okuda2022clinical]. The source review adds a second
# Japanese cohort in which preoperative squamous cell carcinoma antigen, the stage of the
# residual tumour, vascular invasion and supraclavicular nodal metastasis predicted
# recurrence-free and overall survival; that study could not be identified, so these factors
# are listed here as reported by the review, not as verified findings [@wang2023mechanisms].
# How nodal spread is staged is explained on the [overview page](overview.md#n-categories),
# and the biology of lymphatic spread on the
# [lymphatic metastasis page](lymphatic-metastasis.md#lymphatic-metastasis).
#
# ## Pharmacokinetics of 5-fluorouracil {#fluorouracil-pk}
#
# 5-FU is cleared from plasma within minutes of a bolus injection, so the way it is given
# shapes the exposure of the tumour as much as the dose does. The interactive model below
# follows plasma 5-FU during the KEYNOTE-590 schedule (a continuous infusion on days 1–5)
# [@sun2021pembrolizumab] and lets the reader switch to bolus dosing or to two-compartment
# kinetics; an illustrative log-kill term shows how exposure could translate into tumour-cell
# kill. The elimination
# half-lives and clearance come from published pharmacokinetic studies listed in the model's
# parameter table [@kirkwood1980pharmacokinetics; @fluorouracil_clinical_pharmacokinetics;
# @phillips1980fluorouracil]; the
# tumour-response parameters are illustrative and are flagged as such.
# The linear model ignores the saturable elimination of 5-FU at high concentrations.

# %% tags=["remove-input"]
from IPython.display import HTML, display

from esoreview.widgets.models import widget_html

display(HTML(widget_html("fluorouracil_pk")))

# %% [markdown]
# The static figure shows the same model's default run, computed when this page was built.
# <!-- no citation: describes the figure -->

# %%
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from esoreview.display import show_figure, show_markdown, show_table
from esoreview.kinetics.api import describe, run

spec = describe("fluorouracil_pk")
result = run("fluorouracil_pk", {}, {})
hours = result["time"]["values"]
days = [t / 24 for t in hours]

fig = make_subplots(specs=[[{"secondary_y": True}]])
conc = result["series"]["concentration"]
tumour = result["series"]["tumour"]
fig.add_trace(go.Scatter(x=days, y=conc["values"], name=conc["label"]), secondary_y=False)
fig.add_trace(
    go.Scatter(x=days, y=tumour["values"], name=tumour["label"], line={"dash": "dot"}),
    secondary_y=True,
)
fig.update_xaxes(title="Time from start of cycle (days)")
fig.update_yaxes(title=f"Plasma 5-FU ({conc['unit']})", secondary_y=False)
fig.update_yaxes(title="Tumour cells relative to start", secondary_y=True)
fig.update_layout(template="plotly_white", legend={"orientation": "h", "y": -0.25})
show_figure(
    fig,
    caption=(
        f"{spec['title']}: default run (5-FU as a 24-hour infusion on days 1–5). Solid line: "
        "plasma concentration; dotted line: illustrative tumour-cell number."
    ),
)

# %% tags=["remove-input"]
summary = result["summary"]
show_markdown(
    f"During the infusion the concentration settles at about "
    f"{summary['c_steady']['value']:.2f} {summary['c_steady']['unit']}, the infusion rate "
    f"divided by clearance, and it falls away within minutes once the last infusion stops, "
    f"because the elimination half-life is so short. The cumulative exposure over the cycle is "
    f"{summary['auc']['value']:.0f} {summary['auc']['unit']}, which equals the dose given "
    f"divided by clearance ({summary['auc_expected']['value']:.0f} "
    f"{summary['auc_expected']['unit']}): in a linear model, how the dose is spread over time "
    f"changes the peak, not the total exposure. The schedule follows KEYNOTE-590 "
    f"[@sun2021pembrolizumab]."
)

# %% tags=["remove-input"]
rows = [
    {
        "label": p["label"],
        "value": f"{p['default']:g} {p['unit']}".strip(),
        "basis": "illustrative" if p["illustrative"] else "published value",
        "note": p["note"],
    }
    for p in spec["parameters"]
]
show_table(
    rows,
    [("label", "Parameter"), ("value", "Default"), ("basis", "Basis"), ("note", "Note")],
    caption="Parameters of the 5-FU model (defaults used for the figure above)",
)
