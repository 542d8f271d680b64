"""The glossary: one data file (``data/glossary.csv``) explains every abbreviation and term.

From it the build engine

* appends Python-Markdown abbreviation definitions (``*[EMT]: ...``) to every generated page, so
  every occurrence of a term in prose, lists and tables becomes ``<abbr title="...">`` (the
  ``abbr`` extension leaves code, raw HTML blocks such as figure JSON, attributes and URLs
  alone), which ``docs/js/glossary.js`` shows on hover, keyboard focus and tap;
* writes the Glossary page listing every term.

Columns: ``term`` (as written on the pages, case-sensitive), ``definition`` (in our own words,
one sentence or two) and ``cite`` (optional ``;``-separated BibTeX keys). Abbreviations written
in capitals also match their plural ("CAFs"); lower-case terms also match when capitalised at
the start of a sentence.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import EsoreviewError

COLUMNS = ("term", "definition", "cite")
# Letters (any script, so TGF-β), digits, and single inner hyphens or spaces.
TERM = re.compile(r"[^\W_](?:[\w-]| (?=[^\W_]))*", re.UNICODE)
KEY = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_:.\-/]*[A-Za-z0-9_])?")
MAX_DEFINITION = 300


class GlossaryError(EsoreviewError, ValueError):
    """A problem in the glossary file; the message names file, line and column."""


@dataclass(frozen=True)
class Entry:
    term: str
    definition: str
    cites: tuple[str, ...]
    line: int

    @property
    def variants(self) -> tuple[str, ...]:
        """The spellings that carry this entry's definition on the pages."""
        forms = [self.term]
        if self.term[0].islower():
            forms.append(self.term[0].upper() + self.term[1:])  # ferroptosis -> Ferroptosis
        if self.term[-1].isupper():
            forms += [form + "s" for form in forms]  # CAF -> CAFs, microRNA -> MicroRNAs
        return tuple(forms)

    @property
    def anchor(self) -> str:
        # β becomes "b", so "TGF-β" and the spelled-out "TGF-beta" keep distinct ids.
        slug = re.sub(r"[^a-z0-9]+", "-", self.term.casefold().replace("β", "b")).strip("-")
        return f"term-{slug}"


def load_glossary(path: Path, known_keys: Iterable[str] | None = None) -> list[Entry]:
    """Read and check the glossary; any problem raises :class:`GlossaryError` naming file:line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GlossaryError(f"{path}: cannot read: {exc}") from exc
    reader = csv.DictReader(text.splitlines())
    header = tuple(reader.fieldnames or ())
    if header != COLUMNS:
        raise GlossaryError(
            f"{path}:1: header must be {','.join(COLUMNS)}, found {','.join(header)}"
        )
    keys = set(known_keys) if known_keys is not None else None
    entries: list[Entry] = []
    spellings: dict[str, tuple[str, int]] = {}  # every variant -> (term, line)
    anchors: dict[str, tuple[str, int]] = {}  # Glossary-page id -> (term, line)
    for row in reader:
        line = reader.line_num
        if None in row or any(value is None for value in row.values()):
            raise GlossaryError(
                f"{path}:{line}: expected {len(COLUMNS)} columns ({','.join(COLUMNS)})"
            )
        term, definition = row["term"].strip(), " ".join(row["definition"].split())
        if not term:
            raise GlossaryError(f"{path}:{line}: column 'term' is empty")
        if row["term"] != term or not TERM.fullmatch(term):
            raise GlossaryError(
                f"{path}:{line}: term '{row['term']}' must be letters, digits and inner hyphens "
                "or single spaces, with no surrounding space"
            )
        if not definition:
            raise GlossaryError(f"{path}:{line}: term '{term}': column 'definition' is empty")
        if len(definition) > MAX_DEFINITION or re.search(r"[<>\[\]]", definition):
            raise GlossaryError(
                f"{path}:{line}: term '{term}': the definition must be plain text (no <, >, "
                f"[ or ]) of at most {MAX_DEFINITION} characters"
            )
        cites = tuple(k.strip() for k in row["cite"].split(";") if k.strip())
        for key in cites:
            if not KEY.fullmatch(key) or (keys is not None and key not in keys):
                raise GlossaryError(
                    f"{path}:{line}: term '{term}': column 'cite' names unknown key '{key}'"
                )
        entry = Entry(term, definition, cites, line)
        for spelling in entry.variants:
            if spelling in spellings:
                first, first_line = spellings[spelling]
                raise GlossaryError(
                    f"{path}:{line}: duplicate term '{spelling}' (already defined by '{first}' "
                    f"at {path}:{first_line})"
                )
            spellings[spelling] = (term, line)
        if entry.anchor in anchors:
            first, first_line = anchors[entry.anchor]
            raise GlossaryError(
                f"{path}:{line}: term '{term}' is another spelling of '{first}' "
                f"({path}:{first_line}): keep one entry"
            )
        anchors[entry.anchor] = (term, line)
        entries.append(entry)
    return entries


def abbreviations(entries: Iterable[Entry]) -> dict[str, str]:
    """Spelling -> definition, for every spelling of every term."""
    return {spelling: e.definition for e in entries for spelling in e.variants}


def abbreviation_block(entries: Iterable[Entry]) -> str:
    """Python-Markdown ``abbr`` definitions, appended to the end of each generated page."""
    lines = [f"*[{spelling}]: {text}" for spelling, text in abbreviations(entries).items()]
    return "\n".join(lines) + "\n"


def append_abbreviations(pages: Mapping[str, str], entries: list[Entry]) -> dict[str, str]:
    """Every page with the glossary's definitions appended (after a blank line)."""
    block = abbreviation_block(entries)
    return {name: text.rstrip("\n") + "\n\n" + block for name, text in pages.items()}


def glossary_markdown(entries: Iterable[Entry]) -> str:
    """The Glossary page (citations as ``[@key]``, resolved by the caller like any page)."""
    rows = []
    for e in sorted(entries, key=lambda e: (e.term.casefold(), e.term)):
        cite = f" [{'; '.join('@' + k for k in e.cites)}]" if e.cites else ""
        term = e.term.replace("|", "\\|")
        rows.append(f'| <span id="{e.anchor}">{term}</span> | {e.definition}{cite} |')
    return (
        "# Glossary {#glossary}\n\n"
        "The abbreviations and technical terms used on this site, in alphabetical order. "
        "Wherever one of them appears on a page, hovering over it, focusing it with the "
        "keyboard or tapping it shows the same explanation.\n\n"
        '<div class="eso-table" data-filterable markdown>\n\n'
        "| Term | Meaning |\n| --- | --- |\n" + "\n".join(rows) + "\n\n</div>\n"
    )
