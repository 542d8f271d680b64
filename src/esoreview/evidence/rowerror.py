"""The error every data-file loader of the evidence package raises for a broken row."""

from __future__ import annotations

from pathlib import Path

from ..errors import EsoreviewError


class DataRowError(EsoreviewError, ValueError):
    """A row of a data file breaks a rule; the message names file, line and column."""

    def __init__(self, path: str | Path, line: int, column: str, message: str) -> None:
        self.path = str(path)
        self.line = line
        self.column = column
        self.reason = message
        super().__init__(f"{self.path}, line {line}, column '{column}': {message}")
