"""``new_section`` writes a notebook that follows the conventions, into a minimal project copy."""

from __future__ import annotations

import re
from pathlib import Path

import jupytext
import pytest

from esoreview.site.cli import main as cli_main
from esoreview.site.paths import Project
from esoreview.site.scaffold import EXAMPLE_KEY, ScaffoldError, new_section
from esoreview.site.structure import Structure

ROOT = Path(__file__).parents[2]
HEADING_WITH_ID = re.compile(r"^(#{1,6}) .+ \{#([a-z][a-z0-9-]*)\}$", re.M)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    (tmp_path / "mkdocs.yml").write_text("site_name: test\nnav:\n  - index.md\n")
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    for name in ("01-overview.py", "03-immune-escape.py"):
        (notebooks / name).write_text("# %% [markdown]\n# # Title {#title}\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "methods.md").write_text("# Methods {#methods}\n")
    return Project(tmp_path)


def test_new_section_follows_conventions(project: Project) -> None:
    path = new_section(project, "angiogenesis", "Tumour angiogenesis")
    assert path == project.notebooks / "04-angiogenesis.py"  # next number after the highest
    nb = jupytext.read(path, fmt="py:percent")
    prose = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    title = Structure(prose).title(path)
    assert (title.title, title.id) == ("Tumour angiogenesis", "angiogenesis")
    levels = {m.group(1) for m in HEADING_WITH_ID.finditer(prose)}
    assert {"#", "##"} <= levels
    assert f"[@{EXAMPLE_KEY}]" in prose
    assert "show_figure(" in code and '"data/' in code  # literal data path for the cache
    assert jupytext.writes(nb, fmt="py:percent").count("# %%") == path.read_text().count("# %%")


def test_example_key_exists_in_the_bibliography() -> None:
    bib = "\n".join(p.read_text() for p in (ROOT / "bib").glob("*.bib"))
    assert re.search(rf"@\w+\{{{EXAMPLE_KEY},", bib)


def test_scaffold_code_runs_against_the_repository_data(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("plotly")
    path = new_section(project, "angiogenesis", "Angiogenesis")
    nb = jupytext.read(path, fmt="py:percent")
    shown: list[str] = []
    monkeypatch.setattr("esoreview.display.show_figure", lambda fig, **kw: shown.append(kw))
    monkeypatch.chdir(ROOT)  # notebooks run from the checkout root, like the build does
    namespace: dict = {}
    for cell in nb.cells:
        if cell.cell_type == "code":
            exec(compile(cell.source, str(path), "exec"), namespace)
    assert len(shown) == 1 and "claims in data/evidence.csv" in shown[0]["caption"]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Angiogenesis", "lowercase"),
        ("angio_genesis", "lowercase"),
        ("angio--genesis", "lowercase"),
        ("-angiogenesis", "lowercase"),
        ("2nd-line", "lowercase"),
        ("immune-escape", "already used"),
        ("methods", "already used"),
        ("bibliography", "reserved"),
    ],
)
def test_rejects_bad_or_taken_names(project: Project, name: str, message: str) -> None:
    with pytest.raises(ScaffoldError, match=message):
        new_section(project, name, "Title")
    assert sorted(p.name for p in project.notebooks.iterdir()) == [
        "01-overview.py",
        "03-immune-escape.py",
    ]


def test_rejects_empty_title(project: Project) -> None:
    with pytest.raises(ScaffoldError, match="title"):
        new_section(project, "angiogenesis", "   ")


def test_cli_creates_the_notebook(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    status = cli_main(["--root", str(project.root), "new-section", "angiogenesis", "--title", "A"])
    assert status == 0
    assert (project.notebooks / "04-angiogenesis.py").is_file()
    assert "mkdocs.yml" in capsys.readouterr().out
