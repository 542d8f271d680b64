"""The one exception the staging package raises for bad input."""


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
        super().__init__(f"{field}: {value!r} {problem}; allowed values: {allowed}")
