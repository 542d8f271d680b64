"""The execution cache: what re-executes a notebook and what does not."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from esoreview.site.notebooks import NotebookError, execute_notebooks, read_notebook
from esoreview.site.paths import Project

pytestmark = pytest.mark.slow

NOTEBOOK = textwrap.dedent(
    """\
    # %% [markdown]
    # # Tiny {#tiny}
    #
    # Prose before the code.

    # %%
    import csv

    with open("data/values.csv") as handle:
        rows = list(csv.DictReader(handle))
    print(sum(int(r["v"]) for r in rows))
    """
)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n")
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "01-tiny.py").write_text(NOTEBOOK)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "values.csv").write_text("v\n1\n2\n")
    (tmp_path / "data" / "unrelated.csv").write_text("v\n9\n")
    pkg = tmp_path / "src" / "esoreview"
    pkg.mkdir(parents=True)
    (pkg / "model.py").write_text("RATE = 1\n")
    (tmp_path / "requirements.lock").write_text("plotly==7.1.0\n")
    return Project(tmp_path)


def states(project: Project) -> list[bool]:
    return [r.cached for r in execute_notebooks(project, log=lambda _: None)]


def stdout(project: Project) -> str:
    result = execute_notebooks(project, log=lambda _: None)[0]
    return "".join(
        o.get("text", "") for c in result.executed_nb.cells for o in c.get("outputs", [])
    )


def test_first_run_executes_then_noop_hits(project: Project) -> None:
    assert states(project) == [False]
    assert states(project) == [True]


def test_prose_edit_hits_and_new_prose_reaches_page(project: Project) -> None:
    states(project)
    nb = project.notebooks / "01-tiny.py"
    nb.write_text(nb.read_text().replace("Prose before the code.", "Edited prose."))
    results = execute_notebooks(project, log=lambda _: None)
    assert results[0].cached
    prose = [c.source for c in results[0].executed_nb.cells if c.cell_type == "markdown"]
    assert "Edited prose." in prose[0]
    assert "3" in "".join(
        o.get("text", "") for c in results[0].executed_nb.cells for o in c.get("outputs", [])
    )


@pytest.mark.parametrize(
    "change",
    [
        ("notebooks/01-tiny.py", lambda s: s.replace("print(sum(", "print(1 + sum(")),
        ("src/esoreview/model.py", lambda s: s.replace("1", "2")),
        ("data/values.csv", lambda s: s + "4\n"),
        ("requirements.lock", lambda s: s.replace("7.1.0", "7.1.1")),
    ],
    ids=["code-cell", "package-source", "data-read", "lock"],
)
def test_dependency_change_misses(project: Project, change) -> None:
    states(project)
    path = project.root / change[0]
    path.write_text(change[1](path.read_text()))
    assert states(project) == [False]


def test_unread_data_change_hits(project: Project) -> None:
    states(project)
    (project.data / "unrelated.csv").write_text("v\n10\n")
    assert states(project) == [True]


def test_data_change_reaches_output(project: Project) -> None:
    assert stdout(project).strip() == "3"
    (project.data / "values.csv").write_text("v\n5\n")
    assert stdout(project).strip() == "5"


def test_failing_cell_names_file_line_cell_and_traceback(project: Project) -> None:
    nb = project.notebooks / "01-tiny.py"
    nb.write_text(NOTEBOOK + "\n# %%\nx = 1\n\n# %%\nraise ValueError('broken on purpose')\n")
    with pytest.raises(NotebookError) as info:
        execute_notebooks(project, log=lambda _: None)
    message = str(info.value)
    lines = nb.read_text().splitlines()
    line = lines.index("raise ValueError('broken on purpose')") + 1
    assert message == f"notebooks/01-tiny.py:{line}: cell 4 failed: ValueError: broken on purpose"
    assert "Traceback" not in info.value.one_line() and "\n" not in info.value.one_line()
    assert "raise ValueError" in info.value.details  # the cell's traceback, for --debug


def test_cell_lines_point_at_cell_content(project: Project) -> None:
    source = read_notebook(project.notebooks / "01-tiny.py")
    lines = (project.notebooks / "01-tiny.py").read_text().splitlines()
    assert lines[source.cell_lines[0] - 1] == "# # Tiny {#tiny}"
    assert lines[source.cell_lines[1] - 1] == "import csv"


def test_data_references_are_literal_paths(project: Project) -> None:
    assert read_notebook(project.notebooks / "01-tiny.py").data_references() == ["data/values.csv"]


# --- damage: the cache repairs itself instead of blocking every build ---------------------


def _warnings(project: Project) -> tuple[list[bool], list[str]]:
    lines: list[str] = []
    states = [r.cached for r in execute_notebooks(project, log=lines.append)]
    return states, [line for line in lines if line.startswith("warning:")]


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda db: db.write_bytes(b""), id="empty-db"),
        pytest.param(lambda db: db.write_bytes(b"not a database at all" * 100), id="garbage-db"),
        pytest.param(
            lambda db: db.write_bytes(db.read_bytes()[:4096] + b"\0" * 4096), id="corrupt-pages"
        ),
    ],
)
def test_damaged_database_is_discarded_with_one_warning(project: Project, damage) -> None:
    assert states(project) == [False]
    damage(project.cache / "global.db")
    executed, warnings = _warnings(project)
    assert executed == [False]  # re-executed, not blocked
    assert len(warnings) == 1 and "global.db" in warnings[0] and "\n" not in warnings[0]
    assert states(project) == [True]  # and the repaired cache works again


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda nb: nb.unlink(), id="missing"),
        pytest.param(lambda nb: nb.write_text(nb.read_text()[:200]), id="truncated"),
        pytest.param(lambda nb: nb.write_bytes(b"\xff\xfe\x00garbage"), id="unreadable"),
        pytest.param(lambda nb: nb.write_text('{"cells": 3}'), id="wrong-schema"),
    ],
)
def test_damaged_cached_notebook_is_discarded_and_re_executed(project: Project, damage) -> None:
    assert states(project) == [False]
    (cached,) = (project.cache / "executed").glob("*/base.ipynb")
    damage(cached)
    executed, warnings = _warnings(project)
    assert executed == [False]
    assert len(warnings) == 1 and "01-tiny.py" in warnings[0] and "\n" not in warnings[0]
    assert stdout(project).strip() == "3"
    assert states(project) == [True]


def test_non_utf8_byte_names_file_and_line(project: Project) -> None:
    nb = project.notebooks / "01-tiny.py"
    nb.write_bytes(NOTEBOOK.encode() + b"\n# %%\nx = '\xe9'\n")
    with pytest.raises(NotebookError) as info:
        execute_notebooks(project, log=lambda _: None)
    line = NOTEBOOK.count("\n") + 3
    assert info.value.one_line() == (
        f"{nb}:{line}: byte 0xe9 is not UTF-8 (hint: save the notebook as UTF-8)"
    )
