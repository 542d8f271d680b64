"""Assemble finished Markdown pages: front matter, body, cite controls, reference list."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import EsoreviewError, read_utf8
from . import cite_this
from .anchors import Redirects, alias_script_html
from .changelog import PAGE_URL as CHANGELOG_URL
from .changelog import page_history_id
from .citation_cff import Author
from .citations import CitationRegistry, PageCitations, relative_url
from .git_history import last_change
from .ids import PageHeading, check_page_ids, content_headings
from .notebooks import ExecutionResult
from .paths import Project
from .render import render_notebook
from .sanitize import check_markdown
from .sections import Section, page_sections
from .structure import Heading, MarkdownError, page_url

FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)


@dataclass(frozen=True)
class SiteContext:
    site_url: str  # absolute root of this version ('.../0.2/'), ends with "/"
    version: str  # '0.2' for a release, '0.2+dev' for a preview build
    date: str  # ISO release date (a preview: its build date)
    repo: str  # repository URL prefix for "edit this page" links
    redirects: Redirects  # section aliases: old #ids that must keep working
    authors: tuple[Author, ...] = cite_this.DEFAULT_AUTHORS
    released: bool = False  # a release (pinned URLs) rather than a preview build
    repo_url: str = ""  # https://github.com/owner/repo, for per-page history links
    branch: str = "main"


@dataclass
class Page:
    slug: str
    title: str
    markdown: str
    sections: list[tuple[str, str]] = field(default_factory=list)  # (id, title)
    images: dict[str, bytes] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)
    hashed: list[Section] = field(default_factory=list)  # for the release manifest

    @property
    def url(self) -> str:
        return page_url(self.slug)


def notebook_page(
    project: Project,
    result: ExecutionResult,
    bib,
    registry: CitationRegistry,
    ctx: SiteContext,
) -> Page:
    source = result.notebook
    rel = source.path.relative_to(project.root)
    cites = _page_citations(bib, source.slug, ctx)

    def cite(text: str, _path: Path, line: int) -> str:
        return cites.render(text, source=rel, first_line=line)

    rendered = render_notebook(result.executed_nb, source, cite, rel)
    title = _title(cites, rel)
    registry.add(cites)
    meta = {
        "title": title,
        "figures": rendered.has_figures,
        "widgets": rendered.has_widgets,
        "edit_url": ctx.repo + rel.as_posix(),
    }
    sources = [rel.as_posix(), *source.data_references()]
    meta.update(page_history(project, page_url(source.slug), sources, ctx))
    page = finish(source.slug, title, rendered.body, cites, meta, ctx)
    check_page_ids(notebook_headings(result, rel), page.markdown)
    page.images = rendered.images
    # Hashed before citation numbering, so renumbering elsewhere is no change (see sections.py).
    keys_kept = render_notebook(result.executed_nb, source, lambda text, _path, _line: text)
    page.hashed = page_sections(keys_kept.body)
    return page


def notebook_headings(result: ExecutionResult, rel: Path) -> list[PageHeading]:
    """Headings of the page a notebook makes (prose and printed Markdown), with source lines."""
    source = result.notebook
    headings: list[PageHeading] = []
    for index, cell in enumerate(result.executed_nb.cells):
        line = source.cell_lines[index] if index < len(source.cell_lines) else 1
        tags = set(cell.get("metadata", {}).get("tags", []))
        if "remove-cell" in tags:
            continue
        if cell.cell_type == "markdown":
            headings += content_headings(cell.source, rel, line)
        elif cell.cell_type == "code" and "remove-output" not in tags:
            for out in cell.get("outputs", []):
                printed = out.get("data", {}).get("text/markdown")
                if printed:
                    headings += content_headings(printed, rel, line)
    return headings


def document_page(
    project: Project, path: Path, bib, registry: CitationRegistry, ctx: SiteContext
) -> Page:
    """A hand-written page from ``docs/``: citations and cite controls like a notebook page."""
    rel = path.relative_to(project.root)
    text = read_utf8(path, rel)
    meta: dict = {}
    offset = 1
    match = FRONT_MATTER.match(text)
    if match:
        try:
            meta = yaml.safe_load(match.group(1)) or {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            raise EsoreviewError(
                f"front matter is not valid YAML: {getattr(exc, 'problem', None) or exc}",
                file=rel,
                line=2 + (mark.line if mark else 0),
            ) from None
        if not isinstance(meta, dict):
            raise EsoreviewError("front matter must be a mapping (key: value)", file=rel, line=2)
        offset += match.group(0).count("\n")
        text = text[match.end() :]
    check_markdown(text, rel, offset)
    slug = path.relative_to(project.docs).with_suffix("").as_posix()
    cites = _page_citations(bib, slug, ctx)
    body = cites.render(text, source=rel, first_line=offset)
    title = _title(cites, rel)
    registry.add(cites)
    meta.setdefault("title", title)
    meta.setdefault("edit_url", ctx.repo + rel.as_posix())
    meta.update(page_history(project, page_url(slug), [rel.as_posix()], ctx))
    page = finish(slug, title, body, cites, meta, ctx)
    check_page_ids(content_headings(text, rel, offset), page.markdown)
    page.hashed = page_sections(text)
    return page


def page_history(project: Project, url: str, sources: list[str], ctx: SiteContext) -> dict:
    """Front matter for the page's "last changed" line (theme partial source-file.html).

    The date is the last commit touching the page's source or the data files it reads; the
    links go to the repository's history of each file and to the page's Changelog entries.
    """
    change = last_change(project.root, sources)
    if change is None:
        return {}
    history = {
        "date": change.date,
        "commit": change.commit[:12],
        "uncommitted": change.uncommitted,
        "changelog": relative_url(url, f"{CHANGELOG_URL}#{page_history_id(url)}"),
    }
    if ctx.repo_url:
        history["commit_url"] = f"{ctx.repo_url}/commit/{change.commit}"
        history["files"] = [
            {"path": path, "url": f"{ctx.repo_url}/commits/{ctx.branch}/{path}"} for path in sources
        ]
    return {"history": history}


def _page_citations(bib, slug: str, ctx: SiteContext) -> PageCitations:
    """Citation state of one page; every heading with an id gets its "Cite this section"."""
    url = page_url(slug)
    cites: PageCitations

    def cite_control(heading: Heading) -> str:
        args = _cite_args(url, cites.page_title, heading.id or "", heading.title, ctx)
        return cite_this.cite_control_html(**args, released=ctx.released)

    cites = PageCitations(bib, page_url=url, after_heading=cite_control)
    return cites


def _title(cites: PageCitations, rel: Path) -> str:
    if not any(h.level == 1 for h in cites.headings):
        raise MarkdownError(f"{rel}: the page needs a level-1 heading ('# Title {{#id}}')")
    return cites.page_title


def finish(
    slug: str, title: str, body: str, cites: PageCitations, meta: dict, ctx: SiteContext
) -> Page:
    """Add the reference list, section aliases and front matter to a rendered body."""
    url = page_url(slug)
    sections = [(h.id or "", h.title) for h in cites.sections]
    references = cites.references_markdown()
    body = body.rstrip() + "\n"
    aliases = alias_script_html(url, ctx.redirects)
    if aliases:
        body += "\n" + aliases + "\n"
    if references.strip():
        body += "\n" + references.strip() + "\n"
    meta = dict(meta)
    meta["scholar"] = [list(pair) for pair in cite_this.scholar_meta(**_page_args(url, title, ctx))]
    front = yaml.safe_dump(meta, sort_keys=True, allow_unicode=True, width=1000)
    page = Page(slug=slug, title=title, markdown=f"---\n{front}---\n\n{body}", sections=sections)
    page.files = cite_files(slug, title, sections, ctx)
    return page


def _cite_args(url: str, title: str, section_id: str, section_title: str, ctx: SiteContext):
    return {
        **_page_args(url, title, ctx),
        "section_id": section_id,
        "section_title": section_title,
    }


def _page_args(url: str, title: str, ctx: SiteContext):
    return {
        "page_url": url,
        "page_title": title,
        "site_url": ctx.site_url,
        "version": ctx.version,
        "date": ctx.date,
        "authors": ctx.authors,
    }


def cite_files(slug: str, title: str, sections, ctx: SiteContext) -> dict[str, bytes]:
    """Downloadable BibTeX / RIS / CSL-JSON for each citable section of a page."""
    files: dict[str, bytes] = {}
    url = page_url(slug)
    for section_id, section_title in sections:
        formats = cite_this.section_citations(
            **_cite_args(url, title, section_id, section_title, ctx), released=ctx.released
        )
        for key, extension in (("bibtex", "bib"), ("ris", "ris"), ("csljson", "json")):
            path = cite_this.cite_file_path(url, section_id, extension)
            files[path] = formats[key].encode()
    return files
