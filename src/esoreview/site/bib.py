"""Load and check the BibTeX reference set; format entries in Vancouver style.

Parsing is bibtexparser 2.x; LaTeX is decoded with its ``LatexDecodingMiddleware``; reference
text is formatted by citeproc-py with the NLM/Vancouver CSL style shipped in ``csl/``.
Every problem is reported as ``file:line: key 'x': what is wrong`` so a contributor can jump to it.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import bibtexparser
from bibtexparser.middlewares import LatexDecodingMiddleware
from bibtexparser.middlewares.names import (
    parse_single_name_into_parts,
    split_multiple_persons_names,
)
from bibtexparser.model import (
    DuplicateBlockKeyBlock,
    DuplicateFieldKeyBlock,
    Entry,
    ImplicitComment,
    ParsingFailedBlock,
)

from ..errors import EsoreviewError
from .sanitize import dangerous_text

STYLE_PATH = Path(__file__).with_name("csl") / "esoreview-vancouver.csl"

# "a|b" means either field satisfies the requirement.
REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    "article": ("author", "title", "journal", "year"),
    "book": ("author|editor", "title", "publisher", "year"),
    "inbook": ("author|editor", "title", "publisher", "year"),
    "incollection": ("author", "title", "booktitle", "publisher", "year"),
    "inproceedings": ("author", "title", "booktitle", "year"),
    "conference": ("author", "title", "booktitle", "year"),
    "phdthesis": ("author", "title", "school", "year"),
    "mastersthesis": ("author", "title", "school", "year"),
    "techreport": ("author|institution", "title", "institution", "year"),
    "online": ("author|organization", "title", "url", "year"),
    "misc": ("author|organization|howpublished", "title", "year"),
}

CSL_TYPES = {
    "article": "article-journal",
    "book": "book",
    "inbook": "chapter",
    "incollection": "chapter",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "techreport": "report",
    "online": "webpage",
    "misc": "document",
}

# Identifiers and URLs are copied verbatim: LaTeX decoding would eat '%' (comment) and '~'.
VERBATIM_FIELDS = frozenset({"doi", "pmid", "pmcid", "url", "x-source", "eprint", "file"})

FIELD_FORMATS: dict[str, tuple[re.Pattern[str], str]] = {
    "year": (re.compile(r"\d{4}"), "a four-digit year"),
    "doi": (re.compile(r"10\.\d{4,9}/\S+"), "a bare DOI such as 10.1000/xyz (no https://doi.org/)"),
    "pmid": (re.compile(r"\d{1,9}"), "digits only"),
    "pmcid": (re.compile(r"PMC\d+"), "of the form PMC1234567"),
}

# Every field an entry may carry. An unknown name is far more often a typo or the debris of a
# malformed entry than a new kind of data, so it fails the build; add a new field here first.
KNOWN_FIELDS = frozenset(
    [
        "author",
        "editor",
        "title",
        "journal",
        "booktitle",
        "year",
        "month",
        "volume",
        "number",
        "pages",
        "publisher",
        "address",
        "edition",
        "series",
        "chapter",
        "school",
        "institution",
        "organization",
        "howpublished",
        "note",
        "doi",
        "pmid",
        "pmcid",
        "url",
        "urldate",
        "eprint",
        "eprinttype",
        "archiveprefix",
        "primaryclass",
        "isbn",
        "issn",
        "language",
        "type",
        "x-source",
        "x-confidence",
        "x-choice",
        "x-incomplete",
        "x-trial",
    ]
)
# "name =" inside a value: the field ran into the next one because a comma was missing.
SWALLOWED_FIELD = re.compile(
    r"(?:^|[\s,}\"])(?P<name>" + "|".join(sorted(KNOWN_FIELDS, key=len, reverse=True)) + r")\s*=",
    re.I,
)

# A comma-less "Family Initials" name, as PubMed writes them: "Sung H", "Siegel RL".
VANCOUVER_INITIALS = re.compile(r"[A-Z]{1,4}")
BARE_LATEX_SPECIALS = re.compile(r"(?<!\\)([&%])")
SEED_NOTE = re.compile(r"seed ref (\d+)")


class BibError(EsoreviewError, ValueError):
    """A problem in a .bib file, with file, line and key in its message."""


@dataclass(frozen=True)
class Person:
    """One author or editor. ``literal`` holds an organisation written in braces."""

    family: str = ""
    given: str = ""
    literal: str = ""
    suffix: str = ""

    @property
    def display_family(self) -> str:
        return self.literal or self.family

    def csl(self) -> dict[str, str]:
        if self.literal:
            return {"literal": self.literal}
        given = self.given
        # citeproc initialises "RL" to "R"; spaced letters keep both initials.
        if VANCOUVER_INITIALS.fullmatch(given):
            given = " ".join(given)
        name = {"family": self.family, "given": given, "suffix": self.suffix}
        return {part: value for part, value in name.items() if value}

    def vancouver(self) -> str:
        """'Family Initials', the form used on hover cards and in RIS."""
        if self.literal:
            return self.literal
        if VANCOUVER_INITIALS.fullmatch(self.given):
            initials = self.given
        else:
            initials = "".join(part[0] for part in re.split(r"[\s.\-]+", self.given) if part)
        return " ".join(part for part in (self.family, initials, self.suffix) if part)


@dataclass(frozen=True)
class Reference:
    """One checked BibTeX entry. ``fields`` are LaTeX-decoded, braces removed, keys lowercase."""

    key: str
    entry_type: str
    fields: Mapping[str, str]
    authors: tuple[Person, ...]
    editors: tuple[Person, ...]
    source: Path
    line: int

    def get(self, name: str, default: str = "") -> str:
        return self.fields.get(name, default)

    @property
    def title(self) -> str:
        return self.get("title")

    @property
    def year(self) -> str:
        return self.get("year")

    @property
    def container(self) -> str:
        return self.get("journal") or self.get("booktitle")

    @property
    def doi(self) -> str:
        return self.get("doi")

    @property
    def pmid(self) -> str:
        return self.get("pmid")

    @property
    def pmcid(self) -> str:
        return self.get("pmcid")

    @property
    def seed_number(self) -> int | None:
        """The source review's reference number, from ``note = {seed ref N}``."""
        match = SEED_NOTE.search(self.get("note"))
        return int(match.group(1)) if match else None

    @property
    def location(self) -> str:
        return f"{self.source}:{self.line}"

    def short_authors(self) -> str:
        """Narrative label: 'Sung', 'Sung and Jemal', 'Sung et al.'; falls back to the title."""
        names = [p.display_family for p in self.authors or self.editors]
        if not names:
            return self.get("organization") or self.title
        if len(names) == 1:
            return names[0]
        if len(names) == 2:
            return f"{names[0]} and {names[1]}"
        return f"{names[0]} et al."

    def csl_json(self, *, identifiers: bool = True) -> dict[str, object]:
        """CSL-JSON item. Without ``identifiers`` the DOI/PMID/URL are left for the caller to
        render as links."""
        item: dict[str, object] = {"id": self.key, "type": CSL_TYPES[self.entry_type]}
        if self.authors:
            item["author"] = [p.csl() for p in self.authors]
        if self.editors:
            item["editor"] = [p.csl() for p in self.editors]
        if not self.authors and self.get("organization"):
            item["author"] = [{"literal": self.get("organization")}]
        text_fields = {
            "title": "title",
            "container-title": "journal" if self.entry_type == "article" else "booktitle",
            "volume": "volume",
            "issue": "number",
            "page": "pages",
            "publisher": "publisher",
            "publisher-place": "address",
            "edition": "edition",
        }
        for csl_name, bib_name in text_fields.items():
            if self.get(bib_name):
                item[csl_name] = self.get(bib_name)
        if "page" in item:
            item["page"] = _shield_widening_range(str(item["page"]))
        if self.entry_type in ("phdthesis", "mastersthesis"):
            item["publisher"] = self.get("school")
        if self.entry_type == "techreport":
            item["publisher"] = self.get("institution")
        if self.year:
            item["issued"] = {"date-parts": [[int(self.year)]]}
        if identifiers:
            for csl_name in ("DOI", "PMID", "PMCID", "URL"):
                if self.get(csl_name.lower()):
                    item[csl_name] = self.get(csl_name.lower())
        return item


PAGE_RANGE = re.compile(r"^(\d+)\s*[-\u2013]+\s*(\d+)$")


def _shield_widening_range(pages: str) -> str:
    """citeproc-py's "minimal" page-range format compares digits from the left, turning 1-10
    into "1–0". A range whose end has more digits than its start is passed with a figure dash
    (U+2012), which citeproc does not split, so it is shown whole."""
    match = PAGE_RANGE.match(pages.strip())
    if match and len(match.group(2)) > len(match.group(1)):
        return f"{match.group(1)}\u2012{match.group(2)}"
    return pages


@dataclass
class Bibliography(Mapping[str, Reference]):
    """All references, in file order, with Vancouver text formatted once on first use."""

    references: dict[str, Reference] = field(default_factory=dict)
    # Where formatted texts are kept between builds (None: format every time).
    cache_file: Path | None = None

    def __getitem__(self, key: str) -> Reference:
        return self.references[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.references)

    def __len__(self) -> int:
        return len(self.references)

    def formatted(self, key: str) -> str:
        """Plain-text Vancouver reference (not HTML-escaped), without DOI/PMID."""
        return self._formatted[key]

    @cached_property
    def _formatted(self) -> dict[str, str]:
        references = list(self.references.values())
        if self.cache_file is None:
            return format_vancouver(references)
        # citeproc-py takes seconds for the whole set; its output depends only on the CSL-JSON
        # items, the style file and citeproc's version, so that is the cache key.
        from importlib.metadata import version

        digest = hashlib.sha256(STYLE_PATH.read_bytes())
        digest.update(version("citeproc-py").encode())
        for ref in references:
            digest.update(json.dumps(ref.csl_json(identifiers=False), sort_keys=True).encode())
        key = digest.hexdigest()
        try:
            cached = json.loads(self.cache_file.read_text(encoding="utf-8"))
            if cached.get("key") == key:
                return cached["texts"]
        except (OSError, ValueError):
            pass  # no cache yet, or a damaged one: format afresh
        texts = format_vancouver(references)
        self.cache_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.cache_file.with_name(self.cache_file.name + ".tmp")
        tmp.write_text(json.dumps({"key": key, "texts": texts}), encoding="utf-8")
        tmp.replace(self.cache_file)
        return texts


def format_vancouver(references: Sequence[Reference]) -> dict[str, str]:
    """Format references with citeproc-py; the style has no number, so text is order-free."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
    from citeproc import formatter as csl_formatter
    from citeproc.source.json import CiteProcJSON

    if not references:
        return {}
    style = CitationStylesStyle(str(STYLE_PATH), validate=False)
    source = CiteProcJSON([ref.csl_json(identifiers=False) for ref in references])
    # Plain text, escaped once by whoever writes HTML: citeproc's html formatter does not
    # escape field values, so formatting to HTML here would let '<script>' through.
    bibliography = CitationStylesBibliography(style, source, csl_formatter.plain)
    for ref in references:
        bibliography.register(Citation([CitationItem(ref.key)]))
    texts = {}
    # One item at a time (same cost as the whole list): citeproc silently drops an item with
    # nothing to render, e.g. an x-incomplete entry known only by an identifier, which would
    # shift every later text onto the wrong key.
    for ref, item in zip(references, bibliography.items, strict=True):
        rendered = [str(text).strip() for text in style.render_bibliography([item])]
        texts[ref.key] = rendered[0] if rendered and rendered[0] else _incomplete_text(ref)
    return texts


def _incomplete_text(ref: Reference) -> str:
    ids = [f"{label} {ref.get(name)}" for name, label in _IDS if ref.get(name)]
    return "Record incomplete; " + "; ".join(ids or ["no identifier"]) + "."


_IDS = (("doi", "doi:"), ("pmid", "PMID:"), ("pmcid", "PMCID:"))


def load_bibliography(paths: Sequence[Path]) -> Bibliography:
    """Parse and check every .bib file; a key may be defined once across all files."""
    references: dict[str, Reference] = {}
    # BibTeX keys are case-insensitive (and citeproc lowercases them): 'Sung2021' = 'sung2021'.
    by_folded_key: dict[str, Reference] = {}
    for path in paths:
        for ref in _load_file(Path(path)):
            first = by_folded_key.get(ref.key.casefold())
            if first is not None:
                raise BibError(
                    f"{ref.location}: key '{ref.key}': duplicate key, first defined at "
                    f"{first.location}"
                )
            by_folded_key[ref.key.casefold()] = ref
            references[ref.key] = ref
    return Bibliography(references)


def _load_file(path: Path) -> list[Reference]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BibError(f"{path}: cannot read: {exc}") from exc
    library = bibtexparser.parse_string(text)
    for block in library.blocks:
        line = (block.start_line or 0) + 1
        if isinstance(block, DuplicateBlockKeyBlock):
            first = (block.previous_block.start_line or 0) + 1
            raise BibError(
                f"{path}:{line}: key '{block.key}': duplicate key, first defined at {path}:{first}"
            )
        if isinstance(block, DuplicateFieldKeyBlock):
            names = ", ".join(f"'{name}'" for name in sorted(block.duplicate_keys))
            raise BibError(
                f"{path}:{line}: key '{block.ignore_error_block.key}': field {names} given twice"
            )
        if isinstance(block, ParsingFailedBlock):
            error = block.error
            reason = getattr(error, "abort_reason", None) or str(error) or type(error).__name__
            raise BibError(f"{path}:{line}: malformed entry: {reason}")
        if isinstance(block, ImplicitComment):
            _check_outside_text(block, path)
    if library.failed_blocks:  # a failure kind bibtexparser adds later must not pass silently
        block = library.failed_blocks[0]
        raise BibError(
            f"{path}:{(block.start_line or 0) + 1}: malformed entry ({type(block).__name__})"
        )
    decoder = LatexDecodingMiddleware(keep_braced_groups=True)
    return [_check_entry(entry, path, library, decoder) for entry in library.entries]


def _check_outside_text(block: ImplicitComment, path: Path) -> None:
    """Text between entries is allowed only as ``%`` comments: anything else is usually the
    rest of an entry that an extra ``}`` closed early (its later fields silently dropped)."""
    for offset, text in enumerate(block.comment.splitlines()):
        stripped = text.strip()
        if stripped and not stripped.startswith("%"):
            raise BibError(
                f"{path}:{(block.start_line or 0) + 1 + offset}: text outside any entry: "
                f"{stripped[:40]!r}; an extra '}}' may have closed the entry above early "
                "(comments between entries start with %)"
            )


def _braces_balanced(value: str) -> bool:
    depth = 0
    for match in re.finditer(r"\\.|[{}]", value):
        token = match.group(0)
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _check_field_syntax(name: str, value: str, where_line: int, path: Path, key: str) -> None:
    """What bibtexparser accepts but BibTeX authors never mean: unknown names, values with
    unbalanced braces or with the next field inside them (a missing comma)."""
    if name not in KNOWN_FIELDS:
        raise BibError(
            f"{path}:{where_line}: key '{key}': unknown field '{name}' (known fields: "
            "see KNOWN_FIELDS in src/esoreview/site/bib.py; a typo, or debris of a "
            "malformed entry?)"
        )
    if swallowed := SWALLOWED_FIELD.search(value):
        line = where_line + value.count("\n", 0, swallowed.start("name"))
        raise BibError(
            f"{path}:{line}: key '{key}': field '{name}' runs into "
            f"'{swallowed.group('name')} =': is a comma missing before it?"
        )
    if not _braces_balanced(value):
        raise BibError(
            f"{path}:{where_line}: key '{key}': field '{name}' has unbalanced braces "
            "(a missing or extra '{' or '}')"
        )


def _check_entry(
    entry: Entry, path: Path, library: object, decoder: LatexDecodingMiddleware
) -> Reference:
    line = (entry.start_line or 0) + 1
    where = f"{path}:{line}: key '{entry.key}'"
    entry_type = entry.entry_type.lower()
    if entry_type not in REQUIRED_FIELDS:
        raise BibError(
            f"{where}: unsupported entry type '@{entry.entry_type}' "
            f"(use one of {', '.join(sorted(REQUIRED_FIELDS))})"
        )
    seen: dict[str, int] = {}
    for fld in entry.fields:
        name = fld.key.lower()
        if name in seen:
            raise BibError(
                f"{path}:{(fld.start_line or 0) + 1}: key '{entry.key}': field '{name}' given twice"
            )
        seen[name] = (fld.start_line or 0) + 1
        if not isinstance(fld.value, str):
            raise BibError(f"{path}:{seen[name]}: key '{entry.key}': field '{name}' is not text")
        _check_field_syntax(name, fld.value, seen[name], path, entry.key)
        if problem := dangerous_text(fld.value):
            raise BibError(
                f"{path}:{seen[name]}: key '{entry.key}': field '{name}': {problem}; "
                "reference fields are text and may not carry script"
            )

    verbatim = {
        f.key.lower(): f.value.strip() for f in entry.fields if f.key.lower() in VERBATIM_FIELDS
    }
    entry.fields = [f for f in entry.fields if f.key.lower() not in VERBATIM_FIELDS]
    for fld in entry.fields:
        # Titles pasted from PubMed carry bare '&' and '%'; LaTeX would drop the '&' and
        # treat '%' as a comment, silently losing text.
        fld.value = BARE_LATEX_SPECIALS.sub(r"\\\1", fld.value)
    decoded = decoder.transform_entry(entry, library)
    if not isinstance(decoded, Entry):
        raise BibError(f"{where}: cannot decode LaTeX: {getattr(decoded, 'error', decoded)}")
    raw = {f.key.lower(): " ".join(f.value.split()) for f in decoded.fields}
    fields = {name: _strip_braces(value) for name, value in raw.items()} | verbatim

    # A field no public record showed is declared, never guessed: x-incomplete = {year, journal}.
    declared = {n.strip().lower() for n in fields.get("x-incomplete", "").split(",") if n.strip()}
    requirable = {name for req in REQUIRED_FIELDS[entry_type] for name in req.split("|")}
    if declared - requirable:
        raise BibError(
            f"{where}: x-incomplete names {', '.join(sorted(declared - requirable))}, "
            f"which @{entry_type} does not require (required: {', '.join(sorted(requirable))})"
        )
    if declared and not fields.get("x-source"):
        raise BibError(f"{where}: an x-incomplete entry needs x-source (where the record was seen)")
    for requirement in REQUIRED_FIELDS[entry_type]:
        options = requirement.split("|")
        present = [name for name in options if fields.get(name)]
        if present and declared.intersection(options):
            raise BibError(
                f"{where}: x-incomplete declares '{present[0]}' missing, but the entry has it"
            )
        if not present and not declared.intersection(options):
            wanted = " or ".join(f"'{name}'" for name in options)
            raise BibError(
                f"{where}: missing required field {wanted} for @{entry_type} "
                f"(if no public record shows it, declare it: x-incomplete = {{{options[0]}}})"
            )
    for name, (pattern, description) in FIELD_FORMATS.items():
        value = fields.get(name)
        if value is not None and not pattern.fullmatch(value):
            raise BibError(
                f"{path}:{seen[name]}: key '{entry.key}': field '{name}' = '{value}' "
                f"must be {description}"
            )
    return Reference(
        key=entry.key,
        entry_type=entry_type,
        fields=fields,
        authors=_people(raw.get("author", ""), where),
        editors=_people(raw.get("editor", ""), where),
        source=path,
        line=line,
    )


def _strip_braces(text: str) -> str:
    # Braces in BibTeX protect capitalisation; they are not part of the text.
    return text.replace("{", "").replace("}", "")


def _people(value: str, where: str) -> tuple[Person, ...]:
    if not value:
        return ()
    people = []
    for name in split_multiple_persons_names(value):
        name = name.strip()
        tokens = name.split()
        if name.startswith("{") and name.endswith("}") and name.count("{") == 1:
            people.append(Person(literal=name[1:-1].strip()))
        elif "," not in name and len(tokens) > 1 and VANCOUVER_INITIALS.fullmatch(tokens[-1]):
            people.append(Person(family=_strip_braces(" ".join(tokens[:-1])), given=tokens[-1]))
        else:
            try:
                parts = parse_single_name_into_parts(name)
            except ValueError as exc:
                raise BibError(f"{where}: cannot read name '{name}': {exc}") from exc
            people.append(
                Person(
                    family=_strip_braces(" ".join(parts.von + parts.last)),
                    given=_strip_braces(" ".join(parts.first)),
                    suffix=_strip_braces(" ".join(parts.jr)),
                )
            )
    return tuple(people)
