"""Assemble finished Markdown pages: front matter, body, cite controls, reference list."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import cite_this
from .anchors import Redirects, alias_script_html
from .citations import CitationRegistry, PageCitations
from .notebooks import ExecutionResult
from .paths import Project
from .render import render_notebook
from .structure import Heading, MarkdownError, page_url

FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)


@dataclass(frozen=True)
class SiteContext:
    site_url: str  # absolute, ends with "/"
    version: str
    date: str  # ISO build date
    repo: str  # repository URL prefix for "edit this page" links
    redirects: Redirects  # section aliases: old #ids that must keep working


@dataclass
class Page:
    slug: str
    title: str
    markdown: str
    sections: list[tuple[str, str]] = field(default_factory=list)  # (id, title)
    images: dict[str, bytes] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)


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

    rendered = render_notebook(result.executed_nb, source, cite)
    title = _title(cites, rel)
    registry.add(cites)
    meta = {
        "title": title,
        "figures": rendered.has_figures,
        "widgets": rendered.has_widgets,
        "edit_url": ctx.repo + rel.as_posix(),
    }
    page = finish(source.slug, title, rendered.body, cites, meta, ctx)
    page.images = rendered.images
    return page


def document_page(
    project: Project, path: Path, bib, registry: CitationRegistry, ctx: SiteContext
) -> Page:
    """A hand-written page from ``docs/``: citations and cite controls like a notebook page."""
    text = path.read_text(encoding="utf-8")
    meta: dict = {}
    offset = 1
    match = FRONT_MATTER.match(text)
    if match:
        meta = yaml.safe_load(match.group(1)) or {}
        offset += match.group(0).count("\n")
        text = text[match.end() :]
    rel = path.relative_to(project.root)
    slug = path.relative_to(project.docs).with_suffix("").as_posix()
    cites = _page_citations(bib, slug, ctx)
    body = cites.render(text, source=rel, first_line=offset)
    title = _title(cites, rel)
    registry.add(cites)
    meta.setdefault("title", title)
    meta.setdefault("edit_url", ctx.repo + rel.as_posix())
    return finish(slug, title, body, cites, meta, ctx)


def _page_citations(bib, slug: str, ctx: SiteContext) -> PageCitations:
    """Citation state of one page; every heading with an id gets its "Cite this section"."""
    url = page_url(slug)
    cites: PageCitations

    def cite_control(heading: Heading) -> str:
        args = _cite_args(url, cites.page_title, heading.id or "", heading.title, ctx)
        return cite_this.cite_control_html(**args)

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
        "page_url": url,
        "page_title": title,
        "section_id": section_id,
        "section_title": section_title,
        "site_url": ctx.site_url,
        "version": ctx.version,
        "date": ctx.date,
    }


def _page_args(url: str, title: str, ctx: SiteContext):
    return {
        "page_url": url,
        "page_title": title,
        "site_url": ctx.site_url,
        "version": ctx.version,
        "date": ctx.date,
    }


def cite_files(slug: str, title: str, sections, ctx: SiteContext) -> dict[str, bytes]:
    """Downloadable BibTeX / RIS / CSL-JSON for each citable section of a page."""
    files: dict[str, bytes] = {}
    url = page_url(slug)
    for section_id, section_title in sections:
        formats = cite_this.section_citations(
            **_cite_args(url, title, section_id, section_title, ctx)
        )
        for key, extension in (("bibtex", "bib"), ("ris", "ris"), ("csljson", "json")):
            path = cite_this.cite_file_path(url, section_id, extension)
            files[path] = formats[key].encode()
    return files
