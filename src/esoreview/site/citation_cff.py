"""CITATION.cff (Citation File Format 1.2.0): the review's authors, and the release stamp.

Authors are read from ``authors``: a person (``family-names``/``given-names``) is cited by name,
an entity (``name``) as a literal. A release rewrites only the top-level ``version`` and
``date-released`` lines, so comments and layout survive (CFF allows no other keys for a
release history: that lives in ``releases/*.json`` and on the Changelog page).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import EsoreviewError

CFF_NAME = "CITATION.cff"
TOP_LEVEL = r"^{key}:[^\n]*$"


class CitationFileError(EsoreviewError, ValueError):
    """CITATION.cff is unreadable or invalid; the message names the file and key."""


@dataclass(frozen=True)
class Author:
    family: str = ""
    given: str = ""
    literal: str = ""  # an entity ("The esoreview contributors")

    @property
    def display(self) -> str:
        """'Family, Given' for people (BibTeX, RIS, Scholar all accept it); the name otherwise."""
        if self.literal:
            return self.literal
        return f"{self.family}, {self.given}" if self.given else self.family


def _load(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise CitationFileError(f"{path}: missing") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise CitationFileError(f"{path}{line}: not valid YAML") from exc
    if not isinstance(data, dict):
        raise CitationFileError(f"{path}: expected a mapping of CFF keys")
    if str(data.get("cff-version")) != "1.2.0":
        raise CitationFileError(f"{path}: cff-version must be 1.2.0")
    return data


def read_authors(path: Path) -> list[Author]:
    """The ``authors`` of CITATION.cff, in order."""
    data = _load(path)
    entries = data.get("authors")
    if not isinstance(entries, list) or not entries:
        raise CitationFileError(f"{path}: 'authors' must be a non-empty list")
    authors = []
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise CitationFileError(f"{path}: authors[{i}] must be a mapping")
        family = " ".join(
            str(entry[k]) for k in ("name-particle", "family-names") if entry.get(k)
        ).strip()
        if family:
            suffix = f", {entry['name-suffix']}" if entry.get("name-suffix") else ""
            authors.append(Author(family=family + suffix, given=str(entry.get("given-names", ""))))
        elif entry.get("name"):
            authors.append(Author(literal=str(entry["name"])))
        else:
            raise CitationFileError(f"{path}: authors[{i}] needs 'family-names' or 'name'")
    return authors


def stamp_release(path: Path, version: str, date: dt.date) -> str:
    """CITATION.cff's text with ``version`` and ``date-released`` set; checked before return."""
    text = path.read_text(encoding="utf-8")
    _load(path)
    for key, value in (("version", version), ("date-released", date.isoformat())):
        line = f'{key}: "{value}"'  # quoted: YAML would read 0.10 as the number 0.1
        pattern = re.compile(TOP_LEVEL.format(key=re.escape(key)), re.M)
        if pattern.search(text):
            text = pattern.sub(line, text, count=1)
        else:
            anchor = re.compile(TOP_LEVEL.format(key="version"), re.M).search(text)
            at = anchor.end() if anchor else len(text.rstrip("\n"))
            text = text[:at] + "\n" + line + text[at:]
    data = yaml.safe_load(text)
    if data.get("version") != version or data.get("date-released") != date.isoformat():
        raise CitationFileError(f"{path}: could not set version/date-released")
    return text
