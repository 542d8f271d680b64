"""esoreview: the code behind the living review of esophageal cancer metastasis.

Two rooms live here:

* client models -- :mod:`esoreview.staging` and :mod:`esoreview.kinetics` -- pure standard
  library, the same code in notebooks, tests, CPython and Pyodide;
* the build engine -- :mod:`esoreview.site` -- which turns notebooks, data and BibTeX into
  the MkDocs site and may use the documentation toolchain.

:mod:`esoreview.display` holds the small helpers notebooks use to emit figures and tables.
"""

__version__ = "0.1.0"
