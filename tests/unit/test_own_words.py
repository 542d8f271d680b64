"""Our prose is written anew: no run of eight words in a row taken from the source review.

The source text is not part of the repository (it is the project's shared material, beside the
checkout); the test is skipped where it is absent. Quotations of erroneous phrases live only in
data/errata.json, rendered on the corrections page, which this test does not read.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT.parent / "shared" / "source" / "review.txt"
RUN = 8


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9αβγκ-]+", text.lower())


def prose(path: Path) -> str:
    if path.suffix == ".py":  # markdown cells of a py:percent notebook are '# ' comment lines
        return "\n".join(
            line[2:] for line in path.read_text().splitlines() if line.startswith("# ")
        )
    return path.read_text(encoding="utf-8")


def shared_runs(text: str, source_runs: set[tuple[str, ...]]) -> list[str]:
    w = words(text)
    return [
        " ".join(w[i : i + RUN])
        for i in range(len(w) - RUN + 1)
        if tuple(w[i : i + RUN]) in source_runs
    ]


def test_detector_finds_a_copied_sentence() -> None:
    source = "metastasis of esophageal cancer mainly includes direct diffusion and lymphatic spread"
    runs = {tuple(words(source)[i : i + RUN]) for i in range(len(words(source)) - RUN + 1)}
    assert shared_runs("As noted, " + source + ".", runs)
    assert not shared_runs("Esophageal cancer spreads directly, through lymph and blood.", runs)


@pytest.mark.parametrize(
    "path",
    sorted(ROOT.glob("notebooks/*.py")) + sorted(ROOT.glob("docs/*.md")),
    ids=lambda p: p.name,
)
def test_no_eight_word_run_from_the_source(path: Path) -> None:
    if not SOURCE.is_file():
        pytest.skip(f"{SOURCE} not present")
    w = words(SOURCE.read_text(encoding="utf-8"))
    source_runs = {tuple(w[i : i + RUN]) for i in range(len(w) - RUN + 1)}
    assert shared_runs(prose(path), source_runs) == []
