"""Resolve ``[@key]`` citations in page Markdown to numbered links (Vancouver, order of first use).

Syntax: ``[@a]``, ``[@a; @b]``, ``[@a, p. 3]`` (a locator after a comma), narrative ``@a``
("Sung et al. [1]"), ``\\@`` for a literal at-sign. Code spans, fenced code, raw ``<pre>``/
``<code>``/``<script>`` elements, HTML tags (so attributes), URLs and e-mail addresses are left
alone. Indented code blocks are not recognised: under Python-Markdown admonitions and tabs,
indentation is content, so only fences mark code (which is also why markdown-it's CommonMark
block parser is not used here).
"""

from __future__ import annotations

import difflib
import html
import posixpath
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from .bib import Bibliography, Reference
from .paths import Project
from .source_refs import load_source_references, unidentified_section
from .structure import Heading, Structure

KEY = r"[A-Za-z0-9_](?:[A-Za-z0-9_:.\-/]*[A-Za-z0-9_])?"
ITEM = rf"@{KEY}(?:\s*,\s*[^;\]@\[]*[^;\]@\[\s])?"

INLINE = re.compile(
    rf"""
    (?P<code>(?P<ticks>`+)(?:(?!\n[ \t]*\n).)+?(?<!`)(?P=ticks)(?!`))  # not past a blank line
  | (?P<comment><!--.*?-->)
  | (?P<raw><(?P<rawtag>pre|code|script|style|kbd|samp)\b[^>]*>.*?</(?P=rawtag)\s*>)
  | (?P<tag></?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>)
  | (?P<autolink><[^<>\s]+[@:][^<>\s]*>)
  | (?P<linkdest>\]\([^)\s]*(?:\s+"[^"]*")?\))
  | (?P<url>(?:https?|ftp)://[^\s<>"'\])]+|mailto:[^\s<>"'\])]+|www\.[^\s<>"'\])]+)
  | (?P<escaped>\\@)
  | (?P<group>\[\s*(?P<items>{ITEM}(?:\s*;\s*{ITEM})*)\s*\])
  | (?P<badgroup>\[[^\[\]]*(?<![\w@.+\-])@{KEY}[^\[\]]*\])
  | (?P<narrative>(?<![\w@.+\-/=:\\])@(?P<nkey>{KEY}))
    """,
    re.VERBOSE | re.DOTALL,
)
ITEM_RE = re.compile(rf"@(?P<key>{KEY})(?:\s*,\s*(?P<locator>.+))?", re.DOTALL)
HOVER_AUTHORS = 6

SectionRef = tuple[str, str, str]  # (page_url, section_id, section_title); "" id = page top


class CitationError(ValueError):
    """A citation problem, with file and line in its message."""


# Characters Markdown could still act on inside generated HTML: emphasis, links, escapes, and
# '|', which splits pipe-table cells even inside an attribute value.
MARKDOWN_ACTIVE = {ord(c): f"&#{ord(c)};" for c in "*_`[]\\|"}


def escape_markdown_text(text: str) -> str:
    """HTML-escape, and neutralise Markdown-active characters in generated HTML text/attributes."""
    return html.escape(text, quote=True).translate(MARKDOWN_ACTIVE)


def relative_url(from_url: str, to_url: str) -> str:
    """Link between two directory-style page URLs ('a/', '' for home), works under any prefix."""
    path, _, fragment = to_url.partition("#")
    rel = posixpath.relpath("/" + path, "/" + from_url)
    # Every page is a directory (use_directory_urls): keep the trailing slash.
    rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{fragment}" if fragment else "")


def collapse_numbers(numbers: list[int]) -> list[tuple[int, int]]:
    """[1, 2, 3, 5] -> [(1, 3), (5, 5)]; a run shorter than three stays as single numbers."""
    runs: list[tuple[int, int]] = []
    for number in sorted(set(numbers)):
        if runs and number == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], number)
        else:
            runs.append((number, number))
    out: list[tuple[int, int]] = []
    for low, high in runs:
        if high - low >= 2:
            out.append((low, high))
        else:
            out.extend((n, n) for n in range(low, high + 1))
    return out


def identifier_links(ref: Reference) -> str:
    """DOI / PMID / PMCID (or URL) as links; identifiers were checked by the loader."""
    links = []
    if ref.doi:
        href = "https://doi.org/" + html.escape(ref.doi, quote=True)
        links.append(f'<a class="ref-doi" href="{href}">doi:{html.escape(ref.doi)}</a>')
    if ref.pmid:
        href = f"https://pubmed.ncbi.nlm.nih.gov/{ref.pmid}/"
        links.append(f'<a class="ref-pmid" href="{href}">PMID: {ref.pmid}</a>')
    if ref.pmcid:
        href = f"https://www.ncbi.nlm.nih.gov/pmc/articles/{ref.pmcid}/"
        links.append(f'<a class="ref-pmcid" href="{href}">{ref.pmcid}</a>')
    url = ref.get("url")
    if not links and url.startswith(("https://", "http://")):
        safe = html.escape(url, quote=True)
        links.append(f'<a class="ref-url" href="{safe}">{safe}</a>')
    seen = next(
        (
            u
            for u in (part.strip() for part in ref.get("x-source").split(";"))
            if u.startswith("http")
        ),
        "",
    )
    if not links and seen:
        # No identifier to resolve: point to the public record the entry was copied from.
        links.append(f'<a class="ref-seen" href="{html.escape(seen, quote=True)}">record seen</a>')
    return " ".join(links)


def incomplete_note(ref: Reference) -> str:
    """Say which required fields no public record showed (``x-incomplete``), or nothing."""
    missing = ", ".join(n.strip() for n in ref.get("x-incomplete").split(",") if n.strip())
    if not missing:
        return ""
    note = f"(not shown in any record we saw: {html.escape(missing)})"
    return f'<span class="ref-incomplete">{note}</span>'


def reference_item_html(bib: Bibliography, key: str, extra: str = "") -> str:
    """One ``<li id="ref-key">`` of a reference list: escaped Vancouver text + identifier links."""
    ref = bib[key]
    parts = [f'<span class="ref-text">{html.escape(bib.formatted(key))}</span>']
    links = identifier_links(ref)
    if links:
        parts.append(links)
    if note := incomplete_note(ref):
        parts.append(note)
    if extra:
        parts.append(extra)
    return f'<li id="ref-{html.escape(key, quote=True)}">' + " ".join(parts) + "</li>"


class PageCitations:
    """Citation state of one page: numbers in order of first use, and where each key is cited.

    ``used`` maps key -> distinct (page_url, section_id, section_title) places, in order;
    ``groups`` maps key -> ids of the ``<sup>`` groups citing it (for backlinks).
    """

    def __init__(
        self,
        bib: Bibliography,
        *,
        page_url: str,
        page_title: str = "",
        after_heading: Callable[[Heading], str] | None = None,
    ) -> None:
        self.bib, self.page_url = bib, page_url
        self._page_title = page_title
        self.numbers: dict[str, int] = {}
        self.used: dict[str, list[SectionRef]] = {}
        self.groups: dict[str, list[str]] = {}
        # Every heading rendered, in order, titles without citations: the page's sections.
        self.headings: list[Heading] = []
        # Markup placed after each heading that has an id (the "Cite this section" control).
        self.after_heading = after_heading
        self._open: list[Heading] = []  # enclosing headings of the current position
        self._group_count = 0

    @property
    def page_title(self) -> str:
        """The title given, else the page's first level-1 heading seen so far."""
        if self._page_title:
            return self._page_title
        return next((h.title for h in self.headings if h.level == 1), "")

    @property
    def sections(self) -> list[Heading]:
        """Headings with an explicit id: the citable sections."""
        return [h for h in self.headings if h.id]

    @property
    def section(self) -> tuple[str, str]:
        """(id, title) of the innermost heading with an explicit id seen so far."""
        for heading in reversed(self._open):
            if heading.id:
                return heading.id, heading.title
        return "", self.page_title

    def render(self, markdown: str, *, source: Path, first_line: int) -> str:
        """Replace citations in one chunk; ``first_line`` is the chunk's line in ``source``."""
        out: list[str] = []
        for piece in Structure(markdown).pieces:
            if piece.is_code:
                out.append(piece.text)
                continue
            heading = piece.heading
            if heading:
                heading = replace(heading, title=_plain_title(heading.title))
                while self._open and self._open[-1].level >= heading.level:
                    self._open.pop()
                self._open.append(heading)
                self.headings.append(heading)
            out.append(self._render_inline(piece.text, source, first_line + piece.line))
            if heading and heading.id and self.after_heading:
                newline = "" if piece.text.endswith("\n") else "\n"
                out.append(f"{newline}\n{self.after_heading(heading)}\n\n")
        return "".join(out)

    def _render_inline(self, text: str, source: Path, first_line: int) -> str:
        def replace(match: re.Match[str]) -> str:
            kind = match.lastgroup
            line = first_line + text.count("\n", 0, match.start())
            if kind == "escaped":
                return "@"
            if kind == "group":
                line = first_line + text.count("\n", 0, match.start("items"))
                return self._group_html(match.group("items"), source, line)
            if kind == "badgroup":
                raise CitationError(
                    f"{source}:{line}: malformed citation '{match.group(0)}': write [@key], "
                    "[@a; @b] or [@key, p. 3] (or \\@ for a literal at-sign)"
                )
            if kind == "narrative":
                key = self._check(match.group("nkey"), source, line)
                label = escape_markdown_text(self.bib[key].short_authors())
                return f"{label} {self._group_html('@' + key, source, line)}"
            return match.group(0)

        return INLINE.sub(replace, text)

    def _check(self, key: str, source: Path, line: int) -> str:
        if key in self.bib:
            return key
        close = difflib.get_close_matches(key, list(self.bib), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise CitationError(
            f"{source}:{line}: unknown citation key '{key}'{hint}; keys come from bib/*.bib "
            "(write \\@ for a literal at-sign)"
        )

    def _group_html(self, items_text: str, source: Path, line: int) -> str:
        items: list[tuple[str, str]] = []
        for part in re.finditer(r"[^;]+", items_text):
            # A group may span lines: report the line of the offending key itself.
            item_line = line + items_text.count(
                "\n", 0, part.start() + len(part.group()) - len(part.group().lstrip())
            )
            match = ITEM_RE.fullmatch(part.group().strip())
            if not match:
                raise CitationError(
                    f"{source}:{item_line}: malformed citation item '{part.group()}'"
                )
            key = self._check(match.group("key"), source, item_line)
            items.append((key, (match.group("locator") or "").strip()))
        self._group_count += 1
        group_id = f"cite-{self._group_count}"
        section_id, section_title = self.section
        for key, _ in items:
            self.numbers.setdefault(key, len(self.numbers) + 1)
            place = (self.page_url, section_id, section_title)
            if place not in self.used.setdefault(key, []):
                self.used[key].append(place)
            if group_id not in self.groups.setdefault(key, []):
                self.groups[key].append(group_id)
        plain = [key for key, locator in items if not locator]
        by_number = {self.numbers[key]: key for key in plain}
        parts = []
        for low, high in collapse_numbers(list(by_number)):
            if low == high:
                parts.append(self._link(by_number[low]))
            else:
                parts.append(f"{self._link(by_number[low])}&ndash;{self._link(by_number[high])}")
        for key, locator in items:
            if locator:
                parts.append(f"{self._link(key)}, {escape_markdown_text(locator)}")
        keys = html.escape(" ".join(dict.fromkeys(key for key, _ in items)), quote=True)
        return (
            f'<sup class="citation" id="{group_id}" data-cites="{keys}">[{", ".join(parts)}]</sup>'
        )

    def _link(self, key: str) -> str:
        ref = self.bib[key]
        people = ref.authors or ref.editors
        authors = ", ".join(p.vancouver() for p in people[:HOVER_AUTHORS])
        if len(people) > HOVER_AUTHORS:
            authors += ", et al."
        data = {
            "title": self.bib.formatted(key),
            "data-ref-authors": authors,
            "data-ref-title": ref.title,
            "data-ref-container": ref.container,
            "data-ref-year": ref.year,
            "data-ref-doi": ref.doi,
            "data-ref-pmid": ref.pmid,
        }
        attrs = " ".join(
            f'{name}="{escape_markdown_text(value)}"' for name, value in data.items() if value
        )
        href = html.escape(f"#ref-{key}", quote=True)
        return f'<a class="citation-ref" href="{href}" {attrs}>{self.numbers[key]}</a>'

    def references_markdown(self, heading: str = "References") -> str:
        """The page's numbered reference list as a heading plus one raw HTML block."""
        if not self.numbers:
            return ""
        slug = self.page_url.strip("/").replace("/", "-")
        heading_id = f"{slug}-references" if slug else "references"
        items = []
        for key in sorted(self.numbers, key=self.numbers.__getitem__):
            backlinks = " ".join(
                f'<a href="#{group}" aria-label="Back to citation {n} of reference '
                f'{self.numbers[key]}">&#8617;&#xFE0E;</a>'
                for n, group in enumerate(self.groups[key], start=1)
            )
            items.append(
                reference_item_html(
                    self.bib, key, f'<span class="ref-backlinks">{backlinks}</span>'
                )
            )
        return (
            f"## {heading} {{#{heading_id}}}\n\n"
            '<ol class="references">\n' + "\n".join(items) + "\n</ol>\n"
        )


def _plain_title(title: str) -> str:
    """A heading's text as a section title: no citations, no emphasis or code marks."""
    title = re.sub(rf"\s*\[\s*{ITEM}(?:\s*;\s*{ITEM})*\s*\]", "", title)
    return re.sub(r"[*_`]", "", title).strip()


class CitationRegistry:
    """Every page's citations, for the bibliography page and the unused-entry report."""

    def __init__(self) -> None:
        self.pages: list[PageCitations] = []

    def add(self, page: PageCitations) -> None:
        self.pages.append(page)

    def places(self, key: str) -> list[SectionRef]:
        """Every (page_url, section_id, section_title) citing ``key``, in build order."""
        return [place for page in self.pages for place in page.used.get(key, [])]

    def cited_keys(self) -> list[str]:
        return list(dict.fromkeys(key for page in self.pages for key in page.numbers))

    def unused(self, bib: Bibliography) -> list[str]:
        cited = set(self.cited_keys())
        return [key for key in bib if key not in cited]

    def page_titles(self) -> dict[str, str]:
        return {page.page_url: page.page_title for page in self.pages}


def _sort_key(bib: Bibliography, key: str) -> tuple[bool, str, str, str]:
    """First author (or organisation, or title); records with none of these go last."""
    ref = bib[key]
    people = ref.authors or ref.editors
    first = people[0].display_family if people else ref.get("organization") or ref.title
    return (not first, first.casefold(), ref.year, ref.title.casefold() or key.casefold())


def bibliography_page(
    bib: Bibliography,
    registry: CitationRegistry,
    *,
    project: Project | None = None,
    source_references: Sequence[Path] | None = None,
    page_url: str = "bibliography/",
) -> str:
    """Markdown of the global bibliography: every work with backlinks to the sections citing
    it, then the source review's references not (or only tentatively) identified, read from
    ``data/source-references*.csv``; the section is left out when there is no such file."""
    if source_references is None and project is not None:
        source_references = sorted(project.data.glob("source-references*.csv"))
    titles = registry.page_titles()
    items = []
    for key in sorted(bib, key=lambda k: _sort_key(bib, k)):
        links = []
        for url, section_id, section_title in dict.fromkeys(registry.places(key)):
            target = f"{url}#{section_id}" if section_id else url
            label = titles.get(url, url)
            if section_title and section_title != label:
                label = f"{label} › {section_title}"
            links.append(f'<a href="{relative_url(page_url, target)}">{html.escape(label)}</a>')
        cited = (
            f'<span class="cited-in">Cited in: {"; ".join(links)}</span>'
            if links
            else '<span class="cited-in">Not cited on any page yet.</span>'
        )
        items.append(reference_item_html(bib, key, cited))
    parts = [
        "# Bibliography {#bibliography}",
        "",
        f"All {len(bib)} works in the review's reference set, alphabetically by first author, "
        "each with links to the sections that cite it.",
        "",
        '<ul class="references bibliography">\n' + "\n".join(items) + "\n</ul>",
    ]
    existing = [path for path in source_references or [] if path.is_file()]
    if existing:
        parts += ["", unidentified_section(load_source_references(existing, bib), bib)]
    return "\n".join(parts) + "\n"
