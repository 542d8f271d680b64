"""The one exception the kinetics API raises for a bad request."""

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


def short_repr(value: object) -> str:
    """A bounded repr: a reader's junk input must not make the error message itself fail
    (Python refuses to print integers of more than 4300 digits) or grow without limit."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        return f"<integer of about {int(value.bit_length() * 0.30103) + 1} digits>"
    try:
        return _REPR.repr(value)
    except (ValueError, RecursionError):
        return f"<{type(value).__name__}>"


class KineticsError(ValueError):
    """A malformed request to :func:`esoreview.kinetics.api.run` or ``describe``.

    ``field`` names the offending part of the request (``model``, ``params.beta``,
    ``options.t_end``, ``options.initial.tumour0``); ``allowed`` says what would be accepted.
    Both are kept as attributes so a widget can point at the input without parsing the message.
    """

    def __init__(self, field: str, message: str, allowed: str = "") -> None:
        self.field = field
        self.allowed = allowed
        super().__init__(message)


F = TypeVar("F", bound=Callable[..., Any])


def named_fields(func: F) -> F:
    """Report an unknown or missing keyword as a :class:`KineticsError` naming it, instead of
    Python's own ``TypeError``."""
    signature = inspect.signature(func)
    names = ", ".join(signature.parameters)

    @functools.wraps(func)
    def checked(*args: Any, **kwargs: Any) -> Any:
        try:
            signature.bind(*args, **kwargs)
        except TypeError:
            for key in kwargs:
                if key not in signature.parameters:
                    raise KineticsError(
                        key, f"unknown field {short_repr(key)}; fields are {names}", names
                    ) from None
            missing = next(
                (
                    name
                    for name, p in signature.parameters.items()
                    if p.default is inspect.Parameter.empty and name not in kwargs
                ),
                "arguments",
            )
            raise KineticsError(missing, f"field {missing!r} is required", names) from None
        return func(*args, **kwargs)

    return checked  # type: ignore[return-value]
