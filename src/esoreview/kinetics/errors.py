"""The one exception the kinetics API raises for a bad request."""

from __future__ import annotations

from ..clienterrors import FieldError, named_fields_with, short_repr

__all__ = ["KineticsError", "named_fields", "short_repr"]


class KineticsError(FieldError):
    """A malformed request to :func:`esoreview.kinetics.api.run` or ``describe``.

    ``field`` names the offending part of the request (``model``, ``params.beta``,
    ``options.t_end``, ``options.initial.tumour0``); ``allowed`` says what would be accepted.
    Both are kept as attributes so a widget can point at the input without parsing the message.
    """


# Report an unknown or missing keyword as a KineticsError naming it, not a TypeError.
named_fields = named_fields_with(KineticsError)
