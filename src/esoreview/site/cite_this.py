""" "Cite this section": BibTeX, RIS and CSL-JSON for every page and explicitly-id'd heading.

A section is cited as a web document: title "Page: Section" (just "Page" for the page's own H1),
container the site name, the authors named in CITATION.cff, the URL of the section *in this
version* (``<site>/<version>/page/#id``, which never changes once released), the version and its
release date. The access date is the reader's: ``cite-this.js`` rewrites it to today's date in
the shown text and in the downloads; without JavaScript it stays the release date.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import posixpath
import re
from collections.abc import Sequence

from .citation_cff import Author

SITE_NAME = "Esophageal Cancer Metastasis: A Living Review"
AUTHOR = "The esoreview contributors"
DEFAULT_AUTHORS = (Author(literal=AUTHOR),)
LANGUAGE = "en"

# BibTeX specials escaped inside braces; '\' first so later escapes are not doubled.
BIBTEX_ESCAPES = [
    ("\\", r"\textbackslash{}"),
    ("{", r"\{"),
    ("}", r"\}"),
    ("&", r"\&"),
    ("%", r"\%"),
    ("$", r"\$"),
    ("#", r"\#"),
    ("_", r"\_"),
    ("~", r"\textasciitilde{}"),
    ("^", r"\textasciicircum{}"),
]
BIBTEX_ESCAPE_RE = re.compile("|".join(re.escape(char) for char, _ in BIBTEX_ESCAPES))
FORMATS = (("bibtex", "BibTeX", "bib"), ("ris", "RIS", "ris"), ("csljson", "CSL-JSON", "json"))


def page_slug(page_url: str) -> str:
    """'lymphatic-metastasis/' -> 'lymphatic-metastasis'; the home page '' -> 'index'."""
    return page_url.strip("/") or "index"


def stable_url(site_url: str, page_url: str, section_id: str = "") -> str:
    url = site_url.rstrip("/") + "/" + page_url.lstrip("/")
    return f"{url}#{section_id}" if section_id else url


def cite_file_path(page_url: str, section_id: str, extension: str) -> str:
    """Site-relative path of a downloadable citation file: ``cite/<page-slug>/<id>.<ext>``."""
    return f"cite/{page_slug(page_url)}/{section_id}.{extension}"


def citation_title(page_title: str, section_title: str) -> str:
    if not section_title or section_title == page_title:
        return page_title
    return f"{page_title}: {section_title}"


def _date(date: str) -> dt.date:
    try:
        return dt.date.fromisoformat(date)
    except ValueError as exc:
        raise ValueError(f"build date '{date}' is not an ISO date (YYYY-MM-DD)") from exc


def _bibtex_escape(text: str) -> str:
    table = dict(BIBTEX_ESCAPES)
    return BIBTEX_ESCAPE_RE.sub(lambda match: table[match.group(0)], text)


def _status(released: bool) -> str:
    return "released" if released else "preview built (not a release)"


def _bibtex_author(author: Author) -> str:
    # An entity is braced so BibTeX does not split "The esoreview contributors" into names.
    if author.literal:
        return "{" + _bibtex_escape(author.literal) + "}"
    return _bibtex_escape(author.display)


def _csl_author(author: Author) -> dict[str, str]:
    if author.literal:
        return {"literal": author.literal}
    return (
        {"family": author.family, "given": author.given}
        if author.given
        else {"family": author.family}
    )


def _bibtex_key(page_url: str, section_id: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", page_slug(page_url)).strip("-")
    return f"esoreview-{slug}-{section_id}" if section_id else f"esoreview-{slug}"


def section_citations(
    page_url: str,
    page_title: str,
    section_id: str,
    section_title: str,
    *,
    site_url: str,
    version: str,
    date: str,
    authors: Sequence[Author] = DEFAULT_AUTHORS,
    accessed: str | None = None,
    released: bool = True,
) -> dict[str, str]:
    """The citation of one section as ``{"bibtex": ..., "ris": ..., "csljson": ...}``.

    ``site_url`` is the root of this version, ``date`` its release date; ``accessed`` defaults
    to the release date (the no-JavaScript fallback).
    """
    day = _date(date)
    seen = _date(accessed or date)
    title = citation_title(page_title, section_title)
    url = stable_url(site_url, page_url, section_id)
    fields = [
        ("author", " and ".join(_bibtex_author(a) for a in authors)),
        ("title", "{" + _bibtex_escape(title) + "}"),
        ("howpublished", _bibtex_escape(SITE_NAME)),
        ("year", str(day.year)),
        ("month", str(day.month)),
        ("date", day.isoformat()),
        ("version", _bibtex_escape(version)),
        ("url", url),
        ("urldate", seen.isoformat()),
        ("note", f"Version {_bibtex_escape(version)}, {_status(released)} {day.isoformat()}"),
    ]
    bibtex = (
        f"@misc{{{_bibtex_key(page_url, section_id)},\n"
        + ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        + "\n}\n"
    )
    ris_lines = [
        ("TY", "ELEC"),
        *(("AU", a.display) for a in authors),
        ("TI", title),
        ("T2", SITE_NAME),
        ("PY", str(day.year)),
        ("DA", day.strftime("%Y/%m/%d")),
        ("Y2", seen.strftime("%Y/%m/%d")),
        ("ET", version),
        ("UR", url),
        ("LA", LANGUAGE),
        ("ER", ""),
    ]
    # RIS lines end in CRLF; values are single-line by construction (titles are one line).
    ris = "".join(f"{tag}  - {' '.join(value.split())}\r\n" for tag, value in ris_lines)
    date_parts = {"date-parts": [[day.year, day.month, day.day]]}
    item = {
        "id": _bibtex_key(page_url, section_id),
        "type": "webpage",
        "title": title,
        "container-title": SITE_NAME,
        "author": [_csl_author(a) for a in authors],
        "URL": url,
        "version": version,
        "language": LANGUAGE,
        "issued": date_parts,
        "accessed": {"date-parts": [[seen.year, seen.month, seen.day]]},
    }
    csljson = json.dumps([item], ensure_ascii=False, indent=2) + "\n"
    return {"bibtex": bibtex, "ris": ris, "csljson": csljson}


def cite_control_html(
    page_url: str,
    page_title: str,
    section_id: str,
    section_title: str,
    *,
    site_url: str,
    version: str,
    date: str,
    authors: Sequence[Author] = DEFAULT_AUTHORS,
    released: bool = True,
) -> str:
    """A native ``<details>`` placed after a heading: versioned link, the three formats, downloads.

    One line of raw HTML per element and no blank lines, so Python-Markdown keeps it a raw
    block. Download links are relative so the site works under any path prefix. The
    ``data-released`` date is the access date the script replaces with the reader's.
    """
    formats = section_citations(
        page_url,
        page_title,
        section_id,
        section_title,
        site_url=site_url,
        version=version,
        date=date,
        authors=authors,
        released=released,
    )
    day = _date(date).isoformat()
    url = html.escape(stable_url(site_url, page_url, section_id), quote=True)
    title = citation_title(page_title, section_title)
    depth_prefix = posixpath.relpath("/", "/" + page_url) if page_url.strip("/") else "."
    parts = [
        f'<details class="cite-this" data-search-exclude data-section="{html.escape(section_id)}"'
        f' data-released="{day}">',
        f"<summary>Cite this {'page' if title == page_title else 'section'}</summary>",
        f'<p class="cite-this-url">{"Link to this version" if released else "Link"}: '
        f'<a href="{url}">{url}</a></p>',
        f'<p class="cite-this-version">Version {html.escape(version)}, '
        f"{_status(released)} {day}; "
        f'accessed <time class="cite-this-accessed" datetime="{day}">{day}</time>.</p>',
    ]
    for name, label, extension in FORMATS:
        href = html.escape(
            posixpath.join(depth_prefix, cite_file_path(page_url, section_id, extension)),
            quote=True,
        )
        code = html.escape(formats[name].replace("\r\n", "\n").rstrip("\n"))
        # Newlines inside <pre> are kept as character references: a literal blank line or
        # indented line would end or alter the raw HTML block in Python-Markdown.
        code = code.replace("\n", "&#10;")
        parts.append(
            f'<div class="cite-this-format" data-format="{name}">'
            f'<p class="cite-this-label">{label} <a href="{href}" download>download .{extension}'
            f"</a></p><pre><code>{code}</code></pre></div>"
        )
    parts.append("</details>")
    return "\n".join(parts)


def scholar_meta(
    page_url: str,
    page_title: str,
    *,
    site_url: str,
    version: str,
    date: str,
    authors: Sequence[Author] = DEFAULT_AUTHORS,
) -> list[tuple[str, str]]:
    """Google Scholar ``citation_*`` meta tags (name, content) for a page of this version."""
    day = _date(date)
    return [
        ("citation_title", page_title),
        *(("citation_author", a.display) for a in authors),
        ("citation_publication_date", day.strftime("%Y/%m/%d")),
        ("citation_online_date", day.strftime("%Y/%m/%d")),
        ("citation_publisher", SITE_NAME),
        ("citation_public_url", stable_url(site_url, page_url)),
        ("citation_language", LANGUAGE),
        ("citation_version", version),
    ]
