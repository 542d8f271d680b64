"""The one base class of every error the build engine reports to a contributor.

Every engine error says *where* (``file``, ``line``) and, when there is an obvious next step,
*what to do* (``hint``). The command line prints :meth:`EsoreviewError.one_line` and no
traceback; ``esoreview-build --debug`` shows the traceback as well.

Standard library only, so any module may import it. The client models (staging, kinetics) keep
their own input-error types (``StagingError``, ``KineticsError``, both on the base in
:mod:`esoreview.clienterrors`): they run in the browser and never reach the build's command line.
"""

from __future__ import annotations

from pathlib import Path


class EsoreviewError(Exception):
    """An error a contributor can fix; ``str()`` is the message (which usually names the file).

    ``file``/``line`` locate the problem when the message does not already start with them;
    ``hint`` is the next step ("run `npm ci`", "run `make clean`").
    """

    hint: str | None = None
    details: str = ""  # longer text (a notebook cell's traceback) shown only with --debug

    def __init__(
        self,
        message: str = "",
        *args: object,
        file: str | Path | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message, *args)
        # A subclass may have set its own location before calling this.
        self.file = str(file) if file is not None else getattr(self, "file", None)
        self.line = line if line is not None else getattr(self, "line", None)
        if hint is not None:
            self.hint = hint

    def location(self) -> str:
        if self.file is None:
            return ""
        return f"{self.file}:{self.line}" if self.line is not None else self.file

    def __str__(self) -> str:
        message = super().__str__()
        where = self.location()
        if where and not message.startswith(self.file or ""):
            return f"{where}: {message}"
        return message

    def one_line(self) -> str:
        """``file:line: first line of the message (hint: ...)``, on a single line."""
        message = str(self).strip()
        first = message.splitlines()[0] if message else type(self).__name__
        if self.hint:
            first = f"{first} (hint: {self.hint})"
        return first


def read_utf8(path: Path, shown: str | Path | None = None) -> str:
    """The text of ``path``; a byte that is not UTF-8 is an error naming file and line."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise EsoreviewError(
            f"byte 0x{raw[exc.start]:02x} is not UTF-8",
            file=shown or path,
            line=raw[: exc.start].count(b"\n") + 1,
            hint="save the file as UTF-8",
        ) from None
