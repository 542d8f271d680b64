"""The one exception the staging package raises for bad input."""

from __future__ import annotations

import functools
import inspect
import reprlib
from collections.abc import Callable
from typing import Any, TypeVar

_REPR = reprlib.Repr()
_REPR.maxstring = 60
_REPR.maxother = 60
_REPR.maxlevel = 3

F = TypeVar("F", bound=Callable[..., Any])


def short_repr(value: object) -> str:
    """A bounded repr: a reader's junk input must not make the error message itself fail
    (Python refuses to print integers of more than 4300 digits) or grow without limit."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        return f"<integer of about {int(value.bit_length() * 0.30103) + 1} digits>"
    try:
        return _REPR.repr(value)
    except (ValueError, RecursionError):
        return f"<{type(value).__name__}>"


class StagingError(ValueError):
    """Invalid staging input; the message names the field, the value given and what is allowed.

    ``field``, ``value`` and ``allowed`` are kept as attributes so a widget can point at the
    offending input without parsing the message.
    """

    def __init__(
        self, field: str, value: object, allowed: str, problem: str = "is not valid"
    ) -> None:
        self.field = field
        self.value = value
        self.allowed = allowed
        super().__init__(f"{field}: {short_repr(value)} {problem}; allowed values: {allowed}")


def named_fields(func: F) -> F:
    """Report an unknown or missing keyword as a :class:`StagingError` naming it, like any
    other bad field, instead of Python's own ``TypeError``."""
    signature = inspect.signature(func)
    names = ", ".join(signature.parameters)

    @functools.wraps(func)
    def checked(*args: Any, **kwargs: Any) -> Any:
        try:
            signature.bind(*args, **kwargs)
        except TypeError:
            for key in kwargs:
                if key not in signature.parameters:
                    raise StagingError(key, kwargs[key], names, "is not a known field") from None
            missing = [
                name
                for name, p in signature.parameters.items()
                if p.default is inspect.Parameter.empty
                and p.kind is not inspect.Parameter.VAR_KEYWORD
                and name not in kwargs
            ]
            field = missing[0] if missing else "arguments"
            raise StagingError(field, None, names, "is required") from None
        return func(*args, **kwargs)

    return checked  # type: ignore[return-value]
