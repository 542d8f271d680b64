"""The one exception the staging package raises for bad input."""

from __future__ import annotations

from ..clienterrors import FieldError, named_fields_with, short_repr

__all__ = ["StagingError", "named_fields", "short_repr"]


class StagingError(FieldError):
    """Invalid staging input; the message names the field, the value given and what is allowed.

    ``field``, ``value`` and ``allowed`` are kept as attributes so a widget can point at the
    offending input without parsing the message.
    """

    def __init__(
        self, field: str, value: object, allowed: str, problem: str = "is not valid"
    ) -> None:
        self.value = value
        message = f"{field}: {short_repr(value)} {problem}; allowed values: {allowed}"
        super().__init__(field, message, allowed)

    @classmethod
    def unknown_field(cls, key: str, value: object, fields: str) -> StagingError:
        return cls(key, value, fields, "is not a known field")

    @classmethod
    def missing_field(cls, name: str, fields: str) -> StagingError:
        return cls(name, None, fields, "is required")


# Report an unknown or missing keyword as a StagingError naming it, like any other bad field,
# instead of Python's own TypeError.
named_fields = named_fields_with(StagingError)
