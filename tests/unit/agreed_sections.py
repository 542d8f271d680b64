"""The agreed page slugs and section ids that pages, data and other pages link to.

One list for every content test: a section id here must exist as a heading of its page.
"""

AGREED = {
    "overview": {
        "overview",
        "routes-of-spread",
        "esophageal-anatomy",
        "n-categories",
        "skip-metastasis",
        "distant-metastasis",
        "depth-nodal-risk",
        "staging-changes",
        "staging-calculator",
    },
    "haematogenous-metastasis": {
        "haematogenous-metastasis",
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
    },
    "lymphatic-metastasis": {
        "lymphatic-metastasis",
        "vegfc-vegfr3",
        "lymphangiogenic-factors",
        "exosomal-rnas",
        "lymph-nodes",
        "cancer-associated-fibroblasts",
        "chemokine-axes",
        "receptor-binding-model",
    },
    "immune-escape": {
        "immune-escape",
        "macrophages-pd-l1",
        "caf-immunosuppression",
        "regulatory-t-cells",
        "mdsc",
        "cytokines",
        "tumour-immune-model",
    },
    "ferroptosis-immune-cells": {
        "ferroptosis-immune-cells",
        "ferroptosis",
        "immune-cells-metastasis",
    },
    "chemotherapy": {
        "chemotherapy",
        "chemotherapy-regimens",
        "chemotherapy-response-modifiers",
        "neoadjuvant-prognosis",
        "fluorouracil-pk",
    },
    "immunotherapy": {
        "immunotherapy",
        "checkpoint-inhibitors",
        "pd-l1-cps",
        "chemotherapy-pd-l1",
        "trial-evidence",
    },
    "targeted-therapy": {
        "targeted-therapy",
        "anti-egfr",
        "anti-her2",
        "anti-vegfr2",
        "potential-targets",
    },
    "conclusions": {"conclusions", "open-questions"},
    "corrections": {"corrections", "source-coverage"},
}
