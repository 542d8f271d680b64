"""Name works by author and year where a number cannot be used (figure hover texts, axes).

Readers never see raw BibTeX keys (the build fails on one): prose and tables cite with
``[@key]``, which the engine numbers, but text inside a figure is drawn by plotly.js and cannot
hold a numbered link, so it names the work instead: "Song et al. 2017".
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from ..site.bib import Bibliography, load_bibliography
from ..site.rawkeys import author_year as _author_year


@lru_cache(maxsize=4)
def bibliography(folder: str = "bib") -> Bibliography:
    """The reference set in ``folder`` (notebooks run in the repository root)."""
    return load_bibliography(sorted(Path(folder).glob("*.bib")))


def author_year(key: str, bib: Bibliography | None = None) -> str:
    """'Song et al. 2017' for a key of ``bib/*.bib`` (KeyError for an unknown key)."""
    return _author_year(bib or bibliography(), key)


def author_years(keys: str | Iterable[str], bib: Bibliography | None = None) -> str:
    """``"a;b"`` (or a list of keys) -> 'A et al. 2003; B and C 2010'."""
    items = keys.split(";") if isinstance(keys, str) else keys
    return "; ".join(author_year(k, bib) for k in items if k.strip())
