"""Content arrives by pull request from strangers: it may format text, never run script.

Two layers, both driven by one allow-list of tags and attributes:

* **Checks that fail the build** with ``file:line`` when content tries to add a script, an
  event handler (``on*=``), a ``javascript:``-style URL or an element outside the allow-list:
  :func:`check_markdown` (notebook markdown cells, ``docs/*.md``, Markdown a notebook prints),
  :func:`check_data_file` (every value in ``data/``) and :func:`dangerous_text` (BibTeX fields).
* **Sanitising** of the HTML notebooks output (``text/html``) with ``nh3`` (the Rust
  ``ammonia`` sanitiser) and the same allow-list (:func:`sanitize_html`), so nothing outside
  it reaches a page even if a check were to miss it.

The engine's own figure blocks carry their data in ``<script type="application/json">``, which
no browser executes; those blocks are recognised exactly and kept, everything else goes
through ``nh3``. After MkDocs, :mod:`esoreview.site.csp` checks the finished pages once more.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

from ..errors import EsoreviewError, read_utf8
from .structure import split_fenced

# Elements content may write (raw HTML in Markdown) and notebooks may output.
ALLOWED_TAGS = frozenset(
    [
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "caption",
        "code",
        "col",
        "colgroup",
        "dd",
        "del",
        "details",
        "dfn",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "time",
        "tr",
        "u",
        "ul",
        "var",
        "fieldset",
        "form",
        "noscript",
        "legend",
        "label",
        "input",
        "select",
        "option",
        "optgroup",
        "button",
        "output",
        "meter",
        "progress",
    ]
)
GENERIC_ATTRIBUTES = frozenset(
    [
        "class",
        "id",
        "title",
        "lang",
        "dir",
        "role",
        "hidden",
        "tabindex",
        "markdown",
        "data-search-exclude",
        "style",
    ]
)
TAG_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "name", "rel", "hreflang"}),
    "img": frozenset({"src", "alt", "width", "height", "loading", "decoding"}),
    "td": frozenset({"colspan", "rowspan", "headers", "align"}),
    "th": frozenset({"colspan", "rowspan", "headers", "scope", "align", "abbr"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "details": frozenset({"open"}),
    "form": frozenset({"action", "method", "novalidate", "autocomplete", "name"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "time": frozenset({"datetime"}),
    "abbr": frozenset({"title"}),
    "q": frozenset({"cite"}),
    "blockquote": frozenset({"cite"}),
    "label": frozenset({"for"}),
    "output": frozenset({"for", "name"}),
    "meter": frozenset({"value", "min", "max", "low", "high", "optimum"}),
    "progress": frozenset({"value", "max"}),
    "option": frozenset({"value", "selected", "disabled", "label"}),
    "optgroup": frozenset({"label", "disabled"}),
    "select": frozenset({"name", "multiple", "required", "disabled", "size"}),
    "button": frozenset({"type", "name", "value", "disabled"}),
    "fieldset": frozenset({"name", "disabled"}),
    "input": frozenset(
        [
            "type",
            "name",
            "value",
            "min",
            "max",
            "step",
            "placeholder",
            "checked",
            "disabled",
            "readonly",
            "required",
            "size",
            "maxlength",
            "minlength",
            "pattern",
            "inputmode",
            "autocomplete",
            "list",
        ]
    ),
}
ATTRIBUTE_PREFIXES = ("data-", "aria-")
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Style may lay out, never load or run anything (no url(), no expression()).
STYLE_PROPERTIES = frozenset(
    [
        "min-height",
        "height",
        "max-height",
        "width",
        "min-width",
        "max-width",
        "text-align",
        "vertical-align",
        "white-space",
        "display",
    ]
)
# Tags whose mere presence means "trying to run or embed something".
FORBIDDEN_TAGS = frozenset(
    [
        "script",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "base",
        "meta",
        "link",
        "style",
        "template",
        "svg",
        "math",
        "portal",
    ]
)
URL_ATTRIBUTES = frozenset(
    [
        "href",
        "src",
        "action",
        "formaction",
        "xlink:href",
        "data",
        "poster",
        "background",
        "cite",
        "ping",
        "srcset",
        "longdesc",
        "lowsrc",
        "dynsrc",
        "usemap",
        "manifest",
        "codebase",
        "archive",
    ]
)
BAD_SCHEME = re.compile(r"^(?:javascript|vbscript|livescript|data):", re.I)
# Whitespace and control characters browsers drop inside a URL scheme ("java\tscript:").
URL_JUNK = re.compile(r"[\x00-\x20\x7f]+")

# Data for the site's own scripts (figures, widgets): JSON no browser executes. The payload
# holds no '<' (the engine escapes it), so "</script>" inside the data cannot end the element.
# Accepted in notebook output only; content Markdown may not contain any <script>.
FIGURE_BLOCK = re.compile(
    r'<script type="application/json"(?: (?:class|id)="[A-Za-z][\w -]*")*>([^<]*)</script>'
)
CODE_SPAN = re.compile(r"(?P<ticks>`+)(?:(?!\n[ \t]*\n).)+?(?<!`)(?P=ticks)(?!`)", re.S)
AUTOLINK = re.compile(r"<(?:(?:https?|ftp)://[^<>\s]*|[^<>\s@/]+@[^<>\s@]+)>")
LINK_DESTINATION = re.compile(r"\]\(\s*<?(?P<url>[^)\s>]*)")
REFERENCE_DEFINITION = re.compile(r"^[ ]{0,3}\[[^\]]+\]:\s*<?(?P<url>\S+?)>?(?:\s|$)", re.M)
ATTR_LIST = re.compile(r"\{:?(?P<body>[^{}\n]*=[^{}\n]*)\}")
ATTR_PAIR = re.compile(r"""(?P<name>[^\s=#.]+)\s*=\s*(?P<value>"[^"]*"|'[^']*'|[^\s}]+)""")


class ContentError(EsoreviewError, ValueError):
    """Content tries to run script or uses markup outside the allow-list."""

    hint = (
        "content may format text but never add scripts, event handlers (on*=) or "
        "javascript: URLs; see README 'Threat model'"
    )


def bad_url(value: str) -> bool:
    """True for a URL a browser would run or that could smuggle a document (data:)."""
    return bool(BAD_SCHEME.match(URL_JUNK.sub("", html.unescape(value))))


def attribute_problem(tag: str, name: str, value: str | None, *, strict: bool) -> str | None:
    name = name.lower()
    if name.startswith("on"):
        return f"event-handler attribute '{name}' on <{tag}>"
    if (name in URL_ATTRIBUTES or name == "srcdoc") and value is not None and bad_url(value):
        return f"script URL in {name}= on <{tag}>"
    if name == "style" and value and re.search(r"url\s*\(|expression\s*\(|@import", value, re.I):
        return f"style attribute that loads or runs something on <{tag}>"
    if strict and not attribute_allowed(tag, name):
        return f"attribute '{name}' on <{tag}> is not allowed"
    return None


def attribute_allowed(tag: str, name: str) -> bool:
    return (
        name in GENERIC_ATTRIBUTES
        or name in TAG_ATTRIBUTES.get(tag, ())
        or name.startswith(ATTRIBUTE_PREFIXES)
    )


class _Scanner(HTMLParser):
    """Collect (line, problem) for every start tag that is dangerous (or not allowed)."""

    def __init__(self, *, strict: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.strict = strict
        self.problems: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        if tag in FORBIDDEN_TAGS:
            self.problems.append((line, f"<{tag}> element"))
        elif self.strict and tag not in ALLOWED_TAGS:
            self.problems.append((line, f"<{tag}> is not an allowed element"))
        for name, value in attrs:
            problem = attribute_problem(tag, name, value, strict=self.strict)
            if problem:
                self.problems.append((line, problem))

    handle_startendtag = handle_starttag


def _blank(match: re.Match[str]) -> str:
    """Same length and line breaks, no content: keeps line numbers of what follows."""
    return re.sub(r"[^\n]", " ", match.group(0))


def markdown_problems(text: str, *, strict: bool = True) -> Iterator[tuple[int, str]]:
    """(1-based line, problem) for Markdown text; code (fenced or inline) is only text."""
    for is_code, offset, chunk in split_fenced(text):
        if is_code:
            continue
        chunk = AUTOLINK.sub(_blank, CODE_SPAN.sub(_blank, chunk))
        found: list[tuple[int, str]] = []
        scanner = _Scanner(strict=strict)
        scanner.feed(chunk)
        scanner.close()
        found += scanner.problems
        for pattern in (LINK_DESTINATION, REFERENCE_DEFINITION):
            for match in pattern.finditer(chunk):
                if bad_url(match.group("url")):
                    line = chunk.count("\n", 0, match.start("url")) + 1
                    found.append((line, f"script URL '{match.group('url')[:40]}' in a link"))
        for match in ATTR_LIST.finditer(chunk):
            for pair in ATTR_PAIR.finditer(match.group("body")):
                value = pair.group("value").strip("\"'")
                problem = attribute_problem("element", pair.group("name"), value, strict=False)
                if problem:
                    found.append((chunk.count("\n", 0, match.start()) + 1, problem))
        for line, problem in sorted(found):
            yield offset + line, problem


def check_markdown(text: str, source: Path | str, first_line: int = 1) -> None:
    """Fail with ``source:line`` on the first script, handler, script URL or unknown element."""
    for line, problem in markdown_problems(text):
        raise ContentError(problem, file=source, line=first_line + line - 1)


def dangerous_text(text: str) -> str | None:
    """The problem with a data or reference value that tries to run script, else None.

    A value that is itself a script URL counts: notebooks turn URL columns into links.
    """
    if bad_url(text.strip()):
        return f"script URL '{text.strip()[:40]}'"
    for _, problem in markdown_problems(text, strict=False):
        return problem
    return None


def check_data_file(path: Path, display: Path | str | None = None) -> None:
    """Every value of a CSV or JSON data file: no script, handler or script URL."""
    where = display or path
    text = read_utf8(path, where)
    if path.suffix == ".csv":
        reader = csv.reader(io.StringIO(text))
        start = 1
        for row in reader:
            for value in row:
                problem = dangerous_text(value) if "<" in value or ":" in value else None
                if problem:
                    raise ContentError(
                        f"data value {value[:60]!r}: {problem}", file=where, line=start
                    )
            start = reader.line_num + 1
    elif path.suffix == ".json":
        try:
            values = list(_json_strings(json.loads(text)))
        except ValueError:
            return  # malformed JSON is the loader's business; nothing here can reach a page
        for value in values:
            problem = dangerous_text(value) if "<" in value or ":" in value else None
            if problem:
                line = text.count("\n", 0, max(text.find(json.dumps(value)[1:-1]), 0)) + 1
                raise ContentError(f"data value {value[:60]!r}: {problem}", file=where, line=line)


def _json_strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item)


def check_data_folder(data: Path, root: Path) -> None:
    for path in sorted(data.rglob("*")):
        if path.is_file() and path.suffix in {".csv", ".json"}:
            check_data_file(path, path.relative_to(root))


def sanitize_html(fragment: str) -> str:
    """``fragment`` reduced to the allow-list by nh3; engine figure data blocks are kept."""
    import nh3

    kept: list[str] = []

    def keep(match: re.Match[str]) -> str:
        kept.append(match.group(0))
        return f"<eso-kept-{len(kept) - 1}></eso-kept-{len(kept) - 1}>"

    # The JSON payload can hold no '<' (figure_html escapes it), so it cannot end the element.
    protected = FIGURE_BLOCK.sub(keep, fragment)
    attributes = {
        tag: set(names) | set(GENERIC_ATTRIBUTES) for tag, names in TAG_ATTRIBUTES.items()
    }
    attributes["*"] = set(GENERIC_ATTRIBUTES)
    markers = {f"eso-kept-{i}" for i in range(len(kept))}
    cleaned = nh3.clean(
        protected,
        tags=set(ALLOWED_TAGS) | markers,
        attributes=attributes,
        generic_attribute_prefixes=set(ATTRIBUTE_PREFIXES),
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        filter_style_properties=set(STYLE_PROPERTIES),
        strip_comments=True,
    )
    for index, block in enumerate(kept):
        cleaned = cleaned.replace(f"<eso-kept-{index}></eso-kept-{index}>", block)
    return cleaned
