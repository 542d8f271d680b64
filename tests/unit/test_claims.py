"""Every prose paragraph of a section notebook cites a work or says why it needs none."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from esoreview.site.claims import report, uncited

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.py"))

SAMPLE = """\
# %%
x = 1  # code is not prose

# %% [markdown]
# # Title {#title}
#
# A claim with a citation [@kato2011single].
#
# A claim without one,
# over two lines.
#
# Narrative form: @sung2021global reported it.
#
# A figure description. <!-- no citation: describes the figure -->
#
# An empty reason does not count. <!-- no citation: -->
#
# Three kinds:
#
# - cited item [@kato2011single]
# - uncited item
#   with a continuation line
#
# ```
# fenced text is not prose
# ```
#
# | a | table |
#
# An e-mail address such as someone@example.org is no citation.
"""


def test_uncited_paragraphs_are_found_with_their_line():
    found = [(p.line, p.text) for p in uncited(SAMPLE)]
    assert found == [
        (9, "A claim without one, over two lines."),
        (16, "An empty reason does not count. <!-- no citation: -->"),
        (21, "- uncited item with a continuation line"),
        (30, "An e-mail address such as someone@example.org is no citation."),
    ]


def test_report_names_file_and_line(tmp_path):
    path = tmp_path / "01-x.py"
    path.write_text(SAMPLE, encoding="utf-8")
    messages = report(path)
    assert messages[0].startswith(f"{path}:9: paragraph cites no work")
    assert len(messages) == 4


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_notebook_paragraph_cites_or_says_why_not(path):
    assert report(path) == []


WORDS = st.lists(st.sampled_from(["tumour", "cells", "spread", "in", "ESCC", "node"]), min_size=1)


@settings(max_examples=100, deadline=None)
@given(paragraphs=st.lists(WORDS, min_size=1, max_size=6), cite=st.data())
def test_citing_a_paragraph_removes_exactly_that_paragraph(paragraphs, cite):
    texts = [" ".join(words) + "." for words in paragraphs]
    source = "# %% [markdown]\n" + "\n#\n".join(f"# {t}" for t in texts) + "\n"
    assert len(uncited(source)) == len(texts)
    index = cite.draw(st.integers(0, len(texts) - 1))
    texts[index] += " [@kato2011single]"
    source = "# %% [markdown]\n" + "\n#\n".join(f"# {t}" for t in texts) + "\n"
    left = uncited(source)
    assert len(left) == len(texts) - 1
    assert all("@kato2011single" not in p.text for p in left)


def test_command_line_exit_status(tmp_path, capsys):
    from esoreview.site.claims import main

    bad = tmp_path / "01-bad.py"
    bad.write_text("# %% [markdown]\n# An uncited claim.\n", encoding="utf-8")
    good = tmp_path / "02-good.py"
    good.write_text("# %% [markdown]\n# A cited claim [@a].\n", encoding="utf-8")
    assert main([str(good)]) == 0
    assert main([str(good), str(bad)]) == 1
    assert f"{bad}:2: paragraph cites no work" in capsys.readouterr().err
