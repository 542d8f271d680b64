"""Suite-wide fixtures.

``built_site`` -- the path of the built ``site/``. Tests that check the published pages take it and
carry the ``site`` marker: they *fail* when the site is missing (a skipped check looks like a
passed one), and ``make test-fast`` deselects them because it builds nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session", autouse=True)
def hypothesis_regex_loaded() -> None:
    """Load hypothesis's regex module before the first test rather than on first use inside a
    running @given test: pytest rewrites hypothesis's modules as they are imported, and on
    CPython 3.11.7 that compile once failed there with "SystemError: AST constructor recursion
    depth mismatch" (a fresh-clone `make test`, 2026-12-06, test_figure_palette). Validating a
    strategy is what imports it (not at conftest import: hypothesis warns about that)."""
    st.from_regex(r"a", fullmatch=True).validate()


@pytest.fixture(scope="session")
def built_site() -> Path:
    site = ROOT / "site"
    if not (site / "index.html").is_file():
        pytest.fail(f"{site} has no index.html: run `make site` (or `make test`, which builds)")
    return site


@pytest.fixture(scope="session")
def generated_docs() -> Path:
    docs = ROOT / ".build" / "docs"
    if not docs.is_dir():
        pytest.fail(f"{docs} is missing: run `make site` first (or `make test`, which builds)")
    return docs
