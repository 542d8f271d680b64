"""Every build error is one line naming the file, with a hint; --debug adds the traceback."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from esoreview.errors import EsoreviewError
from esoreview.site import build, cli
from esoreview.site.bib import BibError
from esoreview.site.build import BuildError, build_lock, remove_debris
from esoreview.site.paths import Project


@pytest.fixture
def project(tmp_path: Path) -> Project:
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n")
    (tmp_path / "notebooks").mkdir()
    return Project(tmp_path)


def run(project: Project, monkeypatch, exc: BaseException, *extra: str) -> int:
    def fail(*_args, **_kwargs):
        raise exc

    monkeypatch.setattr(build, "generate", fail)
    code = cli.main(["--root", str(project.root), *extra, "generate"])
    return code


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (
            OSError(errno.ENOSPC, "No space left on device", "site/index.html"),
            "error: site/index.html: No space left on device (hint: the disk is full",
        ),
        (
            OSError(errno.EROFS, "Read-only file system", ".build/docs/x.md"),
            "error: .build/docs/x.md: Read-only file system (hint: the file system is read-only",
        ),
        (
            PermissionError(errno.EACCES, "Permission denied", "site"),
            "error: site: Permission denied (hint: no permission to write there",
        ),
        (
            BibError("bib/x.bib:3: key 'a': malformed entry"),
            "error: bib/x.bib:3: key 'a': malformed entry",
        ),
        (
            EsoreviewError("line one\nline two", file="data/x.csv", line=4, hint="fix it"),
            "error: data/x.csv:4: line one (hint: fix it)",
        ),
        (
            KeyError("surprise"),
            "error: internal error: KeyError: 'surprise' (hint: run `esoreview-build --debug",
        ),
    ],
)
def test_errors_are_one_line_with_file_and_hint(
    project: Project, monkeypatch, capsys, exc: BaseException, expected: str
) -> None:
    assert run(project, monkeypatch, exc) == 1
    err = capsys.readouterr().err
    assert err.startswith(expected), err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_debug_flag_shows_the_traceback(project: Project, monkeypatch, capsys) -> None:
    error = EsoreviewError("cell 2 failed: ValueError: x", file="notebooks/01-a.py", line=9)
    error.details = "Traceback of the cell ... ValueError: x"
    assert run(project, monkeypatch, error, "--debug") == 1
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err
    assert "Traceback of the cell" in err
    assert err.rstrip().endswith("error: notebooks/01-a.py:9: cell 2 failed: ValueError: x")


def test_every_engine_error_derives_from_the_base_class() -> None:
    from esoreview.evidence.trials import TrialDataError
    from esoreview.site.anchors import AnchorError
    from esoreview.site.assets import AssetError
    from esoreview.site.citations import CitationError
    from esoreview.site.csp import CspError
    from esoreview.site.linkcheck import LinkError
    from esoreview.site.notebooks import NotebookError
    from esoreview.site.runtime import RuntimeAssetError
    from esoreview.site.sanitize import ContentError
    from esoreview.site.scaffold import ScaffoldError
    from esoreview.site.source_refs import SourceReferenceError

    for kind in (
        AnchorError, AssetError, BibError, BuildError, CitationError, CspError, ContentError,
        LinkError, NotebookError, RuntimeAssetError, ScaffoldError, SourceReferenceError,
        TrialDataError,
    ):  # fmt: skip
        assert issubclass(kind, EsoreviewError), kind


def test_debris_of_a_killed_build_is_removed(project: Project) -> None:
    (project.work / "site-abc123" / "sub").mkdir(parents=True)
    (project.root / ".site-old-1700000000").mkdir()
    (project.work / "jupyter-cache").mkdir()  # not debris
    (project.root / "site").mkdir()  # the published build stays
    removed = remove_debris(project, log=lambda _: None)
    assert sorted(p.name for p in removed) == [".site-old-1700000000", "site-abc123"]
    assert (project.work / "jupyter-cache").is_dir() and (project.root / "site").is_dir()
    assert not (project.work / "site-abc123").exists()


def test_a_second_build_in_the_same_checkout_fails_at_once(project: Project) -> None:
    with build_lock(project):
        second = build_lock(project)
        with pytest.raises(BuildError, match="another build is running"):
            second.__enter__()
    with build_lock(project):  # released when the first build ended
        pass


def _docs_project(tmp_path: Path, body: bytes) -> Project:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "about.md").write_bytes(body)
    return Project(tmp_path)


def test_non_utf8_page_and_bad_front_matter_name_file_and_line(tmp_path: Path) -> None:
    from esoreview.site.pages import document_page

    project = _docs_project(tmp_path, b"# About {#about}\n\nna\xefve\n")
    with pytest.raises(EsoreviewError) as info:
        document_page(project, project.docs / "about.md", {}, None, None)
    assert info.value.one_line() == (
        "docs/about.md:3: byte 0xef is not UTF-8 (hint: save the file as UTF-8)"
    )
    (project.docs / "about.md").write_text("---\ntitle: [unclosed\n---\n# About\n")
    with pytest.raises(EsoreviewError) as info:
        document_page(project, project.docs / "about.md", {}, None, None)
    assert info.value.one_line().startswith("docs/about.md:2: front matter is not valid YAML")


def test_non_utf8_data_file_names_file_and_line(tmp_path: Path) -> None:
    from esoreview.site.sanitize import check_data_folder

    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "x.csv").write_bytes(b"a,b\n1,2\n3,\xff\n")
    with pytest.raises(EsoreviewError) as info:
        check_data_folder(tmp_path / "data", tmp_path)
    assert info.value.one_line().startswith("data/x.csv:3: byte 0xff is not UTF-8")
