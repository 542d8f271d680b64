"""The input-error base the client models share: :class:`FieldError` and its helpers.

``esoreview.staging`` raises :class:`~esoreview.staging.errors.StagingError` and
``esoreview.kinetics`` raises :class:`~esoreview.kinetics.errors.KineticsError`; both derive from
:class:`FieldError`, which keeps the offending ``field`` and what is ``allowed`` as attributes.
The browser bridge (:mod:`esoreview.browser`) sends those two attributes and the error's type
name to the page, so a widget can point at the input without parsing the message.

Standard library only and shipped in the browser wheel (``site/runtime.py``). It does not derive
from the build engine's :class:`esoreview.errors.EsoreviewError`: that one is about a file and a
line for a contributor, is not in the wheel, and these errors never reach the build's command
line.
"""

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


class FieldError(ValueError):
    """Bad input to a client model: ``message`` is the one-line text, ``field`` names the
    offending part of the request and ``allowed`` says what would be accepted."""

    def __init__(self, field: str, message: str, allowed: str = "") -> None:
        self.field = field
        self.allowed = allowed
        super().__init__(message)

    @classmethod
    def unknown_field(cls, key: str, value: object, fields: str) -> FieldError:
        """The error for a keyword the function does not take (``fields`` lists those it does)."""
        return cls(key, f"unknown field {short_repr(key)}; fields are {fields}", fields)

    @classmethod
    def missing_field(cls, name: str, fields: str) -> FieldError:
        """The error for a required keyword that was not given."""
        return cls(name, f"field {name!r} is required", fields)


def named_fields_with(error: type[FieldError]) -> Callable[[F], F]:
    """A decorator that reports an unknown or missing keyword as ``error`` naming it, like any
    other bad field, instead of Python's own ``TypeError``."""

    def decorate(func: F) -> F:
        signature = inspect.signature(func)
        names = ", ".join(signature.parameters)
        variadic = (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)

        @functools.wraps(func)
        def checked(*args: Any, **kwargs: Any) -> Any:
            try:
                signature.bind(*args, **kwargs)
            except TypeError:
                for key in kwargs:
                    if key not in signature.parameters:
                        raise error.unknown_field(key, kwargs[key], names) from None
                missing = [
                    name
                    for name, p in signature.parameters.items()
                    if p.default is inspect.Parameter.empty
                    and p.kind not in variadic
                    and name not in kwargs
                ]
                # Nothing missing (too many positional arguments, say): name them as a whole.
                raise error.missing_field(missing[0] if missing else "arguments", names) from None
            return func(*args, **kwargs)

        return checked  # type: ignore[return-value]

    return decorate
