"""AJCC stage groups for cancer of the esophagus and esophagogastric junction.

Standard library only: the same code runs in the notebooks, the tests and, through Pyodide, in the
reader's browser.

The stage-group rules are data, not code. ``tables_ajcc8.json`` holds the six AJCC/UICC
8th-edition tables (clinical, pathological and postneoadjuvant, each for squamous cell carcinoma
and adenocarcinoma); ``tables_ajcc7.json`` holds the 7th-edition tables, one per cell type, shared
by all classifications. Each table and each row carries its sources and an evidence mark: V2 when
two or more independent sources agree, V1 when only one was seen. The 8th-edition rows come from
the VistA machine-readable AJCC 8th-edition tables (US Veterans Affairs, routine ONCSGA8A.m),
checked against NCI PDQ, the NCI dictionary, the Canadian Cancer Society and the Rice et al. 2017
staging primer; the 7th-edition rows come from the NCCN Guidelines for Patients (2013), with the
stage III rows checked against the NCI Thesaurus. Cases no source defines (for example TX or NX
without distant metastasis, T0 outside ypTNM, Tis with positive nodes, ypTis) get no group and a
reason instead; those "undefined" rows sit in the tables beside the stage rows, so the first-match
order is the whole story. M1 is IVB (IV in the 7th edition) whatever T and N are. A listed T1 or T4
also covers its subcategories, but an unsubdivided T1 or T4 is not guessed into a table that
only lists T1a/T1b or T4a/T4b: the reason then names the subcategories needed.

Public API::

    stage(*, histology, classification, t, m, n=None, positive_nodes=None, grade=None,
          location=None, edition=8) -> StageResult
    describe(result) -> str
    tables(edition=8) -> dict          # the JSON data, for rendering tables
    n_from_count(count) -> str
    compare(**same keywords as stage, without edition) -> Comparison   # 7th vs 8th
    differences() -> list[dict]        # what changed from the 7th to the 8th edition
    skip_metastasis(nodes=None, *, paraesophageal=None, elsewhere=None) -> SkipResult
    StagingError                       # ValueError subclass for every bad input
"""

from .categories import n_from_count
from .data import TableDataError, tables
from .engine import StageResult, describe, stage
from .errors import StagingError
from .seventh import Comparison, compare, differences
from .skip import PARAESOPHAGEAL, SkipResult, skip_metastasis

__all__ = [
    "PARAESOPHAGEAL",
    "Comparison",
    "SkipResult",
    "StageResult",
    "StagingError",
    "TableDataError",
    "compare",
    "describe",
    "differences",
    "n_from_count",
    "skip_metastasis",
    "stage",
    "tables",
]
