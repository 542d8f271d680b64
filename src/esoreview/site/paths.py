"""Where things live in a checkout. Every engine module takes its paths from here."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Project:
    """The folders of one checkout of the review."""

    root: Path

    @classmethod
    def find(cls, start: Path | None = None) -> Project:
        """The checkout containing ``start`` (default: the working directory)."""
        here = (start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / "mkdocs.yml").is_file() and (folder / "notebooks").is_dir():
                return cls(folder)
        raise FileNotFoundError(f"no review checkout (mkdocs.yml + notebooks/) at or above {here}")

    @property
    def notebooks(self) -> Path:
        return self.root / "notebooks"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def bib(self) -> Path:
        return self.root / "bib"

    @property
    def package(self) -> Path:
        return self.root / "src" / "esoreview"

    @property
    def lock(self) -> Path:
        return self.root / "requirements.lock"

    @property
    def work(self) -> Path:
        """Scratch space for generated pages, caches and temporary builds (git-ignored)."""
        return self.root / ".build"

    @property
    def generated_docs(self) -> Path:
        return self.work / "docs"

    @property
    def cache(self) -> Path:
        return self.work / "jupyter-cache"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def node_modules(self) -> Path:
        return self.root / "node_modules"

    def bib_files(self) -> list[Path]:
        return sorted(self.bib.glob("*.bib"))

    def notebook_files(self) -> list[Path]:
        return sorted(self.notebooks.glob("[0-9][0-9]-*.py"))
